// Journey 5 (issue "evaluation"): the committee's part of the year for the Aksu 2024 campaign, from
// the draw to a certificate anyone can verify. "The Aksu 2024 campaign" is its practice copy in the
// demo, practice-aks-<year> (src/server/seed/practice-campaigns.ts): the notice's rules unchanged —
// a 副高 committee of at least 25 (N40-COMMITTEE), blind review (A24-7), the 副高 defence (A24-14),
// the pass-rate cap set by the committee (A24-17), the results publicity from the day after the
// meeting for 5 working days (A24-4) — with only its dates moved into the current year. The demo
// has its 副高 news applications accepted and paid (demo-applications.ts); the journey's candidate
// is one of them, 田玉兰 of 阿克苏市融媒体中心 (demo-applicant-aks-19).
//
// At a desk the office draws the 副高 news committee of 25 from the Aksu pool (meeting today), sets
// the chair and the pass rate (50 %) and enrols the candidates. On a 375 px phone one expert
// declares no conflicts, opens the candidate's blind packet (no name, unit, ID number or phone on
// the page) and scores it; the other members declare and score through the API (a browser context
// each, logged in as that demo account). The office closes scoring and schedules a defence session
// (now, a panel of five including the phone expert) for the candidates who must defend; the phone
// expert scores the candidate's defence, the rest of the panel through the API. The office records
// 22 of 25 present (quorum 17), opens the meeting; the phone expert votes, then sees only 已投票;
// the other present members vote through the API (a plan: all agree for the journey's candidate,
// one candidate more than the cap passes the 2/3 vote so the cap decides, the others fail); the
// office closes the ballot and reads the results.
// The clock (see moveMeetingDay / letThePublicityRun): the publicity starts the day after the
// meeting, so the meeting is moved to yesterday in the database before publishing; the public page
// /portal/aks/results shows the candidate with the minimum fields only; then the publicity is moved
// into the past (and the meeting to the day before it), the office confirms, generates the
// qualification document, marks it filed and issues the certificates. On the phone the applicant
// sees the result and the certificate, downloads the PDF (pdftotext: name, 主任记者, number) and the
// public verify page says 真实有效. Screenshots for docs/guide (24–32) are written when every step passed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingDate } from '../../src/domain/calendar/calendar.js';
import { addDays } from '../../src/domain/campaign/dates.js';
import { agreeNeeded, passCap } from '../../src/domain/evaluation/vote.js';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { connectDatabase } from '../../src/server/db/client.js';
import { loadPublishedCampaign } from '../../src/server/queries/campaigns.js';
import { loadCalendar } from '../../src/server/rules/calendar.js';
import { DEMO_PEOPLE, demoPhone, idPrefix17 } from '../../src/server/seed/demo-people.js';
import { call, DEMO_PASSWORD, DESKTOP, downloadFrom, launchBrowser, logIn, logOut, MOBILE, newContext, ok, pickOption, poll, poppler, PRACTICE_YEAR, saveFailureScreenshots, Screenshots } from './browser.js';


const CAMPAIGN_ID = `practice-aks-${PRACTICE_YEAR}`;
const CANDIDATE = DEMO_PEOPLE.aks.find((p) => p.name === '田玉兰')!;
const CANDIDATE_ID_NUMBER = makeIdNumber(idPrefix17(CANDIDATE, 'aks'));
const CANDIDATE_PHONE = demoPhone(CANDIDATE, 'aks');
/** The title a 副高 reporter obtains (the campaign's title names): printed on the certificate. */
const TITLE = '主任记者';
const PASS_RATE = 50;
const SIZE = 25;
const ABSENT = 3;
/** The expert on the phone: an external member (no unit in the tree, so recused from nobody), the first of these that the draw picked. */
const PHONE_EXPERTS = ['阿克苏专家20', '阿克苏专家21', '阿克苏专家22', '阿克苏专家23', '阿克苏专家24', '阿克苏专家25', '阿克苏专家19', '阿克苏专家18'];
const CHAIR = '阿克苏评委会主任';
const MEETING_PLACE = '阿克苏地区融媒体中心五楼会议室';
const DEFENCE_PLACE = '阿克苏地区融媒体中心三楼会议室';
const DOCUMENT_NUMBER = `阿地职改〔${PRACTICE_YEAR}〕8号`;
const PHONE_SCORES: Record<string, number> = { achievements: 32, works: 27, competence: 22.5, ethics: 9.5 };
const PHONE_DEFENCE: Record<string, number> = { achievements: 31, works: 26.5, competence: 23, ethics: 9 };

