import { describe, expect, it } from 'vitest';
import { beijingToday, dayAfter, publicityText, recommendBlockedReason } from './publicity';

const period = { startsOn: '2026-09-28', endsOn: '2026-10-09', workingDays: 5 };

describe('unit publicity', () => {
  it('takes today in Beijing, not in the browser’s zone', () => {
    expect(beijingToday(new Date('2026-10-09T15:59:59Z'))).toBe('2026-10-09');
    expect(beijingToday(new Date('2026-10-09T16:00:00Z'))).toBe('2026-10-10');
  });

  it('counts the day after across months and years', () => {
    expect(dayAfter('2026-10-31')).toBe('2026-11-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });

  it('describes the period', () => {
    expect(publicityText(period)).toBe('2026-09-28 至 2026-10-09（5 个工作日）');
  });

  it('blocks the recommendation until the day after the last day of the publicity', () => {
    expect(recommendBlockedReason(null, '2026-10-01')).toBe('尚未开始公示');
    expect(recommendBlockedReason(period, '2026-09-28')).toBe('公示期至 2026-10-09，2026-10-10 起方可推荐上报');
    expect(recommendBlockedReason(period, '2026-10-09')).toBe('公示期至 2026-10-09，2026-10-10 起方可推荐上报');
    expect(recommendBlockedReason(period, '2026-10-10')).toBeNull();
    expect(recommendBlockedReason(period, '2027-01-05')).toBeNull();
  });
});
