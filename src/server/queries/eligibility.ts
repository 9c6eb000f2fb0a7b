// The public self-check (申报资格自查): the eligibility engine run against a published campaign on
// an archive the caller sends, with today's Beijing date. Nothing is stored. The binding check on
// submit (with the applicant's stored archive, prior applications and fraud records) comes with
// the declaration workflow and uses the same engine.
import { beijingDate } from '../../domain/calendar/calendar.js';
import type { Level } from '../../domain/campaign/index.js';
import { checkEligibility, type ApplicantArchive, type EligibilityVerdict, type PriorApplication } from '../../domain/eligibility/index.js';
import type { Executor } from '../db/client.js';
import { loadPublishedCampaign } from './campaigns.js';

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
): Promise<EligibilityVerdict & { campaignId: string; version: number; today: string }> {
  const { campaign, version } = await loadPublishedCampaign(db, campaignId);
  const today = beijingDate(now);
  // Fraud records are the platform's own findings, never the caller's statement: none in a self-check.
  const verdict = checkEligibility({ campaign, ...request, today, fraudRecords: [] });
  return { campaignId, version, today, ...verdict };
}
