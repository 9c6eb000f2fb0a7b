// The national (全国) working-day calendar: public holidays and 调休 make-up working days as
// announced each year by the General Office of the State Council (国务院办公厅关于 X 年部分节假日
// 安排的通知). The data itself lives in national-days.data.ts, generated from the `chinese-days`
// package by generate-national-days.ts, so the application does not depend on the package at
// run time and an administrator's overlay (calendar.ts) can amend it.
//
// Pure module: no I/O, safe for the browser bundle.

import { NATIONAL_DAYS, NATIONAL_FIRST_YEAR, NATIONAL_LAST_YEAR } from './national-days.data.js';
import type { NationalDayEntry, NationalYear } from './national-days.data.js';

export { NATIONAL_DAYS, NATIONAL_FIRST_YEAR, NATIONAL_LAST_YEAR };
export type { NationalDayEntry, NationalYear };

/** One entry of the national calendar in the same shape the overlay layers use. */
export type NationalDay = { date: string; kind: 'holiday' | 'workday'; name: string };

/**
 * All national entries for the years the data covers, holidays and make-up working days together.
 * Weekends that are simply weekends are not listed: a day not listed follows the Mon–Fri rule.
 */
export function nationalDays(): NationalDay[] {
  const out: NationalDay[] = [];
  for (let year = NATIONAL_FIRST_YEAR; year <= NATIONAL_LAST_YEAR; year++) {
    const y = NATIONAL_DAYS[year];
    for (const e of y.holidays) out.push({ date: e.date, kind: 'holiday', name: e.name });
    for (const e of y.workdays) out.push({ date: e.date, kind: 'workday', name: e.name });
  }
  return out;
}
