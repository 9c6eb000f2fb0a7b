// The 评审表 (B21-6): the applicant's and the committee office's downloads (the office also the
// blind version for the experts), the office's record of the printed copies' arrival (B21-1), and
// the public check of a printed form's verification code, which answers nothing personal and is
// rate-limited per client address (a code that can be tried at will can be guessed).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseVerificationCode } from '../../domain/review-form.js';
import type { App } from '../app.js';
import { recordPaperReceipt } from '../commands/review-forms/record-paper-receipt.js';
import { reviewFormDocument } from '../commands/review-forms/review-form-document.js';
import { reviewableApplication } from '../commands/review/reviewable.js';
import { hitRateLimit } from '../http/rate-limit.js';
import { loadOwnApplication } from '../queries/applications.js';
import { verifyReviewForm } from '../queries/review-forms.js';
import type { Services } from '../services.js';
import { uuidParam } from './schemas.js';
import { contentDisposition } from './upload-request.js';

const codeParam = z.strictObject({
  code: z
    .string()
    .max(20)
    .transform((typed, ctx) => {
      const code = parseVerificationCode(typed);
      if (code === null) ctx.addIssue({ code: 'custom', message: '验证码格式不正确：应为评审表上印的 8 位字母和数字，如 7KQ2-M9XF' });
      return code ?? z.NEVER;
    }),
});

const verificationSchema = z.object({
  genuine: z.literal(true),
  number: z.string(),
  campaignTitle: z.string(),
  seriesName: z.string(),
  level: z.string(),
  generatedAt: z.string(),
});

function sendPdf(reply: FastifyReply, document: { pdf: Buffer; number: string }, blind: boolean) {
  const name = `评审表${blind ? '（盲评版）' : ''}-${document.number}.pdf`;
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition('attachment', name, `review-form${blind ? '-blind' : ''}-${document.number}.pdf`))
    .header('cache-control', 'private, no-store')
    .send(document.pdf);
}

export function reviewFormRoutes(app: App, services: Services) {
  app.get(
    '/me/applications/:id/review-form.pdf',
    {
      config: { access: 'application.declare', audit: 'review_form.generate' },
      schema: { tags: ['applicant'], summary: '下载评审表（PDF，A4 双面打印，评委会办公室接收材料后生成，B21-6）', params: uuidParam },
    },
    async (request, reply) => {
      const row = await loadOwnApplication(services.db, request.actor!, request.params.id);
      return sendPdf(reply, await reviewFormDocument(services, request.ctx, row, { blind: false }), false);
    },
  );

  for (const blind of [false, true]) {
    app.get(
      `/office/applications/:id/review-form${blind ? '-blind' : ''}.pdf`,
      {
        config: { access: 'application.office_review', audit: 'review_form.generate' },
        schema: {
          tags: ['office'],
          summary: blind ? '下载评审表盲评版（供评审专家，不含姓名、照片、单位、身份证号、手机号）' : '下载评审表（PDF，B21-6）',
          params: uuidParam,
        },
      },
      async (request, reply) => {
        const row = await reviewableApplication(services.db, request.actor!, request.params.id, 'office');
        return sendPdf(reply, await reviewFormDocument(services, request.ctx, row, { blind }), blind);
      },
    );
  }

  app.post(
    '/office/applications/:id/paper-received',
    {
      config: { access: 'application.office_review', audit: 'application.paper_received' },
      schema: {
        tags: ['office'],
        summary: '登记收到纸质评审表（在纸质材料报送时间内，B21-1）',
        params: uuidParam,
        response: { 200: z.object({ paperReceivedAt: z.string() }) },
      },
    },
    async (request) => ({ paperReceivedAt: (await recordPaperReceipt(services, request.ctx, request.actor!, request.params.id)).toISOString() }),
  );

  app.get(
    '/public/review-forms/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: '核验评审表真伪（只显示评审活动、系列和级别，不显示任何个人信息；每个网络地址限频）',
        params: codeParam,
        response: { 200: verificationSchema },
      },
    },
    async (request) => {
      // Counted once the code is well-formed: a malformed one is refused above without a lookup.
      const rule = services.rateLimits.verifyPerIp;
      const wait = rule.windowSeconds >= 60 ? `${Math.ceil(rule.windowSeconds / 60)} 分钟` : `${rule.windowSeconds} 秒`;
      await hitRateLimit(services.db, `verify:ip:${request.ctx.ip}`, rule, `核验评审表过于频繁，请 ${wait}后再试`);
      return verifyReviewForm(services.db, request.params.code);
    },
  );
}
