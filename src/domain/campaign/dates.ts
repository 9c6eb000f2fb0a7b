// Date arithmetic for campaign rules. Dates are Beijing calendar dates 'YYYY-MM-DD'; clock times in
// a campaign file are ISO strings with the +08:00 offset ('2021-09-25T23:59:59+08:00') so an office
// user reads them as written in the notice, while Date.parse gives the exact instant (UTC) to store
// and compare. Pure; no Date.now().

import { fromDayNumber, toDayNumber } from '../calendar/calendar.js';

export function isValidDate(s: unknown): s is string {
  try {
    toDayNumber(s as string);
    return true;
  } catch {
    return false;
  }
}

const BEIJING_DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)\+08:00$/;

/** True for 'YYYY-MM-DDTHH:mm:ss+08:00' naming a real date and time. */
export function isBeijingDateTime(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = BEIJING_DATETIME_RE.exec(s);
  return m !== null && isValidDate(m[1]);
}

/** The instant (ms since epoch) of a Beijing date-time string. */
export function instantOf(beijingDateTime: string): number {
  return Date.parse(beijingDateTime);
}

/** '2021-09-25T23:59:59+08:00' → '2021-09-25 23:59', the form shown to users. */
export function formatBeijing(beijingDateTime: string): string {
  return `${beijingDateTime.slice(0, 10)} ${beijingDateTime.slice(11, 16)}`;
}

/** The Beijing date-time string of an instant, e.g. for "returned at" in a message. */
export function toBeijingDateTime(instantMs: number): string {
  const shifted = new Date(instantMs + 8 * 3_600_000);
  const date = fromDayNumber(Math.floor(shifted.getTime() / 86_400_000));
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  const ss = String(shifted.getUTCSeconds()).padStart(2, '0');
  return `${date}T${hh}:${mm}:${ss}+08:00`;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/**
 * The same day of the month `months` months later. When that month is too short (Jan 31 + 1
 * month, Feb 29 + 12 months) the result is the first day of the following month: the anniversary
 * has not been reached on the last day of the short month. This is the one convention for every
 * "满 N 年", term and age in this module.
 */
export function addMonths(date: string, months: number): string {
  toDayNumber(date); // validates
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12; // 0-based
  const daysInTarget = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  if (d <= daysInTarget) return fromDayNumber(Date.UTC(ty, tm, d) / 86_400_000);
  return fromDayNumber(Date.UTC(ty, tm + 1, 1) / 86_400_000);
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/**
 * Full years from `from` to `to`: the largest n with addYears(from, n) ≤ to. A title obtained on
 * 2020-12-31 has 4 full years on 2024-12-31 (its fourth anniversary); one obtained on 2021-01-01
 * has 3. This is how "取得…职称后满 N 年，资历计算截止 X" is read (A24-12): the N-th anniversary
 * falls on or before the cut-off.
 */
export function fullYearsBetween(from: string, to: string): number {
  if (to < from) return 0;
  let n = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  while (n > 0 && addYears(from, n) > to) n--;
  return n;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
