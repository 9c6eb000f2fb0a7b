import { readFileSync } from 'node:fs';
import { isWorkday as chineseWorkdayIsWorkday } from 'chinese-workday';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beijingDate,
  CalendarDataError,
  CalendarOutOfRangeError,
  createCalendar,
  fromDayNumber,
  toDayNumber,
  type CalendarOverlay,
} from './calendar.js';
import { generateYear } from './generate-national-days.js';
import { NATIONAL_DAYS, NATIONAL_FIRST_YEAR, NATIONAL_LAST_YEAR, nationalDays } from './national-days.js';
import { XINJIANG_DAYS, XINJIANG_YEARS } from './xinjiang-days.js';

const national = createCalendar({ region: 'national' });
const xinjiang = createCalendar({ region: 'xinjiang' });

const nextDay = (d: string) => fromDayNumber(toDayNumber(d) + 1);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const isWeekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;

const dateIn = (from: string, to: string) =>
  fc.integer({ min: toDayNumber(from), max: toDayNumber(to) }).map(fromDayNumber);
// Start dates early enough that adding up to 250 working days (about a year) stays inside the data.
const nationalDate = dateIn('2015-01-01', '2025-06-30');
const xinjiangDate = dateIn('2021-01-01', '2025-06-30');
const calendars = [
  { cal: national, date: nationalDate },
  { cal: xinjiang, date: xinjiangDate },
];

describe('national data (generated from chinese-days)', () => {
  it('covers 2015–2026 and the checked-in module matches a fresh generation', () => {
    expect([NATIONAL_FIRST_YEAR, NATIONAL_LAST_YEAR]).toEqual([2015, 2026]);
    // Fails when someone edits the data by hand, or when an upgrade of chinese-days changes a
    // published year: regenerate and review the diff.
    for (let y = NATIONAL_FIRST_YEAR; y <= NATIONAL_LAST_YEAR; y++) expect(NATIONAL_DAYS[y]).toEqual(generateYear(y));
  });

  it('make-up working days are all weekend days, and no date is both a holiday and a working day', () => {
    const entries = nationalDays();
    for (const e of entries.filter((e) => e.kind === 'workday')) expect(isWeekend(e.date), e.date).toBe(true);
    const holidays = new Set(entries.filter((e) => e.kind === 'holiday').map((e) => e.date));
    for (const e of entries.filter((e) => e.kind === 'workday')) expect(holidays.has(e.date), e.date).toBe(false);
  });

  it('agrees with chinese-workday on every day 2015–2026, except its known data errors', () => {
    // Each difference was checked against the State Council notice; in every case chinese-workday
    // (1.16.1) is wrong and chinese-days is right:
    const knownChineseWorkdayErrors: Record<string, string> = {
      // 国发明电〔2015〕3号: 9-03 抗战胜利70周年纪念日 off, 9-04 off (调休, 9-06 Sunday worked).
      // chinese-workday has the 9-06 make-up day but not the two days off.
      '2015-09-03': 'missing 抗战胜利70周年 holiday',
      '2015-09-04': 'missing 抗战胜利70周年 holiday',
      // 2018 元旦: 2017-12-30 to 2018-01-01 off; 1 January itself is missing there.
      '2018-01-01': 'missing 元旦 2018',
      // 国办发明电〔2020〕1号 extended the 2020 Spring Festival to 2-02 (COVID-19), which also
      // cancelled the 2-01 Saturday make-up working day.
      '2020-01-31': 'missing 2020 Spring Festival extension',
      '2020-02-01': 'missing 2020 Spring Festival extension (make-up day cancelled)',
      // 2023 元旦: 2022-12-31 to 2023-01-02; Tuesday 1-03 was a normal working day.
      '2023-01-03': 'wrongly lists 2023-01-03 as 元旦',
    };
    const mismatches: string[] = [];
    for (let day = toDayNumber('2015-01-01'); day <= toDayNumber('2026-12-31'); day++) {
      const d = fromDayNumber(day);
      const ours = national.isWorkingDay(d);
      if (ours !== chineseWorkdayIsWorkday(d)) {
        mismatches.push(d);
        console.log(`calendar cross-check: ${d} ours=${ours ? '工作日' : '休息日'} chinese-workday=${ours ? '休息日' : '工作日'} — ${knownChineseWorkdayErrors[d] ?? 'UNEXPLAINED'}`);
      }
    }
    expect(mismatches).toEqual(Object.keys(knownChineseWorkdayErrors));
  });
});

