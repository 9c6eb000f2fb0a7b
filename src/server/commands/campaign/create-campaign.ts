// The committee office creates a campaign from a whole configuration (the admin form, or a file
// via import-campaign-file.ts). Every error is reported with its path and nothing is saved; the
// campaign starts as a draft at version 1.
import { appendAudit } from '../../audit/append-audit.js';
import type { AuditAction } from '../../../domain/audit-actions.js';
import type { Actor, RequestContext } from '../../http/context.js';
import type { Services } from '../../services.js';
import { insertNewCampaign, prefectureForNewCampaign, validateCampaignConfig, type CampaignRow } from './rules.js';

export async function saveNewCampaign(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  rawConfig: unknown,
  how: { origin: 'created' | 'imported'; action: AuditAction; detail?: Record<string, unknown> },
): Promise<CampaignRow> {
  const prefecture = await prefectureForNewCampaign(services.db, actor, rawConfig);
  const campaign = validateCampaignConfig(rawConfig, prefecture);
  return services.db.transaction(async (tx) => {
    const row = await insertNewCampaign(tx, { campaign, prefectureId: prefecture.id, origin: how.origin, userId: actor.userId });
    await appendAudit(tx, ctx, {
      action: how.action,
      objectType: 'campaign',
      objectId: row.id,
      detail: { title: campaign.title, year: campaign.year, version: 1, ...how.detail },
    });
    return row;
  });
}

export const createCampaign = (services: Services, ctx: RequestContext, actor: Actor, rawConfig: unknown) =>
  saveNewCampaign(services, ctx, actor, rawConfig, { origin: 'created', action: 'campaign.create' });