interface Member {
  expertId: string;
  name: string;
  isChair: boolean;
  present: boolean | null;
}
interface Candidate {
  applicationId: string;
  code: string;
  name: string;
  unitName: string;
  defenceRequired: boolean;
  result: string | null;
  resultLabel: string | null;
}
interface Committee {
  id: string;
  name: string;
  status: string;
  quorumNeeded: number;
  members: Member[];
  candidates: Candidate[];
  conflicts: { expertId: string; applicationId: string }[];
}
interface ScoringItem {
  id: string;
  name: string;
  maxPoints: number;
}

/** The demo account of a pool entry: 阿克苏专家07 → demo-expert-aks-07, the chair → demo-chair-aks. */
function usernameOf(name: string): string {
  if (name === CHAIR) return 'demo-chair-aks';
  const n = /^阿克苏专家(\d{2})$/.exec(name)?.[1];
  if (!n) throw new Error(`no demo account for the expert ${name}`);
  return `demo-expert-aks-${n}`;
}

/** A score sheet: each item a share of its maximum, in half points. */
function sheet(items: ScoringItem[], share: number, salt: number): Record<string, number> {
  const values: Record<string, number> = {};
  items.forEach((item, i) => {
    const wobble = (((salt * 7 + i * 3) % 9) - 4) / 100; // ±4 %
    const raw = Math.min(1, Math.max(0, share + wobble)) * item.maxPoints;
    values[item.id] = Math.round(raw * 2) / 2;
  });
  return values;
}

/** Beijing today, and a Beijing wall-clock time 'YYYY-MM-DD HH:mm:00' no later than now. */
const beijingNow = () => new Date(Date.now() + 8 * 3_600_000).toISOString();
const beijingMinute = () => `${beijingNow().slice(0, 10)} ${beijingNow().slice(11, 16)}:00`;

// --- the clock ----------------------------------------------------------------------------------

/**
 * The journey's clock, not a shortcut in the product: the results publicity starts the day after
 * the meeting (A24-4) and runs 5 working days, which cannot pass inside a test. This moves the
 * committee's meeting day — the Beijing date of its scoring close, meeting opening, ballot close
 * and defence session, keeping the time of day — to `day` in the database. Nothing else is
 * touched: the server still computes the publicity from ballot_closed_at and the certificates'
 * 资格取得时间 from it.
 */
async function moveMeetingDay(databaseUrl: string, committeeId: string, day: string): Promise<void> {
  const database = connectDatabase(databaseUrl, { max: 1, appRole: false });
  try {
    const shift = (column: string) => `${column} = ${column} + ($2::date - (${column} at time zone 'Asia/Shanghai')::date) * interval '1 day'`;
    const moved = await database.pool.query(
      `update committees set ${shift('scoring_closed_at')}, ${shift('meeting_opened_at')}, ${shift('ballot_closed_at')} where id = $1 and ballot_closed_at is not null`,
      [committeeId, day],
    );
    expect(moved.rowCount).toBe(1);
    await database.pool.query(`update defence_sessions set ${shift('starts_at')} where committee_id = $1`, [committeeId, day]);
  } finally {
    await database.close();
  }
}

/**
 * The publicity's 5 working days pass (the clock again): the period is moved to the latest one
 * that the server itself would have computed (a start the day after a meeting, its end by the
 * campaign's calendar, publicityEndDate) and that ended before today; the meeting moves to the day
 * before its start, so the public record stays in the order A24-4 prescribes.
 */
async function letThePublicityRun(databaseUrl: string, committeeId: string): Promise<{ startsOn: string; endsOn: string; meetingDay: string }> {
  const database = connectDatabase(databaseUrl, { max: 1, appRole: false });
  let result: { startsOn: string; endsOn: string; meetingDay: string };
  try {
    const { campaign } = await loadPublishedCampaign(database.db, CAMPAIGN_ID);
    const workingDays = campaign.resultsPublicity?.workingDays ?? 5;
    const calendar = await loadCalendar(database.db, campaign.prefecture.calendarRegion);
    const today = beijingDate(new Date());
    let startsOn = '';
    for (let back = 1; ; back++) {
      startsOn = addDays(today, -back);
      if (calendar.publicityEndDate(startsOn, workingDays) < today) break;
      if (back > 60) throw new Error(`no ${workingDays}-working-day publicity ending before ${today} in the last 60 days`);
    }
    const endsOn = calendar.publicityEndDate(startsOn, workingDays);
    const moved = await database.pool.query('update result_publicities set starts_on = $2, ends_on = $3 where committee_id = $1 and working_days = $4', [
      committeeId,
      startsOn,
      endsOn,
      workingDays,
    ]);
    expect(moved.rowCount).toBe(1);
    result = { startsOn, endsOn, meetingDay: addDays(startsOn, -1) };
  } finally {
    await database.close();
  }
  await moveMeetingDay(databaseUrl, committeeId, result.meetingDay);
  return result;
}

// --- small page helpers ---------------------------------------------------------------------------

/** The guide's pictures show the page, not a passing toast. */
async function noToasts(page: Page) {
  await poll(() => page.locator('.ant-message-notice').count()).toBe(0);
}

