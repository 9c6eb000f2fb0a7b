// The review chain's first slice (issue 5): the unit's publicity and recommendation (B21-10,
// A24-11), the county department's batch forwarding (B21-13), the committee office's return and
// 已接收材料, the 3-submission cap (B21-12, A24-5), and one winner among 100 concurrent decisions.
// Applications reach each desk through the real API (helpers/review.ts); the only shortcut is
// moving a publicity's ends_on into the past.
import ExcelJS from 'exceljs';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, createCalendar, type Calendar } from '../src/domain/calendar/calendar.js';
import { applications, auditLog, batches, objections, organisations, publicities } from '../src/server/db/schema.js';
import { loadCalendar } from '../src/server/rules/calendar.js';
import { createOrgTree, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, type TestClient, type TestContext, type TestResponse } from './helpers/app.js';
import { BAYINGOL_2021, campaignFile, insertCampaign, prefectureInfo } from './helpers/campaigns.js';
import { applicationRow, errorOf, getView, lapseJob, plusDays, submit, type View } from './helpers/declaration.js';
import { readXlsx, XLSX_TYPE } from './helpers/multipart.js';
import {
  acceptRequest,
  applicationAt,
  beijingToday,
  deskReturnRequest,
  endPublicity,
  eventsOf,
  forwardRequest,
  recommendRequest,
  startPublicityRequest,
} from './helpers/review.js';

type Notification = { title: string; body: string; createdAt: string; read: boolean };
type QueueItem = { id: string; applicantName: string; unitName: string; status: string };

/** One organisation tree with its Bayingol campaign and a signed-in person at every desk. */
interface Desks {
  org: TestOrgTree;
  campaignId: string;
  unit: TestClient;
  unitUserId: string;
  otherUnit: TestClient;
  prefectureUnit: TestClient;
  dept: TestClient;
  deptUserId: string;
  office: TestClient;
}

let t: TestContext;
let a: Desks;
let b: Desks;

const B21_OPINION = '本单位已对提供的申报材料逐一审核，真实准确，同意推荐';
const CHINESE = /[\u4e00-\u9fff]/;

async function desks(rename?: (org: TestOrgTree) => Promise<void>): Promise<Desks> {
  const org = await createOrgTree(t.services);
  if (rename) await rename(org);
  const campaignId = await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: BAYINGOL_2021, publish: true, openNow: true });
  const unit = await signIn(t, 'unit_reviewer', org.unitId);
  const dept = await signIn(t, 'dept_reviewer', org.departmentId);
  return {
    org,
    campaignId,
    unit: unit.client,
    unitUserId: unit.user.id,
    otherUnit: (await signIn(t, 'unit_reviewer', org.otherUnitId)).client,
    prefectureUnit: (await signIn(t, 'unit_reviewer', org.prefectureUnitId)).client,
    dept: dept.client,
    deptUserId: dept.user.id,
    office: (await signIn(t, 'office_staff', org.prefectureId)).client,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  [a, b] = await Promise.all([desks(), desks()]);
});
afterAll(async () => {
  await t?.close();
});

/** A county unit's application (tree `d`, unit `unitId`) carried to `stage`. */
const countyApplication = (d: Desks, stage: 'unit' | 'recommended' | 'office', options: { other?: boolean; name?: string } = {}) =>
  applicationAt(t, {
    unitId: options.other ? d.org.otherUnitId : d.org.unitId,
    unit: options.other ? d.otherUnit : d.unit,
    dept: d.dept,
    campaignId: d.campaignId,
    stage,
    name: options.name,
  });

/** A prefecture-level unit's application (no department: it goes straight to the office). */
const prefectureApplication = (d: Desks, stage: 'unit' | 'recommended' | 'office') =>
  applicationAt(t, { unitId: d.org.prefectureUnitId, unit: d.prefectureUnit, campaignId: d.campaignId, stage });

