// The committee office starts a new campaign from one of its own (typically last year's): the
// chosen version's whole configuration under a new id, title and year, as a draft at version 1.
// The copy keeps the source's dates and fees until the office edits them.
import { appendAudit } from '../../audit/append-audit.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { insertNewCampaign, loadManagedCampaign, loadPrefecture, loadVersionConfig, validateCampaignConfig, type CampaignRow } from './rules.js';

export interface CloneRequest {
  id: string;
  title: string;
  year: number;
  /** Version of the source to copy; its current version when absent. */
  sourceVersion?: number;
}

export async function cloneCampaign(services: Services, ctx: RequestContext, actor: Actor, sourceId: string, request: CloneRequest): Promise<CampaignRow> {
  const source = await loadManagedCampaign(services.db, actor, sourceId);
  const version = request.sourceVersion ?? source.currentVersion;
  const config = await loadVersionConfig(services.db, source.id, version);
  if (config === undefined) throw notFound(`该评审活动没有第 ${version} 版`);
  const prefecture = await loadPrefecture(services.db, source.prefectureId);
  const campaign = validateCampaignConfig({ ...(config as object), id: request.id, title: request.title, year: request.year }, prefecture);
  return services.db.transaction(async (tx) => {
    const row = await insertNewCampaign(tx, {
      campaign,
      prefectureId: prefecture.id,
      origin: 'cloned',
      userId: actor.userId,
      clonedFrom: { id: source.id, version },
    });
    await appendAudit(tx, ctx, {
      action: 'campaign.clone',
      objectType: 'campaign',
      objectId: row.id,
      detail: { from: source.id, fromVersion: version, title: campaign.title, year: campaign.year },
    });
    return row;
  });
}
