// The statistics page, pure: groupings, the pass rate as text, and the bars' lengths (a bar chart
// drawn with plain elements: no chart library).
import type { StatisticsGrouping, StatisticsRow } from '../../../api/evaluation';

export const GROUPINGS: { value: StatisticsGrouping; label: string }[] = [
  { value: 'series', label: '按系列' },
  { value: 'level', label: '按级别' },
  { value: 'county', label: '按县市' },
  { value: 'unit', label: '按单位' },
];

/** The measures shown as columns and bars, in the order an application passes them. */
export const MEASURES: { key: keyof Pick<StatisticsRow, 'declared' | 'returned' | 'accepted' | 'paid' | 'passed'>; label: string; color: string }[] = [
  { key: 'declared', label: '申报', color: '#8fb3e8' },
  { key: 'returned', label: '退回', color: '#f0b37e' },
  { key: 'accepted', label: '受理', color: '#5b8fd9' },
  { key: 'paid', label: '已缴费', color: '#3e7bcf' },
  { key: 'passed', label: '通过', color: '#2f9e5b' },
];

/** '83.3%': the server's passRate is a percentage with one decimal (passed of those decided); '—' when nobody was decided. */
export function passRateText(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? '—' : `${(Math.round(rate * 10) / 10).toFixed(1)}%`;
}

/** The widest value of the rows (at least 1, so an empty table draws no bar). */
export function barScale(rows: readonly StatisticsRow[]): number {
  let max = 1;
  for (const r of rows) for (const m of MEASURES) max = Math.max(max, r[m.key]);
  return max;
}

/** A bar's width in percent of the track: 0 for 0, at least 1 for any positive value. */
export function barWidth(value: number, scale: number): number {
  if (!(value > 0) || !(scale > 0)) return 0;
  return Math.max(1, Math.min(100, Math.round((value / scale) * 1000) / 10));
}
