// The applicant's routes: personal archive, scans, applications (form, materials, masking,
// commitment, preview, submit, withdraw) and notifications. Every object is the caller's own;
// another applicant's id answers 404.
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ARCHIVE_KINDS, type ArchiveKind } from '../../domain/application/index.js';
import { LEVELS } from '../../domain/campaign/index.js';
import { maskIdNumber } from '../../domain/id-number.js';
import type { App } from '../app.js';
import { deleteArchiveRecord } from '../commands/archive/delete-archive-record.js';
import { archiveRecordInput, saveArchiveRecord } from '../commands/archive/save-archive-record.js';
import { createApplication } from '../commands/application/create-application.js';
import { setMasking, signCommitment } from '../commands/application/masking-and-commitment.js';
import { addArchiveFileToSlot, removeMaterial, uploadMaterial } from '../commands/application/materials.js';
import { saveSection } from '../commands/application/save-section.js';
import { problemsOf, submitApplication } from '../commands/application/submit-application.js';
import { withdrawApplication } from '../commands/application/withdraw-application.js';
import { rotateFile } from '../commands/files/rotate-file.js';
import { uploadFile } from '../commands/files/upload-file.js';
import { applicationEvents, applications, archiveRecords, notifications, objections, publicities } from '../db/schema.js';
import { commitmentDocx, commitmentPdf, type CommitmentData } from '../documents/commitment.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import {
  archiveRecordViewSchema,
  applicationSummarySchema,
  applicationViewSchema,
  blindPreviewSchema,
  fileViewSchema,
  presentApplication,
  presentBlindPreview,
  presentFile,
  presentRecord,
  presentSummary,
} from '../presenters/application.js';
import {
  listArchive,
  loadApplicantUnit,
  loadApplicationContext,
  loadIdentity,
  loadOwnApplication,
  loadOwnFile,
  type ApplicationRow,
} from '../queries/applications.js';
import type { Services } from '../services.js';
import { presentPublicCampaign, publicCampaignSchema } from '../presenters/campaign.js';
import { listPublishedCampaigns } from '../queries/campaigns.js';
import { prefectureOf } from '../queries/organisations.js';
import { text } from './schemas.js';
import { contentDisposition, readUpload, sendStoredFile } from './upload-request.js';

const idParam = z.strictObject({ id: z.uuid() });
const slug = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');
const fieldValue = z.union([text(5000), z.array(z.uuid()).max(100)]);

/** The application as its applicant (or, with `forReviewer`, a reviewer) sees it. */
export async function applicationView(services: Services, app: ApplicationRow, options: { forReviewer?: boolean } = {}) {
  const now = new Date();
  const context = await loadApplicationContext(services.db, services.cipher, app, now);
  const events = await services.db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.occurredAt), asc(applicationEvents.id));
  const editable = app.status === 'draft' || app.status === 'returned';
  const [publicity] = await services.db.select().from(publicities).where(eq(publicities.applicationId, app.id));
  const objectionRows = options.forReviewer ? await services.db.select().from(objections).where(eq(objections.applicationId, app.id)).orderBy(asc(objections.recordedAt)) : null;
  return presentApplication(context, editable ? problemsOf(context, { acknowledgeLeaks: false, now }) : [], events, {
    publicity: publicity ? { startsOn: publicity.startsOn, endsOn: publicity.endsOn, workingDays: publicity.workingDays } : null,
    objections: objectionRows,
  });
}

