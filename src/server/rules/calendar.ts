// The working-day calendar as the server uses it: the built-in national and Xinjiang data
// (src/domain/calendar) plus the system administrator's entries from the database. Every
// "≥ N working days" rule (unit publicity B21-10 / A24-11, results publicity A24-4) asks this.
//
// Cached per database for a short time and dropped at once when an entry changes in this process;
// another instance of the site sees the change within CACHE_TTL_MS.
// A date in a year nobody has entered throws CalendarOutOfRangeError; the app answers it with 409
// and its Chinese message (app.ts), so no rule ever guesses a working day.
import { asc, eq, inArray } from 'drizzle-orm';
import { createCalendar, type Calendar, type CalendarRegion } from '../../domain/calendar/calendar.js';
import type { Executor } from '../db/client.js';
import { calendarCompleteYears, calendarDays } from '../db/schema.js';

export const CALENDAR_REGIONS = ['national', 'xinjiang'] as const satisfies readonly CalendarRegion[];
export const CALENDAR_REGION_LABELS: Record<CalendarRegion, string> = { national: '全国', xinjiang: '新疆维吾尔自治区' };

const CACHE_TTL_MS = 60_000;
const cache = new WeakMap<object, Map<CalendarRegion, { calendar: Calendar; loadedAt: number }>>();

/**
 * Years whose arrangement counts as entered for a region's calendar. Marking a Xinjiang year
 * complete vouches for its national days too (domain/calendar: completeYears), so the national
 * calendar also accepts it; a national mark says nothing about the regional festivals.
 */
export function regionsVouchingFor(region: CalendarRegion): CalendarRegion[] {
  return region === 'national' ? ['national', 'xinjiang'] : ['xinjiang'];
}

/** Reads the administrator's entries and builds the calendar, without the cache. */
export async function readCalendar(db: Executor, region: CalendarRegion): Promise<Calendar> {
  const overlays = await db
    .select({ date: calendarDays.date, region: calendarDays.region, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .orderBy(asc(calendarDays.date));
  const years = await db
    .selectDistinct({ year: calendarCompleteYears.year })
    .from(calendarCompleteYears)
    .where(inArray(calendarCompleteYears.region, regionsVouchingFor(region)));
  return createCalendar({
    region,
    overlays: overlays.map((o) => ({ ...o, kind: o.kind as 'holiday' | 'workday' })),
    completeYears: years.map((y) => y.year),
  });
}

export async function loadCalendar(db: Executor, region: CalendarRegion): Promise<Calendar> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(region);
  if (hit && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  const calendar = await readCalendar(db, region);
  perDb.set(region, { calendar, loadedAt: Date.now() });
  return calendar;
}

/** Called after a committed change to the calendar entries. */
export function invalidateCalendarCache(db: Executor): void {
  cache.delete(db);
}

/** Entries of one region, e.g. for the administrator's view. */
export function calendarEntriesOf(db: Executor, region: CalendarRegion) {
  return db.select().from(calendarDays).where(eq(calendarDays.region, region)).orderBy(asc(calendarDays.date));
}
