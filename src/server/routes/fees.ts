// Fees (B21-14, A24-16): the office's payee settings and payment code, the applicant's order,
// payment code and receipt upload, and finance's queue, decisions, reconciliation sheet and the
// closing of unpaid applications after the payment deadline. How to pay and whether a receipt is
// taken are the configured payment provider's (services.payments, src/server/payments/). Objects
// outside the caller's scope (another applicant's application, another prefecture's order or
// campaign) answer 404.
import { z } from 'zod';
import { FEE_ORDER_STATUSES, paymentDeadlinePassed } from '../../domain/application/fees.js';
import type { App } from '../app.js';
import { closeUnpaid } from '../commands/fees/close-unpaid.js';
import { confirmFee } from '../commands/fees/confirm-fee.js';
import { rejectFee } from '../commands/fees/reject-fee.js';
import { savePaymentSettings } from '../commands/fees/save-payment-settings.js';
import { uploadPayeeQr } from '../commands/fees/upload-payee-qr.js';
import { uploadReceipt } from '../commands/fees/upload-receipt.js';
import type { FileRow } from '../commands/files/upload-file.js';
import { notFound } from '../http/errors.js';
import {
  applicantFeeSchema,
  financeOrderSchema,
  paymentSettingsSchema,
  presentApplicantFee,
  presentFinanceOrder,
  presentPaymentSettings,
  presentUnpaid,
  reconciliationWorkbook,
  unpaidListSchema,
} from '../presenters/fees.js';
import { loadOwnApplication, type ApplicationRow } from '../queries/applications.js';
import { loadPublishedCampaign } from '../queries/campaigns.js';
import { campaignOrders, feeOrderOf, fileById, financeCampaign, financeOrder, financeOrders, officePrefectureFor, paymentSettingsOf, unpaidApplications } from '../queries/fees.js';
import type { Services } from '../services.js';
import { text, uuidParam } from './schemas.js';
import { contentDisposition, readUpload, sendStoredFile } from './upload-request.js';

