// Finance rejects a receipt (wrong amount, unreadable, another person's transfer …) with a reason
// the applicant reads; the applicant may upload a new one until the payment deadline.
import { appendAudit } from '../../audit/append-audit.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { financeOrder } from '../../queries/fees.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { decideOrder } from './decision.js';

export async function rejectFee(services: Services, ctx: RequestContext, actor: Actor, orderId: string, reason: string): Promise<void> {
  const { order, app } = await financeOrder(services.db, actor, orderId);
  await services.db.transaction(async (tx) => {
    await decideOrder(tx, order, 'rejected', { decidedBy: actor.userId, rejectReason: reason });
    await recordEvent(tx, app.id, 'finance', 'feeRejected', { reference: order.reference, reasons: [reason] });
    await notify(
      tx,
      app.applicantId,
      '缴费凭证被退回',
      `财务退回了您上传的缴费凭证（缴费编号 ${order.reference}），原因：${reason}。请核对后在缴费截止时间前重新上传。`,
    );
    await appendAudit(tx, ctx, { action: 'fee.reject', objectType: 'fee_order', objectId: order.id, detail: { applicationId: app.id, reason } });
  });
}
