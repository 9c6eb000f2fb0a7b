import { describe, expect, it } from 'vitest';
import { afterAcceptance, paperReceivedAt, returnedBy } from './stages';

const event = (action: string, at: string, actor = '评委会办公室') => ({ at, actor, action, label: action, reasons: [] });

describe('after 已接收材料', () => {
  it('holds from the acceptance on', () => {
    expect(afterAcceptance('office_review', null)).toBe(false);
    expect(afterAcceptance('returned', null)).toBe(false);
    expect(afterAcceptance('accepted', '2026-10-01T02:00:00Z')).toBe(true);
    expect(afterAcceptance('unpaid', '2026-10-01T02:00:00Z')).toBe(true);
  });

  it('finds the last registration of the paper copy', () => {
    expect(paperReceivedAt([])).toBeNull();
    expect(paperReceivedAt([event('accepted', '2026-10-01T02:00:00Z')])).toBeNull();
    expect(paperReceivedAt([event('accepted', '2026-10-01T02:00:00Z'), event('paperReceived', '2026-10-03T02:00:00Z')])).toBe('2026-10-03T02:00:00Z');
  });

  it('names the desk that returned it last', () => {
    expect(returnedBy([event('submitted', '2026-10-01T02:00:00Z', '申报人')])).toBeNull();
    expect(returnedBy([event('returned', '2026-10-01T02:00:00Z', '所在单位'), event('resubmitted', '2026-10-02T02:00:00Z', '申报人'), event('returned', '2026-10-03T02:00:00Z', '主管部门')])).toBe('主管部门');
  });
});
