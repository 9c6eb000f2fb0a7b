// The system administrator enters or corrects one day of the working-day calendar: a holiday, or
// a working day (a 调休 weekend, or undoing a wrong built-in holiday). One entry per date and
// region; entering the date again replaces it. Future years' dates are announced late, so this is
// how a year beyond the built-in data gets its days before it is marked complete.
import { and, eq } from 'drizzle-orm';
import type { CalendarRegion } from '../../../domain/calendar/calendar.js';
import { appendAudit } from '../../audit/append-audit.js';
import { calendarDays } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { invalidateCalendarCache } from '../../rules/calendar.js';
import type { Services } from '../../services.js';

export interface CalendarDayEntry {
  date: string;
  region: CalendarRegion;
  kind: 'holiday' | 'workday';
  name: string;
}

export async function setCalendarDay(services: Services, ctx: RequestContext, actor: Actor, entry: CalendarDayEntry) {
  const row = await services.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ kind: calendarDays.kind, name: calendarDays.name })
      .from(calendarDays)
      .where(and(eq(calendarDays.date, entry.date), eq(calendarDays.region, entry.region)))
      .for('update');
    const values = { kind: entry.kind, name: entry.name, createdBy: actor.userId, createdAt: new Date() };
    const [saved] = await tx
      .insert(calendarDays)
      .values({ date: entry.date, region: entry.region, ...values })
      .onConflictDoUpdate({ target: [calendarDays.date, calendarDays.region], set: values })
      .returning();
    await appendAudit(tx, ctx, {
      action: 'calendar.day_set',
      objectType: 'calendar_day',
      objectId: `${entry.region}:${entry.date}`,
      detail: { kind: entry.kind, name: entry.name, previous: before ?? null },
    });
    return saved;
  });
  invalidateCalendarCache(services.db);
  return row;
}
