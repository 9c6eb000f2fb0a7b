// The competent department's and the committee office's desks (B21-13, B21-12, A24-5): queues of
// the applications waiting there, the application with its scans, return with all reasons,
// the department's batch forwarding with its covering list, the office's 已接收材料.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { ApplicationStatus, ReviewStage } from '../../domain/application/index.js';
import type { App } from '../app.js';
import { returnApplication } from '../commands/application/return-application.js';
import { acceptApplication } from '../commands/review/accept-application.js';
import { forwardBatch } from '../commands/review/forward-batch.js';
import { departmentIds, reviewableApplication } from '../commands/review/reviewable.js';
import { neutraliseCell } from '../documents/spreadsheet.js';
import { BATCH_LIST_HEADER, batchListTitle } from '../documents/unit-review-docs.js';
import type { Actor } from '../http/context.js';
import type { Permission } from '../policies/permissions.js';
import { officePrefectureIds } from '../policies/scopes.js';
import { applicationViewSchema } from '../presenters/application.js';
import { loadBatchList } from '../queries/review-documents.js';
import { loadQueue, queueItemSchema, queueQuerySchema, queueWorkbook, type QueueScope } from '../queries/review-queue.js';
import type { Services } from '../services.js';
import { applicationView } from './applicant.js';
import { materialFile } from '../queries/applications.js';
import { text, uuidParam } from './schemas.js';
import { contentDisposition, sendStoredFile } from './upload-request.js';

const reasonsBody = z.strictObject({ reasons: z.array(text(500).trim().min(1, '退回原因不能为空')).min(1, '请至少写一条退回原因').max(20) });

/** Which applications a desk's queue draws from. */
function scopeOf(actor: Actor, stage: Exclude<ReviewStage, 'unit'>): QueueScope {
  return stage === 'dept' ? { departmentIds: departmentIds(actor) } : { prefectureIds: officePrefectureIds(actor) };
}

function deskRoutes(app: App, services: Services, stage: Exclude<ReviewStage, 'unit'>, prefix: string, access: Permission, tag: string, statuses: [ApplicationStatus, ...ApplicationStatus[]]) {
  const query = queueQuerySchema(statuses);
  app.get(
    `${prefix}/applications`,
    {
      config: { access },
      schema: { tags: [tag], summary: '审核队列（按评审活动、系列、级别、状态、等待天数筛选，分页；总数在 x-total-count）', querystring: query, response: { 200: z.array(queueItemSchema) } },
    },
    async (request, reply) => {
      const { items, total } = await loadQueue(services.db, scopeOf(request.actor!, stage), request.query);
      return reply.header('x-total-count', String(total)).send(items);
    },
  );

  app.get(
    `${prefix}/applications.xlsx`,
    { config: { access }, schema: { tags: [tag], summary: '导出审核队列（Excel，身份证号已遮盖）', querystring: query.omit({ page: true, pageSize: true }) } },
    async (request, reply) => {
      const sheet = stage === 'dept' ? '主管部门审核队列' : '评委会办公室审核队列';
      const workbook = await queueWorkbook(services.db, services.cipher, scopeOf(request.actor!, stage), { ...request.query, page: 1, pageSize: 200 }, sheet);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', `${sheet}.xlsx`, `${stage}-queue.xlsx`))
        .send(workbook);
    },
  );

  app.get(
    `${prefix}/applications/:id`,
    { config: { access }, schema: { tags: [tag], summary: '查看申报', params: uuidParam, response: { 200: applicationViewSchema } } },
    async (request) => applicationView(services, await reviewableApplication(services.db, request.actor!, request.params.id, stage), { forReviewer: true }),
  );

  app.get(
    `${prefix}/applications/:id/files/:fileId/content`,
    { config: { access }, schema: { tags: [tag], summary: '查看申报材料扫描件', params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }) } },
    async (request, reply) => {
      const application = await reviewableApplication(services.db, request.actor!, request.params.id, stage);
      return sendStoredFile(services, reply, await materialFile(services.db, application.id, request.params.fileId));
    },
  );

  app.post(
    `${prefix}/applications/:id/return`,
    { config: { access, audit: 'application.return' }, schema: { tags: [tag], summary: '退回申报修改（逐条写明原因，一次性告知）', params: uuidParam, body: reasonsBody } },
    async (request, reply) => {
      await returnApplication(services, request.ctx, request.actor!, request.params.id, request.body.reasons, stage);
      return reply.status(204).send();
    },
  );
}

export function reviewRoutes(app: App, services: Services) {
  deskRoutes(app, services, 'dept', '/dept', 'application.dept_review', 'department', ['dept_review', 'office_review', 'returned']);
  deskRoutes(app, services, 'office', '/office', 'application.office_review', 'office', ['office_review', 'accepted', 'returned', 'not_accepted']);

  app.post(
    '/dept/batches',
    {
      config: { access: 'application.dept_review', audit: 'application.forward' },
      schema: {
        tags: ['department'],
        summary: '批量报送评委会办公室（同一评审活动）',
        body: z.strictObject({ applicationIds: z.array(z.uuid()).min(1, '请至少选择一份申报').max(500) }),
        response: { 201: z.object({ id: z.string(), number: z.number() }) },
      },
    },
    async (request, reply) => {
      const batch = await forwardBatch(services, request.ctx, request.actor!, request.body.applicationIds);
      return reply.status(201).send({ id: batch.id, number: batch.number });
    },
  );

  app.get(
    '/dept/batches/:id/list.xlsx',
    { config: { access: 'application.dept_review' }, schema: { tags: ['department'], summary: '报送批次花名册（Excel）', params: uuidParam } },
    async (request, reply) => {
      const list = await loadBatchList(services.db, request.actor!, request.params.id);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(`报送批次${list.number}`);
      sheet.addRow([...BATCH_LIST_HEADER]);
      list.rows.forEach((r, i) => sheet.addRow([i + 1, neutraliseCell(r.name), neutraliseCell(r.unitName), r.level, r.status, r.recommendedOn]));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('attachment', `${batchListTitle(list.number)}.xlsx`, `batch-${list.number}.xlsx`))
        .send(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  );

  app.post(
    '/office/applications/:id/accept',
    { config: { access: 'application.office_review', audit: 'application.accept' }, schema: { tags: ['office'], summary: '形式审查通过，已接收材料（开放缴费）', params: uuidParam } },
    async (request, reply) => {
      await acceptApplication(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );
}
