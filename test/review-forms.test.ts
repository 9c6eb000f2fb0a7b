// The 评审表 over HTTP (issue 5, B21-6, B21-1): generated only once the committee office has
// accepted the application, one number and verification code per application kept across every
// download, scoped like the rest of the application (own application, own prefecture's office), a
// public verification that says nothing personal, and the office's record of the printed copies
// within the paper-materials window. Applications of a prefecture-level unit (no department) are
// declared and submitted through the API; the review chain after submission is short-cut by setting
// the row's status and the unit's recommendation directly.
import { and, count, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateIdNumber } from '../src/domain/id-number.js';
import { formatVerificationCode } from '../src/domain/review-form.js';
import { applicationEvents, applications, auditLog, reviewForms } from '../src/server/db/schema.js';
import { createOrgTree, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from './helpers/app.js';
import { formedCommittee } from './helpers/evaluation.js';
import { BAYINGOL_2021, insertCampaign, prefectureInfo } from './helpers/campaigns.js';
import {
  applicant,
  applicationRow,
  beijingDay,
  errorOf,
  plusDays,
  republishCampaign,
  submittedApplication,
  type Applicant,
} from './helpers/declaration.js';

const NAME = '阿依古丽·买买提';
const OPINION = '本单位已对提供的申报材料逐一审核，真实准确，同意推荐';
const NOT_AVAILABLE = '评委会办公室接收材料后方可生成评审表（B21-6）';
const UNKNOWN_CODE = '未找到该验证码对应的评审表，请核对后重新输入';

let t: TestContext;
let org: TestOrgTree;
let campaignId: string;
let paperCampaignId: string;
let office: TestClient;
let otherOffice: TestClient;
let unitReviewer: TestClient;
let anonymous: TestClient;
let stranger: Applicant;
let main: { who: Applicant; id: string };

/** A fresh applicant of the prefecture-level unit with a complete application submitted (unit_review). */
async function submitted(campaign: string, name?: string): Promise<{ who: Applicant; id: string }> {
  const who = await applicant(t, org.prefectureUnitId, name);
  const { view } = await submittedApplication(t, who, campaign, 'bz');
  expect(view.status).toBe('unit_review');
  return { who, id: view.id };
}

/** What the unit would have done after its publicity: recommended it, straight to the office. */
async function recommend(id: string): Promise<void> {
  await t.services.db
    .update(applications)
    .set({ status: 'office_review', recommendationOpinion: OPINION, recommendedAt: new Date(Date.now() - 2 * 86_400_000) })
    .where(eq(applications.id, id));
}

/** Recommended, then the office's 已接收材料. */
async function accept(id: string): Promise<void> {
  await recommend(id);
  await t.services.db.update(applications).set({ status: 'accepted', acceptedAt: new Date(Date.now() - 86_400_000) }).where(eq(applications.id, id));
}

async function formOf(id: string) {
  const [row] = await t.services.db.select().from(reviewForms).where(eq(reviewForms.applicationId, id));
  return row;
}

async function audits(id: string, action: string): Promise<number> {
  const [row] = await t.services.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.objectId, id), eq(auditLog.action, action), eq(auditLog.outcome, 'success')));
  return row.n;
}

/** Each page's text, whitespace removed. */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, ''));
  }
  await document.destroy();
  return pages;
}

const myForm = (client: TestClient, id: string) => client.get(`/api/me/applications/${id}/review-form.pdf`);
const officeForm = (client: TestClient, id: string, blind = false) => client.get(`/api/office/applications/${id}/review-form${blind ? '-blind' : ''}.pdf`);
const verify = (code: string) => anonymous.get(`/api/public/review-forms/${encodeURIComponent(code)}`);
const paperReceived = (client: TestClient, id: string) => client.post(`/api/office/applications/${id}/paper-received`);

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  const prefecture = await prefectureInfo(t.services, org.prefectureId);
  campaignId = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
  paperCampaignId = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
  const otherOrg = await createOrgTree(t.services);
  [office, otherOffice, unitReviewer] = await Promise.all([
    signIn(t, 'office_staff', org.prefectureId).then((s) => s.client),
    signIn(t, 'office_staff', otherOrg.prefectureId).then((s) => s.client),
    signIn(t, 'unit_reviewer', org.unitId).then((s) => s.client),
  ]);
  anonymous = new TestClient(t.app);
  stranger = await applicant(t, org.unitId);
  main = await submitted(campaignId, NAME);
});
afterAll(async () => {
  await t?.close();
});

