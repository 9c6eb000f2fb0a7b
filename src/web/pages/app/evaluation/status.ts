// The committee's stages and the office desk's wording, pure: status labels and colours, which
// stage has been reached, the quorum line, a candidate's defence and result, and the request of
// the draw dialog.
import { validateCommitteeSize } from '../../../../domain/evaluation/committee';
import { meetingQuorate } from '../../../../domain/evaluation/vote';
import type { Level } from '../../../../domain/campaign/vocabulary';
import type { CandidateResult, CommitteeStatus, DrawRequest, OfficeCandidate } from '../../../api/evaluation';

export const COMMITTEE_STATUS_ORDER: readonly CommitteeStatus[] = ['formed', 'scoring_closed', 'meeting_open', 'ballot_closed', 'results_publicised', 'confirmed'];

export const COMMITTEE_STATUS_LABELS: Record<CommitteeStatus, string> = {
  formed: '专家评审中',
  scoring_closed: '评分已截止',
  meeting_open: '评审会议进行中',
  ballot_closed: '投票已结束',
  results_publicised: '结果公示中',
  confirmed: '结果已确认',
};

export const COMMITTEE_STATUS_COLORS: Record<CommitteeStatus, string> = {
  formed: 'processing',
  scoring_closed: 'blue',
  meeting_open: 'orange',
  ballot_closed: 'purple',
  results_publicised: 'cyan',
  confirmed: 'success',
};

/** Whether the committee has reached `stage` (or gone past it). */
export function reached(status: CommitteeStatus, stage: CommitteeStatus): boolean {
  return COMMITTEE_STATUS_ORDER.indexOf(status) >= COMMITTEE_STATUS_ORDER.indexOf(stage);
}

/** "出席 x / y，需 ≥ z" */
export function quorumText(present: number, members: number, needed: number): string {
  return `出席 ${present} / ${members}，需 ≥ ${needed}`;
}

/** The quorum as the office ticks the boxes (N40-MEETING: at least two thirds present). */
export function quorumState(present: number, members: number): boolean {
  return members > 0 && meetingQuorate(members, present);
}

/** 'overturned': passed the vote, then an objection in the publicity was upheld (A24-4) — not a pass. */
export const RESULT_COLORS: Record<CandidateResult, string> = {
  passed: 'success',
  failed: 'error',
  failed_cap: 'warning',
  tied_at_cap: 'gold',
  overturned: 'error',
};

/** The defence column of the candidates' table. */
export function defenceText(c: Pick<OfficeCandidate, 'defenceRequired' | 'defenceExemptReason' | 'defenceSessionId'>): string {
  if (!c.defenceRequired) return c.defenceExemptReason ? `免答辩（${c.defenceExemptReason}）` : '免答辩';
  return c.defenceSessionId ? '已安排答辩' : '需答辩，未安排';
}

/** One decimal, or '—'. */
export function scoreText(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(1);
}

export interface DrawValues {
  seriesId?: string;
  level?: Level;
  size?: number;
  seed?: string;
  requiredSpecialtyIds?: string[];
  meetingDate?: string;
}

/** The draw dialog's values as the request, or the problems (Chinese) that keep it from being sent. */
export function toDrawRequest(values: DrawValues, minMembers: number | null): { request: DrawRequest } | { problems: string[] } {
  const problems: string[] = [];
  if (!values.seriesId) problems.push('请选择系列');
  if (!values.level) problems.push('请选择评审级别');
  if (!values.meetingDate) problems.push('请选择评审会日期');
  if (values.size === undefined || values.size === null) problems.push('请填写评审委员会人数');
  else problems.push(...validateCommitteeSize(values.size, minMembers ?? 1));
  if (problems.length > 0) return { problems };
  const seed = values.seed?.trim() ?? '';
  return {
    request: {
      seriesId: values.seriesId!,
      level: values.level!,
      size: values.size!,
      seed: seed === '' ? null : seed,
      requiredSpecialtyIds: values.requiredSpecialtyIds ?? [],
      meetingDate: values.meetingDate!,
    },
  };
}

/** The DRAW_FAILED problems of a refused draw: `problems`, else the field messages, else the message. */
export function drawProblems(body: Record<string, unknown> | undefined, fields: readonly { message: string }[], message: string): string[] {
  const raw = body?.problems;
  if (Array.isArray(raw)) {
    const texts = raw.filter((p): p is string => typeof p === 'string' && p !== '');
    if (texts.length > 0) return texts;
  }
  if (fields.length > 0) return fields.map((f) => f.message);
  return [message];
}