describe('known days', () => {
  it('2024-10-01 (国庆) is a holiday; the Saturday 2024-10-12 is a 调休 working day', () => {
    expect(national.isWorkingDay('2024-10-01')).toBe(false);
    expect(national.isWorkingDay('2024-10-07')).toBe(false);
    expect(national.isWorkingDay('2024-10-08')).toBe(true);
    expect(weekday('2024-10-12')).toBe(6);
    expect(national.isWorkingDay('2024-10-12')).toBe(true);
    expect(national.isWorkingDay('2024-10-13')).toBe(false);
    expect(national.isWorkingDay('2024-09-29')).toBe(true); // Sunday, 调休
  });

  it('the Saturday 2021-10-09 is a working day (国庆 2021 调休)', () => {
    expect(weekday('2021-10-09')).toBe(6);
    expect(national.isWorkingDay('2021-10-09')).toBe(true);
    expect(national.isWorkingDay('2021-10-07')).toBe(false);
  });

  it('2026 Spring Festival: 2-15 to 2-23 off, Saturdays 2-14 and 2-28 worked', () => {
    for (let day = toDayNumber('2026-02-15'); day <= toDayNumber('2026-02-23'); day++) {
      expect(national.isWorkingDay(fromDayNumber(day)), fromDayNumber(day)).toBe(false);
    }
    expect(national.isWorkingDay('2026-02-14')).toBe(true);
    expect(national.isWorkingDay('2026-02-28')).toBe(true);
    expect(national.isWorkingDay('2026-02-24')).toBe(true);
    // 20 weekdays − 6 weekday holidays (2-16…2-20, 2-23) + 2 worked Saturdays.
    expect(national.countWorkingDays('2026-02-01', '2026-02-28')).toBe(16);
  });

  it('a plain weekend is off and a plain weekday is on', () => {
    expect(national.isWorkingDay('2024-03-16')).toBe(false);
    expect(national.isWorkingDay('2024-03-18')).toBe(true);
  });
});