async function commitmentData(services: Services, actor: Actor, app: ApplicationRow): Promise<CommitmentData> {
  const context = await loadApplicationContext(services.db, services.cipher, app, new Date());
  const identity = await loadIdentity(services.db, services.cipher, actor.userId);
  const { campaign } = context;
  const series = campaign.series.find((s) => s.id === app.seriesId)!;
  const specialty = series.specialties.find((s) => s.id === app.specialtyId)!;
  return {
    campaignTitle: campaign.title,
    issuer: campaign.issuer.name,
    applicantName: identity.name,
    idNumberMasked: maskIdNumber(identity.idNumber),
    unitName: context.unitName,
    seriesName: series.name,
    specialtyName: specialty.name,
    level: app.level,
    titleName: specialty.titles[app.level as (typeof LEVELS)[number]] ?? '',
    pathName: campaign.paths.find((p) => p.id === app.pathId)?.name ?? '',
    fraudBanYears: campaign.rules.fraudBan?.years ?? null,
    signedAt: app.commitmentSignedAt ? new Date(app.commitmentSignedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null,
    applicationId: app.id,
  };
}

export function applicantRoutes(app: App, services: Services) {
  const tags = ['applicant'];

  // ---- archive --------------------------------------------------------------------------------
  app.get(
    '/me/archive',
    { config: { access: 'application.declare' }, schema: { tags, summary: '我的个人档案', response: { 200: z.array(archiveRecordViewSchema) } } },
    async (request) => (await listArchive(services.db, request.actor!.userId)).map(presentRecord),
  );

  app.post(
    '/me/archive/:recordKind',
    {
      config: { access: 'application.declare', audit: 'archive.save' },
      schema: { tags, summary: '新增档案记录', params: z.strictObject({ recordKind: z.enum(ARCHIVE_KINDS) }), body: archiveRecordInput, response: { 201: archiveRecordViewSchema } },
    },
    async (request, reply) => {
      const row = await saveArchiveRecord(services, request.ctx, request.actor!, { kind: request.params.recordKind, ...request.body });
      return reply.status(201).send(presentRecord({ id: row.id, kind: row.kind as ArchiveKind, data: row.data as never, fileIds: row.fileIds }));
    },
  );

  app.put(
    '/me/archive/records/:id',
    {
      config: { access: 'application.declare', audit: 'archive.save' },
      schema: { tags, summary: '修改档案记录', params: idParam, body: archiveRecordInput, response: { 200: archiveRecordViewSchema } },
    },
    async (request) => {
      const [existing] = await services.db
        .select({ kind: archiveRecords.kind })
        .from(archiveRecords)
        .where(and(eq(archiveRecords.id, request.params.id), eq(archiveRecords.userId, request.actor!.userId)));
      if (!existing) throw notFound('未找到该档案记录');
      const row = await saveArchiveRecord(services, request.ctx, request.actor!, { id: request.params.id, kind: existing.kind as ArchiveKind, ...request.body });
      return presentRecord({ id: row.id, kind: row.kind as ArchiveKind, data: row.data as never, fileIds: row.fileIds });
    },
  );

  app.delete(
    '/me/archive/records/:id',
    { config: { access: 'application.declare', audit: 'archive.delete' }, schema: { tags, summary: '删除档案记录', params: idParam } },
    async (request, reply) => {
      await deleteArchiveRecord(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  // ---- files ----------------------------------------------------------------------------------
  app.post(
    '/me/files',
    {
      config: { access: 'application.declare', audit: 'file.upload' },
      schema: { tags, summary: '上传扫描件（multipart 字段 file；JPG、PNG、PDF）', consumes: ['multipart/form-data'], response: { 201: fileViewSchema } },
    },
    async (request, reply) => {
      const row = await uploadFile(services, request.ctx, request.actor!, await readUpload(request));
      return reply.status(201).send(presentFile(row));
    },
  );

  app.get(
    '/me/files/:id',
    { config: { access: 'application.declare' }, schema: { tags, summary: '扫描件信息（质量提示、遮盖检查结果）', params: idParam, response: { 200: fileViewSchema } } },
    async (request) => presentFile(await loadOwnFile(services.db, request.actor!, request.params.id)),
  );

  app.get(
    '/me/files/:id/content',
    { config: { access: 'application.declare' }, schema: { tags, summary: '查看扫描件', params: idParam } },
    async (request, reply) => {
      return sendStoredFile(services, reply, await loadOwnFile(services.db, request.actor!, request.params.id));
    },
  );

  app.post(
    '/me/files/:id/rotate',
    {
      config: { access: 'application.declare', audit: 'file.rotate' },
      schema: {
        tags,
        summary: '旋转扫描件（顺时针 90°、180°、270°）；新文件替换档案和未提交申报中的原文件',
        params: idParam,
        body: z.strictObject({ degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]) }),
        response: { 201: fileViewSchema },
      },
    },
    async (request, reply) => {
      const row = await rotateFile(services, request.ctx, request.actor!, request.params.id, request.body.degrees);
      return reply.status(201).send(presentFile(row));
    },
  );

  // ---- applications ---------------------------------------------------------------------------
  app.get(
    '/me/campaigns',
    {
      config: { access: 'application.declare' },
      schema: { tags, summary: '可申报的评审活动：本人工作单位所在地州已发布的活动', response: { 200: z.array(publicCampaignSchema) } },
    },
    async (request) => {
      const unit = await loadApplicantUnit(services.db, request.actor!.userId).catch(() => null);
      if (!unit) return [];
      const prefectureId = await prefectureOf(services.db, unit.id);
      return (await listPublishedCampaigns(services.db))
        .filter((c) => c.prefecture.id === prefectureId)
        .map((c) => presentPublicCampaign(c.campaign, c.prefecture));
    },
  );

  app.get(
    '/me/applications',
    { config: { access: 'application.declare' }, schema: { tags, summary: '我的申报', response: { 200: z.array(applicationSummarySchema) } } },
    async (request) =>
      (await services.db.select().from(applications).where(eq(applications.applicantId, request.actor!.userId)).orderBy(desc(applications.updatedAt))).map(
        presentSummary,
      ),
  );

  app.post(
    '/me/applications',
    {
      config: { access: 'application.declare', audit: 'application.create' },
      schema: {
        tags,
        summary: '创建申报：系列 → 专业 → 级别 → 申报途径',
        body: z.strictObject({ campaignId: slug, seriesId: slug, specialtyId: slug, level: z.enum(LEVELS), pathId: slug }),
        response: { 201: applicationViewSchema },
      },
    },
    async (request, reply) => {
      const row = await createApplication(services, request.ctx, request.actor!, request.body);
      return reply.status(201).send(await applicationView(services, row));
    },
  );

  app.get(
    '/me/applications/:id',
    { config: { access: 'application.declare' }, schema: { tags, summary: '申报详情：填写内容、材料、资格自查、待办问题、进度', params: idParam, response: { 200: applicationViewSchema } } },
    async (request) => applicationView(services, await loadOwnApplication(services.db, request.actor!, request.params.id)),
  );

  app.put(
    '/me/applications/:id/sections/:sectionId',
    {
      config: { access: 'application.declare', audit: 'application.save' },
      schema: {
        tags,
        summary: '自动保存一个栏目（version 防止旧页面覆盖新内容）',
        params: z.strictObject({ id: z.uuid(), sectionId: z.string().max(50).regex(/^[a-zA-Z]+$/, '格式不正确') }),
        body: z.strictObject({ version: z.int().min(1), values: z.record(z.string().max(50), fieldValue) }),
        response: { 200: applicationViewSchema },
      },
    },
    async (request) => {
      await saveSection(services, request.ctx, request.actor!, request.params.id, { ...request.body, sectionId: request.params.sectionId });
      return applicationView(services, await loadOwnApplication(services.db, request.actor!, request.params.id));
    },
  );

  app.post(
    '/me/applications/:id/materials/:slotId',
    {
      config: { access: 'application.declare', audit: 'file.upload' },
      schema: {
        tags,
        summary: '向材料栏目上传扫描件（multipart 字段 file）',
        consumes: ['multipart/form-data'],
        params: z.strictObject({ id: z.uuid(), slotId: slug }),
        response: { 201: fileViewSchema },
      },
    },
    async (request, reply) => {
      const row = await uploadMaterial(services, request.ctx, request.actor!, request.params.id, request.params.slotId, await readUpload(request));
      return reply.status(201).send(presentFile(row));
    },
  );

  app.post(
    '/me/applications/:id/materials/:slotId/from-archive',
    {
      config: { access: 'application.declare', audit: 'application.material_add' },
      schema: { tags, summary: '把档案中的扫描件放入材料栏目', params: z.strictObject({ id: z.uuid(), slotId: slug }), body: z.strictObject({ fileId: z.uuid() }) },
    },
    async (request, reply) => {
      await addArchiveFileToSlot(services, request.ctx, request.actor!, request.params.id, request.params.slotId, request.body.fileId);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/me/applications/:id/materials/:materialId',
    {
      config: { access: 'application.declare', audit: 'application.material_remove' },
      schema: { tags, summary: '移除材料', params: z.strictObject({ id: z.uuid(), materialId: z.uuid() }) },
    },
    async (request, reply) => {
      await removeMaterial(services, request.ctx, request.actor!, request.params.id, request.params.materialId);
      return reply.status(204).send();
    },
  );

  app.put(
    '/me/applications/:id/masking',
    {
      config: { access: 'application.declare', audit: 'application.masking' },
      schema: { tags, summary: '勾选盲评遮盖项目（A24-7）', params: idParam, body: z.strictObject({ items: z.array(text(20)).max(10) }) },
    },
    async (request, reply) => {
      await setMasking(services, request.ctx, request.actor!, request.params.id, request.body.items);
      return reply.status(204).send();
    },
  );

  app.post(
    '/me/applications/:id/commitment',
    {
      config: { access: 'application.declare', audit: 'application.commitment' },
      schema: { tags, summary: '签署个人承诺书（输入本人姓名）', params: idParam, body: z.strictObject({ name: text(50) }) },
    },
    async (request, reply) => {
      await signCommitment(services, request.ctx, request.actor!, request.params.id, request.body.name);
      return reply.status(204).send();
    },
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/me/applications/:id/commitment.${format}`,
      { config: { access: 'application.declare' }, schema: { tags, summary: `下载个人承诺书（${format.toUpperCase()}，已填入申报信息）`, params: idParam } },
      async (request, reply) => {
        const row = await loadOwnApplication(services.db, request.actor!, request.params.id);
        const data = await commitmentData(services, request.actor!, row);
        const bytes = format === 'pdf' ? await commitmentPdf(data) : await commitmentDocx(data);
        return reply
          .type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', contentDisposition('attachment', `个人承诺书.${format}`, `commitment.${format}`))
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  }

  app.get(
    '/me/applications/:id/blind-preview',
    { config: { access: 'application.declare' }, schema: { tags, summary: '按专家所见预览（盲评：不显示姓名、照片、单位、身份证号、手机号）', params: idParam, response: { 200: blindPreviewSchema } } },
    async (request) => {
      const row = await loadOwnApplication(services.db, request.actor!, request.params.id);
      const context = await loadApplicationContext(services.db, services.cipher, row, new Date());
      return presentBlindPreview(context, await loadIdentity(services.db, services.cipher, request.actor!.userId));
    },
  );

  app.post(
    '/me/applications/:id/submit',
    {
      config: { access: 'application.declare', audit: 'application.submit' },
      schema: {
        tags,
        summary: '提交申报（窗口期内、资格符合、内容和材料齐全）',
        params: idParam,
        body: z.strictObject({ acknowledgeLeaks: z.boolean().default(false) }),
        response: { 200: applicationViewSchema },
      },
    },
    async (request) => {
      await submitApplication(services, request.ctx, request.actor!, request.params.id, request.body);
      return applicationView(services, await loadOwnApplication(services.db, request.actor!, request.params.id));
    },
  );

  app.post(
    '/me/applications/:id/withdraw',
    { config: { access: 'application.declare', audit: 'application.withdraw' }, schema: { tags, summary: '撤回申报', params: idParam } },
    async (request, reply) => {
      await withdrawApplication(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的消息',
        response: { 200: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), createdAt: z.string(), read: z.boolean() })) },
      },
    },
    async (request) =>
      (
        await services.db
          .select()
          .from(notifications)
          .where(eq(notifications.userId, request.actor!.userId))
          .orderBy(desc(notifications.createdAt))
          .limit(50)
      ).map((n) => ({ id: n.id, title: n.title, body: n.body, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
  );
}