describe('评审表 downloads (B21-6)', () => {
  it('B21-6: before the office has accepted the materials, nobody gets a form and no number is issued', async () => {
    const early = await myForm(main.who.client, main.id);
    expect(early.statusCode, early.body).toBe(409);
    expect(errorOf(early)).toEqual({ code: 'REVIEW_FORM_NOT_AVAILABLE', message: NOT_AVAILABLE });
    // The office does not even see an application that has not reached its desk.
    expect((await officeForm(office, main.id)).statusCode).toBe(404);
    await recommend(main.id);
    for (const r of [await myForm(main.who.client, main.id), await officeForm(office, main.id), await officeForm(office, main.id, true)]) {
      expect(r.statusCode, r.body).toBe(409);
      expect(errorOf(r)).toEqual({ code: 'REVIEW_FORM_NOT_AVAILABLE', message: NOT_AVAILABLE });
    }
    expect(await formOf(main.id)).toBeUndefined();
  });

  it('B21-6: once accepted, the applicant downloads an A4 PDF with the number and code on every page; they stay the same on every download', async () => {
    await accept(main.id);
    const first = await myForm(main.who.client, main.id);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toBe('private, no-store');
    const form = await formOf(main.id);
    expect(form.number).toMatch(/^P[A-Z]+\d{4}-\d{6}$/);
    expect(form.verificationCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(String(first.headers['content-disposition'])).toContain(`review-form-${form.number}.pdf`);
    const printed = formatVerificationCode(form.verificationCode);
    const pages = await pagesOf(first.rawBody);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`职评${form.number}·验证码${printed}`);
      expect(page).toContain(`/verify/${printed}`);
      expect(page).toContain(`第${i + 1}页共${pages.length}页`);
    });
    const text = pages.join('');
    expect(text).toContain('专业技术职务任职资格评审表');
    expect(text).toContain(NAME);
    expect(text).toContain(OPINION);
    expect(text).toContain('新疆大学新闻学本科');

    // Later downloads, the applicant's and the office's, reuse the number and code: the same file.
    const again = await myForm(main.who.client, main.id);
    expect(again.statusCode).toBe(200);
    expect(again.rawBody.equals(first.rawBody)).toBe(true);
    const byOffice = await officeForm(office, main.id);
    expect(byOffice.statusCode, byOffice.body).toBe(200);
    expect(byOffice.rawBody.equals(first.rawBody)).toBe(true);
    expect(await formOf(main.id)).toEqual(form);
    expect(await audits(main.id, 'review_form.generate')).toBe(1);
  });

  it('A24-7: the office’s blind version for the experts carries the same number and code but no name, unit, ID, phone, sex, birth or work-start date', async () => {
    const r = await officeForm(office, main.id, true);
    expect(r.statusCode, r.body).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain('review-form-blind-');
    const form = await formOf(main.id);
    const pages = await pagesOf(r.rawBody);
    for (const page of pages) expect(page).toContain(`职评${form.number}·验证码${formatVerificationCode(form.verificationCode)}`);
    const text = pages.join('');
    expect(text).toContain('盲评版');
    // Sex, birth date and the year work started, with the unit-level details, point to one person
    // in a small prefecture: the named form prints them, the blind one does not.
    const identity = validateIdNumber(main.who.user.idNumber);
    if (!identity.ok) throw new Error(identity.message);
    const [y, m, d] = identity.birthDate.split('-');
    const birthForms = [identity.birthDate, `${y}年${Number(m)}月${Number(d)}日`, `${y}年${m}月${d}日`];
    const sex = identity.sex === 'M' ? '男' : '女';
    const profile = ((await applicationRow(t.services, main.id)).archiveSnapshot as { kind: string; data: { workStartedOn: string } }[]).find((rec) => rec.kind === 'profile');
    expect(profile).toBeDefined();
    const [wy, wm, wd] = profile!.data.workStartedOn.split('-').map(Number);
    const workStarted = `${wy}年${wm}月${wd}日`;
    const named = (await pagesOf((await officeForm(office, main.id)).rawBody)).join('');
    expect(named).toContain(`性别${sex}`);
    expect(named).toContain(`出生日期${birthForms[1]}`);
    expect(named).toContain(`参加工作时间${workStarted}`);
    for (const secret of [NAME, '阿依古丽', '买买提', main.who.user.idNumber, main.who.user.phone, main.who.user.phone.slice(-4), ...birthForms, `性别${sex}`, workStarted]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).not.toMatch(/\d{6}\*{8}[\dX]{4}/);
    expect(text).not.toContain('测试日报社');
    expect(text).toContain('姓名■■■性别■■■');
    expect(text).toContain('出生日期■■■');
    expect(text).toContain('参加工作时间■■■');
  });

  it('another applicant, another prefecture’s office: 404; a unit reviewer: 403; nobody logged in: 401', async () => {
    const refused = [
      { r: await myForm(stranger.client, main.id), status: 404 },
      { r: await officeForm(otherOffice, main.id), status: 404 },
      { r: await officeForm(otherOffice, main.id, true), status: 404 },
      { r: await officeForm(unitReviewer, main.id), status: 403 },
      { r: await myForm(anonymous, main.id), status: 401 },
      { r: await officeForm(anonymous, main.id, true), status: 401 },
    ];
    for (const { r, status } of refused) {
      expect(r.statusCode, r.body).toBe(status);
      expect(r.headers['content-type']).toContain('application/json');
    }
    expect(errorOf(refused[0].r).code).toBe('NOT_FOUND');
  });

  it('first downloads at the same moment issue one number, and numbers follow each other within the prefecture and year', async () => {
    const next = await submitted(campaignId);
    await accept(next.id);
    const responses = await Promise.all(Array.from({ length: 5 }, () => myForm(next.who.client, next.id)));
    for (const r of responses) expect(r.statusCode, r.body).toBe(200);
    for (const r of responses) expect(r.rawBody.equals(responses[0].rawBody)).toBe(true);
    const [{ n }] = await t.services.db.select({ n: count() }).from(reviewForms).where(eq(reviewForms.applicationId, next.id));
    expect(n).toBe(1);
    expect(await audits(next.id, 'review_form.generate')).toBe(1);
    const [a, b] = [(await formOf(main.id)).number, (await formOf(next.id)).number];
    expect(b.slice(0, -6)).toBe(a.slice(0, -6));
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
  });
});

