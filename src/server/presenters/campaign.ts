// What leaves the server about a campaign, field by field. The public sees only published
// versions, and of them only what a notice page shows; the office sees its own drafts whole.
import { z } from 'zod';
import { describeCondition, levelsOffered, WINDOW_KEYS, WINDOW_LABELS, LEVELS, PATH_KINDS, SLOT_KINDS, FILE_TYPES, type Campaign } from '../../domain/campaign/index.js';

const levelSchema = z.enum(LEVELS);

export const publicWindowSchema = z.object({
  key: z.enum([...WINDOW_KEYS, 'paymentDeadline']),
  label: z.string(),
  /** Beijing time 'YYYY-MM-DDTHH:mm:ss+08:00'; null for the payment deadline, which only closes. */
  opensAt: z.string().nullable(),
  closesAt: z.string(),
  /** The notice gives only an approximate time. */
  tentative: z.boolean(),
  ruleId: z.string(),
});

/** GET /api/public/campaigns: exactly id, title, prefecture, series, levels, windows, fees (issue 3). */
export const publicCampaignSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  prefecture: z.object({ name: z.string(), portal: z.string().nullable() }),
  series: z.array(z.object({ id: z.string(), name: z.string(), levels: z.array(z.object({ level: levelSchema, titles: z.array(z.string()) })) })),
  levels: z.array(levelSchema),
  windows: z.array(publicWindowSchema),
  fees: z.object({ ruleId: z.string(), amounts: z.array(z.object({ level: levelSchema, amountYuan: z.number() })) }),
});

export const publicCampaignDetailSchema = publicCampaignSchema.extend({
  series: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      levels: z.array(z.object({ level: levelSchema, titles: z.array(z.string()) })),
      specialties: z.array(z.object({ id: z.string(), name: z.string(), titles: z.partialRecord(levelSchema, z.string()) })),
    }),
  ),
  year: z.number(),
  noticeDate: z.string(),
  issuer: z.string(),
  noticeText: z.string(),
  seniorityCutoff: z.object({ date: z.string(), ruleId: z.string() }),
  /** Years whose continuing education is checked (B21-9, A24-15); null: not required. */
  continuingEducationYears: z.object({ from: z.number(), to: z.number(), ruleId: z.string() }).nullable(),
  paths: z.array(z.object({ id: z.string(), kind: z.enum(PATH_KINDS), name: z.string(), portalHost: z.string(), evaluatedBy: z.string(), ruleId: z.string() })),
  materials: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(SLOT_KINDS),
      name: z.string(),
      fileTypes: z.array(z.enum(FILE_TYPES)),
      minCount: z.number(),
      masked: z.boolean(),
      /** Chinese reading of when the slot applies; null: every application. */
      appliesWhen: z.string().nullable(),
      years: z.array(z.number()).nullable(),
      ruleId: z.string(),
    }),
  ),
});

export type PublicCampaign = z.infer<typeof publicCampaignSchema>;
export type PublicCampaignDetail = z.infer<typeof publicCampaignDetailSchema>;

export interface PrefectureView {
  name: string;
  portal: string | null;
}

function seriesLevels(s: Campaign['series'][number]) {
  return s.levels.map((level) => ({ level, titles: [...new Set(s.specialties.map((sp) => sp.titles[level]).filter((t): t is string => typeof t === 'string'))] }));
}

function windowsOf(c: Campaign): PublicCampaign['windows'] {
  const out: PublicCampaign['windows'] = [];
  for (const key of WINDOW_KEYS) {
    const w = c.windows[key];
    if (w) out.push({ key, label: WINDOW_LABELS[key], opensAt: w.opensAt, closesAt: w.closesAt, tentative: w.tentative ?? false, ruleId: w.ruleId });
    if (key === 'committeeReview' && c.windows.paymentDeadline) {
      const d = c.windows.paymentDeadline;
      out.push({ key: 'paymentDeadline', label: WINDOW_LABELS.paymentDeadline, opensAt: null, closesAt: d.at, tentative: false, ruleId: d.ruleId });
    }
  }
  return out;
}

