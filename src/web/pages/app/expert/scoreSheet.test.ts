import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_FORM } from '../../../../domain/evaluation/scoring';
import { fullMark, initialSheet, liveTotal, toScoreRequest, totalText, unscoredCount } from './scoreSheet';

const form = DEFAULT_SCORING_FORM; // 40 + 30 + 20 + 10

describe('score sheet', () => {
  it('shows the total live, in tenths (no 0.1 + 0.2 noise), ignoring what is not yet valid', () => {
    expect(liveTotal(form, { achievements: 35.1, competence: 25.2 })).toBe(60.3);
    expect(liveTotal(form, { achievements: 41, competence: null, works: undefined })).toBe(0);
    expect(totalText(60.3, fullMark(form))).toBe('60.3 / 100');
    expect(unscoredCount(form, { achievements: 1 })).toBe(3);
  });

  it('builds the request with the same rules as the server', () => {
    const ok = toScoreRequest(form, { achievements: 36, competence: 27.5, works: 18, ethics: 9 }, '  业绩突出 ');
    expect(ok).toEqual({ request: { items: { achievements: 36, competence: 27.5, works: 18, ethics: 9 }, comment: '业绩突出' }, total: 90.5 });
    const bad = toScoreRequest(form, { achievements: 36, competence: 31, works: 18 }, '');
    expect(bad).toEqual({ problems: ['“专业能力”的评分应在 0 至 30 分之间，现为 31', '“职业道德”未评分'] });
  });

  it('starts from the saved score, else empty', () => {
    expect(initialSheet(form, null)).toEqual({ achievements: null, competence: null, works: null, ethics: null });
    expect(initialSheet(form, { items: { achievements: 30, ethics: 8 }, total: 38, comment: '' })).toEqual({ achievements: 30, competence: null, works: null, ethics: 8 });
  });
});
