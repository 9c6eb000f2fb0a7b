import { describe, expect, it } from 'vitest';
import type { StatisticsRow } from '../../../api/evaluation';
import { barScale, barWidth, passRateText } from './statistics';

const row = (key: string, declared: number, passed: number): StatisticsRow => ({ key, label: key, declared, returned: 0, accepted: declared, paid: declared, passed, passRate: null });

describe('statistics', () => {
  it('writes the pass rate (a percentage from the server) to one decimal', () => {
    expect(passRateText(83.3)).toBe('83.3%');
    expect(passRateText(100)).toBe('100.0%');
    expect(passRateText(null)).toBe('—');
  });

  it('scales the bars to the largest value', () => {
    const rows = [row('a', 40, 10), row('b', 8, 8)];
    expect(barScale(rows)).toBe(40);
    expect(barScale([])).toBe(1);
    expect(barWidth(40, 40)).toBe(100);
    expect(barWidth(10, 40)).toBe(25);
    expect(barWidth(0, 40)).toBe(0);
    expect(barWidth(1, 1000)).toBe(1);
  });
});
