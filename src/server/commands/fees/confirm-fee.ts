// Finance confirms that the fee of an order arrived (B21-14, A24-16). A confirmed order never
// changes again; of concurrent confirms and rejects exactly one wins (decision.ts).
import { appendAudit } from '../../audit/append-audit.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { financeOrder } from '../../queries/fees.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { decideOrder } from './decision.js';

export async function confirmFee(services: Services, ctx: RequestContext, actor: Actor, orderId: string): Promise<void> {
  const { order, app } = await financeOrder(services.db, actor, orderId);
  await services.db.transaction(async (tx) => {
    await decideOrder(tx, order, 'confirmed', { decidedBy: actor.userId });
    await recordEvent(tx, app.id, 'finance', 'feeConfirmed', { reference: order.reference });
    await notify(tx, app.applicantId, '评审费已确认', `财务已确认收到您缴纳的评审费 ${order.amountYuan} 元（缴费编号 ${order.reference}）。`);
    await appendAudit(tx, ctx, {
      action: 'fee.confirm',
      objectType: 'fee_order',
      objectId: order.id,
      detail: { applicationId: app.id, amountYuan: order.amountYuan, reference: order.reference, duplicateOf: order.duplicateOf },
    });
  });
}