describe("the experts' blind 评审表 (a GET never issues the number)", () => {
  it('an expert’s download reads the number already issued and changes nothing; before any is issued the form says 未编号', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const [candidate] = c.candidates;
    const expertForm = () => c.experts[0].client.get(`/api/expert/committees/${c.committeeId}/packets/${candidate.applicationId}/review-form.pdf`);

    // Nobody has downloaded the form yet: the expert gets it without a number, and none is issued.
    const first = await expertForm();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    const unnumbered = (await pagesOf(first.rawBody)).join('');
    expect(unnumbered).toContain('盲评版');
    expect(unnumbered).toContain('编号：未编号');
    expect(unnumbered).not.toContain('验证码');
    expect(unnumbered).not.toContain(candidate.name);
    expect(await formOf(candidate.applicationId)).toBeUndefined();
    expect(await audits(candidate.applicationId, 'review_form.generate')).toBe(0);
    // The same request again: the same bytes, still nothing issued.
    const again = await expertForm();
    expect(again.statusCode).toBe(200);
    expect(again.rawBody.equals(first.rawBody)).toBe(true);
    expect(await formOf(candidate.applicationId)).toBeUndefined();

    // The office's download issues it; the expert's copy then carries that number and code, and issues nothing more.
    expect((await officeForm(office, candidate.applicationId)).statusCode).toBe(200);
    const form = await formOf(candidate.applicationId);
    expect(form.number).toMatch(/^[A-Z]+\d{4}-\d{6}$/);
    const numbered = await pagesOf((await expertForm()).rawBody);
    for (const page of numbered) expect(page).toContain(`职评${form.number}·验证码${formatVerificationCode(form.verificationCode)}`);
    expect(numbered.join('')).not.toContain('未编号');
    expect(await formOf(candidate.applicationId)).toEqual(form);
    expect(await audits(candidate.applicationId, 'review_form.generate')).toBe(1);
  });
});

describe('public verification of a printed form', () => {
  it('B21-6: a genuine code answers only that it is genuine, for which campaign, series and level', async () => {
    const form = await formOf(main.id);
    for (const typed of [formatVerificationCode(form.verificationCode), form.verificationCode.toLowerCase()]) {
      const r = await verify(typed);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(Object.keys(body).sort()).toEqual(['campaignTitle', 'generatedAt', 'genuine', 'level', 'number', 'seriesName']);
      expect(body).toMatchObject({ genuine: true, number: form.number, seriesName: '新闻', level: '中级', generatedAt: form.generatedAt.toISOString() });
      expect(body.campaignTitle).toContain('新闻系列');
      expect(r.body).not.toContain(NAME);
      expect(r.body).not.toContain('测试日报社');
    }
  });

  it('an unknown code: 404 in Chinese; a malformed one: 400', async () => {
    const form = await formOf(main.id);
    // Same format, one character changed: well-formed, unknown.
    const unknown = form.verificationCode.slice(0, 7) + (form.verificationCode[7] === 'Z' ? 'Y' : 'Z');
    const r = await verify(unknown);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'NOT_FOUND', message: UNKNOWN_CODE } });
    for (const junk of ['ABC', '0000-0000', 'IO1L-2345', '7KQ2--M9XF', 'x'.repeat(30), "1' or '1'='1", '7KQ2 M9XF']) {
      const bad = await verify(junk);
      expect(bad.statusCode, `${junk}: ${bad.body}`).toBe(400);
      expect(errorOf(bad).code).toBe('VALIDATION');
    }
  });
});

