// Results after the vote (contract D, first half): the results publicity (A24-4) and its public
// page, real-name objections while it runs, the office's cases and decisions, the confirmation, and
// the applicant's own result page and review requests / complaints.
import { z } from 'zod';
import { beijingDate } from '../../domain/calendar/calendar.js';
import type { App } from '../app.js';
import { decideCase, fileApplicantCase, fileObjection } from '../commands/results/cases.js';
import { confirmResults, publiciseResults, resultsNoticePdf } from '../commands/results/publicity.js';
import { contentDisposition } from './upload-request.js';
import { hitRateLimit, type RateLimitRule } from '../http/rate-limit.js';
import { applicantResultSchema, officeCaseSchema, publicityPeriodSchema, publicResultsSchema } from '../presenters/results.js';
import { loadManagedCampaign } from '../commands/campaign/rules.js';
import { applicantResult, officeCases, publicResults, RESULT_ENTRY_ID_PATTERN } from '../queries/results.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';

const slug = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');
const content = (what: string) => text(2000).trim().min(1, `请填写${what}`);
/** Real-name objections: enough for anyone with something to say, not for flooding the office. */
const OBJECTIONS_PER_USER: RateLimitRule = { limit: 10, windowSeconds: 3600 };
const caseCreated = z.object({ id: z.string(), createdAt: z.string() });

export function resultsRoutes(app: App, services: Services) {
  app.post(
    '/office/committees/:id/results-publicity',
    {
      config: { access: 'evaluation.manage', audit: 'results.publicise' },
      schema: {
        tags: ['office'],
        summary: '发布评审结果公示（会议次日起，按活动日历计满规定的工作日，A24-4）',
        params: uuidParam,
        response: { 200: publicityPeriodSchema },
      },
    },
    async (request) => publiciseResults(services, request.ctx, request.actor!, request.params.id),
  );

  app.get(
    '/office/committees/:id/results-notice.pdf',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags: ['office'], summary: '评审结果公示（PDF，供用人单位同步公示；只含通过人员的姓名、单位、系列、专业、级别）', params: uuidParam },
    },
    async (request, reply) => {
      const { pdf, name } = await resultsNoticePdf(services, request.actor!, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name, 'results-notice.pdf'))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/public/results',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '评审结果公示（只显示公示期内的通过人员：姓名、单位、系列、专业、级别、结果）',
        querystring: z.strictObject({ prefectureId: z.uuid().optional() }),
        response: { 200: publicResultsSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return publicResults(services.db, services.cipher, beijingDate(new Date()), request.query.prefectureId);
    },
  );

  app.post(
    '/results/:entryId/objections',
    {
      config: { access: 'results.object', audit: 'result_case.file' },
      schema: {
        tags: ['public'],
        summary: '对公示的评审结果提出异议（须实名登录，公示期内）',
        // The public page's opaque entry id, never the application id (see resultEntryId).
        params: z.strictObject({ entryId: z.string().regex(RESULT_ENTRY_ID_PATTERN, '格式不正确') }),
        body: z.strictObject({ content: content('异议内容') }),
        response: { 201: caseCreated },
      },
    },
    async (request, reply) => {
      await hitRateLimit(services.db, `result-objection:user:${request.actor!.userId}`, OBJECTIONS_PER_USER);
      const row = await fileObjection(services, request.ctx, request.actor!, request.params.entryId, request.body.content);
      return reply.status(201).send({ id: row.id, createdAt: row.createdAt.toISOString() });
    },
  );

  app.get(
    '/office/cases',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags: ['office'],
        summary: '公示异议、复查申请和投诉（可按评审活动筛选）',
        querystring: z.strictObject({ campaignId: slug.optional() }),
        response: { 200: z.array(officeCaseSchema) },
      },
    },
    async (request) => {
      if (request.query.campaignId) await loadManagedCampaign(services.db, request.actor!, request.query.campaignId);
      return officeCases(services.db, request.actor!, request.query.campaignId);
    },
  );

  app.post(
    '/office/cases/:id/decision',
    {
      config: { access: 'evaluation.manage', audit: 'result_case.decide' },
      schema: {
        tags: ['office'],
        summary: '处理异议、复查或投诉：调查核实中，或办结（属实 / 不属实）并写明处理结果；查实的公示异议撤销该人员的通过结果，可认定弄虚作假（B21-10）',
        params: uuidParam,
        body: z.strictObject({
          status: z.enum(['investigating', 'upheld', 'dismissed']),
          investigation: text(5000).trim().min(1, '请填写调查核实情况'),
          outcome: text(2000).trim().nullable(),
          // B21-10: an upheld objection that found the candidate's materials false records a fraud finding (the ban).
          fraud: z.boolean().optional(),
        }),
      },
    },
    async (request, reply) => {
      await decideCase(services, request.ctx, request.actor!, request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/office/committees/:id/confirm',
    {
      config: { access: 'evaluation.manage', audit: 'results.confirm' },
      schema: { tags: ['office'], summary: '确认评审结果（公示期满且异议均已办结）', params: uuidParam },
    },
    async (request, reply) => {
      await confirmResults(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/applications/:id/result',
    {
      config: { access: 'application.declare' },
      schema: { tags: ['applicant'], summary: '我的评审结果：进度、结果、公示期、电子证书、复查和投诉', params: uuidParam, response: { 200: applicantResultSchema } },
    },
    async (request) => applicantResult(services.db, request.actor!, request.params.id, beijingDate(new Date())),
  );

  app.post(
    '/me/applications/:id/cases',
    {
      config: { access: 'application.declare', audit: 'result_case.file' },
      schema: {
        tags: ['applicant'],
        summary: '对评审结果申请复查或投诉（评审结果公布后）',
        params: uuidParam,
        body: z.strictObject({ kind: z.enum(['review_request', 'complaint']), content: content('申请内容') }),
        response: { 201: caseCreated },
      },
    },
    async (request, reply) => {
      const row = await fileApplicantCase(services, request.ctx, request.actor!, request.params.id, request.body);
      return reply.status(201).send({ id: row.id, createdAt: row.createdAt.toISOString() });
    },
  );
}
