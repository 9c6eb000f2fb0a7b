// Reads of campaigns: the office's own (any status, any version) and the public's (published
// versions only). Configurations are stored validated; they are parsed again on the way out so a
// row that no longer fits the schema is never shown as if it did.
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { parseCampaign, type Campaign } from '../../domain/campaign/index.js';
import type { Actor } from '../http/context.js';
import type { Executor } from '../db/client.js';
import { campaigns, campaignVersions, organisations, users } from '../db/schema.js';
import { notFound } from '../http/errors.js';
import { loadManagedCampaign, loadVersionConfig } from '../commands/campaign/rules.js';
import { officePrefectureIds } from '../policies/scopes.js';

const configTitle = sql<string>`${campaignVersions.config}->>'title'`;
const configYear = sql<number>`(${campaignVersions.config}->>'year')::int`;

/** The campaigns of the actor's prefecture(s), newest year first. */
export async function listOfficeCampaigns(db: Executor, actor: Actor) {
  const prefectureIds = officePrefectureIds(actor);
  if (prefectureIds.length === 0) return [];
  return db
    .select({
      id: campaigns.id,
      title: configTitle,
      year: configYear,
      status: campaigns.status,
      currentVersion: campaigns.currentVersion,
      publishedVersion: campaigns.publishedVersion,
      updatedAt: campaigns.updatedAt,
      publishedAt: campaigns.publishedAt,
    })
    .from(campaigns)
    .innerJoin(campaignVersions, and(eq(campaignVersions.campaignId, campaigns.id), eq(campaignVersions.version, campaigns.currentVersion)))
    .where(inArray(campaigns.prefectureId, prefectureIds))
    .orderBy(desc(configYear), asc(campaigns.id));
}

/** One campaign of the actor's prefecture with the asked (default: current) version's configuration and the version list. */
export async function loadOfficeCampaign(db: Executor, actor: Actor, id: string, version?: number) {
  const row = await loadManagedCampaign(db, actor, id);
  const shown = version ?? row.currentVersion;
  const config = await loadVersionConfig(db, id, shown);
  if (config === undefined) throw notFound(`该评审活动没有第 ${shown} 版`);
  const [prefecture] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, row.prefectureId));
  const versions = await db
    .select({ version: campaignVersions.version, origin: campaignVersions.origin, createdAt: campaignVersions.createdAt, userId: users.id, userName: users.name })
    .from(campaignVersions)
    .leftJoin(users, eq(users.id, campaignVersions.createdBy))
    .where(eq(campaignVersions.campaignId, id))
    .orderBy(desc(campaignVersions.version));
  return {
    row,
    title: String((config as { title?: unknown }).title ?? ''),
    year: Number((config as { year?: unknown }).year ?? 0),
    prefecture,
    version: shown,
    config: config as Record<string, unknown>,
    versions,
  };
}

export interface PublishedCampaign {
  campaign: Campaign;
  version: number;
  prefecture: { id: string; name: string; portal: string | null };
}

function publishedQuery(db: Executor) {
  return db
    .select({
      id: campaigns.id,
      version: campaigns.publishedVersion,
      config: campaignVersions.config,
      prefectureId: organisations.id,
      prefectureName: organisations.name,
      portal: organisations.portal,
    })
    .from(campaigns)
    .innerJoin(campaignVersions, and(eq(campaignVersions.campaignId, campaigns.id), eq(campaignVersions.version, campaigns.publishedVersion)))
    .innerJoin(organisations, eq(organisations.id, campaigns.prefectureId));
}

interface PublishedRow {
  version: number | null;
  config: unknown;
  prefectureId: string;
  prefectureName: string;
  portal: string | null;
}

function toPublished(r: PublishedRow): PublishedCampaign | null {
  const parsed = parseCampaign(r.config);
  if (!parsed.ok) return null;
  return { campaign: parsed.campaign, version: r.version!, prefecture: { id: r.prefectureId, name: r.prefectureName, portal: r.portal } };
}

/** Published campaigns, optionally of one prefecture portal (bz, aks), newest year first. */
export async function listPublishedCampaigns(db: Executor, portal?: string): Promise<PublishedCampaign[]> {
  const rows = await publishedQuery(db)
    .where(and(eq(campaigns.status, 'published'), isNotNull(campaigns.publishedVersion), portal ? eq(organisations.portal, portal) : undefined))
    .orderBy(desc(sql`(${campaignVersions.config}->>'year')::int`), asc(campaigns.id));
  return rows.map(toPublished).filter((c): c is PublishedCampaign => c !== null);
}

/**
 * Parsed versions by `id@version`. A stored version never changes (campaign_versions is written
 * once), so a parse can be reused for as long as the process lives; parsing and validating a whole
 * notice on every autosave would otherwise be most of the request's cost. Bounded, oldest out.
 */
const parsedVersions = new Map<string, Campaign>();
const PARSED_VERSIONS_MAX = 200;

/** A published campaign's published version, or 404 (drafts do not exist for the public). */
export async function loadPublishedCampaign(db: Executor, id: string): Promise<PublishedCampaign> {
  const [meta] = await db
    .select({ version: campaigns.publishedVersion, prefectureId: organisations.id, prefectureName: organisations.name, portal: organisations.portal })
    .from(campaigns)
    .innerJoin(organisations, eq(organisations.id, campaigns.prefectureId))
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'published'), isNotNull(campaigns.publishedVersion)));
  if (!meta) throw notFound('未找到该评审活动');
  const key = `${id}@${meta.version}`;
  let campaign = parsedVersions.get(key);
  if (!campaign) {
    const [row] = await db
      .select({ config: campaignVersions.config })
      .from(campaignVersions)
      .where(and(eq(campaignVersions.campaignId, id), eq(campaignVersions.version, meta.version!)));
    const parsed = row ? parseCampaign(row.config) : null;
    if (!parsed?.ok) throw notFound('未找到该评审活动');
    campaign = parsed.campaign;
    if (parsedVersions.size >= PARSED_VERSIONS_MAX) parsedVersions.delete(parsedVersions.keys().next().value!);
    parsedVersions.set(key, campaign);
  }
  return { campaign, version: meta.version!, prefecture: { id: meta.prefectureId, name: meta.prefectureName, portal: meta.portal } };
}
