// The public self-check (申报资格自查): the eligibility engine run against a published campaign on
// an archive the caller sends, with today's Beijing date. Nothing is stored. The binding check on
// submit (with the applicant's stored archive, prior applications and fraud records) comes with
// the declaration workflow and uses the same engine.
import { asc, eq } from 'drizzle-orm';
import { beijingDate } from '../../domain/calendar/calendar.js';
import type { Level } from '../../domain/campaign/index.js';
import { checkEligibility, type ApplicantArchive, type EligibilityVerdict, type FraudRecord, type PriorApplication } from '../../domain/eligibility/index.js';
import type { Executor } from '../db/client.js';
import { fraudFindings } from '../db/schema.js';
import { loadPublishedCampaign } from './campaigns.js';

/**
 * The platform's own findings of fraud against a person (B21-10, N40-FRAUD): recorded when the
 * office revokes a title for fraud. The eligibility engine refuses the person for the campaign's
 * ban years from each finding.
 */
export async function fraudRecordsOf(db: Executor, userId: string): Promise<FraudRecord[]> {
  const rows = await db
    .select({ foundOn: fraudFindings.foundOn, description: fraudFindings.description })
    .from(fraudFindings)
    .where(eq(fraudFindings.userId, userId))
    .orderBy(asc(fraudFindings.foundOn));
  return rows.map((r) => ({ foundOn: r.foundOn, description: r.description }));
}

export interface SelfCheckRequest {
  seriesId: string;
  specialtyId: string;
  level: Level;
  path: string;
  archive: ApplicantArchive;
  priorApplications: PriorApplication[];
}

export async function selfCheckEligibility(
  db: Executor,
  campaignId: string,
  request: SelfCheckRequest,
  now: Date,
  /** The logged-in caller, whose own fraud findings then count; anonymous self-checks have none. */
  userId: string | null = null,
): Promise<EligibilityVerdict & { campaignId: string; version: number; today: string }> {
  const { campaign, version } = await loadPublishedCampaign(db, campaignId);
  const today = beijingDate(now);
  // Fraud records are the platform's own findings, never the caller's statement.
  const fraudRecords = userId ? await fraudRecordsOf(db, userId) : [];
  const verdict = checkEligibility({ campaign, ...request, today, fraudRecords });
  return { campaignId, version, today, ...verdict };
}
