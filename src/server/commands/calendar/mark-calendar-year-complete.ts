// The system administrator declares a year beyond the built-in data complete: every holiday and
// 调休 day of it has been entered. Until then the calendar refuses every date of that year instead
// of guessing Monday–Friday (domain/calendar: CalendarOutOfRangeError). A year without a single
// holiday entered cannot be complete (every year has 元旦 and 春节; Xinjiang also 肉孜节 and 古尔邦节).
import { and, eq, gte, lte } from 'drizzle-orm';
import { createCalendar, type CalendarRegion } from '../../../domain/calendar/calendar.js';
import { NATIONAL_FIRST_YEAR, NATIONAL_LAST_YEAR } from '../../../domain/calendar/national-days.js';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { calendarCompleteYears, calendarDays } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { CALENDAR_REGION_LABELS, invalidateCalendarCache } from '../../rules/calendar.js';
import type { Services } from '../../services.js';

export async function markCalendarYearComplete(services: Services, ctx: RequestContext, actor: Actor, region: CalendarRegion, year: number) {
  const builtIn = createCalendar({ region }).coverage.years;
  if (builtIn.includes(year)) throw badRequest(`${year} 年的${CALENDAR_REGION_LABELS[region]}节假日安排已内置，无需标记`);
  await services.db.transaction(async (tx) => {
    const holidaysOf = async (r: CalendarRegion) =>
      (
        await tx
          .select({ date: calendarDays.date })
          .from(calendarDays)
          .where(and(eq(calendarDays.region, r), eq(calendarDays.kind, 'holiday'), gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)))
      ).length;
    const nationalBuiltIn = year >= NATIONAL_FIRST_YEAR && year <= NATIONAL_LAST_YEAR;
    const missing: string[] = [];
    if (!nationalBuiltIn && (await holidaysOf('national')) === 0) missing.push('全国法定节假日');
    if (region === 'xinjiang' && (await holidaysOf('xinjiang')) === 0) missing.push('新疆维吾尔自治区肉孜节、古尔邦节');
    if (missing.length > 0) throw badRequest(`尚未录入 ${year} 年的${missing.join('和')}，请先录入再标记为完整`);
    await tx
      .insert(calendarCompleteYears)
      .values({ region, year, createdBy: actor.userId })
      .catch((err: unknown) => {
        throw uniqueViolation(err) === 'calendar_complete_years_pkey' ? conflict(`${year} 年已标记为录入完整`, 'ALREADY_COMPLETE') : err;
      });
    await appendAudit(tx, ctx, { action: 'calendar.year_complete', objectType: 'calendar_year', objectId: `${region}:${year}`, detail: { region, year } });
  });
  invalidateCalendarCache(services.db);
}
