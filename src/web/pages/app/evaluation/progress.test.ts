import { describe, expect, it } from 'vitest';
import { initialAttendance, pendingTies, progressPercent, resultsOrder, votedText } from './progress';

describe('office boards', () => {
  it('progress in whole percent', () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(3, 3)).toBe(100);
    expect(progressPercent(0, 0)).toBe(0);
  });

  it('ticks the members recorded present only', () => {
    expect(initialAttendance([{ expertId: 'a', present: true }, { expertId: 'b', present: false }, { expertId: 'c', present: null }])).toEqual(['a']);
  });

  it('counts ballots, never choices', () => {
    expect(votedText(3, 7)).toBe('已投 3 / 7');
    expect(votedText(0, 0)).toBe('已投 0');
  });

  it('orders results by rank, the unranked after by code', () => {
    const rows = [
      { code: 'C', rank: null },
      { code: 'B', rank: 2 },
      { code: 'A', rank: null },
      { code: 'D', rank: 1 },
    ];
    expect(resultsOrder(rows).map((r) => r.code)).toEqual(['D', 'B', 'A', 'C']);
  });

  it('A24-17: counts the ties at the cap still to decide', () => {
    expect(pendingTies([{ result: 'tied_at_cap' }, { result: 'passed' }, { result: 'tied_at_cap' }, { result: null }])).toBe(2);
  });
});
