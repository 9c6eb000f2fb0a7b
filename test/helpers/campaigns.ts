// Campaign configurations for tests: the shipped files re-targeted at a test prefecture under a
// fresh id, and a direct way to put a campaign in the database (draft or published).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { parseCampaign, type Campaign } from '../../src/domain/campaign/index.js';
import { practiceCampaign } from '../../src/server/seed/practice-campaigns.js';
import { insertNewCampaign } from '../../src/server/commands/campaign/rules.js';
import { campaigns, organisations } from '../../src/server/db/schema.js';
import type { Services } from '../../src/server/services.js';

export const AKSU_2024 = 'aksu-2024-news-literature-publishing';
export const BAYINGOL_2021 = 'bayingol-2021-news';

export type RawConfig = Record<string, any>;

export function campaignFile(id: typeof AKSU_2024 | typeof BAYINGOL_2021): RawConfig {
  return JSON.parse(readFileSync(new URL(`../../campaigns/${id}.json`, import.meta.url), 'utf8'));
}

export const freshCampaignId = (base = 'test') => `${base}-${randomBytes(4).toString('hex')}`;

export interface PrefectureInfo {
  id: string;
  name: string;
  portal: string | null;
}

export async function prefectureInfo(services: Services, id: string): Promise<PrefectureInfo> {
  const [row] = await services.db.select({ id: organisations.id, name: organisations.name, portal: organisations.portal }).from(organisations).where(eq(organisations.id, id));
  return row;
}

/** A shipped campaign file as a configuration of `prefecture`, under a fresh id. */
export function configFor(prefecture: PrefectureInfo, base: typeof AKSU_2024 | typeof BAYINGOL_2021 = AKSU_2024, id = freshCampaignId(base === AKSU_2024 ? 'aksu' : 'bz')): RawConfig {
  const config = campaignFile(base);
  config.id = id;
  config.prefecture.name = prefecture.name;
  if (prefecture.portal) config.prefecture.code = prefecture.portal;
  return config;
}

/** Puts a valid campaign straight into the database (bypassing the office routes). */
export async function insertCampaign(
  services: Services,
  prefecture: PrefectureInfo,
  options: { publish?: boolean; base?: typeof AKSU_2024 | typeof BAYINGOL_2021; /** Declaration window open now (the demo's practice copy). */ openNow?: boolean } = {},
) {
  const parsed = parseCampaign(configFor(prefecture, options.base));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  let campaign: Campaign = parsed.campaign;
  if (options.openNow) {
    const practice = practiceCampaign(campaign, new Date());
    if (!practice) throw new Error('the practice copy of the campaign is invalid');
    campaign = { ...practice, id: campaign.id };
  }
  await services.db.transaction((tx) => insertNewCampaign(tx, { campaign, prefectureId: prefecture.id, origin: 'created', userId: null, publish: options.publish }));
  return campaign.id;
}

export async function campaignRow(services: Services, id: string) {
  const [row] = await services.db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}
