// What leaves the server about fees (B21-14, A24-16): the applicant's order with how to pay it
// (the configured payment provider's instructions: payee, payment code, steps), the office's payee
// settings, finance's queue, the unpaid list and the reconciliation sheet. Fields
// are listed one by one; the applicant's ID number is in none of them.
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { FEE_STATUS_LABELS, paymentDeadlineText, type FeeOrderStatus } from '../../domain/application/fees.js';
import type { ApplicationStatus } from '../../domain/application/index.js';
import { formatBeijing, toBeijingDateTime } from '../../domain/campaign/dates.js';
import type { Campaign } from '../../domain/campaign/index.js';
import type { files } from '../db/schema.js';
import { neutraliseCell } from '../documents/spreadsheet.js';
import { receiptRefusalWith, type PaymentProvider } from '../payments/provider.js';
import type { FeeOrderRow, FinanceOrderListRow, PaymentSettingsRow, unpaidApplications } from '../queries/fees.js';
import { fileViewSchema, presentFile } from './application.js';

type FileRow = typeof files.$inferSelect;

const statusLabel = (status: string) => FEE_STATUS_LABELS[status as FeeOrderStatus];
/** '2024-09-15 10:05' in Beijing time, as the sheets and lists show instants. */
const beijingText = (instant: Date | null) => (instant ? formatBeijing(toBeijingDateTime(instant.getTime())) : '');

// ---- payee --------------------------------------------------------------------------------------

const payeeFields = { payeeName: z.string(), bankName: z.string(), accountNumber: z.string(), hasQr: z.boolean() };
export const payeeSchema = z.object(payeeFields);

export function presentPayee(s: PaymentSettingsRow) {
  return { payeeName: s.payeeName, bankName: s.bankName, accountNumber: s.accountNumber, hasQr: s.qrFileId !== null };
}

export const paymentSettingsSchema = z.object({ prefectureId: z.string(), ...payeeFields, updatedAt: z.string() });

export function presentPaymentSettings(s: PaymentSettingsRow) {
  return { prefectureId: s.prefectureId, ...presentPayee(s), updatedAt: s.updatedAt.toISOString() };
}

// ---- the applicant's fee ------------------------------------------------------------------------

export const applicantFeeSchema = z.object({
  order: z
    .object({
      id: z.string(),
      amountYuan: z.number(),
      reference: z.string(),
      status: z.enum(['pending', 'receipt_uploaded', 'confirmed', 'rejected']),
      statusLabel: z.string(),
      receipt: fileViewSchema.nullable(),
      rejectReason: z.string().nullable(),
      duplicate: z.boolean(),
    })
    .nullable(),
  /** Whether a receipt may be uploaded now (the provider takes receipts, and the fee's rules allow it). */
  payable: z.boolean(),
  notPayableReason: z.string().nullable(),
  deadline: z.string().nullable(),
  /** Whom to pay (the same as payment.payee, kept for the pages that read it here). */
  payee: payeeSchema.nullable(),
  /** How to pay, from the configured payment provider; null until there is an order. */
  payment: z
    .object({
      providerId: z.string(),
      providerName: z.string(),
      amountYuan: z.number(),
      reference: z.string(),
      payee: payeeSchema.nullable(),
      steps: z.array(z.string()),
      acceptsReceiptUpload: z.boolean(),
    })
    .nullable(),
  ruleId: z.string(),
});
export type ApplicantFeeView = z.infer<typeof applicantFeeSchema>;

export function presentApplicantFee(input: {
  campaign: Campaign;
  applicationStatus: string;
  order: FeeOrderRow | null;
  receipt: FileRow | null;
  settings: PaymentSettingsRow | null;
  provider: PaymentProvider;
  now: Date;
}): ApplicantFeeView {
  const { campaign, order, provider } = input;
  const refusal = receiptRefusalWith(provider, campaign, input.applicationStatus as ApplicationStatus, (order?.status ?? null) as FeeOrderStatus | null, input.now.getTime());
  // How to pay matters only once there is something to pay.
  const instructions = order ? provider.instructions(order, input.settings) : null;
  const payee = instructions?.payee ? { ...instructions.payee, hasQr: instructions.qrFileId !== null } : null;
  return {
    order: order
      ? {
          id: order.id,
          amountYuan: order.amountYuan,
          reference: order.reference,
          status: order.status as FeeOrderStatus,
          statusLabel: statusLabel(order.status),
          receipt: input.receipt ? presentFile(input.receipt) : null,
          rejectReason: order.rejectReason,
          duplicate: order.duplicateOf !== null,
        }
      : null,
    payable: refusal === null,
    notPayableReason: refusal,
    deadline: paymentDeadlineText(campaign),
    payee,
    payment: instructions
      ? {
          providerId: provider.id,
          providerName: provider.name,
          amountYuan: instructions.amountYuan,
          reference: instructions.reference,
          payee,
          steps: instructions.steps,
          acceptsReceiptUpload: provider.acceptsReceiptUpload,
        }
      : null,
    ruleId: campaign.fees.ruleId,
  };
}

