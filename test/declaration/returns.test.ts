// The unit returns an application (A24-5: every reason at once; resubmit within 2 days of the
// return, the return day not counted, else it lapses; B21: until the declaration window closes).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, jobs } from '../../src/server/db/schema.js';
import { createJobHandlers } from '../../src/server/jobs/handlers.js';
import { runDueJobs } from '../../src/server/jobs/queue.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from '../helpers/app.js';
import {
  applicant,
  applicationRow,
  beijingDay,
  errorOf,
  getView,
  lapseJob,
  makeLapseJobDueFirst,
  plusDays,
  returnApplication,
  saveSectionRequest,
  submit,
  submittedApplication,
  openCampaigns,
} from '../helpers/declaration.js';

let t: TestContext;
let org: TestOrgTree;
let aksCampaign: string;
let bzCampaign: string;
let unit: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  ({ aksCampaign, bzCampaign } = await openCampaigns(t, org));
  unit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
});
afterAll(async () => {
  await t.close();
});

/** Only the lapse job: runDueJobs must not run (and OCR) the uploads of other tests. */
const lapseOnly = () => ({ 'lapse-application': createJobHandlers(t.services)['lapse-application'] });

/** The end of the 2nd Beijing day after the day of `ms`, as an ISO instant (A24-5). */
function twoDaysAfter(ms: number): string {
  return new Date(`${plusDays(beijingDay(ms), 2)}T23:59:59+08:00`).toISOString();
}

type Notification = { title: string; body: string; createdAt: string; read: boolean };

describe('A24-5: return, resubmit within 2 days, or lapse', () => {
  it('A24-5: after a return the applicant sees every reason at once, with a deadline at the end of the 2nd day after the return day', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, aksCampaign, 'aks');
    const reasons = ['学历证书扫描件不清晰，请重新扫描', '缺少 2023 年度继续教育证书', '工作经历与档案不一致'];
    const before = Date.now();
    const r = await returnApplication(unit, view.id, reasons);
    expect(r.statusCode, r.body).toBe(204);
    const after = Date.now();

    const returned = await getView(who.client, view.id);
    expect(returned.status).toBe('returned');
    expect(returned.editable).toBe(true);
    expect(returned.returnReasons).toEqual(reasons);
    const event = returned.timeline.at(-1)!;
    expect(event).toMatchObject({ action: 'returned', actor: '所在单位', reasons });

    // "退回后 2 日内": the day of the return is not counted (Beijing time), so the deadline is
    // 23:59:59 of the second day after it.
    const expected = [twoDaysAfter(before), twoDaysAfter(after)];
    expect(expected).toContain(returned.resubmitDeadline);
    expect(returned.resubmitDeadline!.endsWith('T15:59:59.000Z')).toBe(true);
    const deadlineMs = Date.parse(returned.resubmitDeadline!);
    expect(deadlineMs - before).toBeGreaterThan(2 * 86_400_000);
    expect(deadlineMs - after).toBeLessThan(3 * 86_400_000);
    expect(returned.next.by).toBe(`${plusDays(beijingDay(before), 2)} 23:59`);

    const notifications = (await who.client.get('/api/me/notifications')).json() as Notification[];
    expect(notifications).toHaveLength(1);
    expect(notifications[0].title).toBe('申报已退回，请修改后重新提交');
    for (const reason of reasons) expect(notifications[0].body).toContain(reason);
    expect(notifications[0].body).toContain(`${plusDays(beijingDay(before), 2)} 23:59`);
    expect(notifications[0].body).toContain('A24-5');

    // The lapse job waits for the deadline (one second past it, so it never runs a moment early).
    const job = await lapseJob(t.services, view.id);
    expect(job).toMatchObject({ kind: 'lapse-application', payload: { applicationId: view.id }, doneAt: null });
    expect(job.runAt.getTime()).toBe(deadlineMs + 1000);
  });

  it('A24-5: resubmitting before the deadline works and counts the submission; the lapse job then leaves it alone', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, aksCampaign, 'aks');
    expect((await returnApplication(unit, view.id, ['请补充业绩说明'])).statusCode).toBe(204);
    const returned = await getView(who.client, view.id);
    const fixed = await saveSectionRequest(who.client, view.id, returned.version, 'performance', { summary: '补充：主持地区重大主题报道 5 次。' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const r = await submit(who.client, view.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'unit_review', submissionCount: 2, resubmitDeadline: null });
    expect(r.json().timeline.at(-1)).toMatchObject({ action: 'resubmitted', actor: '申报人' });
    expect(r.json().form.performance.summary).toBe('补充：主持地区重大主题报道 5 次。');

    // Even when the job comes due, a resubmitted application does not lapse.
    await makeLapseJobDueFirst(t.services, view.id);
    expect(await runDueJobs(t.services.db, lapseOnly(), 1)).toBe(1);
    const job = await lapseJob(t.services, view.id);
    expect(job.doneAt).not.toBeNull();
    expect(job.lastError).toBeNull();
    expect((await getView(who.client, view.id)).status).toBe('unit_review');
  });

  it('A24-5: past the deadline submit is refused; the lapse job ends the application, tells the applicant, and it cannot be submitted', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, aksCampaign, 'aks');
    expect((await returnApplication(unit, view.id, ['公示结果未盖章'])).statusCode).toBe(204);

    // The deadline passes (moved into the past, with its job).
    const past = new Date(Date.now() - 60_000);
    await t.services.db.update(applications).set({ resubmitDeadline: past }).where(eq(applications.id, view.id));
    const late = await submit(who.client, view.id);
    expect(late.statusCode).toBe(422);
    const fields = errorOf(late).fields!;
    expect(fields.map((f) => f.path)).toEqual(['window']);
    expect(fields[0].message).toContain('已超过退回后的修改期限');
    expect(fields[0].message).toContain('A24-5');
    expect((await getView(who.client, view.id)).status).toBe('returned');

    await makeLapseJobDueFirst(t.services, view.id);
    expect(await runDueJobs(t.services.db, lapseOnly(), 1)).toBe(1);
    const job = await lapseJob(t.services, view.id);
    expect(job.doneAt).not.toBeNull();
    expect(job.lastError).toBeNull();

    const lapsed = await getView(who.client, view.id);
    expect(lapsed).toMatchObject({ status: 'lapsed', editable: false, submissionCount: 1 });
    expect(lapsed.statusLabel).toContain('失效');
    expect(lapsed.timeline.at(-1)).toMatchObject({ action: 'lapsed', actor: '系统' });
    const notifications = (await who.client.get('/api/me/notifications')).json() as Notification[];
    expect(notifications[0].title).toBe('申报已失效');
    expect(notifications[0].body).toContain('未在规定期限内修改提交');
    expect(notifications[0].body).toContain('A24-5');

    const again = await submit(who.client, view.id);
    expect(again.statusCode).toBe(422);
    expect(errorOf(again).code).toBe('SUBMISSION_INCOMPLETE');
    expect(errorOf(again).fields!.map((f) => f.path)).toEqual(['status']);
    expect((await applicationRow(t.services, view.id)).submissionCount).toBe(1);
    expect((await saveSectionRequest(who.client, view.id, lapsed.version, 'other', { note: '补交' })).statusCode).toBe(409);
    // The unit sees it among the lapsed ones.
    const queue = (await unit.get('/api/unit/applications?status=lapsed')).json() as { id: string }[];
    expect(queue.map((a) => a.id)).toContain(view.id);
  });

  it('A24-5: a second return re-arms the lapse job with the new deadline', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, aksCampaign, 'aks');
    expect((await returnApplication(unit, view.id, ['第一次退回'])).statusCode).toBe(204);
    expect((await submit(who.client, view.id)).statusCode).toBe(200);
    await makeLapseJobDueFirst(t.services, view.id);
    expect(await runDueJobs(t.services.db, lapseOnly(), 1)).toBe(1);
    expect((await lapseJob(t.services, view.id)).doneAt).not.toBeNull();

    expect((await returnApplication(unit, view.id, ['第二次退回'])).statusCode).toBe(204);
    const returned = await getView(who.client, view.id);
    expect(returned.returnReasons).toEqual(['第二次退回']);
    const job = await lapseJob(t.services, view.id);
    expect(job.doneAt).toBeNull();
    expect(job.runAt.getTime()).toBe(Date.parse(returned.resubmitDeadline!) + 1000);
    expect(await t.services.db.select().from(jobs).where(eq(jobs.dedupeKey, `lapse:${view.id}`))).toHaveLength(1);
  });
});

