// The committee office records that the printed 评审表 copies arrived (B21-6) — within the
// paper-materials window when the notice sets one (B21-1 “逾期不予受理”), and once.
import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applications } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { assertWindowOpen, formatBeijingForPeople } from '../../rules/windows.js';
import { toBeijingDateTime } from '../../../domain/campaign/dates.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { reviewableApplication } from '../review/reviewable.js';

function alreadyReceived(at: Date) {
  return conflict(`已于 ${formatBeijingForPeople(toBeijingDateTime(at.getTime()), 'opens')} 登记收到纸质评审表，不能重复登记`, 'PAPER_ALREADY_RECEIVED');
}

export async function recordPaperReceipt(services: Services, ctx: RequestContext, actor: Actor, applicationId: string): Promise<Date> {
  const app = await reviewableApplication(services.db, actor, applicationId, 'office');
  if (app.status !== 'accepted') throw conflict('只有评委会办公室已接收材料的申报才能登记收到纸质评审表', 'NOT_ACCEPTED');
  if (app.paperReceivedAt) throw alreadyReceived(app.paperReceivedAt);
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const now = new Date();
  if (campaign.windows.paperMaterials) assertWindowOpen(campaign, 'paperMaterials', now);
  return services.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(applications)
      .set({ paperReceivedAt: now, paperReceivedBy: actor.userId, updatedAt: now })
      .where(and(eq(applications.id, app.id), eq(applications.status, 'accepted'), isNull(applications.paperReceivedAt)))
      .returning({ id: applications.id });
    if (!updated) {
      const [current] = await tx.select({ paperReceivedAt: applications.paperReceivedAt }).from(applications).where(eq(applications.id, app.id));
      if (current?.paperReceivedAt) throw alreadyReceived(current.paperReceivedAt);
      throw conflict('该申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    }
    await recordEvent(tx, app.id, 'office_staff', 'paperReceived');
    await notify(tx, app.applicantId, '评委会办公室已收到纸质评审表', '评委会办公室已登记收到您报送的纸质评审表。');
    await appendAudit(tx, ctx, { action: 'application.paper_received', objectType: 'application', objectId: app.id });
    return now;
  });
}
