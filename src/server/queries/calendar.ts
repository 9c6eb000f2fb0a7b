// The system administrator's view of one year of a region's calendar: the built-in entries, the
// entries made in the database, which years are covered, and the year's working days once it is.
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { CalendarOutOfRangeError, fromDayNumber, toDayNumber, type CalendarRegion } from '../../domain/calendar/calendar.js';
import { NATIONAL_DAYS } from '../../domain/calendar/national-days.js';
import { XINJIANG_DAYS } from '../../domain/calendar/xinjiang-days.js';
import type { Executor } from '../db/client.js';
import { calendarCompleteYears, calendarDays, users } from '../db/schema.js';
import { readCalendar } from '../rules/calendar.js';

/** The regions whose entries a region's calendar applies (a national entry applies in Xinjiang too). */
const layersOf = (region: CalendarRegion): CalendarRegion[] => (region === 'national' ? ['national'] : ['national', 'xinjiang']);

export async function calendarYearView(db: Executor, region: CalendarRegion, year: number) {
  const calendar = await readCalendar(db, region);
  const builtIn = [
    ...(NATIONAL_DAYS[year]
      ? [
          ...NATIONAL_DAYS[year].holidays.map((e) => ({ date: e.date, kind: 'holiday' as const, name: e.name, layer: 'national' as const, certainty: null })),
          ...NATIONAL_DAYS[year].workdays.map((e) => ({ date: e.date, kind: 'workday' as const, name: e.name, layer: 'national' as const, certainty: null })),
        ]
      : []),
    ...(region === 'xinjiang'
      ? XINJIANG_DAYS.filter((d) => d.date.startsWith(`${year}-`)).map((d) => ({ date: d.date, kind: d.kind, name: d.name, layer: 'xinjiang' as const, certainty: d.certainty }))
      : []),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const overlays = await db
    .select({ date: calendarDays.date, region: calendarDays.region, kind: calendarDays.kind, name: calendarDays.name, createdAt: calendarDays.createdAt, userId: users.id, userName: users.name })
    .from(calendarDays)
    .leftJoin(users, eq(users.id, calendarDays.createdBy))
    .where(and(inArray(calendarDays.region, layersOf(region)), gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
    .orderBy(asc(calendarDays.date), asc(calendarDays.region));
  const marked = await db
    .select({ year: calendarCompleteYears.year })
    .from(calendarCompleteYears)
    .where(eq(calendarCompleteYears.region, region))
    .orderBy(asc(calendarCompleteYears.year));

  let workingDays: number | null = null;
  let notCoveredMessage: string | null = null;
  const exceptions: { date: string; working: boolean }[] = [];
  try {
    workingDays = calendar.countWorkingDays(`${year}-01-01`, `${year}-12-31`);
    for (let day = toDayNumber(`${year}-01-01`); day <= toDayNumber(`${year}-12-31`); day++) {
      const date = fromDayNumber(day);
      const weekday = (((day + 4) % 7) + 7) % 7;
      const working = calendar.isWorkingDay(date);
      if (working !== (weekday !== 0 && weekday !== 6)) exceptions.push({ date, working });
    }
  } catch (error) {
    if (!(error instanceof CalendarOutOfRangeError)) throw error;
    notCoveredMessage = error.message;
  }
  return {
    region,
    year,
    covered: notCoveredMessage === null,
    notCoveredMessage,
    coverage: calendar.coverage,
    completeYears: marked.map((m) => m.year),
    builtIn,
    overlays: overlays.map((o) => ({
      date: o.date,
      region: o.region as CalendarRegion,
      kind: o.kind as 'holiday' | 'workday',
      name: o.name,
      createdAt: o.createdAt.toISOString(),
      createdBy: o.userId ? { id: o.userId, name: o.userName! } : null,
    })),
    workingDays,
    exceptions,
  };
}
