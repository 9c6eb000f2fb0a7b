// Committee office (评委会办公室): the campaigns of its own prefecture. Another prefecture's
// campaign answers 404, as if it did not exist (policies/scopes.ts).
import { z } from 'zod';
import type { App } from '../app.js';
import { cloneCampaign } from '../commands/campaign/clone-campaign.js';
import { createCampaign } from '../commands/campaign/create-campaign.js';
import { importCampaignFile } from '../commands/campaign/import-campaign-file.js';
import { publishCampaign } from '../commands/campaign/publish-campaign.js';
import { updateCampaign } from '../commands/campaign/update-campaign.js';
import { badRequest } from '../http/errors.js';
import { officeCampaignSchema, officeCampaignSummarySchema, presentOfficeSummary } from '../presenters/campaign.js';
import { listOfficeCampaigns, loadOfficeCampaign } from '../queries/campaigns.js';
import type { Services } from '../services.js';
import { campaignIdParam } from './eligibility-schema.js';
import { text } from './schemas.js';

/** A whole configuration (the format of campaigns/*.json); parseCampaign checks it and reports every error by path. */
const configBody = z.record(z.string(), z.unknown());
const version = z.int().min(1).max(1_000_000);

export function officeRoutes(app: App, services: Services) {
  const present = async (actor: Parameters<typeof loadOfficeCampaign>[1], id: string, v?: number) => {
    const c = await loadOfficeCampaign(services.db, actor, id, v);
    return {
      ...presentOfficeSummary({ ...c.row, title: c.title, year: c.year }),
      prefecture: { id: c.prefecture.id, name: c.prefecture.name },
      clonedFrom: c.row.clonedFromId ? { id: c.row.clonedFromId, version: c.row.clonedFromVersion! } : null,
      version: c.version,
      config: c.config,
      versions: c.versions.map((v) => ({
        version: v.version,
        origin: v.origin as 'created',
        createdAt: v.createdAt.toISOString(),
        createdBy: v.userId ? { id: v.userId, name: v.userName! } : null,
        published: v.version === c.row.publishedVersion,
      })),
    };
  };

  app.get(
    '/office/campaigns',
    { config: { access: 'campaign.manage' }, schema: { tags: ['office'], summary: '本地州的评审活动', response: { 200: z.array(officeCampaignSummarySchema) } } },
    async (request) => (await listOfficeCampaigns(services.db, request.actor!)).map(presentOfficeSummary),
  );

  app.get(
    '/office/campaigns/:id',
    {
      config: { access: 'campaign.manage' },
      schema: {
        tags: ['office'],
        summary: '评审活动配置（当前版本或 ?version= 指定版本）及版本列表',
        params: campaignIdParam,
        querystring: z.strictObject({ version: z.coerce.number().pipe(version).optional() }),
        response: { 200: officeCampaignSchema },
      },
    },
    async (request) => present(request.actor!, request.params.id, request.query.version),
  );

  app.post(
    '/office/campaigns',
    {
      config: { access: 'campaign.manage', audit: 'campaign.create' },
      schema: {
        tags: ['office'],
        summary: '新建评审活动（完整配置；出错时 fields 列出每处错误的路径）',
        body: z.strictObject({ config: configBody }),
        response: { 201: officeCampaignSchema },
      },
    },
    async (request, reply) => {
      const row = await createCampaign(services, request.ctx, request.actor!, request.body.config);
      return reply.status(201).send(await present(request.actor!, row.id));
    },
  );

  app.post(
    '/office/campaigns/import',
    {
      config: { access: 'campaign.manage', audit: 'campaign.import' },
      schema: { tags: ['office'], summary: '从 .json 配置文件导入评审活动（multipart 字段 file）', consumes: ['multipart/form-data'], response: { 201: officeCampaignSchema } },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw badRequest('请上传 .json 配置文件');
      const file = await request.file();
      if (!file) throw badRequest('请上传 .json 配置文件', [{ path: 'file', message: '请选择文件' }]);
      const row = await importCampaignFile(services, request.ctx, request.actor!, { filename: file.filename, content: await file.toBuffer() });
      return reply.status(201).send(await present(request.actor!, row.id));
    },
  );

  app.post(
    '/office/campaigns/:id/clone',
    {
      config: { access: 'campaign.manage', audit: 'campaign.clone' },
      schema: {
        tags: ['office'],
        summary: '复制本地州的评审活动为新的草稿（如复制上一年度）',
        params: campaignIdParam,
        body: z.strictObject({ id: z.string().max(100), title: text(200).min(1), year: z.int().min(2000).max(2100), sourceVersion: version.optional() }),
        response: { 201: officeCampaignSchema },
      },
    },
    async (request, reply) => {
      const row = await cloneCampaign(services, request.ctx, request.actor!, request.params.id, request.body);
      return reply.status(201).send(await present(request.actor!, row.id));
    },
  );

  app.put(
    '/office/campaigns/:id',
    {
      config: { access: 'campaign.manage', audit: 'campaign.update' },
      schema: {
        tags: ['office'],
        summary: '保存评审活动配置（整体替换，生成新版本；已发布的须重新发布才生效）',
        params: campaignIdParam,
        body: z.strictObject({ config: configBody, baseVersion: version }),
        response: { 200: officeCampaignSchema },
      },
    },
    async (request) => {
      await updateCampaign(services, request.ctx, request.actor!, request.params.id, request.body);
      return present(request.actor!, request.params.id);
    },
  );

  app.post(
    '/office/campaigns/:id/publish',
    {
      config: { access: 'campaign.manage', audit: 'campaign.publish' },
      schema: {
        tags: ['office'],
        summary: '发布评审活动的最新版本',
        params: campaignIdParam,
        body: z.strictObject({ version }),
        response: { 200: officeCampaignSchema },
      },
    },
    async (request) => {
      await publishCampaign(services, request.ctx, request.actor!, request.params.id, request.body);
      return present(request.actor!, request.params.id);
    },
  );
}
