import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageScore, DEFAULT_SCORING_FORM, scoreProblems, scoreTotal, type ScoreInput } from './scoring.js';

const form = DEFAULT_SCORING_FORM;
const sheet = (items: Record<string, number>, comment = '业绩突出，建议通过。'): ScoreInput => ({ items, comment });
const full = { achievements: 36.5, competence: 27, works: 18, ethics: 9.5 };

describe('score sheets', () => {
  it('the default form: 业绩成果 40, 专业能力 30, 论文著作 20, 职业道德 10 = 100', () => {
    expect(form.items.map((i) => [i.id, i.name, i.maxPoints])).toEqual([
      ['achievements', '业绩成果', 40],
      ['competence', '专业能力', 30],
      ['works', '论文著作', 20],
      ['ethics', '职业道德', 10],
    ]);
    expect(form.items.reduce((s, i) => s + i.maxPoints, 0)).toBe(100);
  });

  it('a complete sheet has no problems and its total is the sum', () => {
    expect(scoreProblems(form, sheet(full))).toEqual([]);
    expect(scoreTotal(form, sheet(full))).toBe(91);
  });

  it('0 and the maximum are allowed; one decimal sums exactly', () => {
    expect(scoreProblems(form, sheet({ achievements: 40, competence: 0, works: 20, ethics: 0 }))).toEqual([]);
    expect(scoreTotal(form, sheet({ achievements: 0.1, competence: 0.2, works: 0, ethics: 0 }))).toBe(0.3);
    expect(scoreTotal(form, sheet({ achievements: 39.9, competence: 29.9, works: 19.9, ethics: 9.9 }))).toBe(99.6);
  });

  it('every problem is named with the item, in Chinese, all at once', () => {
    const problems = scoreProblems(
      form,
      sheet({ achievements: 41, competence: -1, works: 12.25, bonus: 5 } as Record<string, number>, '很好'.repeat(501)),
    );
    expect(problems).toEqual([
      '“业绩成果”的评分应在 0 至 40 分之间，现为 41',
      '“专业能力”的评分应在 0 至 30 分之间，现为 -1',
      '“论文著作”的评分最多保留一位小数，现为 12.25',
      '“职业道德”未评分',
      '评分表中没有评分项“bonus”',
      '评审意见不能超过 1000 字，现为 1002 字',
    ]);
  });

  it('non-numbers are refused, and a key like "constructor" is not mistaken for a score', () => {
    const items = { ...full, works: Number.NaN, ethics: '9' as unknown as number };
    expect(scoreProblems(form, sheet(items))).toEqual(['“论文著作”的评分应为数字', '“职业道德”的评分应为数字']);
    const tricky = { items: [{ id: 'constructor', name: '构造', maxPoints: 10 }] };
    expect(scoreProblems(tricky, sheet({}))).toEqual(['“构造”未评分']);
  });

  it('the comment is counted in characters: 1000 Chinese characters (or emoji) are allowed', () => {
    expect(scoreProblems(form, sheet(full, '好'.repeat(1000)))).toEqual([]);
    expect(scoreProblems(form, sheet(full, '👍'.repeat(1000)))).toEqual([]);
    expect(scoreProblems(form, sheet(full, ''))).toEqual([]);
  });

  it('the total of an invalid sheet is refused rather than guessed', () => {
    expect(() => scoreTotal(form, sheet({ ...full, ethics: 11 }))).toThrow('评分无效：“职业道德”的评分应在 0 至 10 分之间，现为 11');
    // A too-long comment does not make the points wrong.
    expect(scoreTotal(form, sheet(full, '长'.repeat(2000)))).toBe(91);
  });

  it('averages: one decimal, half up, null when nobody scored', () => {
    expect(averageScore([])).toBeNull();
    expect(averageScore([85])).toBe(85);
    expect(averageScore([85.1, 85.2])).toBe(85.2); // 85.15 → 85.2
    expect(averageScore([8.1, 8.2])).toBe(8.2); // naive Math.round((8.1 + 8.2) / 2 * 10) / 10 gives 8.1
    expect(averageScore([80, 81, 81])).toBe(80.7); // 80.666…
    expect(averageScore([90, 90.1, 90.1])).toBe(90.1);
    expect(() => averageScore([80, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  it('totals stay on one decimal and within the full mark for every valid sheet', () => {
    const tenths = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((t) => t / 10);
    fc.assert(
      fc.property(tenths(40), tenths(30), tenths(20), tenths(10), (a, c, w, e) => {
        const s = sheet({ achievements: a, competence: c, works: w, ethics: e });
        expect(scoreProblems(form, s)).toEqual([]);
        const total = scoreTotal(form, s);
        expect(Number.isInteger(Math.round(total * 10)) && Math.abs(total * 10 - Math.round(total * 10)) < 1e-9).toBe(true);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
        expect(total).toBe(Math.round((a + c + w + e) * 10) / 10);
      }),
    );
  });
});
