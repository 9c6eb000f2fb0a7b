// Objections, review requests (复查) and complaints (投诉), pure: which cases concern a committee,
// the office's decision choices, colours, and the applicant's request.
import type { CaseDecision, CaseKind, CaseRequest, CaseStatus, OfficeCandidate, OfficeCase } from '../../../api/evaluation';

export const CASE_DECISION_OPTIONS: { value: 'investigating' | 'upheld' | 'dismissed'; label: string }[] = [
  { value: 'investigating', label: '调查核实中' },
  { value: 'upheld', label: '情况属实（办结）' },
  { value: 'dismissed', label: '经核查不属实（办结）' },
];

export const CASE_KIND_OPTIONS: { value: CaseRequest['kind']; label: string }[] = [
  { value: 'review_request', label: '申请复查' },
  { value: 'complaint', label: '投诉' },
];

export function caseStatusColor(status: CaseStatus): string {
  if (status === 'upheld') return 'error';
  if (status === 'dismissed') return 'default';
  if (status === 'investigating') return 'processing';
  return 'warning';
}

/** The campaign's cases about this committee's candidates, newest first. */
export function casesOfCommittee(cases: readonly OfficeCase[], candidates: readonly Pick<OfficeCandidate, 'applicationId'>[]): OfficeCase[] {
  const ids = new Set(candidates.map((c) => c.applicationId));
  return cases.filter((c) => ids.has(c.applicationId)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export const MAX_CASE_LENGTH = 2000;

/** The applicant's case as the request, or the problem (Chinese). */
export function toCaseRequest(kind: CaseRequest['kind'] | undefined, content: string | undefined): { request: CaseRequest } | { problem: string } {
  if (kind !== 'review_request' && kind !== 'complaint') return { problem: '请选择类别' };
  const text = (content ?? '').trim();
  if (text === '') return { problem: '请填写具体事实和理由' };
  if (Array.from(text).length > MAX_CASE_LENGTH) return { problem: `不超过 ${MAX_CASE_LENGTH} 个字` };
  return { request: { kind, content: text } };
}

/** The decision drawer's values: `fraud` is the 查实弄虚作假 box, shown only when upholding an objection. */
export interface CaseDecisionValues {
  status?: CaseDecision['status'];
  investigation?: string;
  outcome?: string | null;
  fraud?: boolean;
}

/** Whether the 查实弄虚作假 box applies: an objection to a publicised result, found true (B21-10). */
export function fraudApplies(kind: CaseKind, status: CaseDecision['status'] | undefined): boolean {
  return kind === 'objection' && status === 'upheld';
}

/**
 * The office's decision as the request: texts trimmed, an empty outcome as null, and `fraud` sent
 * only where it applies (an upheld objection: the result is overturned, and a fraud finding bars
 * the person for the campaign's ban years).
 */
export function toCaseDecision(kind: CaseKind, values: CaseDecisionValues): CaseDecision {
  const status = values.status ?? 'investigating';
  const outcome = values.outcome?.trim() ? values.outcome.trim() : null;
  const decision: CaseDecision = { status, investigation: (values.investigation ?? '').trim(), outcome };
  if (fraudApplies(kind, status)) decision.fraud = values.fraud === true;
  return decision;
}
