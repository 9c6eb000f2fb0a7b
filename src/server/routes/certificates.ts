// The qualification document and electronic certificates (contract D, second half): the office
// issues and files the document, issues, lists and revokes certificates; the applicant downloads
// their own; anyone verifies a certificate by its code or by the PDF itself (rate-limited, minimum
// fields) and reads the platform's public key.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App } from '../app.js';
import {
  fileQualificationDocument,
  issueCertificates,
  issueQualificationDocument,
  ownCertificatePdf,
  parseCertificateCode,
  qualificationDocumentPdf,
  revokeCertificate,
  verifyCertificatePdf,
} from '../commands/results/certificates.js';
import { SM2_USER_ID } from '../crypto/sm2.js';
import { isValidDate } from '../../domain/campaign/dates.js';
import { badRequest } from '../http/errors.js';
import { hitRateLimit, type RateLimitRule } from '../http/rate-limit.js';
import { officeCertificateSchema, qualificationDocumentSchema, verifyCodeResultSchema, verifyPdfResultSchema } from '../presenters/results.js';
import { officeCertificates, qualificationDocumentOf, verifyCertificateCode } from '../queries/results.js';
import { officeCommittee } from '../queries/evaluation-scope.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';
import { contentDisposition, readUpload } from './upload-request.js';

/** Public verification: plenty for people checking certificates, too few to enumerate codes. */
const VERIFY_PER_IP: RateLimitRule = { limit: 30, windowSeconds: 60 };

const codeQuery = z.strictObject({
  code: z
    .string()
    .max(30)
    .transform((typed, ctx) => {
      const code = parseCertificateCode(typed);
      if (code === null) ctx.addIssue({ code: 'custom', message: '核验码格式不正确：应为证书上印的 12 位字母和数字，如 ABCD-2345-WXYZ' });
      return code ?? z.NEVER;
    }),
});

const documentBody = z.strictObject({
  documentNumber: text(100).trim().min(1, '请填写任职资格文件文号'),
  issuedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '印发日期格式应为 YYYY-MM-DD')
    .refine((d) => isValidDate(d), '印发日期不是有效日期'),
});

function sendPdf(reply: FastifyReply, pdf: Buffer, name: string, ascii: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition('attachment', name, ascii))
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

export function certificateRoutes(app: App, services: Services) {
  const office = ['office'];

  app.post(
    '/office/committees/:id/qualification-document',
    {
      config: { access: 'evaluation.manage', audit: 'qualification_document.issue' },
      schema: { tags: office, summary: '印发任职资格文件（评审结果确认后；生成 PDF 并存档）', params: uuidParam, body: documentBody, response: { 201: qualificationDocumentSchema } },
    },
    async (request, reply) => reply.status(201).send(await issueQualificationDocument(services, request.ctx, request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/office/committees/:id/qualification-document',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags: office, summary: '任职资格文件（文号、印发日期、备案时间；未印发时为 null）', params: uuidParam, response: { 200: qualificationDocumentSchema.nullable() } },
    },
    async (request) => {
      const { committee } = await officeCommittee(services.db, request.actor!, request.params.id);
      const row = await qualificationDocumentOf(services.db, committee.id);
      return row ? { documentNumber: row.documentNumber, issuedOn: row.issuedOn, filedAt: row.filedAt?.toISOString() ?? null } : null;
    },
  );

  app.get(
    '/office/committees/:id/qualification-document.pdf',
    { config: { access: 'evaluation.manage' }, schema: { tags: office, summary: '下载任职资格文件（PDF）', params: uuidParam } },
    async (request, reply) => {
      const { pdf, documentNumber } = await qualificationDocumentPdf(services, request.actor!, request.params.id);
      return sendPdf(reply, pdf, `${documentNumber}任职资格文件.pdf`, 'qualification-document.pdf');
    },
  );

  app.post(
    '/office/committees/:id/qualification-document/filed',
    {
      config: { access: 'evaluation.manage', audit: 'qualification_document.file' },
      schema: { tags: office, summary: '登记任职资格文件已备案', params: uuidParam },
    },
    async (request, reply) => {
      await fileQualificationDocument(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/office/committees/:id/certificates',
    {
      config: { access: 'evaluation.manage', audit: 'certificate.issue' },
      schema: {
        tags: office,
        summary: '签发电子职称证书（评审结果已确认、任职资格文件已备案；SM2 签名）',
        params: uuidParam,
        response: { 200: z.object({ issued: z.number() }) },
      },
    },
    async (request) => issueCertificates(services, request.ctx, request.actor!, request.params.id),
  );

  app.get(
    '/office/committees/:id/certificates',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags: office, summary: '已签发的电子证书', params: uuidParam, response: { 200: z.array(officeCertificateSchema) } },
    },
    async (request) => officeCertificates(services.db, request.actor!, request.params.id),
  );

  app.post(
    '/office/certificates/:id/revoke',
    {
      config: { access: 'evaluation.manage', audit: 'certificate.revoke' },
      schema: {
        tags: office,
        summary: '撤销职称及电子证书（写明原因；弄虚作假的记入诚信记录，按活动规定年限内不得申报，B21-10）',
        params: uuidParam,
        body: z.strictObject({ reason: text(1000).trim().min(1, '请填写撤销原因'), fraud: z.boolean() }),
      },
    },
    async (request, reply) => {
      await revokeCertificate(services, request.ctx, request.actor!, request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/applications/:id/certificate.pdf',
    { config: { access: 'application.declare', audit: 'certificate.download' }, schema: { tags: ['applicant'], summary: '下载我的电子职称证书（PDF）', params: uuidParam } },
    async (request, reply) => {
      const { pdf, number } = await ownCertificatePdf(services, request.ctx, request.actor!, request.params.id);
      return sendPdf(reply, pdf, `电子职称证书-${number}.pdf`, `certificate-${number}.pdf`);
    },
  );

  app.get(
    '/public/certificates/verify',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '凭核验码查验电子职称证书（只显示姓名、单位、系列、级别、资格名称、取得时间和撤销情况）',
        querystring: codeQuery,
        response: { 200: verifyCodeResultSchema },
      },
    },
    async (request, reply) => {
      await hitRateLimit(services.db, `certificate-verify:ip:${request.ip}`, VERIFY_PER_IP);
      reply.header('cache-control', 'no-store');
      return verifyCertificateCode(services.db, request.query.code);
    },
  );

  app.post(
    '/public/certificates/verify-pdf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '上传电子职称证书 PDF 查验真伪（签名、存档的 SM3 和撤销情况；multipart 字段 file）',
        consumes: ['multipart/form-data'],
        response: { 200: verifyPdfResultSchema },
      },
    },
    async (request, reply) => {
      await hitRateLimit(services.db, `certificate-verify:ip:${request.ip}`, VERIFY_PER_IP);
      const upload = await readUpload(request);
      if (upload.bytes.length === 0) throw badRequest('请选择要查验的证书 PDF 文件', [{ path: 'file', message: '文件为空' }]);
      reply.header('cache-control', 'no-store');
      return verifyCertificatePdf(services, upload.bytes);
    },
  );

  app.get(
    '/public/certificates/public-key',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '电子证书签名公钥（SM2，签名者标识 1234567812345678）',
        response: { 200: z.object({ algorithm: z.literal('SM2'), userId: z.string(), publicKeyHex: z.string() }) },
      },
    },
    async () => ({ algorithm: 'SM2' as const, userId: SM2_USER_ID, publicKeyHex: services.signingKey.publicKeyHex }),
  );
}
