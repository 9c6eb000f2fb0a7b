// Statistics of a campaign for its office (contract E): by series, level, county or unit, and the
// same as an Excel workbook with one sheet per grouping (the export is audited).
import { z } from 'zod';
import type { App } from '../app.js';
import { loadManagedCampaign } from '../commands/campaign/rules.js';
import { exportStatistics } from '../commands/results/export-statistics.js';
import { STATISTICS_GROUPINGS, statisticsSchema } from '../presenters/results.js';
import { loadPublishedCampaign } from '../queries/campaigns.js';
import { campaignStatistics } from '../queries/statistics.js';
import type { Services } from '../services.js';
import { contentDisposition } from './upload-request.js';

const slug = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');
const campaignParam = z.strictObject({ campaignId: slug });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A published campaign of the office's own prefecture, else 404. */
async function officeCampaign(services: Services, actor: Parameters<typeof loadManagedCampaign>[1], campaignId: string) {
  await loadManagedCampaign(services.db, actor, campaignId);
  return (await loadPublishedCampaign(services.db, campaignId)).campaign;
}

export function statisticsRoutes(app: App, services: Services) {
  app.get(
    '/office/campaigns/:campaignId/statistics',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags: ['office'],
        summary: '评审统计：申报、退回、接收、缴费、通过人数和通过率（按系列、级别、县市或单位）',
        params: campaignParam,
        querystring: z.strictObject({ by: z.enum(STATISTICS_GROUPINGS).default('series') }),
        response: { 200: statisticsSchema },
      },
    },
    async (request) => campaignStatistics(services.db, await officeCampaign(services, request.actor!, request.params.campaignId), request.query.by),
  );

  app.get(
    '/office/campaigns/:campaignId/statistics.xlsx',
    { config: { access: 'evaluation.manage', audit: 'statistics.export' }, schema: { tags: ['office'], summary: '导出评审统计（Excel，每种分组一张工作表）', params: campaignParam } },
    async (request, reply) => {
      const campaign = await officeCampaign(services, request.actor!, request.params.campaignId);
      const workbook = await exportStatistics(services, request.ctx, campaign);
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', `${campaign.title}评审统计.xlsx`, `statistics-${campaign.id}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(workbook);
    },
  );
}
