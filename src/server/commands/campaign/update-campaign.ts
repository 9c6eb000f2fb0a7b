// The committee office saves an edited configuration: the whole configuration, validated, becomes a
// new version (versions are never changed). `baseVersion` is the version the editor started from;
// when someone else saved in between, the save is refused rather than silently overwriting theirs.
//
// Editing a published campaign is allowed and does NOT change what the public and applicants see:
// the published version stays live until the office publishes the new one (publish-campaign.ts).
// An archived campaign is read-only.
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { campaigns, campaignVersions } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { changedSections, loadManagedCampaign, loadPrefecture, loadVersionConfig, validateCampaignConfig, type CampaignRow } from './rules.js';

export async function updateCampaign(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  request: { config: unknown; baseVersion: number },
): Promise<CampaignRow> {
  const existing = await loadManagedCampaign(services.db, actor, id);
  const campaign = validateCampaignConfig(request.config, await loadPrefecture(services.db, existing.prefectureId), id);
  return services.db.transaction(async (tx) => {
    // The row lock serialises concurrent saves, so each gets its own version number.
    const row = await loadManagedCampaign(tx, actor, id, { forUpdate: true });
    if (row.status === 'archived') throw conflict('该评审活动已归档，不能再修改', 'CAMPAIGN_ARCHIVED');
    if (row.currentVersion !== request.baseVersion) {
      throw conflict(`该评审活动已被他人保存为第 ${row.currentVersion} 版（您编辑的是第 ${request.baseVersion} 版），请刷新后重新修改`, 'CAMPAIGN_VERSION_CONFLICT');
    }
    const version = row.currentVersion + 1;
    const before = await loadVersionConfig(tx, id, row.currentVersion);
    await tx.insert(campaignVersions).values({ campaignId: id, version, config: campaign, origin: 'edited', createdBy: actor.userId });
    const [updated] = await tx
      .update(campaigns)
      .set({ currentVersion: version, updatedAt: sql`now()`, updatedBy: actor.userId })
      .where(eq(campaigns.id, id))
      .returning();
    await appendAudit(tx, ctx, {
      action: 'campaign.update',
      objectType: 'campaign',
      objectId: id,
      detail: { version, changed: changedSections(before, campaign), publishedVersion: row.publishedVersion },
    });
    return updated;
  });
}
