// The unit recommends after its publicity has run every working day (B21-10, A24-11) and every
// objection is resolved, with the opinion the notice prescribes ("本单位已对提供的申报材料逐一
// 审核，真实准确，同意推荐"). County units' applications go to their competent department, the
// others straight to the committee office (B21-13).
import { and, eq, isNull } from 'drizzle-orm';
import { beijingDate } from '../../../domain/calendar/calendar.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, objections, organisations, publicities } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { recordEvent } from '../application/events.js';
import { reviewableApplication } from './reviewable.js';

export const DEFAULT_RECOMMENDATION_OPINION = '经审核，同意推荐';

export async function recommendApplication(services: Services, ctx: RequestContext, actor: Actor, applicationId: string) {
  const app = await reviewableApplication(services.db, actor, applicationId, 'unit');
  if (app.status !== 'unit_publicity') throw conflict('请先完成单位内部公示再推荐', 'PUBLICITY_REQUIRED');
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const [publicity] = await services.db.select().from(publicities).where(eq(publicities.applicationId, app.id));
  const today = beijingDate(new Date());
  if (!publicity || today <= publicity.endsOn) {
    throw conflict(
      `公示期为 ${publicity?.startsOn} 至 ${publicity?.endsOn}（${publicity?.workingDays} 个工作日），公示期满后方可推荐（${campaign.unitReview.ruleId}）`,
      'PUBLICITY_RUNNING',
    );
  }
  const [unit] = await services.db.select({ departmentId: organisations.departmentId }).from(organisations).where(eq(organisations.id, app.unitId));
  const next = unit?.departmentId ? 'dept_review' : 'office_review';
  const opinion = campaign.unitReview.recommendationOpinion ?? DEFAULT_RECOMMENDATION_OPINION;
  await services.db.transaction(async (tx) => {
    // The objections are counted under the application's row lock, which recordObjection takes too:
    // an objection recorded meanwhile is either counted here or refused there (the publicity is
    // over), never left open behind a recommendation.
    const [locked] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id)).for('update');
    if (locked?.status !== 'unit_publicity') throw conflict('该申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    const open = await tx.select({ id: objections.id }).from(objections).where(and(eq(objections.applicationId, app.id), isNull(objections.resolvedAt)));
    if (open.length > 0) throw conflict(`还有 ${open.length} 条公示异议未处理，处理后方可推荐`, 'OBJECTIONS_OPEN');
    const updated = await tx
      .update(applications)
      .set({ status: next, recommendationOpinion: opinion, recommendedAt: new Date(), recommendedBy: actor.userId, updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), eq(applications.status, 'unit_publicity')))
      .returning({ id: applications.id });
    if (updated.length === 0) throw conflict('该申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    await recordEvent(tx, app.id, 'unit_reviewer', 'recommended', { opinion });
    await appendAudit(tx, ctx, { action: 'application.recommend', objectType: 'application', objectId: app.id, detail: { next } });
  });
  return { status: next, opinion };
}