describe('B21-1: a returned Bayingol application may be resubmitted until the window closes', () => {
  it('B21-1: a return gets the declaration window’s close as the resubmit deadline', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, bzCampaign, 'bz');
    expect((await returnApplication(unit, view.id, ['代表作品缺少目录页'])).statusCode).toBe(204);
    const returned = await getView(who.client, view.id);
    expect(returned.status).toBe('returned');
    expect(returned.resubmitDeadline).toBe(new Date(returned.declarationWindow.closesAt).toISOString());
    expect(returned.declarationWindow.closesAt.endsWith('T23:59:59+08:00')).toBe(true);
    const notifications = (await who.client.get('/api/me/notifications')).json() as Notification[];
    expect(notifications[0].body).toContain('代表作品缺少目录页');
    expect(notifications[0].body).toContain(`${returned.declarationWindow.closesAt.slice(0, 10)} 23:59`);
    expect(notifications[0].body).toContain('B21-1');
    const job = await lapseJob(t.services, view.id);
    expect(job.runAt.getTime()).toBe(Date.parse(returned.resubmitDeadline!) + 1000);
    const again = await submit(who.client, view.id);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().submissionCount).toBe(2);
  });

  it('a return needs at least one non-empty reason; an application not in review cannot be returned', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, bzCampaign, 'bz');
    expect((await returnApplication(unit, view.id, [])).statusCode).toBe(400);
    expect((await returnApplication(unit, view.id, ['   '])).statusCode).toBe(400);
    expect((await getView(who.client, view.id)).status).toBe('unit_review');
    expect((await returnApplication(unit, view.id, ['请补充'])).statusCode).toBe(204);
    const twice = await returnApplication(unit, view.id, ['再退一次']);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('NOT_IN_REVIEW');
    expect((await getView(who.client, view.id)).returnReasons).toEqual(['请补充']);
  });
});
