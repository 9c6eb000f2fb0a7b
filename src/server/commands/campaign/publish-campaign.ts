// The committee office publishes a campaign: the given version (which must be the latest, so what
// was reviewed is what goes live) becomes the one the public and applicants see. Publishing again
// after an edit replaces the published version. The configuration is validated once more, so a
// version saved under an older schema cannot go live unchecked.
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { campaigns } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { loadManagedCampaign, loadPrefecture, loadVersionConfig, validateCampaignConfig, type CampaignRow } from './rules.js';

export async function publishCampaign(services: Services, ctx: RequestContext, actor: Actor, id: string, request: { version: number }): Promise<CampaignRow> {
  await loadManagedCampaign(services.db, actor, id);
  return services.db.transaction(async (tx) => {
    const row = await loadManagedCampaign(tx, actor, id, { forUpdate: true });
    if (row.status === 'archived') throw conflict('该评审活动已归档，不能发布', 'CAMPAIGN_ARCHIVED');
    if (row.currentVersion !== request.version) {
      throw conflict(`最新版本为第 ${row.currentVersion} 版，与您要发布的第 ${request.version} 版不一致，请刷新后确认再发布`, 'CAMPAIGN_VERSION_CONFLICT');
    }
    if (row.status === 'published' && row.publishedVersion === row.currentVersion) {
      throw conflict(`第 ${row.currentVersion} 版已发布`, 'ALREADY_PUBLISHED');
    }
    validateCampaignConfig(await loadVersionConfig(tx, id, row.currentVersion), await loadPrefecture(tx, row.prefectureId), id);
    const [updated] = await tx
      .update(campaigns)
      .set({ status: 'published', publishedVersion: row.currentVersion, publishedAt: sql`now()`, publishedBy: actor.userId })
      .where(eq(campaigns.id, id))
      .returning();
    await appendAudit(tx, ctx, {
      action: 'campaign.publish',
      objectType: 'campaign',
      objectId: id,
      detail: { version: row.currentVersion, previousPublishedVersion: row.publishedVersion },
    });
    return updated;
  });
}
