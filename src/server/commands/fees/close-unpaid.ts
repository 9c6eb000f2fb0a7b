// After the payment deadline, finance ends the evaluation of every accepted application whose fee
// was not confirmed (B21-14, A24-16 and the campaign's deadline): status 'unpaid', a timeline row,
// a notification and one audit row per application. Refused before the deadline (the deadline is
// shown), for a campaign without one (Bayingol: nothing to enforce), and while receipts still wait
// for finance: those applicants paid in time and must not be closed before their receipt is judged.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { paymentDeadlinePassed } from '../../../domain/application/fees.js';
import { formatBeijing } from '../../../domain/campaign/dates.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, feeOrders } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { financeCampaign } from '../../queries/fees.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';

export async function closeUnpaid(services: Services, ctx: RequestContext, actor: Actor, campaignId: string): Promise<string[]> {
  await financeCampaign(services.db, actor, campaignId);
  const { campaign } = await loadPublishedCampaign(services.db, campaignId);
  const deadline = campaign.windows.paymentDeadline;
  if (!deadline) throw conflict(`本次评审通知未规定缴费截止时间，不能按逾期未缴费处理（${campaign.fees.ruleId}）`, 'PAYMENT_DEADLINE_NOT_SET');
  const shown = `缴费截止时间为 ${formatBeijing(deadline.at)}（北京时间，${deadline.ruleId}）`;
  if (!paymentDeadlinePassed(campaign, Date.now())) throw conflict(`${shown}，截止后方可处理逾期未缴费的申报`, 'BEFORE_PAYMENT_DEADLINE');
  return services.db.transaction(async (tx) => {
    // Locks every accepted application (in id order, so two closings cannot deadlock): a receipt
    // upload takes the same row lock, and the orders read below are then final.
    const accepted = await tx
      .select({ id: applications.id, applicantId: applications.applicantId })
      .from(applications)
      .where(and(eq(applications.campaignId, campaignId), eq(applications.status, 'accepted')))
      .orderBy(asc(applications.id))
      .for('update');
    if (accepted.length === 0) return [];
    const orders = await tx
      .select({ applicationId: feeOrders.applicationId, status: feeOrders.status })
      .from(feeOrders)
      .where(inArray(feeOrders.applicationId, accepted.map((a) => a.id)));
    const waiting = orders.filter((o) => o.status === 'receipt_uploaded').length;
    if (waiting > 0) throw conflict(`尚有 ${waiting} 份缴费凭证等待确认，请先确认或退回后再处理逾期未缴费的申报`, 'RECEIPTS_WAITING');
    const paid = new Set(orders.filter((o) => o.status === 'confirmed').map((o) => o.applicationId));
    const unpaid = accepted.filter((a) => !paid.has(a.id));
    if (unpaid.length === 0) return [];
    await tx
      .update(applications)
      .set({ status: 'unpaid', updatedAt: new Date() })
      .where(inArray(applications.id, unpaid.map((a) => a.id)));
    for (const a of unpaid) {
      await recordEvent(tx, a.id, 'finance', 'unpaid');
      await notify(tx, a.applicantId, '逾期未缴纳评审费', `${shown}。您的申报在截止时未完成缴费确认，按评审通知规定不参加本次评审（${campaign.fees.ruleId}）。`);
    }
    for (const a of unpaid) await appendAudit(tx, ctx, { action: 'application.unpaid', objectType: 'application', objectId: a.id, detail: { campaignId } });
    return unpaid.map((a) => a.id);
  });
}
