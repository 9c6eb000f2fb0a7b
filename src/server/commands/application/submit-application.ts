// Submit (and resubmit after a return): every check of submissionProblems must pass — window or
// resubmit deadline, cap of submissions (B21-12, A24-5), complete form and materials, masking
// (A24-7), commitment, eligibility — or the request is refused with every problem at once. The
// archive records in use are frozen into the application (later archive edits do not change it)
// and it moves to the unit's queue.
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  STAGE_STATUS,
  submissionProblems,
  withExistingPicks,
  type ApplicationStatus,
  type FormProblem,
  type FormValues,
  type ReviewStage,
} from '../../../domain/application/index.js';
import type { Level } from '../../../domain/campaign/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { AppError, conflict } from '../../http/errors.js';
import { loadApplicationContext, loadOwnApplication, type ApplicationContext } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { requestBlindReviewChecks } from '../files/request-leak-check.js';
import { recordEvent } from './events.js';

/** The problems that stand between the application and its submission, for the page and for submit. */
export function problemsOf(context: ApplicationContext, options: { acknowledgeLeaks: boolean; now: Date }): FormProblem[] {
  const { app, campaign } = context;
  const form = withExistingPicks(app.form as FormValues, new Set(context.records.map((r) => r.id)));
  // Scans still being checked hold the submission even when the applicant acknowledges the leaks
  // found so far: an acknowledgement covers only the hits the applicant has been shown (A24-7).
  const pendingScans = context.materials.some((m) => m.file.leakStatus === 'pending') && campaign.blindReview;
  const problems = submissionProblems({
    campaign,
    level: app.level as Level,
    status: app.status as ApplicationStatus,
    submissionCount: app.submissionCount,
    resubmitDeadline: app.resubmitDeadline?.toISOString() ?? null,
    form,
    facts: context.facts,
    countsBySlot: context.countsBySlot,
    masking: app.masking,
    commitmentSigned: app.commitmentSignedAt !== null,
    eligibility: context.eligibility,
    unacknowledgedLeaks: options.acknowledgeLeaks ? [] : context.leakProblems,
    nowMs: options.now.getTime(),
  });
  if (pendingScans) problems.push({ path: 'materials', message: '正在检查扫描件中是否有未遮盖的个人信息，请稍候几秒再提交' });
  return problems;
}

export async function submitApplication(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  options: { acknowledgeLeaks: boolean },
): Promise<void> {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  const now = new Date();
  // Scans placed before their slot came under blind review (the campaign republished since) have
  // not been checked: their checks start now, and the submission waits for them like for any other.
  if (app.status === 'draft' || app.status === 'returned') {
    await requestBlindReviewChecks(services.db, app, (await loadPublishedCampaign(services.db, app.campaignId)).campaign);
  }
  const context = await loadApplicationContext(services.db, services.cipher, app, now);
  const problems = problemsOf(context, { ...options, now });
  if (problems.length > 0) {
    throw new AppError(422, 'SUBMISSION_INCOMPLETE', `还有 ${problems.length} 处需要处理后才能提交：${problems[0].message}`, problems);
  }
  const resubmission = app.status === 'returned';
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({
        status: resubmission ? STAGE_STATUS[(app.returnedAtStage ?? 'unit') as ReviewStage] : 'unit_review',
        submissionCount: sql`${applications.submissionCount} + 1`,
        submittedAt: now,
        archiveSnapshot: context.records,
        campaignVersion: context.campaignVersion,
        resubmitDeadline: null,
        version: sql`${applications.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(applications.id, app.id), eq(applications.version, app.version), inArray(applications.status, ['draft', 'returned'])))
      .returning({ count: applications.submissionCount });
    if (updated.length === 0) throw conflict('申报已在其他页面修改或提交，请刷新后查看', 'VERSION_CONFLICT');
    await recordEvent(tx, app.id, 'applicant', resubmission ? 'resubmitted' : 'submitted', { submissionNumber: updated[0].count });
    await appendAudit(tx, ctx, {
      action: 'application.submit',
      objectType: 'application',
      objectId: app.id,
      detail: { submissionNumber: updated[0].count, campaignVersion: context.campaignVersion },
    });
  });
}
