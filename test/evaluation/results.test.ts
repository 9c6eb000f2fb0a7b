// Results after the vote (A24-4): the publicity from the day after the meeting over N working days
// of the campaign's calendar (across 国庆 2025 and 古尔邦节 2025), the public page with only the
// running publicities and the minimum fields, real-name objections while it runs, the office's
// cases, confirmation only after the period with no objection open, and the applicant's own result
// page, review requests and complaints — each route allowed for its role and refused for others.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, CalendarOutOfRangeError, createCalendar, fromDayNumber, toDayNumber } from '../../src/domain/calendar/calendar.js';
import { publiciseResults } from '../../src/server/commands/results/publicity.js';
import { and } from 'drizzle-orm';
import { applicationEvents, auditLog, committees, fraudFindings, notifications, resultCases, resultPublicities, users } from '../../src/server/db/schema.js';
import { passedCandidates, resultEntryId } from '../../src/server/queries/results.js';
import type { Actor } from '../../src/server/http/context.js';
import { createOrgTree, createUser, type CreatedUser, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from '../helpers/app.js';
import { BAYINGOL_2021 } from '../helpers/campaigns.js';
import { errorOf } from '../helpers/declaration.js';
import { actorOf, candidateOf, committeeRow, ctxOf, markPresent, refusal, shortNames, voteOn, votingWorld, type World } from '../helpers/evaluation-results.js';

let t: TestContext;
let org: TestOrgTree;
let other: TestOrgTree;
let office: TestClient;
let officeActor: Actor;
let otherOffice: TestClient;
let expertClient: TestClient;

const run = promisify(execFile);
const today = () => beijingDate(new Date());

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zp-notice-'));
  try {
    const file = path.join(dir, 'notice.pdf');
    await writeFile(file, pdf);
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const plus = (date: string, n: number) => fromDayNumber(toDayNumber(date) + n);

beforeAll(async () => {
  t = await createTestApp();
  [org, other] = await Promise.all([createOrgTree(t.services), createOrgTree(t.services)]);
  const signed = await signIn(t, 'office_staff', org.prefectureId);
  office = signed.client;
  officeActor = await actorOf(t, signed.user);
  otherOffice = (await signIn(t, 'office_staff', other.prefectureId)).client;
  expertClient = (await signIn(t, 'expert', org.prefectureId)).client;
});
afterAll(async () => {
  await t?.close();
});

async function login(user: CreatedUser): Promise<TestClient> {
  const client = new TestClient(t.app);
  const r = await client.login(user.username, user.password);
  expect(r.statusCode, r.body).toBe(200);
  return client;
}

/** A committee whose ballot has closed: the first candidate passed (3 of 3), the second failed (1 of 3). */
async function closedWorld(options: Parameters<typeof votingWorld>[2] = {}): Promise<World> {
  const w = await votingWorld(t, org, { members: 3, candidates: 2, candidateNames: shortNames(2), office, ...options });
  await markPresent(t, w, 3);
  expect((await office.post(`/api/office/committees/${w.committeeId}/open-meeting`)).statusCode).toBe(204);
  await voteOn(t, w.members, w.committeeId, w.candidates[0].applicationId, 3);
  await voteOn(t, w.members, w.committeeId, w.candidates[1].applicationId, 1);
  const closed = await office.post(`/api/office/committees/${w.committeeId}/close-ballot`);
  expect(closed.statusCode, closed.body).toBe(200);
  return w;
}

/** Puts the meeting (ballot close) on a Beijing date. */
async function meetingOn(committeeId: string, date: string) {
  await t.services.db.update(committees).set({ ballotClosedAt: new Date(`${date}T16:00:00+08:00`) }).where(eq(committees.id, committeeId));
}

describe('A24-4: the results publicity on the campaign calendar', () => {
  it('A24-4: a meeting on 2025-09-29 publicises from 09-30 over 国庆 2025 (调休 Saturday 10-11 counted) to 10-13', async () => {
    const w = await closedWorld();
    await meetingOn(w.committeeId, '2025-09-29');
    const period = await publiciseResults(t.services, ctxOf(officeActor, 'office_staff'), officeActor, w.committeeId, new Date('2025-09-29T18:00:00+08:00'));
    const calendar = createCalendar({ region: 'xinjiang' });
    expect(period).toEqual({ startsOn: '2025-09-30', endsOn: calendar.publicityEndDate('2025-09-30', 5), workingDays: 5 });
    // 9-30, 10-09, 10-10, 10-11 (make-up working Saturday), 10-13.
    expect(period.endsOn).toBe('2025-10-13');
    expect(calendar.countWorkingDays(period.startsOn, period.endsOn)).toBe(5);
    const [row] = await t.services.db.select().from(resultPublicities).where(eq(resultPublicities.committeeId, w.committeeId));
    expect(row).toMatchObject({ startsOn: '2025-09-30', endsOn: '2025-10-13', workingDays: 5 });
    expect((await committeeRow(t, w.committeeId)).status).toBe('results_publicised');
    // Long over: not on the public page.
    const page = await new TestClient(t.app).get('/api/public/results');
    expect(page.json().some((p: { committeeId: string }) => p.committeeId === w.committeeId)).toBe(false);
  });

  it('A24-4: a meeting the day before 古尔邦节 2025 (Xinjiang, 6-06…6-10) starts on the holiday and ends 6-17', async () => {
    const w = await closedWorld();
    await meetingOn(w.committeeId, '2025-06-05');
    const period = await publiciseResults(t.services, ctxOf(officeActor, 'office_staff'), officeActor, w.committeeId, new Date('2025-06-05T18:00:00+08:00'));
    const calendar = createCalendar({ region: 'xinjiang' });
    expect(period.startsOn).toBe('2025-06-06');
    expect(period.endsOn).toBe(calendar.publicityEndDate('2025-06-06', 5));
    expect(period.endsOn).toBe('2025-06-17');
    // The national calendar alone would end earlier: the regional festival is what moves it.
    expect(createCalendar({ region: 'national' }).publicityEndDate('2025-06-06', 5)).toBe('2025-06-12');
  });

  it('a year the calendar does not cover is refused (CALENDAR_NOT_COVERED), and nothing is publicised', async () => {
    const w = await closedWorld();
    await meetingOn(w.committeeId, '2031-03-03');
    await expect(publiciseResults(t.services, ctxOf(officeActor, 'office_staff'), officeActor, w.committeeId, new Date('2031-03-03T18:00:00+08:00'))).rejects.toBeInstanceOf(
      CalendarOutOfRangeError,
    );
    expect((await committeeRow(t, w.committeeId)).status).toBe('ballot_closed');
  });

  it('B21: a campaign not starting the day after the meeting publicises from the day of publication', async () => {
    const w = await closedWorld({ base: BAYINGOL_2021 });
    await meetingOn(w.committeeId, plus(today(), -3));
    const r = await office.post(`/api/office/committees/${w.committeeId}/results-publicity`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().startsOn).toBe(today());
    expect(r.json().workingDays).toBe(5);
  });
});

describe('the public page, objections, cases and confirmation', () => {
  it('shows only running publicities with the minimum fields of those who passed; objections while it runs; confirmation after it', async () => {
    const w = await closedWorld();
    const [passed, failed] = w.candidates;
    // The meeting was yesterday: the publicity starts today.
    await meetingOn(w.committeeId, plus(today(), -1));
    // Only the office publicises, once.
    expect((await expertClient.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(403);
    expect((await otherOffice.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(404);
    const published = await office.post(`/api/office/committees/${w.committeeId}/results-publicity`);
    expect(published.statusCode, published.body).toBe(200);
    const { startsOn, endsOn } = published.json();
    expect(startsOn).toBe(today());
    expect((await office.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(409);
    // Each candidate is told their result and the period.
    const [note] = await t.services.db.select().from(notifications).where(eq(notifications.userId, failed.applicant.id));
    expect(note.body).toContain('未通过');
    expect(note.body).toContain(endsOn);

    // The notice for the units to post: the same people and fields.
    const notice = await office.get(`/api/office/committees/${w.committeeId}/results-notice.pdf`);
    expect(notice.statusCode).toBe(200);
    const noticeText = await pdfText(notice.rawBody);
    expect(noticeText.replace(/\s/g, '')).toContain(passed.name);
    expect(noticeText.replace(/\s/g, '')).not.toContain(failed.name);
    expect((await otherOffice.get(`/api/office/committees/${w.committeeId}/results-notice.pdf`)).statusCode).toBe(404);

    const anonymous = new TestClient(t.app);
    const page = await anonymous.get(`/api/public/results?prefectureId=${org.prefectureId}`);
    expect(page.statusCode).toBe(200);
    const mine = page.json().find((p: { committeeId: string }) => p.committeeId === w.committeeId);
    expect(mine).toMatchObject({ startsOn, endsOn });
    expect(mine.rows).toHaveLength(1);
    expect(Object.keys(mine.rows[0]).sort()).toEqual(['entryId', 'level', 'name', 'result', 'seriesName', 'specialtyName', 'unitName']);
    expect(mine.rows[0]).toMatchObject({ entryId: resultEntryId(t.services.cipher, passed.applicationId), name: passed.name, level: '中级', seriesName: '新闻', result: '通过' });
    // An opaque id: the experts saw the application ids in the packets, and could match them to the names.
    const entryId: string = mine.rows[0].entryId;
    expect(entryId).toMatch(/^[0-9a-f]{32}$/);
    expect(page.body).not.toContain(passed.applicationId);
    expect(page.body).not.toContain(failed.applicationId);
    expect(page.body).not.toContain(failed.name);
    expect(page.body).not.toContain(passed.applicant.idNumber);
    expect(page.body).not.toContain(passed.applicant.phone);
    const elsewhere = await anonymous.get(`/api/public/results?prefectureId=${other.prefectureId}`);
    expect(elsewhere.body).not.toContain(w.committeeId);
    expect((await anonymous.get('/api/public/results?prefectureId=abc')).statusCode).toBe(400);

    // Objections: logged-in, real-name, during the period, on a publicised entry.
    const objector = await createUser(t.services, { role: 'applicant', orgId: org.otherUnitId, membership: 'confirmed' });
    const objectorClient = await login(objector);
    const url = `/api/results/${entryId}/objections`;
    expect((await anonymous.post(url, { content: '该同志业绩材料不实' })).statusCode).toBe(401);
    const empty = await objectorClient.post(url, { content: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toMatch(/至少 1 个字符/);
    expect((await objectorClient.post(`/api/results/${resultEntryId(t.services.cipher, failed.applicationId)}/objections`, { content: '不实' })).statusCode).toBe(404);
    expect((await objectorClient.post(`/api/results/${randomBytes(16).toString('hex')}/objections`, { content: '不实' })).statusCode).toBe(404);
    // The application id is no longer an entry id: refused by the format, before any lookup.
    const byApplicationId = await objectorClient.post(`/api/results/${passed.applicationId}/objections`, { content: '不实' });
    expect(byApplicationId.statusCode).toBe(400);
    expect(errorOf(byApplicationId).code).toBe('VALIDATION');
    const anonymousName = await createUser(t.services, { role: 'applicant', orgId: org.otherUnitId, membership: 'confirmed' });
    await t.services.db.update(users).set({ idNumberEnc: null, idNumberIndex: null }).where(eq(users.id, anonymousName.id));
    const notRealName = await (await login(anonymousName)).post(url, { content: '不实' });
    expect(notRealName.statusCode).toBe(403);
    expect(errorOf(notRealName).message).toContain('实名');
    const filed = await objectorClient.post(url, { content: '该同志代表作存在署名争议' });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = filed.json().id;

    // The office's cases: its own prefecture only.
    const cases = await office.get(`/api/office/cases?campaignId=${w.campaignId}`);
    expect(cases.statusCode).toBe(200);
    const listed = cases.json().find((c: { id: string }) => c.id === caseId);
    expect(listed).toMatchObject({ kind: 'objection', kindLabel: '公示异议', applicationId: passed.applicationId, name: passed.name, status: 'open', statusLabel: '待处理' });
    expect((await otherOffice.get(`/api/office/cases?campaignId=${w.campaignId}`)).statusCode).toBe(404);
    expect((await otherOffice.get('/api/office/cases')).body).not.toContain(caseId);
    expect((await expertClient.get('/api/office/cases')).statusCode).toBe(403);

    // Confirmation: not while the publicity runs.
    const running = await office.post(`/api/office/committees/${w.committeeId}/confirm`);
    expect(running.statusCode).toBe(409);
    expect(errorOf(running).code).toBe('PUBLICITY_RUNNING');
    // The period ends (moved into the past): the page is empty of it, objections are closed.
    await t.services.db.update(resultPublicities).set({ startsOn: plus(today(), -10), endsOn: plus(today(), -1) }).where(eq(resultPublicities.committeeId, w.committeeId));
    const after = await anonymous.get('/api/public/results');
    expect(after.body).not.toContain(w.committeeId);
    expect(after.body).not.toContain(passed.name);
    const late = await objectorClient.post(url, { content: '迟到的异议' });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('PUBLICITY_ENDED');
    // An objection still open blocks the confirmation.
    const blocked = await office.post(`/api/office/committees/${w.committeeId}/confirm`);
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).code).toBe('OPEN_OBJECTIONS');

    const decide = (client: TestClient, body: unknown) => client.post(`/api/office/cases/${caseId}/decision`, body);
    expect((await decide(otherOffice, { status: 'investigating', investigation: '核查中', outcome: null })).statusCode).toBe(404);
    expect((await decide(expertClient, { status: 'investigating', investigation: '核查中', outcome: null })).statusCode).toBe(403);
    expect((await decide(office, { status: 'closed', investigation: '核查中', outcome: null })).statusCode).toBe(400);
    expect((await decide(office, { status: 'investigating', investigation: '已调取原始发表记录', outcome: null })).statusCode).toBe(204);
    expect((await office.post(`/api/office/committees/${w.committeeId}/confirm`)).statusCode).toBe(409);
    const noOutcome = await decide(office, { status: 'dismissed', investigation: '经核查署名无误', outcome: null });
    expect(noOutcome.statusCode).toBe(400);
    expect(errorOf(noOutcome).message).toContain('处理结果');
    expect((await decide(office, { status: 'dismissed', investigation: '经核查署名无误', outcome: '异议不成立，维持评审结果' })).statusCode).toBe(204);
    expect((await decide(office, { status: 'upheld', investigation: '再议', outcome: '改判' })).statusCode).toBe(409);
    const told = await t.services.db.select().from(notifications).where(eq(notifications.userId, objector.id));
    expect(told.some((n) => n.body.includes('异议不成立'))).toBe(true);

    expect((await expertClient.post(`/api/office/committees/${w.committeeId}/confirm`)).statusCode).toBe(403);
    expect((await otherOffice.post(`/api/office/committees/${w.committeeId}/confirm`)).statusCode).toBe(404);
    const confirmed = await office.post(`/api/office/committees/${w.committeeId}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(204);
    expect((await committeeRow(t, w.committeeId)).status).toBe('confirmed');
  });
});

describe('A24-4: an upheld objection overturns the result', () => {
  it('the candidate who passed is no longer passed — result page, public page, office, statistics, document list — with a timeline entry and a notice; fraud is recorded (B21-10)', async () => {
    const w = await closedWorld();
    const [passed, failed] = w.candidates;
    await meetingOn(w.committeeId, plus(today(), -1));
    expect((await office.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(200);
    const objector = await login(await createUser(t.services, { role: 'applicant', orgId: org.otherUnitId, membership: 'confirmed' }));
    const entryId = resultEntryId(t.services.cipher, passed.applicationId);
    const filed = await objector.post(`/api/results/${entryId}/objections`, { content: '其代表作系抄袭他人作品' });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId: string = filed.json().id;
    const decide = (id: string, body: unknown) => office.post(`/api/office/cases/${id}/decision`, body);

    // 查实弄虚作假 only with an upheld objection: a dismissal or an upheld complaint with it is refused, nothing changes.
    const notUpheld = await decide(caseId, { status: 'dismissed', investigation: '核查', outcome: '不属实', fraud: true });
    expect(notUpheld.statusCode).toBe(400);
    expect(errorOf(notUpheld).message).toContain('弄虚作假');
    const owner = await login(failed.applicant);
    const complaint = await owner.post(`/api/me/applications/${failed.applicationId}/cases`, { kind: 'complaint', content: '评审过程不公' });
    expect(complaint.statusCode).toBe(201);
    expect((await decide(complaint.json().id, { status: 'upheld', investigation: '核查', outcome: '属实', fraud: true })).statusCode).toBe(400);
    expect((await decide(caseId, { status: 'upheld', investigation: '核查', outcome: '属实', fraud: 'yes' })).statusCode).toBe(400);
    const [kase] = await t.services.db.select().from(resultCases).where(eq(resultCases.id, caseId));
    expect(kase.status).toBe('open');
    expect((await candidateOf(t, passed.applicationId)).result).toBe('passed');

    const upheld = await decide(caseId, { status: 'upheld', investigation: '经比对原始发表记录，代表作与他人作品雷同', outcome: '异议属实，代表作系抄袭', fraud: true });
    expect(upheld.statusCode, upheld.body).toBe(204);

    // The stored result, in the same transaction as the decision.
    expect((await candidateOf(t, passed.applicationId)).result).toBe('overturned');
    expect((await candidateOf(t, failed.applicationId)).result).toBe('failed');
    const events = await t.services.db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, passed.applicationId), eq(applicationEvents.action, 'resultOverturned')));
    expect(events).toHaveLength(1);
    expect(events[0].actorRole).toBe('office_staff');
    const told = await t.services.db.select().from(notifications).where(eq(notifications.userId, passed.applicant.id));
    const notice = told.find((n) => n.title === '评审结果不予确认');
    expect(notice?.body).toContain('异议属实，代表作系抄袭');
    expect(notice?.body).toContain('3 年内不得申报职称（N40-FRAUD）');
    const findings = await t.services.db.select().from(fraudFindings).where(eq(fraudFindings.userId, passed.applicant.id));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ foundOn: today(), certificateId: null });
    expect(findings[0].description).toContain('代表作系抄袭');
    const [audit] = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'result_case.decide'), eq(auditLog.objectId, caseId), eq(auditLog.outcome, 'success')));
    expect(audit.detail).toMatchObject({ status: 'upheld', overturned: true, fraud: true });

    // The applicant's result page and timeline.
    const mine = await login(passed.applicant);
    const view = (await mine.get(`/api/me/applications/${passed.applicationId}/result`)).json();
    expect(view).toMatchObject({ result: 'overturned', resultLabel: '异议查实，评审结果不予确认' });
    const timeline = (await mine.get(`/api/me/applications/${passed.applicationId}`)).json().timeline as { action: string; label: string; reasons: string[] }[];
    expect(timeline.find((e) => e.action === 'resultOverturned')).toMatchObject({ label: '异议查实，评审结果不予确认', reasons: ['异议属实，代表作系抄袭'] });

    // Off the public page; no further objection to it.
    const page = (await new TestClient(t.app).get(`/api/public/results?prefectureId=${org.prefectureId}`)).json();
    expect(page.find((p: { committeeId: string }) => p.committeeId === w.committeeId)?.rows ?? []).toEqual([]);
    expect((await objector.post(`/api/results/${entryId}/objections`, { content: '再次反映' })).statusCode).toBe(404);

    // The office's committee view, the statistics, and who the document and certificates name.
    const detail = await office.get(`/api/office/committees/${w.committeeId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().candidates.find((c: { applicationId: string }) => c.applicationId === passed.applicationId)).toMatchObject({
      result: 'overturned',
      resultLabel: '公示异议查实，评审结果不予确认',
    });
    const stats = await office.get(`/api/office/campaigns/${w.campaignId}/statistics?by=level`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json().total).toMatchObject({ passed: 0, passRate: 0 });
    expect(await passedCandidates(t.services.db, w.committeeId)).toEqual([]);
  });

  it('an upheld objection without fraud overturns the result and records no finding', async () => {
    const w = await closedWorld();
    const [passed] = w.candidates;
    await meetingOn(w.committeeId, plus(today(), -1));
    expect((await office.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(200);
    const objector = await login(await createUser(t.services, { role: 'applicant', orgId: org.otherUnitId, membership: 'confirmed' }));
    const filed = await objector.post(`/api/results/${resultEntryId(t.services.cipher, passed.applicationId)}/objections`, { content: '任职年限计算有误' });
    expect(filed.statusCode, filed.body).toBe(201);
    const r = await office.post(`/api/office/cases/${filed.json().id}/decision`, { status: 'upheld', investigation: '核实任职时间', outcome: '任职年限不足，不符合申报条件' });
    expect(r.statusCode, r.body).toBe(204);
    expect((await candidateOf(t, passed.applicationId)).result).toBe('overturned');
    expect(await t.services.db.select().from(fraudFindings).where(eq(fraudFindings.userId, passed.applicant.id))).toEqual([]);
    const told = await t.services.db.select().from(notifications).where(eq(notifications.userId, passed.applicant.id));
    const notice = told.find((n) => n.title === '评审结果不予确认');
    expect(notice?.body).toContain('任职年限不足');
    expect(notice?.body).not.toContain('弄虚作假');
  });
});

describe("the applicant's result page and cases", () => {
  it('only the owner sees it; the result appears from the publicity on; review requests and complaints after results', async () => {
    const w = await closedWorld();
    const [passed, failed] = w.candidates;
    const owner = await login(failed.applicant);
    const stranger = await login(passed.applicant);
    const url = `/api/me/applications/${failed.applicationId}/result`;

    const before = await owner.get(url);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ stage: 'awaiting_publicity', result: null, publicity: null, certificate: null, cases: [] });
    const tooEarly = await owner.post(`/api/me/applications/${failed.applicationId}/cases`, { kind: 'review_request', content: '申请复查' });
    expect(tooEarly.statusCode).toBe(409);

    await meetingOn(w.committeeId, plus(today(), -1));
    expect((await office.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(200);
    const during = (await owner.get(url)).json();
    expect(during).toMatchObject({ stage: 'publicity', stageLabel: '评审结果公示中', result: 'failed', resultLabel: '未通过', publicity: { startsOn: today() } });

    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(url)).statusCode).toBe(401);
    expect((await office.get(url)).statusCode).toBe(403);

    const casesUrl = `/api/me/applications/${failed.applicationId}/cases`;
    expect((await owner.post(casesUrl, { kind: 'objection', content: '不服' })).statusCode).toBe(400);
    expect((await owner.post(casesUrl, { kind: 'review_request', content: '' })).statusCode).toBe(400);
    expect((await stranger.post(casesUrl, { kind: 'complaint', content: '投诉' })).statusCode).toBe(404);
    expect((await expertClient.post(casesUrl, { kind: 'complaint', content: '投诉' })).statusCode).toBe(403);
    const filed = await owner.post(casesUrl, { kind: 'review_request', content: '申请复查代表作评分' });
    expect(filed.statusCode, filed.body).toBe(201);
    const complaint = await owner.post(casesUrl, { kind: 'complaint', content: '评审专家与本人存在利害关系未回避' });
    expect(complaint.statusCode).toBe(201);
    const view = (await owner.get(url)).json();
    expect(view.cases.map((c: { kindLabel: string; statusLabel: string }) => [c.kindLabel, c.statusLabel])).toEqual([
      ['复查申请', '待处理'],
      ['投诉', '待处理'],
    ]);
    const officeCases = (await office.get(`/api/office/cases?campaignId=${w.campaignId}`)).json();
    expect(officeCases.filter((c: { applicationId: string }) => c.applicationId === failed.applicationId)).toHaveLength(2);
    const [row] = await t.services.db.select().from(resultCases).where(eq(resultCases.id, filed.json().id));
    expect(row.filedBy).toBe(failed.applicant.id);
  });

  it('an office command on another prefecture is 404, and the publicity command refuses before the ballot closes', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, office });
    const r = await refusal(publiciseResults(t.services, ctxOf(officeActor, 'office_staff'), officeActor, w.committeeId));
    expect([r.statusCode, r.code]).toEqual([409, 'WRONG_STAGE']);
    const otherWorld = await votingWorld(t, other, { members: 1, candidates: 0, office: otherOffice });
    expect((await refusal(publiciseResults(t.services, ctxOf(officeActor, 'office_staff'), officeActor, otherWorld.committeeId))).statusCode).toBe(404);
  });
});

describe('access to the results routes', () => {
  it('office routes: anonymous 401, expert and applicant 403, another prefecture 404; applicant routes: another person 404', async () => {
    const w = await closedWorld();
    const owner = await login(w.candidates[0].applicant);
    const stranger = await login(w.candidates[1].applicant);
    const anonymous = new TestClient(t.app);
    const officeRoutes: { method: string; url: string; body?: unknown }[] = [
      { method: 'POST', url: `/api/office/committees/${w.committeeId}/results-publicity` },
      { method: 'GET', url: `/api/office/cases?campaignId=${w.campaignId}` },
      { method: 'POST', url: `/api/office/committees/${w.committeeId}/confirm` },
      { method: 'GET', url: `/api/office/committees/${w.committeeId}/results-notice.pdf` },
    ];
    for (const r of officeRoutes) {
      const opts = { body: r.body ?? (r.method === 'GET' ? undefined : {}) };
      expect((await anonymous.request(r.method, r.url, opts)).statusCode, r.url).toBe(401);
      expect((await expertClient.request(r.method, r.url, opts)).statusCode, r.url).toBe(403);
      expect((await owner.request(r.method, r.url, opts)).statusCode, r.url).toBe(403);
      expect((await otherOffice.request(r.method, r.url, opts)).statusCode, r.url).toBe(404);
    }
    const decision = { status: 'investigating', investigation: '核查', outcome: null };
    expect((await anonymous.post(`/api/office/cases/${crypto.randomUUID()}/decision`, decision)).statusCode).toBe(401);
    expect((await expertClient.post(`/api/office/cases/${crypto.randomUUID()}/decision`, decision)).statusCode).toBe(403);
    expect((await office.post(`/api/office/cases/${crypto.randomUUID()}/decision`, decision)).statusCode).toBe(404);
    expect((await office.post('/api/office/cases/not-an-id/decision', decision)).statusCode).toBe(400);

    const mine = w.candidates[0].applicationId;
    expect((await owner.get(`/api/me/applications/${mine}/result`)).statusCode).toBe(200);
    expect((await stranger.get(`/api/me/applications/${mine}/result`)).statusCode).toBe(404);
    expect((await anonymous.get(`/api/me/applications/${mine}/result`)).statusCode).toBe(401);
    expect((await expertClient.get(`/api/me/applications/${mine}/result`)).statusCode).toBe(403);
    expect((await stranger.post(`/api/me/applications/${mine}/cases`, { kind: 'complaint', content: '投诉' })).statusCode).toBe(404);
    expect((await anonymous.post(`/api/me/applications/${mine}/cases`, { kind: 'complaint', content: '投诉' })).statusCode).toBe(401);
    expect((await anonymous.post(`/api/results/${mine}/objections`, { content: '异议' })).statusCode).toBe(401);
    const unknownField = await owner.post(`/api/me/applications/${mine}/cases`, { kind: 'complaint', content: '投诉', extra: 1 });
    expect(unknownField.statusCode).toBe(400);
    expect(errorOf(unknownField).message).toContain('不认识的字段');
    // The public page needs nobody.
    expect((await anonymous.get('/api/public/results')).statusCode).toBe(200);
  });
});
