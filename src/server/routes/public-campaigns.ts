// Public campaign pages: published campaigns only (a draft does not exist for the public), and the
// self-check (申报资格自查), which computes a verdict and stores nothing.
import { z } from 'zod';
import type { App } from '../app.js';
import { presentPublicCampaign, presentPublicCampaignDetail, publicCampaignDetailSchema, publicCampaignSchema } from '../presenters/campaign.js';
import { listPublishedCampaigns, loadPublishedCampaign } from '../queries/campaigns.js';
import { selfCheckEligibility } from '../queries/eligibility.js';
import type { Services } from '../services.js';
import { campaignIdParam, eligibilityRequestSchema, eligibilityVerdictSchema } from './eligibility-schema.js';

export function publicCampaignRoutes(app: App, services: Services) {
  app.get(
    '/public/campaigns',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '已发布的评审活动（可按地州门户 ?portal=bz 筛选）',
        querystring: z.strictObject({ portal: z.string().max(20).regex(/^[a-z0-9-]+$/, '格式不正确').optional() }),
        response: { 200: z.array(publicCampaignSchema) },
      },
    },
    async (request) => (await listPublishedCampaigns(services.db, request.query.portal)).map((c) => presentPublicCampaign(c.campaign, c.prefecture)),
  );

  app.get(
    '/public/campaigns/:id',
    {
      config: { access: 'public' },
      schema: { tags: ['public'], summary: '评审活动详情：时间安排、评审费、级别、申报途径、材料栏目和通知全文', params: campaignIdParam, response: { 200: publicCampaignDetailSchema } },
    },
    async (request) => {
      const c = await loadPublishedCampaign(services.db, request.params.id);
      return presentPublicCampaignDetail(c.campaign, c.prefecture);
    },
  );

  // Pure computation on what the caller sends, nothing stored: public, with a small body limit and
  // bounded arrays (eligibility-schema.ts) instead of a rate limit, which would cost a write per call.
  app.post(
    '/public/campaigns/:id/eligibility',
    {
      bodyLimit: 64 * 1024,
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '申报资格自查：按本次评审的规则逐条说明是否符合（不保存任何个人信息）',
        params: campaignIdParam,
        body: eligibilityRequestSchema,
        response: { 200: eligibilityVerdictSchema },
      },
    },
    // A logged-in caller's own fraud findings (B21-10) count; an anonymous self-check has none.
    async (request) => selfCheckEligibility(services.db, request.params.id, request.body, new Date(), request.actor?.userId ?? null),
  );
}