const slug = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');
const campaignParam = z.strictObject({ campaignId: slug });
const prefectureQuery = z.strictObject({ prefectureId: z.uuid().optional() });
const settingsBody = z.strictObject({
  payeeName: text(100).trim().min(1, '请填写收款单位名称'),
  bankName: text(100).trim().min(1, '请填写开户银行'),
  accountNumber: z
    .string()
    .trim()
    .regex(/^\d[\d ]{4,38}\d$/, '银行账号应为 6 至 40 位数字（可用空格分组）'),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The applicant's fee page: the order (once accepted), whether a receipt may be sent now and why
 * not, and how to pay it as the configured payment provider says.
 */
async function applicantFee(services: Services, app: ApplicationRow) {
  const { campaign, prefecture } = await loadPublishedCampaign(services.db, app.campaignId);
  const order = await feeOrderOf(services.db, app.id);
  return presentApplicantFee({
    campaign,
    applicationStatus: app.status,
    order,
    receipt: order?.receiptFileId ? await fileById(services.db, order.receiptFileId) : null,
    settings: await paymentSettingsOf(services.db, prefecture.id),
    provider: services.payments,
    now: new Date(),
  });
}

const NO_QR = '评委会办公室尚未上传收款码';

/** The payee's payment code of a prefecture (the office's own view), or 404 when the office has uploaded none. */
async function payeeQr(services: Services, prefectureId: string): Promise<FileRow> {
  const settings = await paymentSettingsOf(services.db, prefectureId);
  const file = settings?.qrFileId ? await fileById(services.db, settings.qrFileId) : null;
  if (!file) throw notFound(NO_QR);
  return file;
}

/** The payment code the provider shows the applicant for their order, or 404 (before acceptance, or none to show). */
async function applicantQr(services: Services, app: ApplicationRow): Promise<FileRow> {
  const order = await feeOrderOf(services.db, app.id);
  if (!order) throw notFound('评委会办公室接收材料后方可查看收款码');
  const { prefecture } = await loadPublishedCampaign(services.db, app.campaignId);
  const { qrFileId } = services.payments.instructions(order, await paymentSettingsOf(services.db, prefecture.id));
  const file = qrFileId ? await fileById(services.db, qrFileId) : null;
  if (!file) throw notFound(NO_QR);
  return file;
}

export function feeRoutes(app: App, services: Services) {
  // ---- committee office: payee -----------------------------------------------------------------
  const office = ['office'];

  app.get(
    '/office/payment-settings',
    {
      config: { access: 'payment.manage' },
      schema: { tags: office, summary: '本地州评审费收款信息（未设置时为 null）', querystring: prefectureQuery, response: { 200: paymentSettingsSchema.nullable() } },
    },
    async (request) => {
      const settings = await paymentSettingsOf(services.db, officePrefectureFor(request.actor!, request.query.prefectureId));
      return settings ? presentPaymentSettings(settings) : null;
    },
  );

  app.put(
    '/office/payment-settings',
    {
      config: { access: 'payment.manage', audit: 'payment.settings' },
      schema: { tags: office, summary: '设置收款单位、开户银行和账号', querystring: prefectureQuery, body: settingsBody, response: { 200: paymentSettingsSchema } },
    },
    async (request) => {
      const prefectureId = officePrefectureFor(request.actor!, request.query.prefectureId);
      return presentPaymentSettings(await savePaymentSettings(services, request.ctx, request.actor!, prefectureId, request.body));
    },
  );

  app.post(
    '/office/payment-settings/qr',
    {
      config: { access: 'payment.manage', audit: 'payment.settings' },
      schema: {
        tags: office,
        summary: '上传收款码图片（multipart 字段 file；JPG、PNG）',
        consumes: ['multipart/form-data'],
        querystring: prefectureQuery,
        response: { 200: paymentSettingsSchema },
      },
    },
    async (request) => {
      const prefectureId = officePrefectureFor(request.actor!, request.query.prefectureId);
      return presentPaymentSettings(await uploadPayeeQr(services, request.ctx, request.actor!, prefectureId, await readUpload(request)));
    },
  );

  app.get(
    '/office/payment-settings/qr',
    { config: { access: 'payment.manage' }, schema: { tags: office, summary: '查看已上传的收款码', querystring: prefectureQuery } },
    async (request, reply) => sendStoredFile(services, reply, await payeeQr(services, officePrefectureFor(request.actor!, request.query.prefectureId)), 'payee-qr'),
  );

  // ---- applicant: pay ---------------------------------------------------------------------------
  const applicant = ['applicant'];

  app.get(
    '/me/applications/:id/fee',
    {
      config: { access: 'application.declare' },
      schema: { tags: applicant, summary: '评审费：缴费订单、缴费说明（收款信息、步骤）、能否上传凭证及原因', params: uuidParam, response: { 200: applicantFeeSchema } },
    },
    async (request) => applicantFee(services, await loadOwnApplication(services.db, request.actor!, request.params.id)),
  );

  app.get(
    '/me/applications/:id/fee/qr',
    { config: { access: 'application.declare' }, schema: { tags: applicant, summary: '评委会收款码（已接收材料后可见）', params: uuidParam } },
    async (request, reply) => {
      const application = await loadOwnApplication(services.db, request.actor!, request.params.id);
      return sendStoredFile(services, reply, await applicantQr(services, application), 'payee-qr');
    },
  );

  app.post(
    '/me/applications/:id/fee/receipt',
    {
      config: { access: 'application.declare', audit: 'fee.receipt' },
      schema: { tags: applicant, summary: '上传缴费凭证（multipart 字段 file；JPG、PNG、PDF）', consumes: ['multipart/form-data'], params: uuidParam, response: { 201: applicantFeeSchema } },
    },
    async (request, reply) => {
      await uploadReceipt(services, request.ctx, request.actor!, request.params.id, await readUpload(request));
      return reply.status(201).send(await applicantFee(services, await loadOwnApplication(services.db, request.actor!, request.params.id)));
    },
  );

  // ---- finance ----------------------------------------------------------------------------------
  const finance = ['finance'];

  app.get(
    '/finance/fee-orders',
    {
      config: { access: 'fee.confirm' },
      schema: {
        tags: finance,
        summary: '缴费记录（默认待确认），可按评审活动筛选',
        querystring: z.strictObject({ status: z.enum(FEE_ORDER_STATUSES).default('receipt_uploaded'), campaignId: slug.optional() }),
        response: { 200: z.array(financeOrderSchema) },
      },
    },
    async (request) => (await financeOrders(services.db, request.actor!, request.query)).map(presentFinanceOrder),
  );

  app.get(
    '/finance/fee-orders/:id/receipt',
    { config: { access: 'fee.confirm' }, schema: { tags: finance, summary: '查看缴费凭证', params: uuidParam } },
    async (request, reply) => {
      const { order } = await financeOrder(services.db, request.actor!, request.params.id);
      const file = order.receiptFileId ? await fileById(services.db, order.receiptFileId) : null;
      if (!file) throw notFound('申报人尚未上传缴费凭证');
      return sendStoredFile(services, reply, file, `receipt-${order.reference}`);
    },
  );

  app.post(
    '/finance/fee-orders/:id/confirm',
    { config: { access: 'fee.confirm', audit: 'fee.confirm' }, schema: { tags: finance, summary: '确认已缴费（确认后不能再更改）', params: uuidParam } },
    async (request, reply) => {
      await confirmFee(services, request.ctx, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/finance/fee-orders/:id/reject',
    {
      config: { access: 'fee.confirm', audit: 'fee.reject' },
      schema: { tags: finance, summary: '退回缴费凭证（写明原因，申报人可重新上传）', params: uuidParam, body: z.strictObject({ reason: text(500).trim().min(1, '请填写退回原因') }) },
    },
    async (request, reply) => {
      await rejectFee(services, request.ctx, request.actor!, request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );

  app.get(
    '/finance/campaigns/:campaignId/reconciliation.xlsx',
    { config: { access: 'fee.confirm' }, schema: { tags: finance, summary: '缴费对账表（Excel）', params: campaignParam } },
    async (request, reply) => {
      const campaign = await financeCampaign(services.db, request.actor!, request.params.campaignId);
      const workbook = await reconciliationWorkbook(`${campaign.title} 评审费对账表`, await campaignOrders(services.db, campaign.id));
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', `${campaign.title}评审费对账表.xlsx`, `reconciliation-${campaign.id}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(workbook);
    },
  );

  app.get(
    '/finance/campaigns/:campaignId/unpaid',
    { config: { access: 'fee.confirm' }, schema: { tags: finance, summary: '已接收材料但未确认缴费的申报', params: campaignParam, response: { 200: unpaidListSchema } } },
    async (request) => {
      const { id } = await financeCampaign(services.db, request.actor!, request.params.campaignId);
      const { campaign } = await loadPublishedCampaign(services.db, id);
      return presentUnpaid(campaign, paymentDeadlinePassed(campaign, Date.now()), await unpaidApplications(services.db, id));
    },
  );

  app.post(
    '/finance/campaigns/:campaignId/close-unpaid',
    {
      config: { access: 'fee.confirm', audit: 'application.unpaid' },
      schema: {
        tags: finance,
        summary: '缴费截止后，未确认缴费的申报不参加本次评审',
        params: campaignParam,
        response: { 200: z.object({ closed: z.number(), applicationIds: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const closed = await closeUnpaid(services, request.ctx, request.actor!, request.params.campaignId);
      return { closed: closed.length, applicationIds: closed };
    },
  );
}