// ---- finance ------------------------------------------------------------------------------------

export const financeOrderSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicantName: z.string(),
  unitName: z.string(),
  campaignId: z.string(),
  level: z.string(),
  amountYuan: z.number(),
  reference: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  duplicate: z.boolean(),
  /** The order whose receipt has the same bytes, for finance to compare the two. */
  duplicateOfReference: z.string().nullable(),
  receiptUploadedAt: z.string().nullable(),
});

export function presentFinanceOrder(r: FinanceOrderListRow) {
  return {
    id: r.order.id,
    applicationId: r.order.applicationId,
    applicantName: r.applicantName,
    unitName: r.unitName,
    campaignId: r.campaignId,
    level: r.level,
    amountYuan: r.order.amountYuan,
    reference: r.order.reference,
    status: r.order.status,
    statusLabel: statusLabel(r.order.status),
    duplicate: r.order.duplicateOf !== null,
    duplicateOfReference: r.duplicateOfReference,
    receiptUploadedAt: r.order.receiptUploadedAt?.toISOString() ?? null,
  };
}

export const unpaidListSchema = z.object({
  deadline: z.string().nullable(),
  deadlinePassed: z.boolean(),
  applications: z.array(
    z.object({
      applicationId: z.string(),
      applicantName: z.string(),
      unitName: z.string(),
      level: z.string(),
      amountYuan: z.number().nullable(),
      reference: z.string().nullable(),
      orderStatus: z.string().nullable(),
      statusLabel: z.string(),
    }),
  ),
});

export function presentUnpaid(campaign: Campaign, deadlinePassed: boolean, rows: Awaited<ReturnType<typeof unpaidApplications>>) {
  return {
    deadline: paymentDeadlineText(campaign),
    deadlinePassed,
    applications: rows.map((r) => ({
      applicationId: r.app.id,
      applicantName: r.applicantName,
      unitName: r.unitName,
      level: r.app.level,
      amountYuan: r.order?.amountYuan ?? null,
      reference: r.order?.reference ?? null,
      orderStatus: r.order?.status ?? null,
      statusLabel: r.order ? statusLabel(r.order.status) : '未生成缴费订单',
    })),
  };
}

/**
 * The reconciliation sheet of one campaign: one row per order, then the totals (all orders, and the
 * confirmed ones finance can match against the bank statement). Every text cell is neutralised so
 * a name such as "=HYPERLINK(…)" stays text in Excel or WPS.
 */
export async function reconciliationWorkbook(title: string, rows: FinanceOrderListRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('缴费对账');
  const add = (values: unknown[]) => sheet.addRow(values.map(neutraliseCell));
  add([title]);
  add(['序号', '缴费编号', '姓名', '工作单位', '申报级别', '金额（元）', '状态', '凭证上传时间', '确认或退回时间', '重复凭证']);
  rows.forEach((r, i) =>
    add([
      i + 1,
      r.order.reference,
      r.applicantName,
      r.unitName,
      r.level,
      r.order.amountYuan,
      statusLabel(r.order.status),
      beijingText(r.order.receiptUploadedAt),
      beijingText(r.order.decidedAt),
      r.duplicateOfReference ? `与 ${r.duplicateOfReference} 的凭证相同` : '',
    ]),
  );
  const confirmed = rows.filter((r) => r.order.status === 'confirmed');
  const sum = (list: FinanceOrderListRow[]) => list.reduce((total, r) => total + r.order.amountYuan, 0);
  add([]);
  add(['', '应缴合计', `${rows.length} 笔`, '', '', sum(rows)]);
  add(['', '已确认合计', `${confirmed.length} 笔`, '', '', sum(confirmed)]);
  add(['', '未确认合计', `${rows.length - confirmed.length} 笔`, '', '', sum(rows) - sum(confirmed)]);
  sheet.getColumn(2).width = 18;
  sheet.getColumn(4).width = 28;
  sheet.getColumn(8).width = 18;
  sheet.getColumn(9).width = 18;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
