// What every campaign command shares: validating a configuration for the prefecture it is saved
// under, finding the actor's prefecture, loading a campaign the actor may manage, writing a version.
import { isDeepStrictEqual } from 'node:util';
import { and, eq, inArray } from 'drizzle-orm';
import { parseCampaign, type Campaign, type CampaignError } from '../../../domain/campaign/index.js';
import type { Executor } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { campaigns, campaignVersions, organisations } from '../../db/schema.js';
import type { Actor } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { canManageCampaign, officePrefectureIds } from '../../policies/scopes.js';

export type CampaignOrigin = 'created' | 'cloned' | 'edited' | 'imported' | 'seeded';
export type CampaignStatus = 'draft' | 'published' | 'archived';
export type CampaignRow = typeof campaigns.$inferSelect;
export interface PrefectureRow {
  id: string;
  name: string;
  portal: string | null;
}

/** 400 listing every error with its path inside the configuration (the same paths as in a campaign file). */
export function invalidCampaign(errors: CampaignError[]): AppError {
  const shown = errors
    .slice(0, 3)
    .map((e) => `${e.path}：${e.message}`)
    .join('；');
  return new AppError(400, 'CAMPAIGN_INVALID', `评审活动配置有 ${errors.length} 处错误，未保存：${shown}${errors.length > 3 ? '…' : ''}`, errors);
}

export const campaignIdTaken = (id: string) => conflict(`评审活动标识“${id}”已被使用，请换一个标识`, 'CAMPAIGN_ID_TAKEN');

function field(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
}

/** The configuration must describe the prefecture it is saved under (its name, and its portal code when the prefecture has one). */
function prefectureIssues(raw: unknown, prefecture: PrefectureRow): CampaignError[] {
  const issues: CampaignError[] = [];
  const name = field(field(raw, 'prefecture'), 'name');
  const code = field(field(raw, 'prefecture'), 'code');
  if (typeof name === 'string' && name !== prefecture.name) {
    issues.push({ path: 'prefecture.name', message: `应为本评委会办公室所在地州“${prefecture.name}”，实际为“${name}”` });
  }
  if (typeof code === 'string' && prefecture.portal && code !== prefecture.portal) {
    issues.push({ path: 'prefecture.code', message: `应为“${prefecture.name}”的门户代码“${prefecture.portal}”，实际为“${code}”` });
  }
  return issues;
}

/**
 * Validates a whole configuration for `prefecture` (and, for an existing campaign, its id).
 * Returns the parsed campaign or throws 400 with every error; nothing is saved on any error.
 */
export function validateCampaignConfig(raw: unknown, prefecture: PrefectureRow, expectedId?: string): Campaign {
  const parsed = parseCampaign(raw);
  const errors = parsed.ok ? [] : [...parsed.errors];
  errors.push(...prefectureIssues(raw, prefecture));
  const id = field(raw, 'id');
  if (expectedId !== undefined && typeof id === 'string' && id !== expectedId) {
    errors.push({ path: 'id', message: `评审活动标识不能修改：应为“${expectedId}”，实际为“${id}”（如需新标识请复制该活动）` });
  }
  if (!parsed.ok || errors.length > 0) throw invalidCampaign(errors);
  return parsed.campaign;
}

/** The prefectures whose committee office the actor works in. */
export async function officePrefectures(db: Executor, actor: Actor): Promise<PrefectureRow[]> {
  const ids = officePrefectureIds(actor);
  if (ids.length === 0) return [];
  return db.select({ id: organisations.id, name: organisations.name, portal: organisations.portal }).from(organisations).where(inArray(organisations.id, ids));
}

/**
 * The actor's prefecture a new configuration belongs to: the one it names (an office of one
 * prefecture has only one). Throws 400 when it names none of them.
 */
export async function prefectureForNewCampaign(db: Executor, actor: Actor, raw: unknown): Promise<PrefectureRow> {
  const mine = await officePrefectures(db, actor);
  const name = field(field(raw, 'prefecture'), 'name');
  const named = mine.find((p) => p.name === name);
  if (named) return named;
  if (mine.length === 1) return mine[0];
  if (mine.length === 0) throw forbidden('您的账号未关联地州评委会办公室');
  // Several prefectures and none named: validation reports the name against the first.
  return mine[0];
}

/** A campaign the actor may manage, or 404 (another prefecture's campaign is not even shown to exist). */
export async function loadManagedCampaign(db: Executor, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<CampaignRow> {
  const query = db.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row || !canManageCampaign(actor, row.prefectureId)) throw notFound('未找到该评审活动，或您无权访问');
  return row;
}

export async function loadPrefecture(db: Executor, id: string): Promise<PrefectureRow> {
  const [row] = await db.select({ id: organisations.id, name: organisations.name, portal: organisations.portal }).from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function loadVersionConfig(db: Executor, campaignId: string, version: number): Promise<unknown | undefined> {
  const [row] = await db
    .select({ config: campaignVersions.config })
    .from(campaignVersions)
    .where(and(eq(campaignVersions.campaignId, campaignId), eq(campaignVersions.version, version)));
  return row?.config;
}

/** Inserts a new campaign with its first version (a draft unless `publish`). */
export async function insertNewCampaign(
  tx: Executor,
  values: {
    campaign: Campaign;
    prefectureId: string;
    origin: CampaignOrigin;
    userId: string | null;
    publish?: boolean;
    clonedFrom?: { id: string; version: number };
  },
): Promise<CampaignRow> {
  const now = new Date();
  const [row] = await tx
    .insert(campaigns)
    .values({
      id: values.campaign.id,
      prefectureId: values.prefectureId,
      status: values.publish ? 'published' : 'draft',
      currentVersion: 1,
      publishedVersion: values.publish ? 1 : null,
      clonedFromId: values.clonedFrom?.id ?? null,
      clonedFromVersion: values.clonedFrom?.version ?? null,
      createdBy: values.userId,
      updatedAt: now,
      updatedBy: values.userId,
      publishedAt: values.publish ? now : null,
      publishedBy: values.publish ? values.userId : null,
    })
    .returning()
    .catch((err: unknown) => {
      throw uniqueViolation(err) === 'campaigns_pkey' ? campaignIdTaken(values.campaign.id) : err;
    });
  await tx.insert(campaignVersions).values({ campaignId: row.id, version: 1, config: values.campaign, origin: values.origin, createdBy: values.userId });
  return row;
}

/** Top-level sections that differ between two configurations (for the audit row). */
export function changedSections(before: unknown, after: Campaign): string[] {
  // Deep comparison, not JSON text: jsonb does not keep the key order of the saved object.
  return Object.keys(after).filter((k) => !isDeepStrictEqual(field(before, k), (after as Record<string, unknown>)[k]));
}