describe('publicity periods', () => {
  it('A24-4: results publicity of 5 working days across 国庆 2024 ends on 2024-10-11', () => {
    // Meeting 2024-09-29, publicity from the next day: 9-30 (1), 10-01…10-07 off, 10-08 … 10-11 (5).
    expect(national.publicityEndDate('2024-09-30', 5)).toBe('2024-10-11');
    expect(xinjiang.publicityEndDate('2024-09-30', 5)).toBe('2024-10-11');
    expect(national.hasRunWorkingDays('2024-09-30', '2024-10-11', 5)).toBe(false);
    expect(national.hasRunWorkingDays('2024-09-30', '2024-10-12', 5)).toBe(true);
  });

  it('A24-4: the 调休 Sunday 2024-09-29 counts — publicity from Friday 9-27 ends 2024-10-09', () => {
    // 9-27 (1), 9-28 off, 9-29 Sunday worked (2), 9-30 (3), 10-08 (4), 10-09 (5).
    expect(national.publicityEndDate('2024-09-27', 5)).toBe('2024-10-09');
  });

  it('A24-4: a publicity posted on a holiday starts counting on the next working day', () => {
    expect(national.publicityEndDate('2024-10-03', 5)).toBe('2024-10-12'); // 10-08 … 10-11, 10-12 Saturday worked
  });

  it('B21-10: unit publicity of 5 working days from 2021-09-17 spans 中秋 2021 and ends 2021-09-24', () => {
    // 9-17 Fri (1), 9-18 Saturday worked (2), 9-19…9-21 中秋 off, 9-22 (3), 9-23 (4), 9-24 (5).
    expect(national.publicityEndDate('2021-09-17', 5)).toBe('2021-09-24');
    // Recommending is refused until the fifth working day has fully passed.
    expect(national.hasRunWorkingDays('2021-09-17', '2021-09-24', 5)).toBe(false);
    expect(national.hasRunWorkingDays('2021-09-17', '2021-09-25', 5)).toBe(true);
  });

  it('A24-11: in Xinjiang the 2024 古尔邦节 days lengthen a unit publicity', () => {
    // National: 6-14 Fri (1), 6-17 (2), 6-18 (3), 6-19 (4), 6-20 (5).
    expect(national.publicityEndDate('2024-06-14', 5)).toBe('2024-06-20');
    // Xinjiang: 6-14 (1), 6-17…6-19 古尔邦节, 6-20 (2), 6-21 (3), 6-24 (4), 6-25 (5).
    expect(xinjiang.publicityEndDate('2024-06-14', 5)).toBe('2024-06-25');
  });

  it('hasRunWorkingDays is false on the start day and true for n = 0', () => {
    expect(national.hasRunWorkingDays('2024-03-18', '2024-03-18', 1)).toBe(false);
    expect(national.hasRunWorkingDays('2024-03-18', '2024-03-19', 1)).toBe(true);
    expect(national.hasRunWorkingDays('2024-03-18', '2024-03-18', 0)).toBe(true);
  });

  it('rejects a publicity of 0 working days and negative or fractional counts', () => {
    expect(() => national.publicityEndDate('2024-03-18', 0)).toThrow(RangeError);
    expect(() => national.addWorkingDays('2024-03-18', -1)).toThrow(RangeError);
    expect(() => national.addWorkingDays('2024-03-18', 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays and countWorkingDays conventions', () => {
  it('addWorkingDays(d, 0) is d on a working day, else the next working day', () => {
    expect(national.addWorkingDays('2024-03-18', 0)).toBe('2024-03-18');
    expect(national.addWorkingDays('2024-03-16', 0)).toBe('2024-03-18');
    expect(national.addWorkingDays('2024-10-01', 0)).toBe('2024-10-08');
  });

  it('addWorkingDays steps from the first working day on or after d', () => {
    expect(national.addWorkingDays('2024-03-15', 1)).toBe('2024-03-18'); // Friday → Monday
    expect(national.addWorkingDays('2024-03-16', 1)).toBe('2024-03-19'); // Saturday → Tuesday
  });

  it('countWorkingDays includes both ends and counts an empty range as 0', () => {
    expect(national.countWorkingDays('2024-03-18', '2024-03-22')).toBe(5);
    expect(national.countWorkingDays('2024-03-18', '2024-03-18')).toBe(1);
    expect(national.countWorkingDays('2024-03-16', '2024-03-17')).toBe(0);
    expect(national.countWorkingDays('2024-03-19', '2024-03-18')).toBe(0);
    expect(national.countWorkingDays('2024-01-01', '2024-12-31')).toBe(251);
  });

  it('rejects malformed dates', () => {
    expect(() => national.isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => national.isWorkingDay('2024/03/18')).toThrow('日期格式无效');
  });

  it('beijingDate turns an instant into the Beijing calendar date', () => {
    expect(beijingDate(new Date('2024-09-30T15:59:59Z'))).toBe('2024-09-30');
    expect(beijingDate(new Date('2024-09-30T16:00:00Z'))).toBe('2024-10-01');
  });
});

describe('Xinjiang regional overlay', () => {
  it('every regional day off is a non-working day in xinjiang; those on national working days are working days in national', () => {
    let checked = 0;
    for (const e of XINJIANG_DAYS) {
      expect(xinjiang.isWorkingDay(e.date), e.date).toBe(false);
      if (!isWeekend(e.date)) {
        expect(national.isWorkingDay(e.date), e.date).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('covers 2021, 2024, 2025 and 2026 with both festivals, each entry sourced', () => {
    for (const year of [2021, 2024, 2025, 2026]) {
      expect(XINJIANG_YEARS).toContain(year);
      const names = new Set(XINJIANG_DAYS.filter((e) => e.date.startsWith(`${year}-`)).map((e) => e.name));
      expect([...names].sort()).toEqual(['古尔邦节', '肉孜节']);
    }
    for (const e of XINJIANG_DAYS) {
      expect(e.source.length).toBeGreaterThan(0);
      expect(e.region).toBe('xinjiang');
    }
  });

  it('2024-04-10 肉孜节 and 2025-06-09 古尔邦节 are working days nationally but not in Xinjiang', () => {
    expect(national.isWorkingDay('2024-04-10')).toBe(true);
    expect(xinjiang.isWorkingDay('2024-04-10')).toBe(false);
    expect(national.isWorkingDay('2025-06-09')).toBe(true);
    expect(xinjiang.isWorkingDay('2025-06-09')).toBe(false);
  });

  it('national holidays and 调休 working days still apply in xinjiang', () => {
    expect(xinjiang.isWorkingDay('2024-10-01')).toBe(false);
    expect(xinjiang.isWorkingDay('2024-10-12')).toBe(true);
  });
});

describe('administrator overlays', () => {
  it('a regional entry corrects a built-in regional day (e.g. an estimated 古尔邦节 day)', () => {
    const overlays: CalendarOverlay = [{ date: '2024-06-19', kind: 'workday', name: '更正：正常上班', region: 'xinjiang' }];
    const cal = createCalendar({ region: 'xinjiang', overlays });
    expect(cal.isWorkingDay('2024-06-19')).toBe(true);
    expect(cal.isWorkingDay('2024-06-18')).toBe(false);
  });

  it('a national entry applies to both calendars; entries of another region apply to neither', () => {
    const overlays: CalendarOverlay = [
      { date: '2025-07-01', kind: 'holiday', name: '测试', region: 'national' },
      { date: '2025-07-02', kind: 'holiday', name: '开斋节', region: 'ningxia' },
      { date: '2025-07-03', kind: 'holiday', name: '测试', region: 'xinjiang' },
    ];
    const n = createCalendar({ region: 'national', overlays });
    const x = createCalendar({ region: 'xinjiang', overlays });
    expect([n.isWorkingDay('2025-07-01'), n.isWorkingDay('2025-07-02'), n.isWorkingDay('2025-07-03')]).toEqual([false, true, true]);
    expect([x.isWorkingDay('2025-07-01'), x.isWorkingDay('2025-07-02'), x.isWorkingDay('2025-07-03')]).toEqual([false, true, false]);
  });

  it('a weekend entered as a working day counts (regional 调休)', () => {
    const cal = createCalendar({
      region: 'xinjiang',
      overlays: [{ date: '2025-07-05', kind: 'workday', name: '调休上班', region: 'xinjiang' }],
    });
    expect(cal.isWorkingDay('2025-07-05')).toBe(true);
  });

  it('refuses contradictory or malformed entries', () => {
    const conflicting: CalendarOverlay = [
      { date: '2025-07-01', kind: 'holiday', name: 'a', region: 'national' },
      { date: '2025-07-01', kind: 'workday', name: 'b', region: 'national' },
    ];
    expect(() => createCalendar({ region: 'national', overlays: conflicting })).toThrow(CalendarDataError);
    expect(() =>
      createCalendar({ region: 'national', overlays: [{ date: '2025-7-1', kind: 'holiday', name: 'a', region: 'national' }] }),
    ).toThrow(CalendarDataError);
  });

  it('an overlay for 2027 extends coverage only once the year is marked complete', () => {
    const overlays: CalendarOverlay = [
      { date: '2027-01-01', kind: 'holiday', name: '元旦', region: 'national' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节', region: 'national' },
    ];
    const partial = createCalendar({ region: 'national', overlays });
    expect(partial.coverage.lastYear).toBe(2026);
    expect(() => partial.isWorkingDay('2027-01-04')).toThrow(CalendarOutOfRangeError);

    const complete = createCalendar({ region: 'national', overlays, completeYears: [2027] });
    expect(complete.coverage).toMatchObject({ firstYear: 2015, lastYear: 2027 });
    expect(complete.isWorkingDay('2027-01-01')).toBe(false);
    expect(complete.isWorkingDay('2027-10-09')).toBe(true);
    expect(complete.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('a year marked complete but not adjacent is covered on its own; the gap still throws', () => {
    const cal = createCalendar({ region: 'national', completeYears: [2028] });
    expect(cal.coverage).toEqual({ firstYear: 2015, lastYear: 2026, years: [...Array(12).keys()].map((i) => 2015 + i).concat(2028) });
    expect(cal.isWorkingDay('2028-03-01')).toBe(true);
    expect(() => cal.countWorkingDays('2026-12-01', '2028-01-05')).toThrow(CalendarOutOfRangeError);
  });
});

describe('out of range: never guess', () => {
  it('throws a Chinese message for a year not entered', () => {
    expect(() => national.isWorkingDay('2027-01-04')).toThrow('2027 年的节假日安排尚未录入，请系统管理员先维护该年度日历');
    expect(() => national.isWorkingDay('2014-12-31')).toThrow(CalendarOutOfRangeError);
    expect(() => national.addWorkingDays('2026-12-28', 10)).toThrow(CalendarOutOfRangeError);
    expect(() => national.countWorkingDays('2026-12-01', '2027-01-05')).toThrow(CalendarOutOfRangeError);
    expect(() => national.countWorkingDays('2027-01-05', '2026-12-01')).toThrow(CalendarOutOfRangeError);
    expect(() => national.publicityEndDate('2026-12-29', 5)).toThrow(CalendarOutOfRangeError);
    expect(() => national.hasRunWorkingDays('2026-12-29', '2027-01-02', 5)).toThrow(CalendarOutOfRangeError);
  });

  it('xinjiang refuses years whose regional festivals are not entered, and says so', () => {
    expect(national.isWorkingDay('2020-06-01')).toBe(true);
    expect(() => xinjiang.isWorkingDay('2020-06-01')).toThrow(CalendarOutOfRangeError);
    expect(() => xinjiang.isWorkingDay('2020-06-01')).toThrow('肉孜节、古尔邦节');
    expect(xinjiang.coverage).toMatchObject({ firstYear: 2021, lastYear: 2026 });
    const err = (() => {
      try {
        xinjiang.isWorkingDay('2027-03-01');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CalendarOutOfRangeError);
    expect(err).toMatchObject({ year: 2027, region: 'xinjiang' });
  });

  it('property: every function throws for any date outside 2015–2026', () => {
    const outside = fc.oneof(dateIn('1990-01-01', '2014-12-31'), dateIn('2027-01-01', '2060-12-31'));
    fc.assert(
      fc.property(outside, (d) => {
        expect(() => national.isWorkingDay(d)).toThrow(CalendarOutOfRangeError);
        expect(() => national.addWorkingDays(d, 0)).toThrow(CalendarOutOfRangeError);
        expect(() => national.countWorkingDays(d, d)).toThrow(CalendarOutOfRangeError);
        expect(() => national.publicityEndDate(d, 5)).toThrow(CalendarOutOfRangeError);
        expect(() => xinjiang.isWorkingDay(d)).toThrow(CalendarOutOfRangeError);
      }),
    );
  });
});

describe('properties', () => {
  const n = fc.integer({ min: 0, max: 250 });

  it('adding N working days then counting them back gives N', () => {
    for (const { cal, date } of calendars) {
      fc.assert(
        fc.property(date, n, (d, k) => {
          const first = cal.addWorkingDays(d, 0);
          const end = cal.addWorkingDays(d, k);
          // The working days after the starting working day, up to and including the result.
          expect(cal.countWorkingDays(nextDay(first), end)).toBe(k);
          expect(cal.countWorkingDays(d, end)).toBe(k + 1);
        }),
      );
    }
  });

  it('the result of addWorkingDays never lands on a holiday or a non-working weekend', () => {
    const holidays = new Set(nationalDays().filter((e) => e.kind === 'holiday').map((e) => e.date));
    const workdays = new Set(nationalDays().filter((e) => e.kind === 'workday').map((e) => e.date));
    const regional = new Set(XINJIANG_DAYS.map((e) => e.date));
    for (const { cal, date } of calendars) {
      fc.assert(
        fc.property(date, n, (d, k) => {
          const end = cal.addWorkingDays(d, k);
          expect(holidays.has(end)).toBe(false);
          if (isWeekend(end)) expect(workdays.has(end)).toBe(true);
          if (cal.region === 'xinjiang') expect(regional.has(end)).toBe(false);
          expect(cal.isWorkingDay(end)).toBe(true);
        }),
      );
    }
  });

  it('a 调休 Saturday counts as a working day', () => {
    const saturdays = nationalDays()
      .filter((e) => e.kind === 'workday' && weekday(e.date) === 6 && XINJIANG_YEARS.includes(Number(e.date.slice(0, 4))))
      .map((e) => e.date);
    expect(saturdays.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.constantFrom(...saturdays), (sat) => {
        for (const cal of [national, xinjiang]) {
          expect(cal.isWorkingDay(sat)).toBe(true);
          expect(cal.countWorkingDays(sat, sat)).toBe(1);
          expect(cal.addWorkingDays(sat, 0)).toBe(sat);
          // The Friday-to-Monday span gains the Saturday (the Sunday is sometimes worked too).
          const [fri, sun, mon] = [-1, 1, 2].map((k) => fromDayNumber(toDayNumber(sat) + k));
          const others = [fri, sun, mon].filter((d) => cal.isWorkingDay(d)).length;
          expect(cal.countWorkingDays(fri, mon)).toBe(others + 1);
        }
      }),
    );
  });

  it('countWorkingDays is additive over adjacent ranges', () => {
    for (const { cal, date } of calendars) {
      fc.assert(
        fc.property(date, date, date, (x, y, z) => {
          const [a, b, c] = [x, y, z].sort();
          expect(cal.countWorkingDays(a, b) + cal.countWorkingDays(nextDay(b), c)).toBe(cal.countWorkingDays(a, c));
        }),
      );
    }
  });

  it('addWorkingDays composes: add(add(d, a), b) = add(d, a + b)', () => {
    const small = fc.integer({ min: 0, max: 60 });
    for (const { cal, date } of calendars) {
      fc.assert(
        fc.property(date, small, small, (d, a, b) => {
          expect(cal.addWorkingDays(cal.addWorkingDays(d, a), b)).toBe(cal.addWorkingDays(d, a + b));
        }),
      );
    }
  });

  it('a publicity of N working days holds exactly N working days and has run only after its last day', () => {
    const days = fc.integer({ min: 1, max: 30 });
    for (const { cal, date } of calendars) {
      fc.assert(
        fc.property(date, days, (start, k) => {
          const end = cal.publicityEndDate(start, k);
          expect(cal.isWorkingDay(end)).toBe(true);
          expect(cal.countWorkingDays(start, end)).toBe(k);
          expect(cal.hasRunWorkingDays(start, end, k)).toBe(false);
          expect(cal.hasRunWorkingDays(start, nextDay(end), k)).toBe(true);
        }),
      );
    }
  });
});

describe('browser-safe modules', () => {
  it('the runtime modules import no node: module and not the holiday packages', () => {
    for (const file of ['calendar.ts', 'national-days.ts', 'national-days.data.ts', 'xinjiang-days.ts']) {
      const src = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      expect(src, file).not.toMatch(/from ['"](node:|chinese-days|chinese-workday)/);
    }
  });
});
