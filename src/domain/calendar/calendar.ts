// Working-day calendar for every "≥ N working days" rule (unit publicity B21-10 / A24-11, results
// publicity A24-4). A day is a working day unless the calendar says otherwise; the calendar is the
// national arrangement (国务院 holidays and 调休 make-up working days), plus, for Xinjiang, the
// regional 肉孜节 / 古尔邦节 days, plus what an administrator has entered.
//
// Never guess: a date in a year whose arrangement has not been entered throws
// CalendarOutOfRangeError, because treating an unknown year as "Mon–Fri" would let a publicity end
// in the middle of a holiday nobody entered.
//
// Dates are Beijing calendar dates as 'YYYY-MM-DD' strings. Internally a date is the number of days
// since 1970-01-01 computed with Date.UTC, so neither the machine's time zone nor DST can shift it.
// Pure module: no I/O, safe for the browser bundle.

import { NATIONAL_DAYS, NATIONAL_FIRST_YEAR, NATIONAL_LAST_YEAR } from './national-days.js';
import { XINJIANG_DAYS, XINJIANG_YEARS } from './xinjiang-days.js';

export type CalendarRegion = 'national' | 'xinjiang';

/**
 * Administrator-edited entries (a later issue stores them in the database). `region` is
 * 'national' for a change to the national arrangement, or a region code such as 'xinjiang'.
 * A 'holiday' entry makes the date a day off; a 'workday' entry makes it a working day (a 调休
 * weekend, or the removal of a wrongly entered holiday).
 */
export type CalendarOverlay = { date: string; kind: 'holiday' | 'workday'; name: string; region: string }[];
export type CalendarOverlayEntry = CalendarOverlay[number];

export type CalendarOptions = {
  region: CalendarRegion;
  overlays?: CalendarOverlay;
  /**
   * Years outside the built-in data that an administrator has marked complete: every holiday and
   * make-up working day of that year is entered as an overlay. Only such years are covered; an
   * overlay for a year not listed here is kept but the year still throws. For a 'xinjiang'
   * calendar, marking a year complete vouches for both its national and its regional entries.
   */
  completeYears?: number[];
};

export type Calendar = {
  readonly region: CalendarRegion;
  /** True when `date` is a working day. */
  isWorkingDay(date: string): boolean;
  /**
   * The (n+1)-th working day on or after `date`, n ≥ 0. Equivalently: move `date` forward to a
   * working day (unchanged if it is one), then step n working days forward. So
   *   addWorkingDays(d, 0) = d if d is a working day, else the next working day;
   *   addWorkingDays(Friday, 1) = the next working day after that Friday;
   *   addWorkingDays(Saturday, 1) = the second working day after it (usually Tuesday).
   * This makes addWorkingDays(addWorkingDays(d, a), b) = addWorkingDays(d, a + b), and
   * countWorkingDays(d, addWorkingDays(d, n)) = n + 1.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Number of working days in [from, to], both ends included. An empty range (from after to)
   * counts 0. Additive: count(a, b) + count(b + 1 day, c) = count(a, c).
   */
  countWorkingDays(from: string, to: string): number;
  /**
   * Last day of a publicity period of `workingDays` (≥ 1) working days that starts on `start`.
   * The first day counts when it is a working day; a publicity posted on a non-working day starts
   * counting on the next working day. Equals addWorkingDays(start, workingDays - 1). The publicity
   * is over at the end of the returned day.
   *
   * Note: 民法典第二百零一条 counts periods from the day after the start ("开始的当日不计入").
   * A rule that follows that convention passes the next day as `start`.
   */
  publicityEndDate(start: string, workingDays: number): string;
  /**
   * True when n full working days have passed since `start` (the start day counting when it is a
   * working day), i.e. the working days in [start, today − 1 day] number at least n. Equivalently,
   * today is after publicityEndDate(start, n). Used to refuse a recommendation before the unit
   * publicity (B21-10, A24-11) or to confirm results before the results publicity (A24-4) has run.
   * `today` is the Beijing date (see beijingDate).
   */
  hasRunWorkingDays(start: string, today: string, n: number): boolean;
  /**
   * Years the calendar answers for. Every year in firstYear..lastYear is covered; `years` lists
   * every covered year, including any year an administrator marked complete that is not adjacent
   * to that run (dates in the gap still throw).
   */
  readonly coverage: { firstYear: number; lastYear: number; years: number[] };
};

/** A date in a year whose holiday arrangement has not been entered. */
export class CalendarOutOfRangeError extends Error {
  override readonly name = 'CalendarOutOfRangeError';
  constructor(
    readonly year: number,
    readonly region: CalendarRegion,
  ) {
    super(
      region === 'xinjiang'
        ? `${year} 年的节假日安排（含新疆维吾尔自治区肉孜节、古尔邦节）尚未录入，请系统管理员先维护该年度日历`
        : `${year} 年的节假日安排尚未录入，请系统管理员先维护该年度日历`,
    );
  }
}

/** Overlay data that cannot be applied (malformed entry, contradictory entries for one day). */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
}

// ---------------------------------------------------------------------------------------------
// Date arithmetic on day numbers (days since 1970-01-01).

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → day number. Throws RangeError on anything that is not a real calendar date. */
export function toDayNumber(date: string): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC rolls 2024-02-30 over to March; the round trip catches it.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms / MS_PER_DAY;
  }
  throw new RangeError(`日期格式无效：${String(date)}（应为 YYYY-MM-DD）`);
}