async function queueIds(client: TestClient, desk: 'unit' | 'dept' | 'office', status: string): Promise<string[]> {
  const r = await client.get(`/api/${desk}/applications?status=${status}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as QueueItem[]).map((x) => x.id);
}

async function notificationsOf(client: TestClient): Promise<Notification[]> {
  const r = await client.get('/api/me/notifications');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

async function successAudits(objectId: string, actions: string[]) {
  const [row] = await t.services.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.objectId, objectId), eq(auditLog.outcome, 'success'), inArray(auditLog.action, actions)));
  return row.n;
}

/** Everything a refused action must leave as it was. */
async function snapshot(id: string) {
  const row = await applicationRow(t.services, id);
  return {
    status: row.status,
    returnReasons: row.returnReasons,
    returnedAtStage: row.returnedAtStage,
    batchId: row.batchId,
    acceptedAt: row.acceptedAt,
    submissionCount: row.submissionCount,
    version: row.version,
    events: (await eventsOf(t.services, id)).length,
  };
}

/** Backends waiting, directly or behind another waiter, on a lock that backend `pid` holds. */
async function blockedBy(pid: number): Promise<number> {
  const rows = (await t.services.db.execute<{ pid: number; blockers: number[] }>(
    sql`select pid, pg_blocking_pids(pid) as blockers from pg_stat_activity where cardinality(pg_blocking_pids(pid)) > 0`,
  )).rows;
  const blocked = new Set<number>([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (!blocked.has(r.pid) && r.blockers.some((b) => blocked.has(b))) (blocked.add(r.pid), (grew = true));
  }
  return blocked.size - 1;
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ---------------------------------------------------------------------------------------------

describe('B21-10 / A24-11: the unit publicity runs N working days of the campaign’s calendar', () => {
  const PUBLICITY_DAYS = campaignFile(BAYINGOL_2021).unitReview.publicityWorkingDays as number;

  /** The built-in Xinjiang calendar, and the one the server uses (built-in data + administrator's entries). */
  async function calendars(): Promise<[string, Calendar][]> {
    return [
      ['createCalendar', createCalendar({ region: 'xinjiang' })],
      ['loadCalendar', await loadCalendar(t.services.db, 'xinjiang')],
    ];
  }

  it('B21-10: a 5-working-day publicity from Thursday 2021-09-30 skips 国庆 (10-01…10-07) and counts the 调休 Saturday 10-09', async () => {
    expect(PUBLICITY_DAYS).toBe(5);
    for (const [name, calendar] of await calendars()) {
      // The data: 国庆 2021 is 10-01…10-07 off, Saturday 10-09 is a make-up working day.
      expect(calendar.isWorkingDay('2021-09-30'), name).toBe(true);
      for (let d = 1; d <= 7; d++) expect(calendar.isWorkingDay(`2021-10-0${d}`), `${name} 10-0${d}`).toBe(false);
      expect(calendar.isWorkingDay('2021-10-09'), name).toBe(true);
      expect(calendar.isWorkingDay('2021-10-10'), name).toBe(false);
      // 9-30 (1), 10-08 (2), 10-09 Saturday (3), 10-11 (4), 10-12 (5).
      const first = calendar.addWorkingDays('2021-09-30', 0);
      expect(first, name).toBe('2021-09-30');
      const end = calendar.addWorkingDays(first, PUBLICITY_DAYS - 1);
      expect(end, name).toBe('2021-10-12');
      expect(calendar.publicityEndDate('2021-09-30', PUBLICITY_DAYS), name).toBe('2021-10-12');
      expect(calendar.countWorkingDays('2021-09-30', end), name).toBe(PUBLICITY_DAYS);
      // Not over on its last day, over the day after.
      expect(calendar.hasRunWorkingDays('2021-09-30', '2021-10-12', PUBLICITY_DAYS), name).toBe(false);
      expect(calendar.hasRunWorkingDays('2021-09-30', '2021-10-13', PUBLICITY_DAYS), name).toBe(true);
      // Posted on a holiday, it starts counting on the next working day: 10-08, 10-09, 10-11, 10-12, 10-13.
      expect(calendar.addWorkingDays('2021-10-01', 0), name).toBe('2021-10-08');
      expect(calendar.publicityEndDate('2021-10-01', PUBLICITY_DAYS), name).toBe('2021-10-13');
    }
  });

  it('B21-10: across 国庆+中秋 2025 (10-01…10-08) a publicity from Monday 09-29 ends on the 调休 Saturday 10-11; from Thursday 09-25 it counts the 调休 Sunday 09-28', async () => {
    for (const [name, calendar] of await calendars()) {
      expect(calendar.isWorkingDay('2025-09-28'), name).toBe(true); // Sunday, 调休
      expect(calendar.isWorkingDay('2025-10-08'), name).toBe(false); // Wednesday, holiday
      expect(calendar.isWorkingDay('2025-10-11'), name).toBe(true); // Saturday, 调休
      // 9-29 (1), 9-30 (2), 10-09 (3), 10-10 (4), 10-11 Saturday (5).
      expect(calendar.publicityEndDate('2025-09-29', PUBLICITY_DAYS), name).toBe('2025-10-11');
      // 9-25 (1), 9-26 (2), 9-28 Sunday (3), 9-29 (4), 9-30 (5).
      expect(calendar.publicityEndDate('2025-09-25', PUBLICITY_DAYS), name).toBe('2025-09-30');
    }
  });

  it('B21-10: the Xinjiang calendar also skips 古尔邦节 2021 (07-20…07-22), which the national one does not', async () => {
    const national = createCalendar({ region: 'national' });
    expect(national.publicityEndDate('2021-07-19', PUBLICITY_DAYS)).toBe('2021-07-23');
    for (const [name, calendar] of await calendars()) {
      // 7-19 (1), 7-23 (2), 7-26 (3), 7-27 (4), 7-28 (5).
      expect(calendar.publicityEndDate('2021-07-19', PUBLICITY_DAYS), name).toBe('2021-07-28');
    }
  });

  it('B21-10 / A24-11: starting the publicity stores ends_on = N working days from the start (inclusive) on the campaign’s calendar; the applicant sees the period', async () => {
    const { id, who } = await countyApplication(a, 'unit');
    const today = beijingToday();

    const early = await startPublicityRequest(a.unit, id, plusDays(today, -1));
    expect(early.statusCode, early.body).toBe(400);
    expect(errorOf(early).message).toBe('公示开始日期不能早于今天');
    expect((await applicationRow(t.services, id)).status).toBe('unit_review');

    // Another unit's reviewer cannot start it.
    expect((await startPublicityRequest(a.otherUnit, id)).statusCode).toBe(404);

    const r = await startPublicityRequest(a.unit, id, today);
    expect(r.statusCode, r.body).toBe(200);
    // The campaign's calendar region is Xinjiang; ask the calendar only after the request so both see the same entries.
    const calendar = await loadCalendar(t.services.db, 'xinjiang');
    const startsOn = calendar.addWorkingDays(today, 0);
    const endsOn = calendar.addWorkingDays(startsOn, PUBLICITY_DAYS - 1);
    expect(r.json()).toEqual({ startsOn, endsOn, workingDays: PUBLICITY_DAYS });
    expect(calendar.countWorkingDays(startsOn, endsOn)).toBe(PUBLICITY_DAYS);

    const [row] = await t.services.db.select().from(publicities).where(eq(publicities.applicationId, id));
    expect(row).toMatchObject({ startsOn, endsOn, workingDays: PUBLICITY_DAYS, startedBy: a.unitUserId });
    expect((await applicationRow(t.services, id)).status).toBe('unit_publicity');
    const [event] = await eventsOf(t.services, id, 'publicityStarted');
    expect(event).toMatchObject({ actorRole: 'unit_reviewer', detail: { startsOn, endsOn, workingDays: PUBLICITY_DAYS, ruleId: 'B21-10' } });

    // The applicant sees the period and when it ends.
    const view = await getView(who.client, id);
    expect(view.status).toBe('unit_publicity');
    expect(view.statusLabel).toBe('单位公示中');
    expect(view.review.publicity).toEqual({ startsOn, endsOn, workingDays: PUBLICITY_DAYS });
    expect(view.review.recommendation).toBeNull();
    expect(view.next.by).toBe(`${endsOn} 公示期满`);
    expect(view.timeline.at(-1)).toMatchObject({ action: 'publicityStarted', actor: '所在单位' });

    // A publicity cannot be started twice.
    const twice = await startPublicityRequest(a.unit, id, today);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('NOT_IN_REVIEW');
    expect((await eventsOf(t.services, id, 'publicityStarted')).length).toBe(1);
  });
});

describe('B21-10: the unit recommends only after the publicity and without open objections', () => {
  it('B21-10: recommending is refused while the publicity runs (PUBLICITY_RUNNING with the period and rule id); the day after it ends a county unit’s application goes to its department with the campaign’s opinion', async () => {
    const { id, who } = await countyApplication(a, 'unit');

    const notYet = await recommendRequest(a.unit, id);
    expect(notYet.statusCode).toBe(409);
    expect(errorOf(notYet).code).toBe('PUBLICITY_REQUIRED');

    const started = await startPublicityRequest(a.unit, id);
    expect(started.statusCode, started.body).toBe(200);
    const { startsOn, endsOn } = started.json();
    const before = await snapshot(id);

    const running = await recommendRequest(a.unit, id);
    expect(running.statusCode).toBe(409);
    expect(errorOf(running).code).toBe('PUBLICITY_RUNNING');
    expect(errorOf(running).message).toBe(`公示期为 ${startsOn} 至 ${endsOn}（5 个工作日），公示期满后方可推荐（B21-10）`);

    // On its last day the publicity is still running: it is over at the end of that day.
    await t.services.db.update(publicities).set({ endsOn: beijingToday() }).where(eq(publicities.applicationId, id));
    const lastDay = await recommendRequest(a.unit, id);
    expect(lastDay.statusCode).toBe(409);
    expect(errorOf(lastDay).code).toBe('PUBLICITY_RUNNING');
    expect(await snapshot(id)).toEqual(before);
    expect((await applicationRow(t.services, id)).recommendationOpinion).toBeNull();

    // It ended yesterday.
    await t.services.db.update(publicities).set({ endsOn: plusDays(beijingToday(), -1) }).where(eq(publicities.applicationId, id));
    const r = await recommendRequest(a.unit, id);
    expect(r.statusCode, r.body).toBe(200);
    const opinion = campaignFile(BAYINGOL_2021).unitReview.recommendationOpinion;
    expect(opinion).toBe(B21_OPINION);
    expect(r.json()).toEqual({ status: 'dept_review', opinion });

    const row = await applicationRow(t.services, id);
    expect(row).toMatchObject({ status: 'dept_review', recommendationOpinion: B21_OPINION, recommendedBy: a.unitUserId });
    expect(row.recommendedAt).toBeInstanceOf(Date);
    expect((await eventsOf(t.services, id, 'recommended'))[0]).toMatchObject({ actorRole: 'unit_reviewer', detail: { opinion: B21_OPINION } });
    expect(await successAudits(id, ['application.recommend'])).toBe(1);

    // Recommending twice is refused; it waits in the department's queue, not yet in the office's.
    const again = await recommendRequest(a.unit, id);
    expect(again.statusCode).toBe(409);
    expect(await queueIds(a.dept, 'dept', 'dept_review')).toContain(id);
    expect(await queueIds(a.office, 'office', 'office_review')).not.toContain(id);

    // The applicant sees the recommendation.
    const view = await getView(who.client, id);
    expect(view.status).toBe('dept_review');
    expect(view.review.recommendation).toEqual({ opinion: B21_OPINION, at: row.recommendedAt!.toISOString() });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'recommended', actor: '所在单位' });
  });

  it('B21-10: an unresolved objection holds the recommendation (OBJECTIONS_OPEN) until it is resolved; the applicant sees the period and the recommendation but never the objections, the unit sees them', async () => {
    const { id, who } = await countyApplication(a, 'unit');
    const started = await startPublicityRequest(a.unit, id);
    expect(started.statusCode, started.body).toBe(200);

    const content = `群众反映代表作品署名存疑-${id.slice(0, 8)}`;
    const resolution = `经核实署名无误-${id.slice(0, 8)}`;
    // Only the application's own unit records objections.
    expect((await a.otherUnit.post(`/api/unit/applications/${id}/objections`, { content })).statusCode).toBe(404);
    const recorded = await a.unit.post(`/api/unit/applications/${id}/objections`, { content });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const objectionId = recorded.json().id as string;

    const unitView = (await a.unit.get(`/api/unit/applications/${id}`)).json() as View;
    expect(unitView.review.objections).toEqual([expect.objectContaining({ id: objectionId, content, resolution: null, resolvedAt: null })]);
    const applicantResponse = await who.client.get(`/api/me/applications/${id}`);
    expect(applicantResponse.statusCode).toBe(200);
    const applicantView = applicantResponse.json() as View;
    expect(applicantView.review.objections).toEqual([]);
    expect(applicantResponse.body).not.toContain(content);
    expect(applicantView.review.publicity).toEqual(started.json());

    // The publicity has run, but the objection is open.
    await endPublicity(t.services, id);
    const before = await snapshot(id);
    const held = await recommendRequest(a.unit, id);
    expect(held.statusCode).toBe(409);
    expect(errorOf(held)).toMatchObject({ code: 'OBJECTIONS_OPEN', message: '还有 1 条公示异议未处理，处理后方可推荐' });
    expect(await snapshot(id)).toEqual(before);

    expect((await a.otherUnit.post(`/api/unit/objections/${objectionId}/resolve`, { resolution })).statusCode).toBe(404);
    const resolved = await a.unit.post(`/api/unit/objections/${objectionId}/resolve`, { resolution });
    expect(resolved.statusCode, resolved.body).toBe(204);
    const twice = await a.unit.post(`/api/unit/objections/${objectionId}/resolve`, { resolution: '再次处理' });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('ALREADY_RESOLVED');
    const [stored] = await t.services.db.select().from(objections).where(eq(objections.id, objectionId));
    expect(stored.resolution).toBe(resolution);

    const r = await recommendRequest(a.unit, id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('dept_review');

    // No objection can be recorded once the publicity is over and the unit has recommended.
    const late = await a.unit.post(`/api/unit/applications/${id}/objections`, { content: '迟到的异议' });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('NOT_IN_PUBLICITY');

    const finalApplicant = await who.client.get(`/api/me/applications/${id}`);
    const finalView = finalApplicant.json() as View;
    expect(finalView.review.recommendation?.opinion).toBe(B21_OPINION);
    expect(finalView.review.publicity).not.toBeNull();
    expect(finalView.review.objections).toEqual([]);
    expect(finalApplicant.body).not.toContain(content);
    expect(finalApplicant.body).not.toContain(resolution);
    const finalUnit = (await a.unit.get(`/api/unit/applications/${id}`)).json() as View;
    expect(finalUnit.review.objections).toEqual([expect.objectContaining({ id: objectionId, content, resolution })]);
  });

  // Someone holds the application row; the recommendation stops at its first lock or write (after
  // whatever it checked before), then an objection comes in, then both go. FOR NO KEY UPDATE leaves
  // the row referable, so the objection's insert is not held up (it lands while the recommendation
  // waits); FOR UPDATE holds up its foreign-key check too, so it lands after the recommendation commits.
  it.each(['no key update', 'update'] as const)(
    'B21-10: an objection recorded while the recommendation is being made is either seen by it or refused — never left open behind a recommendation (row held for %s)',
    async (mode) => {
      const { id } = await prefectureApplication(a, 'unit');
      expect((await startPublicityRequest(a.prefectureUnit, id)).statusCode).toBe(200);
      await endPublicity(t.services, id);

      let recommend!: Promise<TestResponse>;
      let objection!: Promise<TestResponse>;
      await t.services.db.transaction(async (tx) => {
        await tx.execute(sql`select id from applications where id = ${id} for ${sql.raw(mode)}`);
        const me = (await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows[0].pid;
        recommend = recommendRequest(a.prefectureUnit, id);
        await waitFor(async () => (await blockedBy(me)) >= 1, 'the recommendation waits for the row');
        let objectionSettled = false;
        objection = a.prefectureUnit.post(`/api/unit/applications/${id}/objections`, { content: '推荐当时收到的异议' });
        void objection.finally(() => (objectionSettled = true));
        await waitFor(async () => objectionSettled || (await blockedBy(me)) >= 2, 'the objection is recorded or waits');
      });
      const [recommended, objected] = await Promise.all([recommend, objection]);

      const row = await applicationRow(t.services, id);
      const open = await t.services.db.select().from(objections).where(and(eq(objections.applicationId, id), isNull(objections.resolvedAt)));
      const outcome = `recommend ${recommended.statusCode} ${recommended.body} / objection ${objected.statusCode} ${objected.body} / ${row.status}, ${open.length} open`;
      expect([recommended.statusCode, objected.statusCode].sort(), outcome).not.toEqual([200, 201]);
      if (row.status !== 'unit_publicity') expect(open, outcome).toHaveLength(0);
      if (recommended.statusCode === 200) {
        expect(objected.statusCode, outcome).toBe(409);
        expect(errorOf(objected).code).toBe('NOT_IN_PUBLICITY');
      } else {
        expect(objected.statusCode, outcome).toBe(201);
        expect(recommended.statusCode, outcome).toBe(409);
        expect(errorOf(recommended).code).toBe('OBJECTIONS_OPEN');
      }
    },
  );

  it('B21-13: a prefecture-level unit’s application goes straight to the committee office; no department sees it', async () => {
    const { id } = await prefectureApplication(a, 'recommended');
    expect((await applicationRow(t.services, id)).status).toBe('office_review');
    expect(await queueIds(a.office, 'office', 'office_review')).toContain(id);
    expect(await queueIds(a.dept, 'dept', 'dept_review')).not.toContain(id);
    expect(await queueIds(a.dept, 'dept', 'office_review')).not.toContain(id);
    expect((await a.dept.get(`/api/dept/applications/${id}`)).statusCode).toBe(404);
    const before = await snapshot(id);
    expect((await forwardRequest(a.dept, [id])).statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('B21-13: the county department checks and forwards its units’ applications in batches', () => {
  it('B21-13: a department sees only applications of units reporting through it (another department: 404, not in its queue)', async () => {
    const { id } = await countyApplication(a, 'recommended');
    expect((await a.dept.get(`/api/dept/applications/${id}`)).statusCode).toBe(200);
    expect(await queueIds(a.dept, 'dept', 'dept_review')).toContain(id);

    const before = await snapshot(id);
    expect((await b.dept.get(`/api/dept/applications/${id}`)).statusCode).toBe(404);
    expect(await queueIds(b.dept, 'dept', 'dept_review')).not.toContain(id);
    expect((await forwardRequest(b.dept, [id])).statusCode).toBe(404);
    expect((await deskReturnRequest(b.dept, 'dept', id, ['不属于本部门'])).statusCode).toBe(404);
    // Another prefecture's office neither.
    expect((await b.office.get(`/api/office/applications/${id}`)).statusCode).toBe(404);
    expect((await acceptRequest(b.office, id)).statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('B21-13: the department forwards a batch (office_review, batch number, timeline); the covering list .xlsx names the applicants and neutralises a unit name starting with =', async () => {
    const evilName = `=HYPERLINK("http://evil.example","点此领取")`;
    const c = await desks(async (org) => {
      await t.services.db.update(organisations).set({ name: evilName }).where(eq(organisations.id, org.unitId));
    });
    const [first, second] = await Promise.all([
      countyApplication(c, 'recommended', { name: '阿依古丽' }),
      countyApplication(c, 'recommended', { other: true, name: '王建国' }),
    ]);
    const ids = [first.id, second.id];

    const r = await forwardRequest(c.dept, ids);
    expect(r.statusCode, r.body).toBe(201);
    const batch = r.json() as { id: string; number: number };
    expect(Number.isInteger(batch.number)).toBe(true);

    const [batchRow] = await t.services.db.select().from(batches).where(eq(batches.id, batch.id));
    expect(batchRow).toMatchObject({ number: batch.number, departmentId: c.org.departmentId, campaignId: c.campaignId, createdBy: c.deptUserId });
    for (const id of ids) {
      expect(await applicationRow(t.services, id)).toMatchObject({ status: 'office_review', batchId: batch.id });
      const events = await eventsOf(t.services, id, 'forwarded');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorRole: 'dept_reviewer', detail: { batchNumber: batch.number } });
    }
    const view = await getView(first.who.client, first.id);
    expect(view.status).toBe('office_review');
    expect(view.timeline.at(-1)).toMatchObject({ action: 'forwarded', actor: '主管部门', label: '主管部门审核通过，报送评委会办公室' });
    const [audit] = await t.services.db.select().from(auditLog).where(and(eq(auditLog.objectId, batch.id), eq(auditLog.action, 'application.forward')));
    expect(audit).toMatchObject({ outcome: 'success', objectType: 'batch', actorUserId: c.deptUserId, detail: { count: 2, number: batch.number } });

    expect(await queueIds(c.dept, 'dept', 'dept_review')).not.toEqual(expect.arrayContaining([first.id]));
    expect(await queueIds(c.dept, 'dept', 'office_review')).toEqual(expect.arrayContaining(ids));
    expect(await queueIds(c.office, 'office', 'office_review')).toEqual(expect.arrayContaining(ids));

    // Forwarding them again is refused: they are no longer at the department.
    const again = await forwardRequest(c.dept, ids);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('NOT_IN_REVIEW');

    // The covering list. 阿依古丽's unit recommended at 07:30 Beijing time (23:30 UTC the day before):
    // the list must show the Beijing date.
    await t.services.db.update(applications).set({ recommendedAt: new Date('2021-10-12T23:30:00Z') }).where(eq(applications.id, first.id));
    const list = await c.dept.get(`/api/dept/batches/${batch.id}/list.xlsx`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers['content-type']).toBe(XLSX_TYPE);
    expect(String(list.headers['content-disposition'])).toMatch(/^attachment;/);
    const { workbook, rows } = await readXlsx(list.rawBody);
    expect(rows[0]).toEqual(['序号', '姓名', '工作单位', '申报级别', '状态', '单位推荐时间']);
    expect(rows).toHaveLength(3);
    const byName = new Map(rows.slice(1).map((row) => [row[1], row]));
    expect([...byName.keys()].sort()).toEqual(['王建国', '阿依古丽'].sort());
    expect(byName.get('阿依古丽')![2]).toBe(`'${evilName}`);
    expect(String(byName.get('王建国')![2])).toMatch(/^测试县文联/);
    for (const row of rows.slice(1)) expect(row[4]).toBe('评委会办公室审核中');
    expect(byName.get('阿依古丽')![5]).toBe('2021-10-13');
    expect(byName.get('王建国')![5]).toBe(beijingDate((await applicationRow(t.services, second.id)).recommendedAt!));
    const sheet = workbook.worksheets[0];
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    // Another department cannot download it.
    expect((await a.dept.get(`/api/dept/batches/${batch.id}/list.xlsx`)).statusCode).toBe(404);
  });

  it('B21-13: a batch mixing in an application not waiting at the department is refused whole; nothing changes', async () => {
    const [waiting, atUnit, forwarded] = await Promise.all([
      countyApplication(a, 'recommended'),
      countyApplication(a, 'unit', { other: true }),
      countyApplication(a, 'office'),
    ]);
    const batchCount = async () => (await t.services.db.select({ n: count() }).from(batches).where(eq(batches.departmentId, a.org.departmentId)))[0].n;
    const before = { waiting: await snapshot(waiting.id), atUnit: await snapshot(atUnit.id), batches: await batchCount() };

    // One already forwarded (the department still sees it): refused whole, saying how many.
    const mixed = await forwardRequest(a.dept, [waiting.id, forwarded.id]);
    expect(mixed.statusCode).toBe(409);
    expect(errorOf(mixed)).toMatchObject({ code: 'NOT_IN_REVIEW', message: '有 1 份申报不在主管部门审核中，请刷新后重新选择' });
    // One still at the unit has not reached the department: as unknown to it as a missing id.
    expect((await forwardRequest(a.dept, [waiting.id, atUnit.id])).statusCode).toBe(404);
    expect((await forwardRequest(a.dept, [waiting.id, '00000000-0000-4000-8000-000000000000'])).statusCode).toBe(404);
    expect((await forwardRequest(a.dept, [])).statusCode).toBe(400);

    expect({ waiting: await snapshot(waiting.id), atUnit: await snapshot(atUnit.id), batches: await batchCount() }).toEqual(before);
    expect(before.waiting).toMatchObject({ status: 'dept_review', batchId: null });
  });

  it('B21-13: a unit reviewer cannot forward; an application still at the unit is unknown to the department, and one still at the unit or the department unknown to the office (404)', async () => {
    const [atDept, atUnit] = await Promise.all([countyApplication(a, 'recommended'), countyApplication(a, 'unit', { other: true })]);
    const before = { atDept: await snapshot(atDept.id), atUnit: await snapshot(atUnit.id) };

    const byUnit = await forwardRequest(a.unit, [atDept.id]);
    expect(byUnit.statusCode).toBe(403);
    expect(errorOf(byUnit).code).toBe('FORBIDDEN');
    expect((await a.unit.get(`/api/dept/applications/${atDept.id}`)).statusCode).toBe(403);

    const deptEarly = await deskReturnRequest(a.dept, 'dept', atUnit.id, ['单位尚未推荐']);
    expect(deptEarly.statusCode).toBe(404);
    expect(errorOf(deptEarly).code).toBe('NOT_FOUND');
    expect((await a.dept.get(`/api/dept/applications/${atUnit.id}`)).statusCode).toBe(404);

    for (const { id } of [atUnit, atDept]) {
      const accept = await acceptRequest(a.office, id);
      expect(accept.statusCode).toBe(404);
      expect(errorOf(accept).code).toBe('NOT_FOUND');
      const ret = await deskReturnRequest(a.office, 'office', id, ['材料不全']);
      expect(ret.statusCode).toBe(404);
      expect((await a.office.get(`/api/office/applications/${id}`)).statusCode).toBe(404);
      expect(await successAudits(id, ['application.accept', 'application.return'])).toBe(0);
    }
    expect({ atDept: await snapshot(atDept.id), atUnit: await snapshot(atUnit.id) }).toEqual(before);
  });

  it('B21-13: a return by the department sends the resubmission back to the department, not to the unit', async () => {
    const { id, who } = await countyApplication(a, 'recommended');
    const reasons = ['推荐材料缺少公示结果（加盖公章）'];
    const r = await deskReturnRequest(a.dept, 'dept', id, reasons);
    expect(r.statusCode, r.body).toBe(204);
    expect(await applicationRow(t.services, id)).toMatchObject({ status: 'returned', returnedAtStage: 'dept', returnReasons: reasons });
    const returned = await getView(who.client, id);
    expect(returned.timeline.at(-1)).toMatchObject({ action: 'returned', actor: '主管部门', reasons });
    expect(await queueIds(a.dept, 'dept', 'returned')).toContain(id);

    const again = await submit(who.client, id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'dept_review', submissionCount: 2 });
    expect(again.json().timeline.at(-1)).toMatchObject({ action: 'resubmitted', actor: '申报人' });
    expect(await queueIds(a.dept, 'dept', 'dept_review')).toContain(id);
    expect(await queueIds(a.unit, 'unit', 'unit_review')).not.toContain(id);
  });
});

