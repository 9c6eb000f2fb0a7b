// A reviewer (unit, department or committee office) returns a submitted application with all its
// reasons at once (一次性告知); a resubmission comes back to the same desk. The applicant sees every reason at
// once and may resubmit until the campaign's resubmit deadline (A24-5: within 2 days, the day of
// the return not counted; B21: until the declaration window closes); a job lapses it after that.
// A return after the last allowed submission ends the year's application (B21-12, A24-5).
import { and, eq, inArray } from 'drizzle-orm';
import { instantOf, formatBeijing } from '../../../domain/campaign/dates.js';
import { resubmitDeadline } from '../../../domain/campaign/queries.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { enqueueJob } from '../../jobs/queue.js';
import type { ApplicationStatus, ReviewStage } from '../../../domain/application/index.js';
import { reviewableApplication } from '../review/reviewable.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from './events.js';

const RETURNABLE: Record<ReviewStage, ApplicationStatus[]> = {
  unit: ['unit_review', 'unit_publicity'],
  dept: ['dept_review'],
  office: ['office_review'],
};
const ACTOR_ROLE: Record<ReviewStage, string> = { unit: 'unit_reviewer', dept: 'dept_reviewer', office: 'office_staff' };

export async function returnApplication(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  reasons: string[],
  stage: ReviewStage = 'unit',
): Promise<void> {
  const app = await reviewableApplication(services.db, actor, applicationId, stage);
  if (!RETURNABLE[stage].includes(app.status as ApplicationStatus)) throw conflict('该申报不在本环节审核中，不能退回', 'NOT_IN_REVIEW');
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const now = new Date();
  const final = app.submissionCount >= campaign.submission.maxSubmissions;
  const deadlineText = final ? null : resubmitDeadline(campaign, now.getTime());
  const deadline = deadlineText ? new Date(instantOf(deadlineText)) : null;
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({ status: final ? 'not_accepted' : 'returned', returnReasons: reasons, resubmitDeadline: deadline, returnedAtStage: stage, updatedAt: now })
      .where(and(eq(applications.id, app.id), inArray(applications.status, RETURNABLE[stage])))
      .returning({ id: applications.id });
    if (updated.length === 0) throw conflict('该申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    await recordEvent(tx, app.id, ACTOR_ROLE[stage], 'returned', { reasons, deadline: deadline?.toISOString() ?? null });
    if (final) {
      await recordEvent(tx, app.id, 'system', 'notAccepted', { ruleId: campaign.submission.ruleId });
      await notify(
        tx,
        app.applicantId,
        '申报已退回，当年不再受理',
        `您的申报第 ${app.submissionCount} 次提交后仍不符合要求，已退回，当年不再受理（${campaign.submission.ruleId}）。退回原因：${reasons.join('；')}`,
      );
    } else {
      await notify(
        tx,
        app.applicantId,
        '申报已退回，请修改后重新提交',
        `退回原因：${reasons.join('；')}。${deadlineText ? `请于 ${formatBeijing(deadlineText)} 前修改提交，逾期不予受理（${campaign.submission.resubmission.ruleId}）。` : ''}`,
      );
      if (deadline) {
        // One second after the deadline: the lapse job finds it past, never a moment early.
        await enqueueJob(tx, 'lapse-application', { applicationId: app.id }, { runAt: new Date(deadline.getTime() + 1000), dedupeKey: `lapse:${app.id}` });
      }
    }
    await appendAudit(tx, ctx, { action: 'application.return', objectType: 'application', objectId: app.id, detail: { reasons: reasons.length, final } });
  });
}
