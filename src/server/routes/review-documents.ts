// The review chain's generated documents (B21-10, A24-11, B21-13): the unit's publicity notice,
// publicity result and recommendation report as PDF and DOCX, the sealed copies the unit uploads
// of its publicity notice and result, and the department's batch covering list as PDF.
import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App } from '../app.js';
import { uploadSealedCopy } from '../commands/review/publicity-sealed-copy.js';
import { reviewableApplication } from '../commands/review/reviewable.js';
import { files } from '../db/schema.js';
import {
  batchListPdf,
  batchListTitle,
  letterDocx,
  letterPdf,
  publicityNoticeText,
  publicityResultText,
  recommendationReportText,
  type LetterText,
} from '../documents/unit-review-docs.js';
import { notFound } from '../http/errors.js';
import { loadBatchList, publicityNoticeData, publicityOf, publicityResultData, recommendationReportData } from '../queries/review-documents.js';
import type { ApplicationRow } from '../queries/applications.js';
import type { Services } from '../services.js';
import { uuidParam } from './schemas.js';
import { contentDisposition, readUpload, sendStoredFile } from './upload-request.js';

const FORMATS = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
type Format = keyof typeof FORMATS;

const LETTERS: { slug: string; summary: string; text: (services: Services, app: ApplicationRow) => Promise<LetterText> }[] = [
  {
    slug: 'publicity-notice',
    summary: '下载公示通知（公示开始后）',
    text: async (services, app) => publicityNoticeText(await publicityNoticeData(services.db, services.cipher, app)),
  },
  {
    slug: 'publicity-result',
    summary: '下载公示结果（公示期满后）',
    text: async (services, app) => publicityResultText(await publicityResultData(services.db, app, new Date())),
  },
  {
    slug: 'recommendation-report',
    summary: '下载单位推荐报告（推荐后）',
    text: async (services, app) => recommendationReportText(await recommendationReportData(services.db, app)),
  },
];

const sealedParams = z.strictObject({ id: z.uuid(), which: z.enum(['notice', 'result']) });
const SEALED_NAMES = { notice: '公示通知', result: '公示结果' } as const;

function sendDocument(reply: FastifyReply, format: Format, bytes: Buffer, name: string, ascii: string) {
  return reply
    .type(FORMATS[format])
    .header('content-disposition', contentDisposition('attachment', `${name}.${format}`, `${ascii}.${format}`))
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export function reviewDocumentRoutes(app: App, services: Services) {
  const unit = ['unit'];

  for (const letter of LETTERS) {
    for (const format of Object.keys(FORMATS) as Format[]) {
      app.get(
        `/unit/applications/:id/${letter.slug}.${format}`,
        { config: { access: 'application.unit_review' }, schema: { tags: unit, summary: `${letter.summary}（${format.toUpperCase()}）`, params: uuidParam } },
        async (request, reply) => {
          const row = await reviewableApplication(services.db, request.actor!, request.params.id, 'unit');
          const text = await letter.text(services, row);
          const bytes = format === 'pdf' ? await letterPdf(text) : await letterDocx(text);
          return sendDocument(reply, format, bytes, text.title, letter.slug);
        },
      );
    }
  }

  app.post(
    '/unit/applications/:id/publicity/sealed-copies/:which',
    {
      config: { access: 'application.unit_review', audit: 'publicity.sealed_copy' },
      schema: {
        tags: unit,
        summary: '上传公示通知或公示结果的盖章扫描件（multipart 字段 file；JPG、PNG、PDF；公示结果须在公示期满后）',
        consumes: ['multipart/form-data'],
        params: sealedParams,
        response: { 201: z.object({ fileId: z.string() }) },
      },
    },
    async (request, reply) => {
      const file = await uploadSealedCopy(services, request.ctx, request.actor!, request.params.id, request.params.which, await readUpload(request));
      return reply.status(201).send({ fileId: file.id });
    },
  );

  app.get(
    '/unit/applications/:id/publicity/sealed-copies/:which',
    { config: { access: 'application.unit_review' }, schema: { tags: unit, summary: '查看已上传的盖章扫描件', params: sealedParams } },
    async (request, reply) => {
      const row = await reviewableApplication(services.db, request.actor!, request.params.id, 'unit');
      const publicity = await publicityOf(services.db, row);
      const fileId = request.params.which === 'notice' ? publicity.noticeFileId : publicity.resultFileId;
      const [file] = fileId ? await services.db.select().from(files).where(eq(files.id, fileId)) : [];
      if (!file) throw notFound(`尚未上传${SEALED_NAMES[request.params.which]}盖章扫描件`);
      return sendStoredFile(services, reply, file, `sealed-${request.params.which}`);
    },
  );

  app.get(
    '/dept/batches/:id/list.pdf',
    { config: { access: 'application.dept_review' }, schema: { tags: ['department'], summary: '报送批次花名册（PDF）', params: uuidParam } },
    async (request, reply) => {
      const list = await loadBatchList(services.db, request.actor!, request.params.id);
      return sendDocument(reply, 'pdf', await batchListPdf(list), batchListTitle(list.number), `batch-${list.number}`);
    },
  );
}