export function presentPublicCampaign(c: Campaign, prefecture: PrefectureView): PublicCampaign {
  return {
    id: c.id,
    title: c.title,
    prefecture: { name: prefecture.name, portal: prefecture.portal },
    series: c.series.map((s) => ({ id: s.id, name: s.name, levels: seriesLevels(s) })),
    levels: levelsOffered(c),
    windows: windowsOf(c),
    fees: { ruleId: c.fees.ruleId, amounts: c.fees.amounts.map((a) => ({ level: a.level, amountYuan: a.amountYuan })) },
  };
}

export function presentPublicCampaignDetail(c: Campaign, prefecture: PrefectureView): PublicCampaignDetail {
  const names = {
    series: Object.fromEntries(c.series.map((s) => [s.id, s.name])),
    specialties: Object.fromEntries(c.series.flatMap((s) => s.specialties.map((sp) => [sp.id, sp.name]))),
  };
  return {
    ...presentPublicCampaign(c, prefecture),
    series: c.series.map((s) => ({
      id: s.id,
      name: s.name,
      levels: seriesLevels(s),
      specialties: s.specialties.map((sp) => ({ id: sp.id, name: sp.name, titles: sp.titles })),
    })),
    year: c.year,
    noticeDate: c.noticeDate,
    issuer: c.issuer.name,
    noticeText: c.noticeText,
    seniorityCutoff: { date: c.seniorityCutoff.date, ruleId: c.seniorityCutoff.ruleId },
    continuingEducationYears: c.rules.continuingEducation
      ? { ...c.rules.continuingEducation.yearsCovered, ruleId: c.rules.continuingEducation.ruleId }
      : null,
    paths: c.paths.map((p) => ({ id: p.id, kind: p.kind, name: p.name, portalHost: p.portalHost, evaluatedBy: p.evaluatedBy, ruleId: p.ruleId })),
    materials: c.materials.map((m) => ({
      id: m.id,
      kind: m.kind,
      name: m.name,
      fileTypes: m.fileTypes,
      minCount: m.minCount,
      masked: m.masked,
      appliesWhen: m.when ? describeCondition(m.when, names) : null,
      years: m.years ?? null,
      ruleId: m.ruleId,
    })),
  };
}

const statusSchema = z.enum(['draft', 'published', 'archived']);

export const officeCampaignSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number(),
  status: statusSchema,
  currentVersion: z.number(),
  publishedVersion: z.number().nullable(),
  /** Saved versions after the published one, not yet visible to the public. */
  hasUnpublishedChanges: z.boolean(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const officeCampaignSchema = officeCampaignSummarySchema.extend({
  prefecture: z.object({ id: z.string(), name: z.string() }),
  clonedFrom: z.object({ id: z.string(), version: z.number() }).nullable(),
  /** The version shown (the current one unless ?version= asked for another). */
  version: z.number(),
  config: z.record(z.string(), z.unknown()),
  versions: z.array(
    z.object({
      version: z.number(),
      origin: z.enum(['created', 'cloned', 'edited', 'imported', 'seeded']),
      createdAt: z.string(),
      createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
      published: z.boolean(),
    }),
  ),
});

export type OfficeCampaignSummary = z.infer<typeof officeCampaignSummarySchema>;

export function presentOfficeSummary(row: {
  id: string;
  title: string;
  year: number;
  status: string;
  currentVersion: number;
  publishedVersion: number | null;
  updatedAt: Date;
  publishedAt: Date | null;
}): OfficeCampaignSummary {
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    status: row.status as OfficeCampaignSummary['status'],
    currentVersion: row.currentVersion,
    publishedVersion: row.publishedVersion,
    hasUnpublishedChanges: row.publishedVersion !== null && row.publishedVersion !== row.currentVersion,
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}
