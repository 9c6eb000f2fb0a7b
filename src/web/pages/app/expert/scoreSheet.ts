// The expert's score sheet, pure: the live total while typing, the full mark, and the request —
// checked with the same rules as the server (scoreProblems: every item, 0..max, one decimal,
// comment ≤ 1000 characters).
import { scoreProblems, scoreTotal, type ScoringForm } from '../../../../domain/evaluation/scoring';
import type { MyScore, ScoreRequest } from '../../../api/evaluation';

export type SheetValues = Record<string, number | null | undefined>;

/** The sum of the items typed so far that are valid numbers, to one decimal (computed in tenths). */
export function liveTotal(form: ScoringForm, values: SheetValues): number {
  let tenths = 0;
  for (const item of form.items) {
    const v = values[item.id];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= item.maxPoints) tenths += Math.round(v * 10);
  }
  return tenths / 10;
}

export function fullMark(form: ScoringForm): number {
  return form.items.reduce((n, i) => n + i.maxPoints, 0);
}

/** How many items still have no score. */
export function unscoredCount(form: ScoringForm, values: SheetValues): number {
  return form.items.filter((i) => typeof values[i.id] !== 'number').length;
}

/** The PUT body, or every problem (Chinese) that keeps it from being saved. */
export function toScoreRequest(form: ScoringForm, values: SheetValues, comment: string | undefined): { request: ScoreRequest; total: number } | { problems: string[] } {
  const items: Record<string, number> = {};
  for (const item of form.items) {
    const v = values[item.id];
    if (typeof v === 'number') items[item.id] = v;
  }
  const request = { items, comment: (comment ?? '').trim() };
  const problems = scoreProblems(form, request);
  if (problems.length > 0) return { problems };
  return { request, total: scoreTotal(form, request) };
}

/** The form's starting values: the saved score, else empty. */
export function initialSheet(form: ScoringForm, saved: MyScore | null): SheetValues {
  const values: SheetValues = {};
  for (const item of form.items) values[item.id] = saved && typeof saved.items[item.id] === 'number' ? saved.items[item.id] : null;
  return values;
}

/** "85.5 / 100" */
export function totalText(total: number, full: number): string {
  return `${total.toFixed(1)} / ${full}`;
}