describe('committee office: formal check, return with every reason, 已接收材料', () => {
  it('the office returns with reasons (returned_at_stage office); the resubmission goes back to the office, not to the unit; accept → accepted and the applicant is told; accepting twice is 409', async () => {
    const { id, who } = await countyApplication(a, 'office');
    expect((await applicationRow(t.services, id)).status).toBe('office_review');
    expect((await a.office.get(`/api/office/applications/${id}`)).statusCode).toBe(200);

    const reasons = ['学历证书扫描件不清晰，请重新扫描', '缺少 2020 年度考核表'];
    const r = await deskReturnRequest(a.office, 'office', id, reasons);
    expect(r.statusCode, r.body).toBe(204);
    expect(await applicationRow(t.services, id)).toMatchObject({ status: 'returned', returnedAtStage: 'office', returnReasons: reasons, submissionCount: 1 });
    const returned = await getView(who.client, id);
    expect(returned).toMatchObject({ status: 'returned', editable: true, returnReasons: reasons });
    expect(returned.timeline.at(-1)).toMatchObject({ action: 'returned', actor: '评委会办公室', reasons });
    const told = (await notificationsOf(who.client)).find((n) => n.title === '申报已退回，请修改后重新提交');
    expect(told).toBeDefined();
    for (const reason of reasons) expect(told!.body).toContain(reason);
    expect(await queueIds(a.office, 'office', 'returned')).toContain(id);

    const resubmitted = await submit(who.client, id);
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'office_review', submissionCount: 2 });
    expect(await queueIds(a.office, 'office', 'office_review')).toContain(id);
    expect(await queueIds(a.unit, 'unit', 'unit_review')).not.toContain(id);
    expect(await queueIds(a.dept, 'dept', 'dept_review')).not.toContain(id);

    const before = Date.now();
    const accepted = await acceptRequest(a.office, id);
    expect(accepted.statusCode, accepted.body).toBe(204);
    const after = Date.now();
    const row = await applicationRow(t.services, id);
    expect(row.status).toBe('accepted');
    expect(row.acceptedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.acceptedAt!.getTime()).toBeLessThanOrEqual(after + 1000);
    const view = await getView(who.client, id);
    expect(view).toMatchObject({ status: 'accepted', statusLabel: '评委会办公室已接收材料' });
    expect(view.review.acceptedAt).toBe(row.acceptedAt!.toISOString());
    expect(view.timeline.at(-1)).toMatchObject({ action: 'accepted', actor: '评委会办公室' });
    const notice = (await notificationsOf(who.client)).filter((n) => n.title === '评委会办公室已接收材料');
    expect(notice).toHaveLength(1);
    expect(notice[0].body).toContain('评审费');
    expect(await successAudits(id, ['application.accept'])).toBe(1);

    const snap = await snapshot(id);
    const twice = await acceptRequest(a.office, id);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).message).toMatch(CHINESE);
    expect((await deskReturnRequest(a.office, 'office', id, ['接收后再退回'])).statusCode).toBe(409);
    expect(await snapshot(id)).toEqual(snap);
    expect(await successAudits(id, ['application.accept'])).toBe(1);
  });

  it('B21-12 / A24-5: a return by the office after the 3rd submission ends the year (not_accepted); it cannot be resubmitted', async () => {
    const { id, who } = await prefectureApplication(a, 'recommended');
    for (const submission of [1, 2]) {
      const r = await deskReturnRequest(a.office, 'office', id, [`第 ${submission} 次退回：材料不符合要求`]);
      expect(r.statusCode, r.body).toBe(204);
      expect((await applicationRow(t.services, id)).status).toBe('returned');
      const again = await submit(who.client, id);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ status: 'office_review', submissionCount: submission + 1 });
    }

    const reasons = ['第 3 次提交后代表作品仍缺少目录页'];
    const last = await deskReturnRequest(a.office, 'office', id, reasons);
    expect(last.statusCode, last.body).toBe(204);
    const row = await applicationRow(t.services, id);
    expect(row).toMatchObject({ status: 'not_accepted', submissionCount: 3, returnedAtStage: 'office', returnReasons: reasons, resubmitDeadline: null });
    const view = await getView(who.client, id);
    expect(view).toMatchObject({ status: 'not_accepted', editable: false });
    expect(view.timeline.slice(-2)).toEqual([
      expect.objectContaining({ action: 'returned', actor: '评委会办公室', reasons }),
      expect.objectContaining({ action: 'notAccepted', actor: '系统' }),
    ]);
    const [notice] = (await notificationsOf(who.client)).filter((n) => n.title === '申报已退回，当年不再受理');
    expect(notice.body).toContain('第 3 次提交');
    expect(notice.body).toContain('B21-12');
    expect(notice.body).toContain(reasons[0]);
    expect(await queueIds(a.office, 'office', 'not_accepted')).toContain(id);

    const resubmit = await submit(who.client, id);
    expect(resubmit.statusCode).toBe(422);
    expect(errorOf(resubmit).code).toBe('SUBMISSION_INCOMPLETE');
    expect(errorOf(resubmit).fields!.map((f) => f.path)).toEqual(['status']);
    expect(await applicationRow(t.services, id)).toMatchObject({ status: 'not_accepted', submissionCount: 3 });
    // Nor can the office accept or return it again.
    expect((await acceptRequest(a.office, id)).statusCode).toBe(409);
    expect((await deskReturnRequest(a.office, 'office', id, ['再退'])).statusCode).toBe(409);
  });

  it('100 parallel accept/return requests on one application: exactly one wins, 99 get a Chinese 409, the audit log shows one change', async () => {
    const { id, who } = await prefectureApplication(a, 'recommended');
    const second = (await signIn(t, 'office_staff', a.org.prefectureId)).client;
    const requests = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0 ? acceptRequest(i % 4 === 0 ? a.office : second, id) : deskReturnRequest(i % 4 === 1 ? a.office : second, 'office', id, [`并发退回 ${i}`]),
    );
    const responses = await Promise.all(requests);

    const wins = responses.map((r, i) => ({ r, i })).filter(({ r }) => r.statusCode >= 200 && r.statusCode < 300);
    expect(wins, responses.map((r) => r.statusCode).join(',')).toHaveLength(1);
    const losers = responses.filter((r) => r.statusCode < 200 || r.statusCode >= 300);
    expect(losers).toHaveLength(99);
    for (const r of losers) {
      expect(r.statusCode, r.body).toBe(409);
      expect(['NOT_IN_REVIEW', 'ALREADY_DECIDED']).toContain(errorOf(r).code);
      expect(errorOf(r).message).toMatch(CHINESE);
    }

    const winnerAccepted = wins[0].i % 2 === 0;
    const row = await applicationRow(t.services, id);
    expect(row.status).toBe(winnerAccepted ? 'accepted' : 'returned');
    if (!winnerAccepted) expect(row.returnReasons).toEqual([`并发退回 ${wins[0].i}`]);
    else expect(row.returnReasons).toEqual([]);

    expect(await successAudits(id, ['application.accept', 'application.return'])).toBe(1);
    const decisions = [...(await eventsOf(t.services, id, 'accepted')), ...(await eventsOf(t.services, id, 'returned'))];
    expect(decisions).toHaveLength(1);
    const told = (await notificationsOf(who.client)).filter((n) => ['评委会办公室已接收材料', '申报已退回，请修改后重新提交'].includes(n.title));
    expect(told).toHaveLength(1);
    if (!winnerAccepted) expect(await lapseJob(t.services, id)).toBeDefined();
  });
});