/** No horizontal scrolling on the phone. */
async function fitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/**
 * The antd dialog titled `title`. Not getByRole('dialog', { name }): the e2e web build is made
 * under vitest's NODE_ENV=test, in which rc-component's useId gives every id "test-id", so a
 * dialog's aria-labelledby may name another element of the page.
 */
const modal = (page: Page, title: string | RegExp) => page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title').filter({ hasText: title }) });

/** The OK button of the confirmation dialog a committee action asks first (committeeKit's confirmRun). */
async function confirmOk(page: Page) {
  const button = page.getByTestId('confirm-ok');
  // On a loaded machine a click can land while the dialog is still zooming in and miss. The dialog
  // closes on the first click that lands (its onOk returns at once), so a dialog still open seconds
  // later was never confirmed and is clicked again.
  for (let attempt = 1; ; attempt++) {
    await button.click();
    try {
      await expect.poll(() => button.count(), { timeout: 5_000, interval: 100 }).toBe(0);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Types a value into an antd date(-time) picker and confirms it. */
async function typeDate(scope: Page | Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await poll(() => input.inputValue()).toBe(value);
}

/** Like pickOption, for a Select without search whose list is longer than its virtual window: the arrow keys walk to the option. */
async function pickFromLongList(page: Page, label: string, option: string) {
  const combobox = page.getByLabel(label, { exact: true });
  await combobox.click();
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  for (let i = 0; i < 60 && (await active.getAttribute('title')) !== option; i++) await combobox.press('ArrowDown');
  expect(await active.getAttribute('title')).toBe(option);
  await combobox.press('Enter');
  await poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The committee tab `key` of the office's committee page. */
async function officeTab(page: Page, key: string) {
  await page.getByTestId(`tab-${key}`).click();
  await page.waitForURL(new RegExp(`[?&]tab=${key}`));
}

/** An antd input (InputNumber, Checkbox) by its test id, which antd puts on the input or on its wrapper. */
const inputOf = (scope: Page | Locator, testId: string) => scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

async function fillSheet(scope: Page | Locator, name: string, values: Record<string, number>, comment: string) {
  for (const [id, value] of Object.entries(values)) await inputOf(scope, `${name}-item-${id}`).fill(String(value));
  await scope.getByTestId(`${name}-comment`).fill(comment);
}

describe('journey: evaluation — committee drawn, blind scoring, defence, secret ballot, results publicity, certificate verified', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const databaseUrl = inject('databaseUrl');
  const shots = new Screenshots();

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the 副高 committee, scores blind on a phone, holds the defence and the vote, publicises, confirms and issues a certificate the public page verifies', async () => {
    try {
      await journey();
    } catch (error) {
      await saveFailureScreenshots(browser, 'evaluation');
      throw error;
    }
  });

  async function journey() {
    const started = Date.now();
    const lap = (what: string) => console.log(`[e2e] evaluation: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const desk = await newContext(browser, baseUrl, DESKTOP);
    const office = await desk.newPage();
    await logIn(office, 'demo-office-aks');

    // --- 1. the office draws the 副高 news committee of 25, meeting today ----------------------------
    await office.goto(`/app/office/evaluation?campaign=${encodeURIComponent(CAMPAIGN_ID)}`);
    await poll(() => office.getByTestId('draw-open').isEnabled()).toBe(true);
    await office.getByTestId('draw-open').click();
    const draw = modal(office, '抽取组建评审委员会');
    await pickOption(office, '评审系列', '新闻');
    await pickOption(office, '评审级别', '副高');
    await inputOf(draw, 'draw-size').fill(String(SIZE));
    await poll(() => draw.getByLabel('评审会日期', { exact: true }).inputValue()).toBe(beijingNow().slice(0, 10));
    await draw.getByTestId('draw-submit').click();
    const drawn = modal(office, /^已组建：/);
    await poll(() => drawn.isVisible()).toBe(true);
    expect(await drawn.textContent()).toContain(`抽取 ${SIZE} 名委员`);
    await drawn.getByRole('button', { name: '知道了' }).click();
    const committees = await ok<{ id: string; seriesId: string; level: string }[]>(call(desk, 'GET', `/api/office/campaigns/${CAMPAIGN_ID}/committees`));
    const committeeId = committees.find((c) => c.seriesId === 'news' && c.level === '副高')!.id;
    const detail = () => ok<Committee>(call(desk, 'GET', `/api/office/committees/${committeeId}`));
    await office.getByTestId(`committee-${committeeId}`).click();
    await office.waitForURL(new RegExp(`/app/office/evaluation/committees/${committeeId}`));
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('专家评审中');

    let committee = await detail();
    expect(committee.members).toHaveLength(SIZE);
    expect(committee.quorumNeeded).toBe(17);
    const phoneExpert = committee.members.find((m) => m.name === PHONE_EXPERTS.find((n) => committee.members.some((x) => x.name === n)))!;
    expect(phoneExpert, 'an external expert on the committee for the phone').toBeDefined();
    const chair = committee.members.find((m) => m.name === CHAIR) ?? committee.members.find((m) => m.expertId !== phoneExpert.expertId)!;

    // The chair (成员与回避).
    await pickFromLongList(office, '主任委员', chair.name);
    await office.getByRole('button', { name: '设为主任委员' }).click();
    await poll(() => office.getByTestId('members-table').getByRole('row').filter({ hasText: chair.name }).textContent()).toContain('主任委员');

    // The meeting place.
    await office.getByLabel('评审会地点', { exact: true }).fill(MEETING_PLACE);
    await office.getByRole('button', { name: '保存地点' }).click();
    await poll(() => office.locator('.ant-descriptions').textContent()).toContain(MEETING_PLACE);

    // The pass rate of the capped 副高 level (A24-17), set by the committee (评审会议 tab).
    await officeTab(office, 'meeting');
    await office.getByLabel('通过率', { exact: true }).fill(String(PASS_RATE));
    await office.getByTestId('pass-rate-save').click();
    await poll(() => office.getByText(`限额 ${PASS_RATE}%`).isVisible()).toBe(true);

    // The candidates: every accepted, paid 副高 news application, under anonymous codes.
    await officeTab(office, 'candidates');
    await office.getByTestId('enrol').click();
    await poll(() => office.getByText(/^已纳入 \d+ 名评审对象$/).isVisible()).toBe(true);
    committee = await detail();
    const candidates = [...committee.candidates].sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(candidates.length).toBeGreaterThanOrEqual(5);
    const mine = candidates.find((c) => c.name === CANDIDATE.name)!;
    expect(mine, `${CANDIDATE.name} enrolled`).toBeDefined();
    expect(mine.unitName).toBe(CANDIDATE.unit);
    expect(mine.code).toMatch(new RegExp(`^AKS-${PRACTICE_YEAR}-FG-\\d+$`));
    // A24-14: 副高 candidates defend.
    expect(mine.defenceRequired).toBe(true);
    const table = office.getByTestId('candidates-table');
    await poll(() => table.getByRole('row').filter({ hasText: mine.code }).textContent()).toContain(CANDIDATE.name);
    await poll(() => office.locator('.ant-descriptions').textContent()).toContain(chair.name);
    await noToasts(office);
    await shots.take(office, 'docs/guide/images/24-committee.png');
    lap('committee drawn and enrolled');

    // --- 2. the phone expert declares, reads the blind packet and scores it ------------------------------
    const phone = await newContext(browser, baseUrl, MOBILE);
    const expert = await phone.newPage();
    await logIn(expert, usernameOf(phoneExpert.name));
    await expert.goto('/app/expert');
    await expert.getByTestId(`open-committee-${committeeId}`).click();
    await expert.waitForURL(new RegExp(`/app/expert/committees/${committeeId}`));
    await expert.getByTestId('declare-none').click();
    await expert.getByRole('button', { name: /确认声明/ }).click();
    const packets = expert.getByTestId('packets-table');
    await poll(() => packets.getByTestId(`packet-${mine.code}`).isVisible()).toBe(true);
    await packets.getByTestId(`packet-${mine.code}`).click();
    await expert.waitForURL(new RegExp(`/packets/${mine.applicationId}$`));
    await poll(() => expert.getByRole('heading', { name: `评审对象 ${mine.code}` }).isVisible()).toBe(true);
    await poll(() => expert.getByTestId('score-card').isVisible()).toBe(true);
    // Blind review (A24-7): nothing on the page names or identifies the candidate.
    const packetText = (await expert.locator('body').textContent())!;
    for (const identity of [CANDIDATE.name, CANDIDATE.unit, CANDIDATE_ID_NUMBER, CANDIDATE_PHONE]) expect(packetText, `the blind packet shows "${identity}"`).not.toContain(identity);
    expect(packetText).toContain('副高');
    await fillSheet(expert, 'score', PHONE_SCORES, '代表作品选题扎根基层，采写扎实，社会反响较好；业绩突出，建议通过。');
    const phoneTotal = Object.values(PHONE_SCORES).reduce((a, b) => a + b, 0);
    await poll(() => expert.getByTestId('score-total').textContent()).toContain(phoneTotal.toFixed(1));
    await expert.getByTestId('score-save').click();
    await poll(() => expert.getByTestId('score-saved').textContent()).toBe(`已保存 ${phoneTotal.toFixed(1)} 分`);
    await fitsWidth(expert);
    await noToasts(expert);
    await expert.getByTestId('score-card').scrollIntoViewIfNeeded();
    await shots.take(expert, 'docs/guide/images/25-expert-packet.png');
    lap('packet scored on the phone');

    // The packet the server sends names nobody either (the phone expert's own session).
    const packet = await ok<{ scoringForm: { items: ScoringItem[] } }>(call(phone, 'GET', `/api/expert/committees/${committeeId}/packets/${mine.applicationId}`));
    const packetJson = JSON.stringify(packet);
    for (const identity of [CANDIDATE.name, CANDIDATE.unit, CANDIDATE_ID_NUMBER, CANDIDATE_PHONE]) expect(packetJson).not.toContain(identity);
    const items = packet.scoringForm.items;
    expect(items.map((i) => i.id).sort()).toEqual(Object.keys(PHONE_SCORES).sort());

    // The other members: a logged-in browser context each, declaring and scoring through the API.
    const sessions = new Map<string, BrowserContext>([[phoneExpert.expertId, phone]]);
    const others = committee.members.filter((m) => m.expertId !== phoneExpert.expertId);
    for (const m of others) {
      const context = await browser.newContext({ baseURL: baseUrl });
      await ok(call(context, 'POST', '/api/auth/login', { data: { identifier: usernameOf(m.name), password: DEMO_PASSWORD } }));
      sessions.set(m.expertId, context);
    }
    lap('members logged in');
    const share = (c: Candidate) => (c === mine ? 0.88 : 0.62 + (candidates.indexOf(c) % 5) * 0.05);
    const scoreAll = async (m: Member, index: number) => {
      const context = sessions.get(m.expertId)!;
      if (m.expertId !== phoneExpert.expertId) await ok(call(context, 'POST', `/api/expert/committees/${committeeId}/conflicts`, { data: { persons: [] } }));
      const assigned = await ok<{ applicationId: string; myScore: unknown }[]>(call(context, 'GET', `/api/expert/committees/${committeeId}/packets`));
      for (const p of assigned) {
        if (p.myScore) continue;
        const c = candidates.find((x) => x.applicationId === p.applicationId)!;
        await ok(call(context, 'PUT', `/api/expert/committees/${committeeId}/packets/${p.applicationId}/score`, { data: { items: sheet(items, share(c), index + candidates.indexOf(c)), comment: '' } }));
      }
    };
    await Promise.all(committee.members.map((m, i) => scoreAll(m, i)));
    lap('blind review scored');

    // --- 3. the office closes scoring and schedules the defence ------------------------------------------
    await officeTab(office, 'progress');
    await poll(() => office.getByTestId('close-scoring').isEnabled()).toBe(true);
    await office.getByTestId('close-scoring').click();
    await confirmOk(office);
    await poll(() => office.getByTestId('scoring-closed').isVisible()).toBe(true);
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('评分已截止');

    committee = await detail();
    const recused = (expertId: string, applicationId: string) => committee.conflicts.some((x) => x.expertId === expertId && x.applicationId === applicationId);
    const defending = candidates.filter((c) => c.defenceRequired);
    expect(defending).toContainEqual(expect.objectContaining({ applicationId: mine.applicationId }));
    // The panel: the phone expert and four members recused from nobody who defends.
    const panel = [
      phoneExpert,
      ...others.filter((m) => !defending.some((c) => recused(m.expertId, c.applicationId))).slice(0, 4),
    ];
    expect(panel).toHaveLength(5);
    await officeTab(office, 'defence');
    await office.getByTestId('defence-add').click();
    const session = modal(office, '新建答辩场次');
    const startsAt = beijingMinute();
    await typeDate(session, '答辩时间（北京时间）', startsAt);
    await session.getByLabel('答辩地点', { exact: true }).fill(DEFENCE_PLACE);
    const panelSelect = session.getByLabel('答辩评委', { exact: true });
    for (const m of panel) {
      await panelSelect.click();
      await panelSelect.fill(m.name);
      await office.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${m.name}$`) }).click();
    }
    await panelSelect.press('Escape');
    // Every candidate who must defend is offered, already chosen.
    for (const c of defending) await poll(() => session.locator('.ant-select-selection-item').filter({ hasText: c.code }).count()).toBe(1);
    await session.getByRole('button', { name: '保存并通知' }).click();
    await poll(() => session.isVisible()).toBe(false);
    const sessionRow = office.getByTestId('defence-sessions').getByRole('row').filter({ hasText: DEFENCE_PLACE });
    await poll(() => sessionRow.textContent()).toContain(mine.code);
    expect(await sessionRow.textContent()).toContain(startsAt.slice(0, 16));

    // The phone expert scores the candidate's defence.
    await expert.goto(`/app/expert/committees/${committeeId}?tab=defence`);
    const defenceName = `defence-${mine.code}`;
    await expert.locator('.ant-collapse-header').filter({ hasText: mine.code }).click();
    await fillSheet(expert, defenceName, PHONE_DEFENCE, '答辩思路清晰，回答问题准确。');
    await expert.getByTestId(`${defenceName}-save`).click();
    const defenceTotal = Object.values(PHONE_DEFENCE).reduce((a, b) => a + b, 0);
    await poll(() => expert.getByTestId(`${defenceName}-saved`).textContent()).toBe(`已保存 ${defenceTotal.toFixed(1)} 分`);
    // The rest of the panel, and the phone expert's other candidates, through the API.
    await Promise.all(
      panel.map(async (m, i) => {
        for (const c of defending) {
          if (m.expertId === phoneExpert.expertId && c === mine) continue;
          await ok(call(sessions.get(m.expertId)!, 'PUT', `/api/expert/committees/${committeeId}/defence/${c.applicationId}/score`, { data: { items: sheet(items, share(c), i + 3), comment: '' } }));
        }
      }),
    );
    lap('defence scored');

    // --- 4. attendance, the meeting and the secret ballot -----------------------------------------------
    await officeTab(office, 'meeting');
    await office.getByTestId('attendance-all').click();
    const absent = others.filter((m) => m.expertId !== chair.expertId).slice(-ABSENT);
    for (const m of absent) await inputOf(office, `attendance-${m.expertId}`).uncheck();
    const present = committee.members.filter((m) => !absent.some((a) => a.expertId === m.expertId));
    await poll(() => office.getByTestId('quorum-text').textContent()).toBe(`出席 ${present.length} / ${SIZE}，需 ≥ 17`);
    await office.getByTestId('attendance-save').click();
    await poll(() => office.getByTestId('attendance-saved').textContent()).toBe(`出席 ${present.length} / ${SIZE}，需 ≥ 17，可以开始评审会议`);
    await office.getByTestId('open-meeting').click();
    await confirmOk(office);
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('评审会议进行中');

    // The plan of the vote (each member's choices are their own; the test only makes them add up):
    // all agree for the journey's candidate; the first `cap` others pass the 2/3 vote with fewer
    // agree votes each, so one more than the cap passes the vote and the cap (A24-17) decides;
    // the rest fail the vote.
    const cap = passCap(candidates.length, PASS_RATE);
    const voters = (c: Candidate) => present.filter((m) => !recused(m.expertId, c.applicationId));
    const minesAgree = voters(mine).length;
    const choices = new Map<string, { applicationId: string; choice: 'agree' | 'disagree' | 'abstain' }[]>();
    candidates
      .filter((c) => c !== mine)
      .forEach((c, k) => {
        const list = voters(c);
        const need = agreeNeeded(list.length);
        const target = k < cap ? Math.min(need + (cap - 1 - k), list.length - 1, minesAgree - 1) : Math.max(0, need - 2 - (k - cap));
        // Rotated, so different members are the ones who do not agree.
        const order = list.map((_, i) => list[(i + k * 3) % list.length]);
        order.forEach((m, i) => {
          const choice = i < target ? 'agree' : i === order.length - 1 ? 'abstain' : 'disagree';
          (choices.get(m.expertId) ?? choices.set(m.expertId, []).get(m.expertId)!).push({ applicationId: c.applicationId, choice });
        });
      });
    for (const m of voters(mine)) (choices.get(m.expertId) ?? choices.set(m.expertId, []).get(m.expertId)!).push({ applicationId: mine.applicationId, choice: 'agree' });

    // The phone expert votes on the phone.
    await expert.goto(`/app/expert/committees/${committeeId}?tab=ballot`);
    await poll(() => expert.getByTestId('ballot-phase').textContent()).toContain('投票为无记名投票');
    const labels = { agree: '同意', disagree: '不同意', abstain: '弃权' } as const;
    for (const v of choices.get(phoneExpert.expertId)!) {
      const c = candidates.find((x) => x.applicationId === v.applicationId)!;
      // antd's radio buttons hide the input: a person taps the button (its label).
      const button = expert.getByTestId(`ballot-${c.code}`).locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${labels[v.choice]}$`) });
      await button.click();
      await poll(() => button.getAttribute('class')).toContain('ant-radio-button-wrapper-checked');
    }
    await fitsWidth(expert);
    // The picture: the ballot's instructions and the first cards, no finger hovering over a button.
    await expert.evaluate(() => window.scrollTo(0, 0));
    await expert.getByTestId('ballot-phase').scrollIntoViewIfNeeded();
    await expert.mouse.move(0, 0);
    await shots.take(expert, 'docs/guide/images/26-expert-ballot.png');
    await expert.getByTestId('ballot-submit').click();
    await expert.getByTestId('ballot-confirm').click();
    for (const c of candidates) await poll(() => expert.getByTestId(`ballot-voted-${c.code}`).isVisible()).toBe(true);
    // After voting the page knows only 已投票: no choice is shown or kept.
    expect(await expert.getByRole('radio').count()).toBe(0);
    expect(await expert.getByTestId('ballot-phase').textContent()).toContain('您已完成全部投票');
    await noToasts(expert);
    await expert.getByTestId('ballot-phase').scrollIntoViewIfNeeded();
    await expert.mouse.move(0, 0);
    await shots.take(expert, 'docs/guide/images/27-expert-voted.png');

    // The other present members vote through the API; the absent ones cannot.
    const refused = await call(sessions.get(absent[0].expertId)!, 'POST', `/api/expert/committees/${committeeId}/ballot`, {
      data: { votes: [{ applicationId: mine.applicationId, choice: 'agree' }] },
    });
    expect(refused.status()).toBe(409);
    await Promise.all(
      present
        .filter((m) => m.expertId !== phoneExpert.expertId)
        .map((m) => ok(call(sessions.get(m.expertId)!, 'POST', `/api/expert/committees/${committeeId}/ballot`, { data: { votes: choices.get(m.expertId)! } }))),
    );
    // The office sees how many voted (never how): every candidate's voters.
    for (const c of candidates) await poll(() => office.getByTestId(`voted-${c.code}`).textContent()).toBe(`已投 ${voters(c).length} / ${present.length}`);
    await office.getByTestId('close-ballot').click();
    await confirmOk(office);
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('投票已结束');
    const results = office.getByTestId('results-table');
    await poll(() => results.getByTestId(`result-${mine.code}`).textContent()).toBe('通过');
    // A tie at the cap line, if the scores made one: the committee decides (pass while the cap allows).
    for (;;) {
      const tie = office.getByRole('button', { name: /^处理 .+ 的并列$/ }).first();
      if ((await tie.count()) === 0) break;
      const passedSoFar = (await detail()).candidates.filter((c) => c.result === 'passed').length;
      await tie.click();
      const dialog = modal(office, /并列处理$/);
      await dialog.locator('label.ant-radio-wrapper').filter({ hasText: passedSoFar < cap ? /^通过$/ : /^不通过$/ }).click();
      await dialog.getByLabel('依据', { exact: true }).fill('经主任委员主持复议，按代表作品质量排序决定');
      await dialog.getByRole('button', { name: '保存决定' }).click();
      await poll(() => dialog.isVisible()).toBe(false);
    }
    committee = await detail();
    const passed = committee.candidates.filter((c) => c.result === 'passed');
    expect(passed.length).toBeLessThanOrEqual(cap);
    expect(passed.map((c) => c.applicationId)).toContain(mine.applicationId);
    expect(committee.candidates.filter((c) => c.result === 'failed_cap').length).toBeGreaterThanOrEqual(1);
    await poll(() => results.getByRole('row').nth(1).textContent()).toContain(mine.code);
    await noToasts(office);
    await results.scrollIntoViewIfNeeded();
    await shots.take(office, 'docs/guide/images/28-ballot-results.png');
    lap('ballot closed');

    // --- 5. results publicity (the clock), confirmation, document, certificates ---------------------
    // The publicity starts the day after the meeting (A24-4): the meeting moves to yesterday.
    const today = beijingNow().slice(0, 10);
    await moveMeetingDay(databaseUrl, committeeId, addDays(today, -1));
    await office.reload();
    await officeTab(office, 'publicity');
    await office.getByTestId('publish-results').click();
    await confirmOk(office);
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('结果公示中');
    await poll(() => office.getByTestId('publicity-dates').textContent()).toMatch(new RegExp(`^公示期：${today} 至 \\d{4}-\\d{2}-\\d{2}（5 个工作日）`));

    // The public page, on a phone, without logging in: only those who passed, only the minimum fields.
    const visitor = await newContext(browser, baseUrl, MOBILE);
    const board = await visitor.newPage();
    await board.goto('/portal/aks/results');
    const card = board.getByTestId(`results-${committeeId}`);
    await poll(() => card.isVisible()).toBe(true);
    const published = await ok<{ committeeId: string; rows: Record<string, string>[] }[]>(call(visitor, 'GET', '/api/public/results'));
    const rows = published.find((p) => p.committeeId === committeeId)!.rows;
    expect(rows.map((r) => r.name).sort()).toEqual(passed.map((c) => c.name).sort());
    const row = rows.find((r) => r.name === CANDIDATE.name)!;
    expect(Object.keys(row).sort()).toEqual(['entryId', 'level', 'name', 'result', 'seriesName', 'specialtyName', 'unitName']);
    const entry = card.getByTestId(`result-row-${row.entryId}`);
    const entryText = (await entry.textContent())!;
    for (const text of [CANDIDATE.name, CANDIDATE.unit, '新闻', '副高', '通过']) expect(entryText).toContain(text);
    const boardText = (await board.locator('body').textContent())!;
    for (const hidden of [CANDIDATE_ID_NUMBER, CANDIDATE_PHONE, mine.code, ...committee.candidates.filter((c) => c.result !== 'passed').map((c) => c.name)]) {
      expect(boardText, `the public page shows "${hidden}"`).not.toContain(hidden);
    }
    await fitsWidth(board);
    await shots.take(board, 'docs/guide/images/29-public-results.png');

    // The 5 working days pass (the clock), with no objection: the office confirms.
    const ran = await letThePublicityRun(databaseUrl, committeeId);
    await office.reload();
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('结果公示中');
    await office.getByTestId('confirm-results').click();
    await confirmOk(office);
    await poll(() => office.getByTestId('committee-status').textContent()).toBe('结果已确认');
    // Gone from the public page after its last day.
    await board.reload();
    await poll(() => board.getByTestId('public-results').textContent()).not.toContain(CANDIDATE.name);

    await officeTab(office, 'documents');
    await office.getByTestId('document-number').fill(DOCUMENT_NUMBER);
    await office.getByTestId('document-generate').click();
    const facts = office.getByTestId('document-facts');
    await poll(() => facts.textContent()).toContain(DOCUMENT_NUMBER);
    await office.getByTestId('document-filed').click();
    await confirmOk(office);
    await poll(() => facts.textContent()).toMatch(/已于 .+ 归档/);
    await office.getByTestId('issue-certificates').click();
    await confirmOk(office);
    const certificates = office.getByTestId('certificates-table');
    await poll(() => certificates.locator('tbody tr.ant-table-row').count()).toBe(passed.length);
    const certificateRow = certificates.getByRole('row').filter({ hasText: CANDIDATE.name });
    expect(await certificateRow.textContent()).toContain(TITLE);
    const number = (await certificateRow.locator('td').first().textContent())!.trim();
    expect(number).toMatch(new RegExp(`^AKS-?${PRACTICE_YEAR}-FG-\\d{6}$`));
    await noToasts(office);
    await shots.take(office, 'docs/guide/images/30-certificates.png', { fullPage: true });
    await logOut(office);
    lap('certificates issued');

    // --- 6. the applicant's result and certificate; the public verification -------------------------
    const mobile = await newContext(browser, baseUrl, MOBILE);
    const applicant = await mobile.newPage();
    await logIn(applicant, CANDIDATE.username);
    await applicant.goto(`/app/applications/${mine.applicationId}`);
    const result = applicant.getByTestId('result-card');
    await poll(() => result.getByTestId('result-label').textContent()).toBe('通过');
    expect(await result.getByTestId('result-stage').textContent()).toBe('电子职称证书已签发');
    expect(await result.getByTestId('result-publicity').textContent()).toBe(`${ran.startsOn} 至 ${ran.endsOn}`);
    expect(await result.getByTestId('result-certificate-number').textContent()).toBe(number);
    const code = (await result.getByTestId('result-certificate-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await fitsWidth(applicant);
    await result.getByTestId('result-certificate').scrollIntoViewIfNeeded();
    await shots.take(applicant, 'docs/guide/images/31-applicant-certificate.png');

    const pdf = await downloadFrom(applicant, result.getByTestId('result-certificate-pdf'));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const work = await mkdtemp(path.join(os.tmpdir(), 'zhiping-certificate-'));
    try {
      const file = path.join(work, 'certificate.pdf');
      await writeFile(file, pdf.bytes);
      const text = (await poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).replace(/\s+/g, '');
      for (const expected of [CANDIDATE.name, TITLE, number]) expect(text, `pdftotext of the certificate lacks "${expected}"`).toContain(expected);
      // The 资格取得时间 is the meeting's day.
      expect(text).toContain(ran.meetingDay.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`));
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    // Anyone holding the certificate checks it on the public page (its QR code points there).
    const check = await visitor.newPage();
    await check.goto(`/verify?certificate=${code.replaceAll('-', '')}`);
    const genuine = check.getByTestId('certificate-genuine');
    await poll(() => genuine.isVisible()).toBe(true);
    expect(await genuine.textContent()).toContain('真实有效');
    expect(await genuine.getByTestId('certificate-number').textContent()).toBe(number);
    expect(await genuine.getByTestId('certificate-name').textContent()).toBe(CANDIDATE.name);
    const verifyText = (await check.locator('body').textContent())!;
    for (const hidden of [CANDIDATE_ID_NUMBER, CANDIDATE_PHONE]) expect(verifyText).not.toContain(hidden);
    await fitsWidth(check);
    await genuine.scrollIntoViewIfNeeded();
    await shots.take(check, 'docs/guide/images/32-certificate-verify.png');
    lap('certificate verified');

    for (const context of sessions.values()) await context.close();
    await desk.close();
    await visitor.close();
    await mobile.close();

    // Every step passed: only now do the pictures go into docs/.
    const written = await shots.save();
    console.log(`[e2e] screenshots: ${written.join(', ')}`);
  }
});