export function fromDayNumber(day: number): string {
  const dt = new Date(day * MS_PER_DAY);
  const y = dt.getUTCFullYear();
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const d = String(dt.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${d}`;
}

function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 1970-01-01 was a Thursday; 0 = Sunday … 6 = Saturday. */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * The Beijing calendar date of an instant. China has used UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact for every date this platform handles.
 */
export function beijingDate(instant: Date): string {
  return fromDayNumber(Math.floor((instant.getTime() + 8 * 3_600_000) / MS_PER_DAY));
}

function requireCount(n: number, min: number, what: string): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${what}应为不小于 ${min} 的整数：${n}`);
}

// ---------------------------------------------------------------------------------------------
// Building a calendar.

type Kind = 'holiday' | 'workday';

/**
 * Applies one layer of entries on top of `days`. Within a layer, the same date entered both as a
 * holiday and as a working day is contradictory data, and we refuse to pick one.
 */
function applyLayer(days: Map<number, Kind>, entries: readonly { date: string; kind: Kind }[], layer: string): void {
  const seen = new Map<number, Kind>();
  for (const e of entries) {
    if (e.kind !== 'holiday' && e.kind !== 'workday') {
      throw new CalendarDataError(`日历维护数据有误（${layer}）：${e.date} 的类型应为 holiday 或 workday`);
    }
    let day: number;
    try {
      day = toDayNumber(e.date);
    } catch {
      throw new CalendarDataError(`日历维护数据有误（${layer}）：日期格式无效 ${String(e.date)}`);
    }
    const before = seen.get(day);
    if (before !== undefined && before !== e.kind) {
      throw new CalendarDataError(`日历维护数据冲突（${layer}）：${e.date} 同时被设为节假日和工作日`);
    }
    seen.set(day, e.kind);
  }
  for (const [day, kind] of seen) days.set(day, kind);
}

export function createCalendar(options: CalendarOptions): Calendar {
  const { region } = options;
  if (region !== 'national' && region !== 'xinjiang') throw new RangeError(`不支持的日历地区：${String(region)}`);
  const overlays = options.overlays ?? [];
  const completeYears = options.completeYears ?? [];
  for (const y of completeYears) requireCount(y, 1, '年度');

  // Layers, later ones winning: national data → administrator's national entries → built-in
  // regional days → administrator's regional entries. A regional arrangement is made with the
  // national one in view, so it overrides it; an administrator corrects the built-in data of the
  // same level. Entries for other regions do not apply to this calendar.
  const days = new Map<number, Kind>();
  const national: { date: string; kind: Kind }[] = [];
  for (let year = NATIONAL_FIRST_YEAR; year <= NATIONAL_LAST_YEAR; year++) {
    for (const e of NATIONAL_DAYS[year].holidays) national.push({ date: e.date, kind: 'holiday' });
    for (const e of NATIONAL_DAYS[year].workdays) national.push({ date: e.date, kind: 'workday' });
  }
  applyLayer(days, national, '全国节假日数据');
  applyLayer(days, overlays.filter((o) => o.region === 'national'), '全国节假日维护');

  const covered = new Set<number>();
  for (let year = NATIONAL_FIRST_YEAR; year <= NATIONAL_LAST_YEAR; year++) {
    if (region === 'national' || XINJIANG_YEARS.includes(year)) covered.add(year);
  }
  if (region === 'xinjiang') {
    applyLayer(days, XINJIANG_DAYS, '新疆节假日数据');
    applyLayer(days, overlays.filter((o) => o.region === 'xinjiang'), '新疆节假日维护');
  }
  for (const y of completeYears) covered.add(y);

  // The run of consecutive covered years around the built-in data.
  let firstYear = region === 'national' ? NATIONAL_FIRST_YEAR : Math.min(...XINJIANG_YEARS);
  let lastYear = region === 'national' ? NATIONAL_LAST_YEAR : Math.max(...XINJIANG_YEARS);
  while (covered.has(firstYear - 1)) firstYear--;
  while (covered.has(lastYear + 1)) lastYear++;
  const coverage = { firstYear, lastYear, years: [...covered].sort((a, b) => a - b) };

  function checkYear(day: number): void {
    const year = yearOfDay(day);
    if (!covered.has(year)) throw new CalendarOutOfRangeError(year, region);
  }

  function working(day: number): boolean {
    checkYear(day);
    const kind = days.get(day);
    if (kind !== undefined) return kind === 'workday';
    const wd = weekdayOfDay(day);
    return wd !== 0 && wd !== 6;
  }

  /** Working days in [from, to]; every day looked at is checked against the coverage. */
  function count(from: number, to: number): number {
    let n = 0;
    for (let day = from; day <= to; day++) if (working(day)) n++;
    return n;
  }

  function add(date: string, n: number): string {
    requireCount(n, 0, '工作日天数');
    let day = toDayNumber(date);
    while (!working(day)) day++;
    for (let left = n; left > 0; ) {
      day++;
      if (working(day)) left--;
    }
    return fromDayNumber(day);
  }

  return {
    region,
    coverage,
    isWorkingDay: (date) => working(toDayNumber(date)),
    addWorkingDays: add,
    countWorkingDays(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      // Both ends are checked even for an empty range, so a caller never gets a silent 0 for a
      // year nobody entered.
      checkYear(a);
      checkYear(b);
      return count(a, b);
    },
    publicityEndDate(start, workingDays) {
      requireCount(workingDays, 1, '公示工作日天数');
      return add(start, workingDays - 1);
    },
    hasRunWorkingDays(start, today, n) {
      requireCount(n, 0, '工作日天数');
      const a = toDayNumber(start);
      const t = toDayNumber(today);
      checkYear(a);
      checkYear(t);
      // today itself has not passed yet, so only [start, today − 1] counts.
      return count(a, t - 1) >= n;
    },
  };
}
