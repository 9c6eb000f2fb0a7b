// An expert's score sheet for one candidate (评审打分表): points per item of the form, and a
// comment. Scores are kept to one decimal; sums and averages are computed in tenths (integers) so
// 85.1 + 85.2 never turns into 170.29999999999998 and halves round the same way everywhere.
//
// Pure; shared with the web.

export interface ScoringItem {
  id: string;
  name: string;
  maxPoints: number;
}

/** The total of maxPoints is the form's full mark. */
export interface ScoringForm {
  items: ScoringItem[];
}

export interface ScoreInput {
  items: Record<string, number>;
  comment: string;
}

export const MAX_COMMENT_LENGTH = 1000;

export const DEFAULT_SCORING_FORM: ScoringForm = {
  items: [
    { id: 'achievements', name: '业绩成果', maxPoints: 40 },
    { id: 'competence', name: '专业能力', maxPoints: 30 },
    { id: 'works', name: '论文著作', maxPoints: 20 },
    { id: 'ethics', name: '职业道德', maxPoints: 10 },
  ],
};

/** A finite number with at most one decimal, in tenths; null otherwise. */
function toTenths(value: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const tenths = Math.round(value * 10);
  // value * 10 of a one-decimal number is within floating-point noise of an integer.
  return Math.abs(value * 10 - tenths) < 1e-6 ? tenths : null;
}

function itemProblems(form: ScoringForm, items: Record<string, number>): string[] {
  const problems: string[] = [];
  for (const item of form.items) {
    // Own properties only: a key such as "constructor" must not read Object.prototype.
    if (!Object.hasOwn(items, item.id)) {
      problems.push(`“${item.name}”未评分`);
      continue;
    }
    const v = items[item.id];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      problems.push(`“${item.name}”的评分应为数字`);
      continue;
    }
    if (toTenths(v) === null) problems.push(`“${item.name}”的评分最多保留一位小数，现为 ${v}`);
    if (v < 0 || v > item.maxPoints) problems.push(`“${item.name}”的评分应在 0 至 ${item.maxPoints} 分之间，现为 ${v}`);
  }
  const known = new Set(form.items.map((i) => i.id));
  for (const key of Object.keys(items)) {
    if (!known.has(key)) problems.push(`评分表中没有评分项“${key}”`);
  }
  return problems;
}

/**
 * Every item present, integer or one decimal, 0..maxPoints; no unknown items; comment ≤ 1000
 * characters (counted as characters a reader sees, not UTF-16 units). Chinese problems with the
 * item name; empty when the sheet may be saved.
 */
export function scoreProblems(form: ScoringForm, input: ScoreInput): string[] {
  const problems = itemProblems(form, input.items);
  const length = Array.from(input.comment).length;
  if (length > MAX_COMMENT_LENGTH) problems.push(`评审意见不能超过 ${MAX_COMMENT_LENGTH} 字，现为 ${length} 字`);
  return problems;
}

/**
 * The sheet's total, rounded to one decimal. Throws on a sheet whose items are not valid (check
 * scoreProblems first): a total of a wrong sheet would be a wrong number, not a smaller one.
 */
export function scoreTotal(form: ScoringForm, input: ScoreInput): number {
  const problems = itemProblems(form, input.items);
  if (problems.length > 0) throw new RangeError(`评分无效：${problems.join('；')}`);
  let tenths = 0;
  for (const item of form.items) tenths += toTenths(input.items[item.id]) as number;
  return tenths / 10;
}

/**
 * The average of sheet totals, rounded half up to one decimal; null when there is none. Each total
 * is first taken to one decimal (totals from scoreTotal already are), then the average is computed
 * in tenths so a half is exactly a half.
 */
export function averageScore(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  let tenths = 0;
  for (const t of totals) {
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new RangeError(`成绩无效：${t}`);
    tenths += Math.round(t * 10);
  }
  return Math.round(tenths / totals.length) / 10;
}
