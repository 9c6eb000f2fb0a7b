// The unit's internal publicity (B21-10, A24-11): it runs for the campaign's number of working days
// (≥ 5) on the campaign's calendar, from a start date the unit picks (today or later); objections
// raised meanwhile are recorded and must be resolved before the unit recommends.
import { and, eq, isNull } from 'drizzle-orm';
import { beijingDate } from '../../../domain/calendar/calendar.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, objections, publicities } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { loadCalendar } from '../../rules/calendar.js';
import type { Services } from '../../services.js';
import { recordEvent } from '../application/events.js';
import { reviewableApplication } from './reviewable.js';

export async function startPublicity(services: Services, ctx: RequestContext, actor: Actor, applicationId: string, startsOn: string) {
  const app = await reviewableApplication(services.db, actor, applicationId, 'unit');
  if (app.status !== 'unit_review') throw conflict('只有单位审核中的申报可以开始公示', 'NOT_IN_REVIEW');
  const today = beijingDate(new Date());
  if (startsOn < today) throw badRequest('公示开始日期不能早于今天', [{ path: 'startsOn', message: `请选择 ${today} 或之后的日期` }]);
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const workingDays = campaign.unitReview.publicityWorkingDays;
  const calendar = await loadCalendar(services.db, campaign.prefecture.calendarRegion);
  const first = calendar.addWorkingDays(startsOn, 0);
  const endsOn = calendar.addWorkingDays(first, workingDays - 1);
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({ status: 'unit_publicity', updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), eq(applications.status, 'unit_review')))
      .returning({ id: applications.id });
    if (updated.length === 0) throw conflict('该申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    await tx
      .insert(publicities)
      .values({ applicationId: app.id, startsOn: first, endsOn, workingDays, startedBy: actor.userId })
      .onConflictDoUpdate({ target: publicities.applicationId, set: { startsOn: first, endsOn, workingDays, startedBy: actor.userId, createdAt: new Date() } });
    await recordEvent(tx, app.id, 'unit_reviewer', 'publicityStarted', { startsOn: first, endsOn, workingDays, ruleId: campaign.unitReview.ruleId });
    await appendAudit(tx, ctx, { action: 'application.publicity', objectType: 'application', objectId: app.id, detail: { startsOn: first, endsOn } });
  });
  return { startsOn: first, endsOn, workingDays };
}

export async function recordObjection(services: Services, ctx: RequestContext, actor: Actor, applicationId: string, content: string) {
  const app = await reviewableApplication(services.db, actor, applicationId, 'unit');
  if (app.status !== 'unit_publicity') throw conflict('只能在公示期间记录异议', 'NOT_IN_PUBLICITY');
  return services.db.transaction(async (tx) => {
    // Under the application's row lock, as recommendApplication counts the open objections: a
    // recommendation made meanwhile has moved the application on, and the objection is refused.
    const [locked] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id)).for('update');
    if (locked?.status !== 'unit_publicity') throw conflict('只能在公示期间记录异议', 'NOT_IN_PUBLICITY');
    const [row] = await tx.insert(objections).values({ applicationId: app.id, content, recordedBy: actor.userId }).returning();
    await recordEvent(tx, app.id, 'unit_reviewer', 'objectionRecorded');
    await appendAudit(tx, ctx, { action: 'application.objection', objectType: 'application', objectId: app.id });
    return row;
  });
}

export async function resolveObjection(services: Services, ctx: RequestContext, actor: Actor, objectionId: string, resolution: string) {
  const [objection] = await services.db.select().from(objections).where(eq(objections.id, objectionId));
  if (!objection) throw notFound('未找到该异议');
  const app = await reviewableApplication(services.db, actor, objection.applicationId, 'unit');
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(objections)
      .set({ resolution, resolvedBy: actor.userId, resolvedAt: new Date() })
      .where(and(eq(objections.id, objectionId), isNull(objections.resolvedAt)))
      .returning({ id: objections.id });
    if (updated.length === 0) throw conflict('该异议已处理', 'ALREADY_RESOLVED');
    await recordEvent(tx, app.id, 'unit_reviewer', 'objectionResolved');
    await appendAudit(tx, ctx, { action: 'application.objection_resolve', objectType: 'application', objectId: app.id });
  });
}
