// The shipped campaign files (campaigns/*.json) as published campaigns of their prefectures, in
// demo mode. Every file is validated by parseCampaign; one broken file stops start-up with every
// error of every file listed. Its own idempotent step: a campaign already in the database (perhaps
// edited by the office since) is left alone, and a demo database seeded before campaigns existed
// gets them at its next start.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { parseCampaign, type Campaign } from '../../domain/campaign/index.js';
import { appendAudit } from '../audit/append-audit.js';
import { campaigns, campaignVersions, organisations } from '../db/schema.js';
import { systemContext } from '../http/context.js';
import type { Services } from '../services.js';

export const CAMPAIGNS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../campaigns');

/** One or more campaign files cannot be loaded; the message lists every error with file and path. */
export class CampaignFileError extends Error {
  override readonly name = 'CampaignFileError';
}

export async function readCampaignFiles(dir = CAMPAIGNS_DIR): Promise<{ file: string; campaign: Campaign }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const loaded: { file: string; campaign: Campaign }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: 不是有效的 JSON（${(error as Error).message}）`);
      continue;
    }
    const parsed = parseCampaign(raw);
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push(`${file}: ${e.path}: ${e.message}`);
      continue;
    }
    if (`${parsed.campaign.id}.json` !== file) problems.push(`${file}: id: 文件名应为“${parsed.campaign.id}.json”`);
    loaded.push({ file, campaign: parsed.campaign });
  }
  if (problems.length > 0) {
    throw new CampaignFileError(`评审活动配置文件有 ${problems.length} 处错误（${dir}）：\n  ${problems.join('\n  ')}`);
  }
  return loaded;
}

/**
 * Inserts each campaign not yet in the database as published (version 1, origin "seeded"), under
 * the prefecture its configuration names. Returns the ids inserted.
 */
export async function seedCampaigns(services: Services, list: { file: string; campaign: Campaign }[]): Promise<string[]> {
  const inserted: string[] = [];
  for (const { file, campaign } of list) {
    const prefectures = await services.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.kind, 'prefecture'), eq(organisations.name, campaign.prefecture.name)));
    if (prefectures.length !== 1) {
      throw new CampaignFileError(`${file}: prefecture.name: ${prefectures.length === 0 ? '找不到' : '有多个'}名为“${campaign.prefecture.name}”的地州`);
    }
    await services.db.transaction(async (tx) => {
      const now = new Date();
      const rows = await tx
        .insert(campaigns)
        .values({ id: campaign.id, prefectureId: prefectures[0].id, status: 'published', currentVersion: 1, publishedVersion: 1, updatedAt: now, publishedAt: now })
        .onConflictDoNothing({ target: campaigns.id })
        .returning({ id: campaigns.id });
      if (rows.length === 0) return; // already there (maybe edited since): left alone
      await tx.insert(campaignVersions).values({ campaignId: campaign.id, version: 1, config: campaign, origin: 'seeded' });
      await appendAudit(tx, systemContext('demo-seed'), { action: 'demo.seed', objectType: 'campaign', objectId: campaign.id, detail: { file } });
      inserted.push(campaign.id);
    });
  }
  return inserted;
}

export async function seedDemoCampaigns(services: Services): Promise<string[]> {
  return seedCampaigns(services, await readCampaignFiles());
}
