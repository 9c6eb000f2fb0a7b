import { describe, expect, it } from 'vitest';
import type { OfficeCase } from '../../../api/evaluation';
import { casesOfCommittee, caseStatusColor, fraudApplies, toCaseDecision, toCaseRequest } from './cases';
import { revokeConfirmed } from './certificates';

function aCase(id: string, applicationId: string, createdAt: string): OfficeCase {
  return { id, kind: 'objection', kindLabel: '公示异议', applicationId, code: 'X', name: 'n', content: 'c', filedByName: 'f', createdAt, status: 'open', statusLabel: '待处理', investigation: null, outcome: null, decidedAt: null };
}

describe('cases', () => {
  it("keeps the committee's candidates' cases, newest first", () => {
    const cases = [aCase('1', 'a1', '2026-10-01T01:00:00Z'), aCase('2', 'other', '2026-10-02T01:00:00Z'), aCase('3', 'a2', '2026-10-03T01:00:00Z')];
    expect(casesOfCommittee(cases, [{ applicationId: 'a1' }, { applicationId: 'a2' }]).map((c) => c.id)).toEqual(['3', '1']);
  });

  it('colours the statuses', () => {
    expect(caseStatusColor('open')).toBe('warning');
    expect(caseStatusColor('upheld')).toBe('error');
    expect(caseStatusColor('dismissed')).toBe('default');
  });

  it("checks the applicant's request", () => {
    expect(toCaseRequest('review_request', '  代表作评分有误  ')).toEqual({ request: { kind: 'review_request', content: '代表作评分有误' } });
    expect(toCaseRequest('complaint', ' ')).toEqual({ problem: '请填写具体事实和理由' });
    expect(toCaseRequest(undefined, 'x')).toEqual({ problem: '请选择类别' });
    expect(toCaseRequest('complaint', '字'.repeat(2001))).toEqual({ problem: '不超过 2000 个字' });
  });
});

describe("the office's decision", () => {
  it('B21-10: the 查实弄虚作假 box applies only when upholding an objection', () => {
    expect(fraudApplies('objection', 'upheld')).toBe(true);
    expect(fraudApplies('objection', 'dismissed')).toBe(false);
    expect(fraudApplies('objection', 'investigating')).toBe(false);
    expect(fraudApplies('complaint', 'upheld')).toBe(false);
    expect(fraudApplies('review_request', 'upheld')).toBe(false);
  });

  it('sends fraud only for an upheld objection; texts trimmed, an empty outcome as null', () => {
    expect(toCaseDecision('objection', { status: 'upheld', investigation: ' 已核实 ', outcome: ' 代表作系抄袭 ', fraud: true })).toEqual({
      status: 'upheld',
      investigation: '已核实',
      outcome: '代表作系抄袭',
      fraud: true,
    });
    expect(toCaseDecision('objection', { status: 'upheld', investigation: '已核实', outcome: '署名有误' })).toEqual({ status: 'upheld', investigation: '已核实', outcome: '署名有误', fraud: false });
    // A box ticked, then the status changed: not sent.
    expect(toCaseDecision('objection', { status: 'dismissed', investigation: '核查', outcome: '不属实', fraud: true })).toEqual({ status: 'dismissed', investigation: '核查', outcome: '不属实' });
    expect(toCaseDecision('complaint', { status: 'upheld', investigation: '核查', outcome: '属实', fraud: true })).toEqual({ status: 'upheld', investigation: '核查', outcome: '属实' });
    expect(toCaseDecision('objection', { status: 'investigating', investigation: '核查中', outcome: '  ' })).toEqual({ status: 'investigating', investigation: '核查中', outcome: null });
  });
});

describe('revoking a certificate', () => {
  it('asks for the number typed exactly (case and spaces around aside)', () => {
    expect(revokeConfirmed('BZ-2026-ZJ-000001', ' bz-2026-zj-000001 ')).toBe(true);
    expect(revokeConfirmed('BZ-2026-ZJ-000001', 'BZ-2026-ZJ-000002')).toBe(false);
    expect(revokeConfirmed('BZ-2026-ZJ-000001', '')).toBe(false);
    expect(revokeConfirmed('BZ-2026-ZJ-000001', undefined)).toBe(false);
  });
});
