import { describe, expect, it } from 'vitest';
import { beijingClock, beijingDateTime } from './time';

describe('Beijing time', () => {
  it('shows an ISO instant in Beijing time', () => {
    expect(beijingDateTime('2026-11-29T20:14:14.972Z')).toBe('2026-11-30 04:14');
    expect(beijingDateTime('2026-12-10T15:59:59.000Z')).toBe('2026-12-10 23:59');
  });

  it('gives the clock with seconds', () => {
    expect(beijingClock(new Date('2026-11-29T02:03:04Z'))).toBe('10:03:04');
  });
});
