// Everything that must hold before an application goes to the unit (B21-12, A24-5, A24-7): the
// window or the resubmit deadline, the submission cap, a complete form, every required material,
// the masking items, the signed commitment and the eligibility verdict. Returns every problem at
// once, each pointing at its place in the form, so the applicant fixes them in one pass. Pure.
import type { Facts } from '../campaign/conditions.js';
import { formatBeijing, instantOf } from '../campaign/dates.js';
import { applicableSlots, windowStatus } from '../campaign/queries.js';
import type { Campaign, MaterialSlot } from '../campaign/schema.js';
import type { Level } from '../campaign/vocabulary.js';
import type { EligibilityVerdict } from '../eligibility/check.js';
import { formProblems, type FormProblem, type FormValues } from './form.js';
import type { ApplicationStatus } from './status.js';

/** Files needed in a slot: its minimum, once per listed year (annual assessments, B21-5). */
export function requiredCount(slot: MaterialSlot): number {
  return slot.minCount * (slot.years?.length ?? 1);
}

export function materialProblems(campaign: Campaign, facts: Facts, countsBySlot: Record<string, number>): FormProblem[] {
  const fallbackRule = campaign.declarationForm.ruleId;
  return applicableSlots(campaign, facts).flatMap((slot) => {
    const need = requiredCount(slot);
    const have = countsBySlot[slot.id] ?? 0;
    if (have >= need) return [];
    const years = slot.years ? `（${slot.years.join('、')} 年每年 ${slot.minCount} 份）` : '';
    return [
      {
        path: `materials.${slot.id}`,
        message: `“${slot.name}”至少上传 ${need} 份${years}，现有 ${have} 份（${slot.ruleId ?? fallbackRule}）`,
      },
    ];
  });
}

/** A24-7: blind review applies to this level; the items the applicant must tick. */
export function maskingRequired(campaign: Campaign, level: Level): string[] {
  const blind = campaign.blindReview;
  return blind && blind.levels.includes(level) ? blind.maskedItems : [];
}

/**
 * A24-7: the slots whose scans the blind-review leak check (OCR) reads for this level: the masked
 * ones when blind review applies to it, none otherwise (nobody reviews those scans blind).
 */
export function leakCheckedSlots(campaign: Campaign, level: Level): Set<string> {
  const blind = campaign.blindReview;
  if (!blind || !blind.levels.includes(level)) return new Set();
  return new Set(campaign.materials.filter((s) => s.masked).map((s) => s.id));
}

export function maskingProblems(campaign: Campaign, level: Level, ticked: readonly string[]): FormProblem[] {
  const missing = maskingRequired(campaign, level).filter((item) => !ticked.includes(item));
  if (missing.length === 0) return [];
  return [{ path: 'masking', message: `盲评须遮盖：请勾选${missing.map((m) => `“${m}”`).join('、')}（${campaign.blindReview!.ruleId}）` }];
}

export type SubmissionInput = {
  campaign: Campaign;
  level: Level;
  status: ApplicationStatus;
  submissionCount: number;
  /** ISO instant of the resubmit deadline after a return; null before any return. */
  resubmitDeadline: string | null;
  form: FormValues;
  facts: Facts;
  countsBySlot: Record<string, number>;
  masking: readonly string[];
  commitmentSigned: boolean;
  eligibility: EligibilityVerdict;
  /** Files whose text mentions the applicant (blind-review leak check) and that are not yet acknowledged. */
  unacknowledgedLeaks: FormProblem[];
  nowMs: number;
};

export function submissionProblems(input: SubmissionInput): FormProblem[] {
  const { campaign } = input;
  const submission = campaign.submission;
  if (input.status !== 'draft' && input.status !== 'returned') {
    return [{ path: 'status', message: '当前状态不能提交' }];
  }
  if (input.submissionCount >= submission.maxSubmissions) {
    return [{ path: 'status', message: `提交次数已达上限 ${submission.maxSubmissions} 次，当年不再受理（${submission.ruleId}）` }];
  }
  const problems: FormProblem[] = [];
  if (input.status === 'draft') {
    const w = windowStatus(campaign, 'declaration', input.nowMs);
    if (w.state !== 'open') problems.push({ path: 'window', message: w.message });
  } else if (input.resubmitDeadline && Math.floor(input.nowMs / 1000) * 1000 > Date.parse(input.resubmitDeadline)) {
    // Seconds precision, like the windows: the deadline's last second (23:59:59) is still in time.
    problems.push({
      path: 'window',
      message: `已超过退回后的修改期限 ${formatBeijing(isoToBeijing(input.resubmitDeadline))}，逾期不予受理（${submission.resubmission.ruleId}）`,
    });
  }
  problems.push(...formProblems(input.form, campaign.declarationForm.ruleId, campaign.declarationForm.emptyFieldText));
  problems.push(...materialProblems(campaign, input.facts, input.countsBySlot));
  problems.push(...maskingProblems(campaign, input.level, input.masking));
  if (!input.commitmentSigned) problems.push({ path: 'commitment', message: '请阅读并签署个人承诺书' });
  problems.push(...input.unacknowledgedLeaks);
  for (const r of input.eligibility.results) {
    if (!r.passed) problems.push({ path: 'eligibility', message: r.fix ? `${r.message}。${r.fix}` : r.message });
  }
  return problems;
}

/** A Beijing date-time 'YYYY-MM-DDTHH:mm:ss+08:00' of an ISO instant, for formatBeijing. */
export function isoToBeijing(iso: string): string {
  const ms = Date.parse(iso) + 8 * 3600_000;
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

/** The instant a campaign's resubmit deadline (a Beijing date-time) falls on, as ISO. */
export function deadlineInstant(beijingDateTime: string): string {
  return new Date(instantOf(beijingDateTime)).toISOString();
}