describe('paper-materials receipt (B21-1, B21-6)', () => {
  let paper: { who: Applicant; id: string };
  let windowless: { who: Applicant; id: string };

  /** The campaign's windows rearranged around today (Beijing): the declaration closed before the paper window. */
  async function paperWindow(opens: number, closes: number | null): Promise<void> {
    const today = beijingDay(Date.now());
    await republishCampaign(t.services, paperCampaignId, (config) => {
      config.windows.declaration.closesAt = `${plusDays(today, Math.min(opens, 0) - 1)}T23:59:59+08:00`;
      if (closes === null) delete config.windows.paperMaterials;
      else config.windows.paperMaterials = { ...config.windows.paperMaterials, opensAt: `${plusDays(today, opens)}T00:00:00+08:00`, closesAt: `${plusDays(today, closes)}T23:59:59+08:00` };
    });
  }

  beforeAll(async () => {
    paper = await submitted(paperCampaignId);
    windowless = await submitted(paperCampaignId);
  });

  it('only for an application the office has accepted', async () => {
    await recommend(paper.id);
    const r = await paperReceived(office, paper.id);
    expect(r.statusCode, r.body).toBe(409);
    expect(errorOf(r).code).toBe('NOT_ACCEPTED');
    await accept(paper.id);
    await accept(windowless.id);
  });

  it('B21-1: refused before and after the paper-materials window, with the window shown', async () => {
    // The practice campaign's paper window lies weeks ahead, as the notice's did (10-11 to 10-15).
    const early = await paperReceived(office, paper.id);
    expect(early.statusCode, early.body).toBe(409);
    expect(errorOf(early).code).toBe('OUTSIDE_WINDOW');
    expect(errorOf(early).message).toMatch(/^纸质材料报送时间为 \d{4}年\d{1,2}月\d{1,2}日 至 \d{4}年\d{1,2}月\d{1,2}日（北京时间），当前不在纸质材料报送时间内（尚未开始，B21-1）$/);

    await paperWindow(-3, -1);
    const late = await paperReceived(office, paper.id);
    expect(late.statusCode, late.body).toBe(409);
    expect(errorOf(late).message).toContain('已截止，逾期不予受理');
    expect((await applicationRow(t.services, paper.id)).paperReceivedAt).toBeNull();
  });

  it('records the receipt within the window, once: the timeline, the applicant and the audit trail know; a second time is 409', async () => {
    await paperWindow(0, 3);
    expect((await paperReceived(otherOffice, paper.id)).statusCode).toBe(404);
    expect((await paperReceived(unitReviewer, paper.id)).statusCode).toBe(403);

    const r = await paperReceived(office, paper.id);
    expect(r.statusCode, r.body).toBe(200);
    const row = await applicationRow(t.services, paper.id);
    expect(row.paperReceivedAt?.toISOString()).toBe(r.json().paperReceivedAt);
    expect(row.paperReceivedBy).not.toBeNull();
    expect(row.status).toBe('accepted');
    const events = await t.services.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, paper.id), eq(applicationEvents.action, 'paperReceived')));
    expect(events).toHaveLength(1);
    expect(events[0].actorRole).toBe('office_staff');
    const notifications = (await paper.who.client.get('/api/me/notifications')).json() as { title: string }[];
    expect(notifications.map((n) => n.title)).toContain('评委会办公室已收到纸质评审表');
    expect(await audits(paper.id, 'application.paper_received')).toBe(1);

    const twice = await paperReceived(office, paper.id);
    expect(twice.statusCode, twice.body).toBe(409);
    expect(errorOf(twice).code).toBe('PAPER_ALREADY_RECEIVED');
    expect(errorOf(twice).message).toMatch(/^已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 登记收到纸质评审表，不能重复登记$/);
    expect((await applicationRow(t.services, paper.id)).paperReceivedAt?.toISOString()).toBe(r.json().paperReceivedAt);
    expect(await audits(paper.id, 'application.paper_received')).toBe(1);
  });

  it('a campaign whose notice sets no paper-materials window takes the receipt at any time', async () => {
    await paperWindow(-3, null);
    const r = await paperReceived(office, windowless.id);
    expect(r.statusCode, r.body).toBe(200);
  });
});
