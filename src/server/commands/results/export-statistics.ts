// The statistics workbook of a campaign (one sheet per grouping); an export is audited.
import { appendAudit } from '../../audit/append-audit.js';
import type { RequestContext } from '../../http/context.js';
import { STATISTICS_GROUPINGS, statisticsWorkbook } from '../../presenters/results.js';
import type { Campaign } from '../../../domain/campaign/index.js';
import { campaignStatistics } from '../../queries/statistics.js';
import type { Services } from '../../services.js';

export async function exportStatistics(services: Services, ctx: RequestContext, campaign: Campaign): Promise<Buffer> {
  const sheets = [];
  for (const grouping of STATISTICS_GROUPINGS) sheets.push({ grouping, ...(await campaignStatistics(services.db, campaign, grouping)) });
  const workbook = await statisticsWorkbook(campaign.title, sheets);
  await appendAudit(services.db, ctx, { action: 'statistics.export', objectType: 'campaign', objectId: campaign.id, detail: { sheets: sheets.length } });
  return workbook;
}
