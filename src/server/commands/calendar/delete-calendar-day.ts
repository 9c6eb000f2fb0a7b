// The system administrator removes an entry; the day falls back to the built-in data (or to
// Monday–Friday). Removing a day of a year already marked complete is allowed: the administrator
// vouches for the year, and an entry made in error must be correctable.
import { and, eq } from 'drizzle-orm';
import type { CalendarRegion } from '../../../domain/calendar/calendar.js';
import { appendAudit } from '../../audit/append-audit.js';
import { calendarDays } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { invalidateCalendarCache } from '../../rules/calendar.js';
import type { Services } from '../../services.js';

export async function deleteCalendarDay(services: Services, ctx: RequestContext, date: string, region: CalendarRegion): Promise<void> {
  await services.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(calendarDays)
      .where(and(eq(calendarDays.date, date), eq(calendarDays.region, region)))
      .returning({ kind: calendarDays.kind, name: calendarDays.name });
    if (deleted.length === 0) throw notFound(`${date} 没有维护记录`);
    await appendAudit(tx, ctx, { action: 'calendar.day_delete', objectType: 'calendar_day', objectId: `${region}:${date}`, detail: { previous: deleted[0] } });
  });
  invalidateCalendarCache(services.db);
}
