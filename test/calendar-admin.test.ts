// The system administrator's working-day calendar over HTTP (issue 3): entries on top of the
// built-in data change the working-day counts every "≥ 5 working days" rule uses, and a year
// beyond the data is refused with the Chinese message until the administrator marks it complete.
//
// Calendar entries are global: this file works in years 2031–2079 that nobody else uses (the
// permission matrix uses 2080–2100) and removes its entries afterwards.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/campaign/dates.js';
import { auditLog, calendarCompleteYears, calendarDays } from '../src/server/db/schema.js';
import { loadCalendar } from '../src/server/rules/calendar.js';
import { createOrgTree } from './factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from './helpers/app.js';

let t: TestContext;
let admin: TestClient;
let adminId: string;
const usedYears: number[] = [];

/** A year in 2031–2079 with no entries and not marked complete, reserved for one test. */
async function freeYear(): Promise<number> {
  const marked = new Set((await t.services.db.select({ year: calendarCompleteYears.year }).from(calendarCompleteYears)).map((r) => r.year));
  for (;;) {
    const year = 2031 + Math.floor(Math.random() * 49);
    if (marked.has(year) || usedYears.includes(year)) continue;
    const entries = await t.services.db.select().from(calendarDays).where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)));
    if (entries.length > 0) continue;
    usedYears.push(year);
    return year;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const signedIn = await signIn(t, 'system_admin');
  admin = signedIn.client;
  adminId = signedIn.user.id;
});
afterAll(async () => {
  for (const year of usedYears) {
    await t.services.db.delete(calendarDays).where(and(gte(calendarDays.date, `${year}-01-01`), lte(calendarDays.date, `${year}-12-31`)));
  }
  if (usedYears.length > 0) await t.services.db.delete(calendarCompleteYears).where(inArray(calendarCompleteYears.year, usedYears));
  await t.close();
});

const setDay = (date: string, body: { region: string; kind: string; name: string }) => admin.request('PUT', `/api/admin/calendar/days/${date}`, { body });
const workingDays = (region: string, from: string, to: string) => admin.get(`/api/admin/calendar/working-days?region=${region}&from=${from}&to=${to}`);

/** The first date of `year` falling on the given weekday (0 = Sunday … 6 = Saturday) in January. */
function januaryWeekday(year: number, weekday: number): string {
  for (let d = 1; d <= 7; d++) {
    const date = `${year}-01-${String(d).padStart(2, '0')}`;
    if (new Date(`${date}T00:00:00Z`).getUTCDay() === weekday) return date;
  }
  throw new Error('unreachable');
}

