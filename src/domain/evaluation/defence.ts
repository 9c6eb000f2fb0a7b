// The oral defence (答辩) at the evaluation stage: who defends, and what score an exempt candidate
// is given. Who is exempt was decided once, in the eligibility engine (eligibility/defence.ts,
// defenceRequirement), and is shown to the applicant when they declare; this adapter reuses it so
// the office's defence list can never disagree with what the applicant was told.
//
// B21-7: 初级 exempt; grass-roots service, 且末县 / 若羌县 and county-level units exempt too; an
// exempt candidate gets the average of that year's participants where the defence is scored, else
// counts as passed. A24-14: senior levels defend, intermediate and below are exempt; grass-roots
// service that year exempts; the exempt get the average of that year's participants of the same
// specialty.
//
// Pure; shared with the web.

import type { Campaign } from '../campaign/schema.js';
import type { Level } from '../campaign/vocabulary.js';
import type { ApplicantArchive } from '../eligibility/archive.js';
import { defenceRequirement } from '../eligibility/defence.js';
import { averageScore } from './scoring.js';

export type DefenceDecision = { required: boolean; exemptReason: string | null; ruleId: string | null };

/**
 * B21-7 / A24-14: whether a candidate defends (答辩) or is exempt, with the reason in Chinese and
 * the rule id.
 *
 * `facts` is the applicant's archive as the eligibility engine takes it (ApplicantArchive, built
 * by domain/application/facts.ts archiveForEligibility). Only three facts are read:
 * `unit.countyLevelOrBelow`, `unit.countyName` and `grassRootsService` (service in the campaign's
 * year). The whole archive is taken, not a slice, so this calls the eligibility function as it is,
 * without a cast that would hide a new fact it starts to read.
 *
 * Exempt (required false): exemptReason is the message the applicant saw, e.g.
 * '在且末县工作，免于答辩；…（B21-7）' or '申报中级免于答辩（A24-14）'. A campaign without a defence
 * rule: required false, ruleId null, exemptReason says the notice sets no defence.
 */
export function defenceDecision(campaign: Campaign, level: Level, facts: ApplicantArchive): DefenceDecision {
  const verdict = defenceRequirement({ campaign, level, archive: facts });
  if (verdict.required) return { required: true, exemptReason: null, ruleId: verdict.ruleId };
  return { required: false, exemptReason: verdict.message, ruleId: verdict.ruleId };
}

/**
 * The defence score an exempt candidate gets: the average of that year's participants (same
 * specialty where the campaign says 'averageOfSameSpecialty', A24-14; everyone otherwise, B21-7),
 * to one decimal. Returns null when there are no participants to average: the office must decide.
 *
 * `defenceScored` (default true) says whether this year's defence was scored (量化赋分). Whether it
 * is is decided for the meeting, not in the notice, so the caller says it. When it was not scored:
 * 'passed' where the campaign says so (B21-7 “按照通过现场答辩环节对待”), null where the notice is
 * silent (A24-14), so the office decides rather than the platform guessing.
 *
 * A campaign without a defence rule (policy null) has no defence to score or fail: 'passed'.
 */
export function exemptDefenceScore(
  policy: Campaign['rules']['defence'],
  candidate: { specialtyId: string },
  participants: readonly { specialtyId: string; score: number }[],
  defenceScored = true,
): number | 'passed' | null {
  if (policy === null) return 'passed';
  if (!defenceScored) return policy.exemptScoring.whenUnscored === 'treatedAsPassed' ? 'passed' : null;
  const counted =
    policy.exemptScoring.whenScored === 'averageOfSameSpecialty'
      ? participants.filter((p) => p.specialtyId === candidate.specialtyId)
      : participants;
  return averageScore(counted.map((p) => p.score));
}
