// The evaluation fee (B21-14, A24-16) as pure rules: what a fee order's statuses mean and whether a
// transfer receipt may be uploaded now. The order exists from 已接收材料 on; the payment deadline,
// when the notice sets one, is compared at seconds precision like every window, so a receipt sent
// at 23:59:59.5 on a deadline of 23:59:59 is still in time. Bayingol sets no deadline: no cut-off.
import { formatBeijing, instantOf } from '../campaign/dates.js';
import type { Campaign } from '../campaign/index.js';
import type { ApplicationStatus } from './status.js';

export const FEE_ORDER_STATUSES = ['pending', 'receipt_uploaded', 'confirmed', 'rejected'] as const;
export type FeeOrderStatus = (typeof FEE_ORDER_STATUSES)[number];

export const FEE_STATUS_LABELS: Record<FeeOrderStatus, string> = {
  pending: '待缴费',
  receipt_uploaded: '已上传缴费凭证，待财务确认',
  confirmed: '财务已确认缴费',
  rejected: '缴费凭证被退回，请重新上传',
};

/** Statuses before the committee office's 已接收材料: the fee is not yet payable. */
const BEFORE_ACCEPTANCE: readonly ApplicationStatus[] = ['draft', 'unit_review', 'unit_publicity', 'dept_review', 'office_review', 'returned'];

/** Whether the campaign's payment deadline has passed at `nowMs` (false when it sets none). */
export function paymentDeadlinePassed(campaign: Campaign, nowMs: number): boolean {
  const deadline = campaign.windows.paymentDeadline;
  return deadline !== undefined && Math.floor(nowMs / 1000) * 1000 > instantOf(deadline.at);
}

/** The deadline as users read it ('2024-09-15 23:59', Beijing time), or null when the notice sets none. */
export function paymentDeadlineText(campaign: Campaign): string | null {
  const deadline = campaign.windows.paymentDeadline;
  return deadline ? formatBeijing(deadline.at) : null;
}

/**
 * Why a receipt may not be uploaded now, in Chinese with the rule id, or null when it may: the
 * application is accepted, its order waits for a (new) receipt, and the deadline has not passed.
 */
export function receiptRefusal(campaign: Campaign, applicationStatus: ApplicationStatus, orderStatus: FeeOrderStatus | null, nowMs: number): string | null {
  const feeRule = campaign.fees.ruleId;
  if (BEFORE_ACCEPTANCE.includes(applicationStatus)) return `评委会办公室接收材料后方可缴费（${feeRule}）`;
  if (applicationStatus === 'unpaid') return `逾期未缴纳评审费，不参加本次评审（${feeRule}）`;
  if (applicationStatus !== 'accepted') return '该申报已不在评审中，无需缴费';
  if (orderStatus === null) return '缴费订单尚未生成，请联系评委会办公室';
  if (orderStatus === 'confirmed') return '财务已确认缴费，无需再次上传缴费凭证';
  if (orderStatus === 'receipt_uploaded') return '缴费凭证已上传，请等待财务确认';
  const deadline = campaign.windows.paymentDeadline;
  if (deadline && paymentDeadlinePassed(campaign, nowMs)) {
    const rules = [...new Set([deadline.ruleId, feeRule])].join('、');
    return `已超过缴费截止时间（${formatBeijing(deadline.at)}，北京时间），不能再上传缴费凭证（${rules}）`;
  }
  return null;
}