describe('a year beyond the data', () => {
  it('is refused with the Chinese message until marked complete, and cannot be marked complete while empty', async () => {
    const year = await freeYear();
    const refused = await workingDays('national', `${year}-01-01`, `${year}-01-31`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({ code: 'CALENDAR_NOT_COVERED', message: `${year} 年的节假日安排尚未录入，请系统管理员先维护该年度日历` });
    await expect(loadCalendar(t.services.db, 'national').then((c) => c.isWorkingDay(`${year}-03-03`))).rejects.toThrow(`${year} 年的节假日安排尚未录入`);

    const view = (await admin.get(`/api/admin/calendar?region=national&year=${year}`)).json();
    expect(view).toMatchObject({ covered: false, notCoveredMessage: `${year} 年的节假日安排尚未录入，请系统管理员先维护该年度日历`, workingDays: null, builtIn: [], overlays: [] });

    const empty = await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe(`尚未录入 ${year} 年的全国法定节假日，请先录入再标记为完整`);

    expect((await setDay(`${year}-01-01`, { region: 'national', kind: 'holiday', name: '元旦' })).statusCode).toBe(200);
    // Entered but not yet vouched for: still refused.
    expect((await workingDays('national', `${year}-01-01`, `${year}-01-31`)).statusCode).toBe(409);
    expect((await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' })).statusCode).toBe(204);
    const counted = await workingDays('national', `${year}-01-01`, `${year}-01-31`);
    expect(counted.statusCode).toBe(200);
    const weekdays = Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(year, 0, i + 1)).getUTCDay()).filter((d) => d !== 0 && d !== 6).length;
    const newYearIsWeekday = ![0, 6].includes(new Date(Date.UTC(year, 0, 1)).getUTCDay());
    expect(counted.json().workingDays).toBe(weekdays - (newYearIsWeekday ? 1 : 0));
    expect((await loadCalendar(t.services.db, 'national')).coverage.years).toContain(year);

    const again = await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_COMPLETE');
  });

  it('Xinjiang needs its own festivals: a national mark does not cover it; a Xinjiang mark covers both calendars', async () => {
    const year = await freeYear();
    await setDay(`${year}-01-01`, { region: 'national', kind: 'holiday', name: '元旦' });
    expect((await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' })).statusCode).toBe(204);
    const refused = await workingDays('xinjiang', `${year}-01-01`, `${year}-01-31`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`${year} 年的节假日安排（含新疆维吾尔自治区肉孜节、古尔邦节）尚未录入，请系统管理员先维护该年度日历`);
    const noFestival = await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'xinjiang' });
    expect(noFestival.statusCode).toBe(400);
    expect(noFestival.json().error.message).toContain('肉孜节、古尔邦节');

    await setDay(`${year}-04-02`, { region: 'xinjiang', kind: 'holiday', name: '肉孜节' });
    expect((await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'xinjiang' })).statusCode).toBe(204);
    expect((await workingDays('xinjiang', `${year}-04-01`, `${year}-04-30`)).json().workingDays).toBe(
      (await workingDays('national', `${year}-04-01`, `${year}-04-30`)).json().workingDays - (new Date(Date.UTC(year, 3, 2)).getUTCDay() % 6 === 0 ? 0 : 1),
    );
  });

  it('a year with built-in data cannot be marked (nothing to vouch for)', async () => {
    const r = await admin.post('/api/admin/calendar/years/2024/complete', { region: 'xinjiang' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe('2024 年的新疆维吾尔自治区节假日安排已内置，无需标记');
  });
});

describe('entering days changes the working-day count', () => {
  it('a holiday on a weekday removes one working day, a 调休 Saturday adds one, deleting restores it', async () => {
    const year = await freeYear();
    await setDay(`${year}-01-01`, { region: 'national', kind: 'holiday', name: '元旦' });
    await admin.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' });
    const from = `${year}-01-08`;
    const to = `${year}-01-31`;
    const count = async () => (await workingDays('national', from, to)).json().workingDays as number;
    const before = await count();
    const cached = await loadCalendar(t.services.db, 'national');
    expect(cached.countWorkingDays(from, to)).toBe(before);

    const tuesday = addDays(januaryWeekday(year, 2), 7);
    const saturday = addDays(januaryWeekday(year, 6), 14);
    const marked = await setDay(tuesday, { region: 'national', kind: 'holiday', name: '临时假日' });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({ date: tuesday, region: 'national', kind: 'holiday', name: '临时假日', createdBy: { id: adminId } });
    expect(await count()).toBe(before - 1);
    // The server's cached calendar was dropped on change: every rule sees the new day at once.
    expect((await loadCalendar(t.services.db, 'national')).isWorkingDay(tuesday)).toBe(false);

    expect((await setDay(saturday, { region: 'national', kind: 'workday', name: '调休上班' })).statusCode).toBe(200);
    expect(await count()).toBe(before);
    expect((await loadCalendar(t.services.db, 'national')).isWorkingDay(saturday)).toBe(true);

    // Entering the same date again replaces the entry.
    await setDay(tuesday, { region: 'national', kind: 'workday', name: '更正' });
    expect(await count()).toBe(before + 1);

    expect((await admin.delete(`/api/admin/calendar/days/${tuesday}?region=national`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/admin/calendar/days/${saturday}?region=national`)).statusCode).toBe(204);
    expect(await count()).toBe(before);
    expect((await admin.delete(`/api/admin/calendar/days/${saturday}?region=national`)).statusCode).toBe(404);

    const view = (await admin.get(`/api/admin/calendar?region=national&year=${year}`)).json();
    expect(view.covered).toBe(true);
    expect(view.overlays).toEqual([expect.objectContaining({ date: `${year}-01-01`, kind: 'holiday', name: '元旦' })]);

    const audits = await t.services.db
      .select({ action: auditLog.action, objectId: auditLog.objectId })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, adminId), inArray(auditLog.objectId, [`national:${tuesday}`, `national:${saturday}`])));
    expect(audits.map((a) => a.action).sort()).toEqual(['calendar.day_delete', 'calendar.day_delete', 'calendar.day_set', 'calendar.day_set', 'calendar.day_set'].sort());
  });

  it('the view of a built-in year lists the national and Xinjiang entries and the working days', async () => {
    const view = (await admin.get('/api/admin/calendar?region=xinjiang&year=2025')).json();
    expect(view.covered).toBe(true);
    expect(view.workingDays).toBeGreaterThan(230);
    expect(view.builtIn).toEqual(expect.arrayContaining([
      expect.objectContaining({ date: '2025-01-01', kind: 'holiday', layer: 'national' }),
      expect.objectContaining({ date: '2025-06-06', name: '古尔邦节', layer: 'xinjiang', certainty: 'announced' }),
    ]));
    expect(view.exceptions).toEqual(expect.arrayContaining([{ date: '2025-06-09', working: false }]));
    const national = (await admin.get('/api/admin/calendar?region=national&year=2025')).json();
    expect(national.workingDays - view.workingDays).toBeGreaterThan(0);
  });

  it('refuses bad input: impossible dates, unknown regions, years outside 2000–2100', async () => {
    expect((await setDay('2031-02-30', { region: 'national', kind: 'holiday', name: 'x' })).statusCode).toBe(400);
    expect((await setDay('2031-02-03', { region: 'tibet', kind: 'holiday', name: 'x' })).statusCode).toBe(400);
    expect((await setDay('2031-02-03', { region: 'national', kind: 'weekend', name: 'x' })).statusCode).toBe(400);
    expect((await setDay('1999-02-03', { region: 'national', kind: 'holiday', name: 'x' })).statusCode).toBe(400);
    expect((await admin.get('/api/admin/calendar?region=national&year=2101')).statusCode).toBe(400);
    expect((await admin.post('/api/admin/calendar/years/1999/complete', { region: 'national' })).statusCode).toBe(400);
  });
});

describe('only the system administrator manages the calendar', () => {
  it('office staff, the security and audit administrators and applicants get 403, and nothing changes', async () => {
    const org = await createOrgTree(t.services);
    const year = await freeYear();
    const date = `${year}-05-06`;
    for (const [role, orgId] of [['office_staff', org.prefectureId], ['security_admin', null], ['audit_admin', null], ['applicant', org.unitId]] as const) {
      const { client } = await signIn(t, role, orgId);
      expect((await client.get(`/api/admin/calendar?region=national&year=${year}`)).statusCode, role).toBe(403);
      expect((await client.request('PUT', `/api/admin/calendar/days/${date}`, { body: { region: 'national', kind: 'holiday', name: '越权' } })).statusCode, role).toBe(403);
      expect((await client.delete(`/api/admin/calendar/days/${date}?region=national`)).statusCode, role).toBe(403);
      expect((await client.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' })).statusCode, role).toBe(403);
    }
    expect(await t.services.db.select().from(calendarDays).where(eq(calendarDays.date, date))).toEqual([]);
  });
});
