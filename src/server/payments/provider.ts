// How applicants pay the evaluation fee (B21-14, A24-16): a payment provider, chosen once at
// start-up by PAYMENT_PROVIDER (config.ts) and carried in `services.payments`. The default, and
// today the only one, is `bank-transfer`: the applicant transfers to the committee's account or
// scans the payee's payment code (收款码), quoting the order's reference, uploads the receipt, and
// finance confirms or rejects it.
//
// The contract a provider keeps:
// - `id` is the value PAYMENT_PROVIDER names (config.ts refuses any other, in Chinese, at start-up);
//   `name` is the method's Chinese name, shown to applicants.
// - `instructions(order, settings)` says what the applicant sees for an order: the amount, the
//   reference, the payee (null while the committee office has set none), the payment-code image
//   to show (served by GET /api/me/applications/:id/fee/qr), and the steps in Chinese. It is pure
//   and synchronous: it runs on every view of the fee page, so it must not call out or write.
// - `acceptsReceiptUpload`: the applicant proves payment by uploading a receipt, which finance
//   confirms or rejects (order: pending → receipt_uploaded → confirmed, or rejected → a new
//   receipt …). When false the fee page offers no upload and the receipt route refuses with the
//   reason of `receiptRefusalWith`; finance then has nothing to decide (it decides receipts only).
// - `confirm(order)`, for providers whose payer's bank reports the payment (an online gateway with
//   a callback or a status query): asks the gateway whether `order` is paid and returns its
//   transaction id. The command that records the confirmation (order → confirmed, timeline,
//   notification and audit row in one transaction, like finance's confirm) and the gateway's
//   callback route come with the first such provider; that route is unauthenticated and cannot
//   carry the CSRF token, so app.ts must exempt exactly its path. Bank transfer has no `confirm`.
// Routes, presenters and commands never ask which provider is configured: they call these members.
import { receiptRefusal, type FeeOrderStatus } from '../../domain/application/fees.js';
import type { ApplicationStatus } from '../../domain/application/index.js';
import type { Campaign } from '../../domain/campaign/index.js';
import type { FeeOrderRow, PaymentSettingsRow } from '../queries/fees.js';

/** What the applicant sees about paying one order. */
export interface PaymentInstructions {
  amountYuan: number;
  /** 缴费编号: quoted with the payment so finance (or the gateway) can match it to the order. */
  reference: string;
  /** Whom the money goes to; null while the committee office has not set it. */
  payee: { payeeName: string; bankName: string; accountNumber: string } | null;
  /** The stored payment-code image the applicant scans, or null when there is none to show. */
  qrFileId: string | null;
  /** What to do, in order, in Chinese. */
  steps: string[];
}

/** The gateway's answer about one order (providers with `confirm` only). */
export type PaymentCheck = { paid: true; transactionId: string } | { paid: false };

export interface PaymentProvider {
  /** A key of PROVIDERS below. */
  readonly id: string;
  readonly name: string;
  readonly acceptsReceiptUpload: boolean;
  instructions(order: FeeOrderRow, settings: PaymentSettingsRow | null): PaymentInstructions;
  confirm?(order: FeeOrderRow): Promise<PaymentCheck>;
}

export const bankTransferProvider: PaymentProvider = {
  id: 'bank-transfer',
  name: '银行转账或扫码支付',
  acceptsReceiptUpload: true,
  instructions(order, settings) {
    const payee = settings ? { payeeName: settings.payeeName, bankName: settings.bankName, accountNumber: settings.accountNumber } : null;
    const qrFileId = settings?.qrFileId ?? null;
    const pay = payee
      ? `向“${payee.payeeName}”（${payee.bankName}，账号 ${payee.accountNumber}）转账${qrFileId ? '，或扫描收款码付款' : ''}，金额 ${order.amountYuan} 元`
      : '评委会办公室尚未设置收款信息，请稍后再来查看';
    return {
      amountYuan: order.amountYuan,
      reference: order.reference,
      payee,
      qrFileId,
      steps: [
        pay,
        `在转账附言（备注）中填写缴费编号 ${order.reference}，便于财务核对`,
        '付款后上传转账凭证或付款截图（JPG、PNG 或 PDF）',
        '财务核对到账后确认缴费；凭证有误时财务写明原因退回，请按原因重新上传',
      ],
    };
  },
};

/** Every provider by the id PAYMENT_PROVIDER names; the first is the default. */
const PROVIDERS = { 'bank-transfer': bankTransferProvider } as const satisfies Record<string, PaymentProvider>;

export type PaymentProviderId = keyof typeof PROVIDERS;
export const PAYMENT_PROVIDER_IDS = Object.keys(PROVIDERS) as PaymentProviderId[];
export const DEFAULT_PAYMENT_PROVIDER: PaymentProviderId = 'bank-transfer';

export function isPaymentProviderId(value: string): value is PaymentProviderId {
  return Object.hasOwn(PROVIDERS, value);
}

/** The known ids with their Chinese names, as the configuration error lists them. */
export function paymentProviderChoices(): string {
  return PAYMENT_PROVIDER_IDS.map((id) => `${id}（${PROVIDERS[id].name}${id === DEFAULT_PAYMENT_PROVIDER ? '，默认' : ''}）`).join('、');
}

export function paymentProviderFor(id: PaymentProviderId): PaymentProvider {
  return PROVIDERS[id];
}

/**
 * Why a receipt may not be uploaded now, in Chinese, or null when it may: the fee's own rules
 * (accepted, order waiting for a receipt, before the deadline), then whether the provider takes
 * receipts at all.
 */
export function receiptRefusalWith(
  provider: PaymentProvider,
  campaign: Campaign,
  applicationStatus: ApplicationStatus,
  orderStatus: FeeOrderStatus | null,
  nowMs: number,
): string | null {
  const refusal = receiptRefusal(campaign, applicationStatus, orderStatus, nowMs);
  if (refusal !== null || provider.acceptsReceiptUpload) return refusal;
  return `本次缴费方式为${provider.name}，无需上传缴费凭证，请按缴费说明付款（${campaign.fees.ruleId}）`;
}
