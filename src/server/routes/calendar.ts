// System administrator: the working-day calendar beyond (and corrections to) the built-in data.
import { z } from 'zod';
import { isValidDate } from '../../domain/campaign/dates.js';
import type { App } from '../app.js';
import { deleteCalendarDay } from '../commands/calendar/delete-calendar-day.js';
import { markCalendarYearComplete } from '../commands/calendar/mark-calendar-year-complete.js';
import { setCalendarDay } from '../commands/calendar/set-calendar-day.js';
import { calendarYearView } from '../queries/calendar.js';
import { CALENDAR_REGIONS, loadCalendar } from '../rules/calendar.js';
import type { Services } from '../services.js';
import { text } from './schemas.js';

const region = z.enum(CALENDAR_REGIONS);
const year = z.coerce.number().pipe(z.int().min(2000, '年度应不早于 2000').max(2100, '年度应不晚于 2100'));
const date = z
  .string()
  .max(10)
  .refine(isValidDate, '应为有效日期，格式 YYYY-MM-DD')
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', '应在 2000 年至 2100 年之间');
const kind = z.enum(['holiday', 'workday']);

const dayEntrySchema = z.object({
  date: z.string(),
  region,
  kind,
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export function calendarRoutes(app: App, services: Services) {
  app.get(
    '/admin/calendar',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['admin'],
        summary: '某地区某年度的工作日历：内置数据、维护记录、覆盖年度和全年工作日数',
        querystring: z.strictObject({ region, year }),
        response: {
          200: z.object({
            region,
            year: z.number(),
            covered: z.boolean(),
            notCoveredMessage: z.string().nullable(),
            coverage: z.object({ firstYear: z.number(), lastYear: z.number(), years: z.array(z.number()) }),
            completeYears: z.array(z.number()),
            builtIn: z.array(z.object({ date: z.string(), kind, name: z.string(), layer: region, certainty: z.enum(['announced', 'reported', 'estimated']).nullable() })),
            overlays: z.array(dayEntrySchema),
            workingDays: z.number().nullable(),
            exceptions: z.array(z.object({ date: z.string(), working: z.boolean() })),
          }),
        },
      },
    },
    async (request) => calendarYearView(services.db, request.query.region, request.query.year),
  );

  app.get(
    '/admin/calendar/working-days',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['admin'],
        summary: '两日期之间（含首尾）的工作日数；未录入的年度拒绝计算',
        querystring: z.strictObject({ region, from: date, to: date }),
        response: { 200: z.object({ region, from: z.string(), to: z.string(), workingDays: z.number() }) },
      },
    },
    async (request) => {
      const { region: r, from, to } = request.query;
      const calendar = await loadCalendar(services.db, r);
      return { region: r, from, to, workingDays: calendar.countWorkingDays(from, to) };
    },
  );

  app.put(
    '/admin/calendar/days/:date',
    {
      config: { access: 'calendar.manage', audit: 'calendar.day_set' },
      schema: {
        tags: ['admin'],
        summary: '设置某日为节假日或（调休）工作日',
        params: z.strictObject({ date }),
        body: z.strictObject({ region, kind, name: text(50).min(1) }),
        response: { 200: dayEntrySchema },
      },
    },
    async (request) => {
      const saved = await setCalendarDay(services, request.ctx, request.actor!, { date: request.params.date, ...request.body, name: request.body.name.trim() });
      return {
        date: saved.date,
        region: saved.region as 'national',
        kind: saved.kind as 'holiday',
        name: saved.name,
        createdAt: saved.createdAt.toISOString(),
        createdBy: { id: request.actor!.userId, name: request.actor!.name },
      };
    },
  );

  app.delete(
    '/admin/calendar/days/:date',
    {
      config: { access: 'calendar.manage', audit: 'calendar.day_delete' },
      schema: { tags: ['admin'], summary: '删除某日的维护记录（恢复内置数据）', params: z.strictObject({ date }), querystring: z.strictObject({ region }) },
    },
    async (request, reply) => {
      await deleteCalendarDay(services, request.ctx, request.params.date, request.query.region);
      return reply.status(204).send();
    },
  );

  app.post(
    '/admin/calendar/years/:year/complete',
    {
      config: { access: 'calendar.manage', audit: 'calendar.year_complete' },
      schema: { tags: ['admin'], summary: '标记某年度节假日已全部录入（此后该年度可计算工作日）', params: z.strictObject({ year }), body: z.strictObject({ region }) },
    },
    async (request, reply) => {
      await markCalendarYearComplete(services, request.ctx, request.actor!, request.body.region, request.params.year);
      return reply.status(204).send();
    },
  );
}
