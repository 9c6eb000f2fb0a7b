import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { App } from '../app.js';
import { confirmMembership, rejectMembership } from '../commands/membership/decide-membership.js';
import { returnApplication } from '../commands/application/return-application.js';
import { memberships, organisations, users } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { isValidDate } from '../../domain/campaign/dates.js';
import { recordObjection, resolveObjection, startPublicity } from '../commands/review/publicity.js';
import { recommendApplication } from '../commands/review/recommend-application.js';
import { reviewableApplication as reviewable } from '../commands/review/reviewable.js';
import { applicationViewSchema } from '../presenters/application.js';
import { loadQueue, queueItemSchema, queueQuerySchema, queueWorkbook } from '../queries/review-queue.js';
import { applicationView } from './applicant.js';
import { materialFile } from '../queries/applications.js';
import { contentDisposition, sendStoredFile } from './upload-request.js';

import { maskedIdNumber, maskedPhone } from '../presenters/people.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';

const statusSchema = z.enum(['pending', 'confirmed', 'rejected']);

export function unitRoutes(app: App, services: Services) {
  app.get(
    '/unit/memberships',
    {
      config: { access: 'membership.review' },
      schema: {
        tags: ['unit'],
        summary: '本单位人员确认队列',
        querystring: z.strictObject({ status: statusSchema.default('pending') }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              idNumberMasked: z.string().nullable(),
              phoneMasked: z.string().nullable(),
              unitId: z.string(),
              unitName: z.string(),
              status: statusSchema,
              reason: z.string().nullable(),
              requestedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const unitIds = request.actor!.roles.filter((g) => g.role === 'unit_reviewer' && g.orgId).map((g) => g.orgId!);
      if (unitIds.length === 0) return [];
      const rows = await services.db
        .select({ m: memberships, name: users.name, idNumberEnc: users.idNumberEnc, phoneEnc: users.phoneEnc, unitName: organisations.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organisations, eq(organisations.id, memberships.unitId))
        .where(and(inArray(memberships.unitId, unitIds), eq(memberships.status, request.query.status)))
        .orderBy(asc(memberships.requestedAt));
      return rows.map((r) => ({
        id: r.m.id,
        name: r.name,
        idNumberMasked: maskedIdNumber(services.cipher, r.idNumberEnc),
        phoneMasked: maskedPhone(services.cipher, r.phoneEnc),
        unitId: r.m.unitId,
        unitName: r.unitName,
        status: r.m.status as z.infer<typeof statusSchema>,
        reason: r.m.reason,
        requestedAt: r.m.requestedAt.toISOString(),
      }));
    },
  );

  app.post(
    '/unit/memberships/:id/confirm',
    { config: { access: 'membership.review', audit: 'membership.confirm' }, schema: { tags: ['unit'], summary: '确认人员属于本单位', params: uuidParam } },
    async (request, reply) => {
      await confirmMembership(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/unit/memberships/:id/reject',
    {
      config: { access: 'membership.review', audit: 'membership.reject' },
      schema: { tags: ['unit'], summary: '退回人员申请', params: uuidParam, body: z.strictObject({ reason: text(500).min(1) }) },
    },
    async (request, reply) => {
      await rejectMembership(services, request.ctx, request.actor!, request.params.id, request.body.reason.trim());
      return reply.status(204).send();
    },
  );

  const reviewedUnitIds = (actor: Actor) => actor.roles.filter((g) => g.role === 'unit_reviewer' && g.orgId).map((g) => g.orgId!);

  const reviewableApplication = (actor: Actor, id: string) => reviewable(services.db, actor, id, 'unit');

  const unitQueueQuery = queueQuerySchema(['unit_review', 'unit_publicity', 'dept_review', 'office_review', 'accepted', 'returned', 'lapsed', 'not_accepted']);

  app.get(
    '/unit/applications',
    {
      config: { access: 'application.unit_review' },
      schema: {
        tags: ['unit'],
        summary: '本单位申报审核队列（按评审活动、系列、级别、状态、等待天数筛选，分页；总数在 x-total-count）',
        querystring: unitQueueQuery,
        response: { 200: z.array(queueItemSchema) },
      },
    },
    async (request, reply) => {
      const { items, total } = await loadQueue(services.db, { unitIds: reviewedUnitIds(request.actor!) }, request.query);
      return reply.header('x-total-count', String(total)).send(items);
    },
  );

  app.get(
    '/unit/applications.xlsx',
    { config: { access: 'application.unit_review' }, schema: { tags: ['unit'], summary: '导出审核队列（Excel，身份证号已遮盖）', querystring: unitQueueQuery.omit({ page: true, pageSize: true }) } },
    async (request, reply) => {
      const workbook = await queueWorkbook(services.db, services.cipher, { unitIds: reviewedUnitIds(request.actor!) }, { ...request.query, page: 1, pageSize: 200 }, '单位审核队列');
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', '单位审核队列.xlsx', 'unit-queue.xlsx'))
        .send(workbook);
    },
  );

  app.get(
    '/unit/applications/:id',
    { config: { access: 'application.unit_review' }, schema: { tags: ['unit'], summary: '查看本单位提交的申报', params: uuidParam, response: { 200: applicationViewSchema } } },
    async (request) => applicationView(services, await reviewableApplication(request.actor!, request.params.id), { forReviewer: true }),
  );

  app.get(
    '/unit/applications/:id/files/:fileId/content',
    {
      config: { access: 'application.unit_review' },
      schema: { tags: ['unit'], summary: '查看申报材料扫描件', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }) },
    },
    async (request, reply) => {
      const app = await reviewableApplication(request.actor!, request.params.id);
      return sendStoredFile(services, reply, await materialFile(services.db, app.id, request.params.fileId));
    },
  );

  app.post(
    '/unit/applications/:id/return',
    {
      config: { access: 'application.unit_review', audit: 'application.return' },
      schema: {
        tags: ['unit'],
        summary: '退回申报修改（逐条写明原因）',
        params: uuidParam,
        body: z.strictObject({ reasons: z.array(text(500).trim().min(1, '退回原因不能为空')).min(1, '请至少写一条退回原因').max(20) }),
      },
    },
    async (request, reply) => {
      await reviewableApplication(request.actor!, request.params.id);
      await returnApplication(services, request.ctx, request.actor!, request.params.id, request.body.reasons);
      return reply.status(204).send();
    },
  );

  app.post(
    '/unit/applications/:id/publicity',
    {
      config: { access: 'application.unit_review', audit: 'application.publicity' },
      schema: {
        tags: ['unit'],
        summary: '开始单位内部公示（按评审活动的工作日历计算公示期，不少于 5 个工作日）',
        params: uuidParam,
        body: z.strictObject({ startsOn: z.string().max(10).refine(isValidDate, '应为有效日期，格式 YYYY-MM-DD') }),
        response: { 200: z.object({ startsOn: z.string(), endsOn: z.string(), workingDays: z.number() }) },
      },
    },
    async (request) => startPublicity(services, request.ctx, request.actor!, request.params.id, request.body.startsOn),
  );

  app.post(
    '/unit/applications/:id/objections',
    {
      config: { access: 'application.unit_review', audit: 'application.objection' },
      schema: { tags: ['unit'], summary: '记录公示期间收到的异议', params: uuidParam, body: z.strictObject({ content: text(2000).trim().min(1, '异议内容不能为空') }) },
    },
    async (request, reply) => {
      const row = await recordObjection(services, request.ctx, request.actor!, request.params.id, request.body.content);
      return reply.status(201).send({ id: row.id });
    },
  );

  app.post(
    '/unit/objections/:id/resolve',
    {
      config: { access: 'application.unit_review', audit: 'application.objection_resolve' },
      schema: { tags: ['unit'], summary: '登记异议的处理结果', params: uuidParam, body: z.strictObject({ resolution: text(2000).trim().min(1, '处理结果不能为空') }) },
    },
    async (request, reply) => {
      await resolveObjection(services, request.ctx, request.actor!, request.params.id, request.body.resolution);
      return reply.status(204).send();
    },
  );

  app.post(
    '/unit/applications/:id/recommend',
    {
      config: { access: 'application.unit_review', audit: 'application.recommend' },
      schema: {
        tags: ['unit'],
        summary: '公示期满、异议处理完毕后推荐上报（B21-10 推荐意见）',
        params: uuidParam,
        response: { 200: z.object({ status: z.string(), opinion: z.string() }) },
      },
    },
    async (request) => recommendApplication(services, request.ctx, request.actor!, request.params.id),
  );
}
