// The scheduled job behind A24-5's "逾期不予受理": a returned application not resubmitted by its
// deadline lapses, and the applicant is told. Idempotent: a resubmitted application is left alone.
import { and, eq, lt } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applications } from '../../db/schema.js';
import { systemContext } from '../../http/context.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from './events.js';

export async function lapseApplication(services: Services, applicationId: string, now = new Date()): Promise<boolean> {
  return services.db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({ status: 'lapsed', updatedAt: now })
      .where(and(eq(applications.id, applicationId), eq(applications.status, 'returned'), lt(applications.resubmitDeadline, now)))
      .returning({ applicantId: applications.applicantId, campaignId: applications.campaignId });
    if (updated.length === 0) return false;
    await recordEvent(tx, applicationId, 'system', 'lapsed');
    const { campaign } = await loadPublishedCampaign(tx, updated[0].campaignId);
    await notify(
      tx,
      updated[0].applicantId,
      '申报已失效',
      `您的申报退回后未在规定期限内修改提交，已失效，不予受理（${campaign.submission.resubmission.ruleId}）。`,
    );
    await appendAudit(tx, systemContext(`job-lapse-${applicationId}`), { action: 'application.lapse', objectType: 'application', objectId: applicationId });
    return true;
  });
}
