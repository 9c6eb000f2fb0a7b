// The committee office's formal check ends with 已接收材料 (materials received): from then on the
// fee is payable (B21-14, A24-16), so the fee order is created in the same transaction.
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applications } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { createFeeOrder } from '../fees/create-fee-order.js';
import { reviewableApplication } from './reviewable.js';

export async function acceptApplication(services: Services, ctx: RequestContext, actor: Actor, applicationId: string) {
  const app = await reviewableApplication(services.db, actor, applicationId, 'office');
  if (app.status !== 'office_review') throw conflict('只有评委会办公室审核中的申报可以接收', 'NOT_IN_REVIEW');
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({ status: 'accepted', acceptedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), eq(applications.status, 'office_review')))
      .returning({ id: applications.id });
    if (updated.length === 0) throw conflict('该申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    const order = await createFeeOrder(tx, app, campaign);
    await recordEvent(tx, app.id, 'office_staff', 'accepted');
    await notify(
      tx,
      app.applicantId,
      '评委会办公室已接收材料',
      `您的申报材料已通过评委会办公室审核并接收，请按通知要求缴纳评审费 ${order.amountYuan} 元，转账时在附言中填写缴费编号 ${order.reference}，并上传缴费凭证。`,
    );
    await appendAudit(tx, ctx, {
      action: 'application.accept',
      objectType: 'application',
      objectId: app.id,
      detail: { feeOrderId: order.id, amountYuan: order.amountYuan, reference: order.reference },
    });
  });
}
