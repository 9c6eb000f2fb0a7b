// Journey 4 (issue "review chain"): the whole way of one application from the unit to the 评审表.
// A new applicant of 且末县融媒体中心 has a complete 中级 application of the practice campaign
// submitted (set up through the API: registration, archive, form, scans, commitment). At a desk
// the unit reviewer returns it with a reason; on a phone the applicant sees the reason and
// resubmits. The unit reviewer starts the internal publicity today: the page shows the period the
// server computed on the working-day calendar, 推荐上报 stays disabled with the day it becomes
// possible, and an objection is recorded and resolved; the applicant sees the period but never the
// objection, and the server refuses an early recommendation (409 with the period).
// Then the test plays the clock: it moves the publicity into the past in the database (a valid
// 5-working-day period on the campaign's calendar that has ended) — the working days cannot pass
// inside a test. The unit uploads the sealed publicity notice and result and recommends with the
// notice's opinion (B21-10); 且末县委宣传部 forwards it in a batch (B21-13); the 巴州 committee office
// sets the payee and its payment code, and accepts the materials; on the phone the applicant sees
// the fee (380 元, B21-14) and uploads a transfer receipt; finance confirms it; the applicant
// downloads the 评审表 PDF (B21-6), which pdftotext reads (Chinese text) and pdftoppm renders for
// the guide. Screenshots for docs/guide (17–23) are written when every step passed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { beijingDate } from '../../src/domain/calendar/calendar.js';
import { addDays } from '../../src/domain/campaign/dates.js';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { connectDatabase } from '../../src/server/db/client.js';
import { loadPublishedCampaign } from '../../src/server/queries/campaigns.js';
import { loadCalendar } from '../../src/server/rules/calendar.js';
import { demoArchive } from '../../src/server/seed/demo-archives.js';
import { drawTextPage, toJpeg } from '../../src/server/uploads/test-images.js';
import { call, DESKTOP, downloadFrom, launchBrowser, logIn, logOut, MOBILE, newContext, ok, poll, poppler, PRACTICE_YEAR, saveFailureScreenshots, Screenshots } from './browser.js';


const CAMPAIGN_ID = `practice-bz-${PRACTICE_YEAR}`;
const UNIT = '且末县融媒体中心';
const NAME = '热依拉·买买提';
const PASSWORD = 'Qiemo#Autumn-field9';
const RETURN_REASON = '2025 年度考核表缺少单位盖章，请补充后重新上传';
const OBJECTION = '有同事反映其代表作品署名顺序与原刊不一致';
const RESOLUTION = '经核实原刊署名与申报一致，异议不成立';
/** The Bayingol notice's recommendation opinion (B21-10), which the platform records for the unit. */
const OPINION = '本单位已对提供的申报材料逐一审核，真实准确，同意推荐';
const PAYEE = { name: '巴音郭楞蒙古自治州新闻系列职称评审委员会（演示）', bank: '中国工商银行库尔勒分行（演示）', account: '0408 0012 3456 7890 123' };

interface Slot {
  id: string;
  required: number;
}

/** Registration, the unit's confirmation, the archive and a submitted application, all through the API. */
async function submittedApplication(phone: BrowserContext, desk: BrowserContext): Promise<string> {
  const prefectures = await ok<{ id: string }[]>(call(phone, 'GET', '/api/public/prefectures'));
  let unitId = '';
  for (const p of prefectures) {
    const units = await ok<{ id: string; name: string }[]>(call(phone, 'GET', `/api/public/prefectures/${p.id}/units`));
    unitId ||= units.find((u) => u.name === UNIT)?.id ?? '';
  }
  expect(unitId).not.toBe('');
  // 652825 = 且末县; born 1987-06-15; sequence 023.
  const phoneNumber = '13909965678';
  const sms = await ok<{ demoCode: string }>(call(phone, 'POST', '/api/auth/sms-code', { data: { phone: phoneNumber, purpose: 'register' } }));
  await ok(
    call(phone, 'POST', '/api/auth/register', {
      data: { name: NAME, idNumber: makeIdNumber('65282519870615023'), phone: phoneNumber, smsCode: sms.demoCode, password: PASSWORD, unitId },
    }),
  );
  const pending = await ok<{ id: string; name: string }[]>(call(desk, 'GET', '/api/unit/memberships?status=pending'));
  await ok(call(desk, 'POST', `/api/unit/memberships/${pending.find((m) => m.name === NAME)!.id}/confirm`));

  const archive: Record<string, string[]> = {};
  for (const record of demoArchive('bz', new Date().getFullYear())) {
    const saved = await ok<{ id: string }>(call(phone, 'POST', `/api/me/archive/${record.kind}`, { data: { data: record.data } }));
    (archive[record.kind] ??= []).push(saved.id);
  }
  const picked = (kind: string) => archive[kind] ?? '无';
  let view = await ok<{ id: string; version: number; slots: Slot[] }>(
    call(phone, 'POST', '/api/me/applications', { data: { campaignId: CAMPAIGN_ID, seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' } }),
  );
  const sections: Record<string, Record<string, string | string[]>> = {
    basic: { post: '记者', adminPost: '无', politicalStatus: '中共党员' },
    education: { records: picked('education') },
    title: { records: picked('title') },
    work: { records: picked('work') },
    performance: { summary: '任现职以来扎根且末县基层一线，采写新闻稿件 200 余篇。' },
    achievements: { records: picked('achievement') },
    publications: { records: picked('publication') },
    continuingEducation: { records: picked('continuingEducation') },
    assessments: { records: picked('annualAssessment') },
    mandarin: { records: picked('mandarin') },
    conduct: { records: picked('politicalConduct') },
    grassRoots: { records: '无' },
    other: { note: '无' },
  };
  for (const [section, values] of Object.entries(sections)) {
    view = await ok<typeof view>(call(phone, 'PUT', `/api/me/applications/${view.id}/sections/${section}`, { data: { version: view.version, values } }));
  }
  // As many clear scans as the largest slot needs; the other slots reuse them.
  const scan = await toJpeg(drawTextPage({ seed: 21 }));
  const uploaded: string[] = [];
  for (const slot of view.slots) {
    for (let i = 0; i < slot.required; i++) {
      if (i < uploaded.length) {
        await ok(call(phone, 'POST', `/api/me/applications/${view.id}/materials/${slot.id}/from-archive`, { data: { fileId: uploaded[i] } }));
      } else {
        const file = await ok<{ id: string }>(call(phone, 'POST', `/api/me/applications/${view.id}/materials/${slot.id}`, { file: { name: `扫描件-${i + 1}.jpg`, buffer: scan } }));
        uploaded.push(file.id);
      }
    }
  }
  await ok(call(phone, 'POST', `/api/me/applications/${view.id}/commitment`, { data: { name: NAME } }));
  const submitted = await ok<{ status: string }>(call(phone, 'POST', `/api/me/applications/${view.id}/submit`, { data: {} }));
  expect(submitted.status).toBe('unit_review');
  return view.id;
}

/**
 * The journey's clock, not a shortcut in the product: five working days cannot pass inside a test,
 * so the test moves this application's publicity into the past in the database. The new period is
 * what the server itself would have computed (src/server/commands/review/publicity.ts) for the
 * latest start whose period is over before today: the campaign's number of working days on the
 * campaign's calendar (loadCalendar, publicityEndDate), so it stays a valid period. Nothing else is
 * touched: the server still decides by the publicities row whether the unit may recommend.
 */
async function letThePublicityRun(applicationId: string, databaseUrl: string): Promise<{ startsOn: string; endsOn: string }> {
  const database = connectDatabase(databaseUrl, { max: 1, appRole: false });
  try {
    const { campaign } = await loadPublishedCampaign(database.db, CAMPAIGN_ID);
    const workingDays = campaign.unitReview.publicityWorkingDays;
    const calendar = await loadCalendar(database.db, campaign.prefecture.calendarRegion);
    const today = beijingDate(new Date());
    // The latest start (moved to a working day, as the server does) whose period ended before today.
    let startsOn = '';
    for (let back = 1; ; back++) {
      startsOn = calendar.addWorkingDays(addDays(today, -back), 0);
      if (calendar.publicityEndDate(startsOn, workingDays) < today) break;
      if (back > 60) throw new Error(`no ${workingDays}-working-day period ending before ${today} found in the last 60 days`);
    }
    const endsOn = calendar.publicityEndDate(startsOn, workingDays);
    expect(calendar.countWorkingDays(startsOn, endsOn)).toBe(workingDays);
    expect(calendar.hasRunWorkingDays(startsOn, today, workingDays)).toBe(true);
    const moved = await database.pool.query('update publicities set starts_on = $2, ends_on = $3 where application_id = $1 and working_days = $4', [
      applicationId,
      startsOn,
      endsOn,
      workingDays,
    ]);
    expect(moved.rowCount).toBe(1);
    return { startsOn, endsOn };
  } finally {
    await database.close();
  }
}

/** The antd messages (toasts) have gone: a guide picture shows the page, not the last three confirmations. */
async function noToasts(page: Page) {
  await poll(() => page.locator('.ant-message-notice').count()).toBe(0);
}

/** No horizontal scrolling on the phone. */
async function fitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The antd card titled `title` (not a card around it). */
const card = (page: Page, title: string) => page.locator(`.ant-card:has(> .ant-card-head .ant-card-head-title:text-is("${title}"))`);

describe('journey: review chain — returned and resubmitted, publicised, recommended, forwarded, accepted, paid, 评审表 downloaded', () => {
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

  it('returns, resubmits on a phone, publicises (objection resolved, early recommendation refused), recommends, forwards, accepts; the fee is paid and confirmed; the 评审表 PDF reads right', async () => {
    try {
      await journey();
    } catch (error) {
      await saveFailureScreenshots(browser, 'review-chain');
      throw error;
    }
  });

  async function journey() {
    const desk = await newContext(browser, baseUrl, DESKTOP);
    const staff = await desk.newPage();
    await logIn(staff, 'demo-unit-bz');
    const phone = await newContext(browser, baseUrl, MOBILE);
    const id = await submittedApplication(phone, desk);

    // --- the unit reviewer returns it with one reason ----------------------------------------------
    await staff.getByRole('menuitem', { name: '申报审核' }).click();
    await staff.waitForURL(/\/app\/unit\/applications$/);
    await staff.getByRole('button', { name: `查看 ${NAME} 的申报` }).click();
    await staff.waitForURL(new RegExp(`/app/unit/applications/${id}$`));
    await poll(() => staff.getByTestId('application-status').textContent()).toBe('单位审核中');
    await staff.getByRole('button', { name: '退回修改' }).click();
    const dialog = staff.getByRole('dialog', { name: '退回修改' });
    await dialog.getByLabel('退回原因 1', { exact: true }).fill(RETURN_REASON);
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await staff.waitForURL(/\/app\/unit\/applications$/);
    await staff.getByRole('tab', { name: '已退回' }).click();
    await poll(() => staff.getByRole('row').filter({ hasText: NAME }).isVisible()).toBe(true);

    // --- the applicant reads the reason on a phone and resubmits ------------------------------------
    const applicant = await phone.newPage();
    await applicant.goto(`/app/applications/${id}`);
    await poll(() => applicant.getByTestId('return-reasons').textContent()).toContain(RETURN_REASON);
    expect(await applicant.getByTestId('return-reasons').textContent()).toContain('申报已被所在单位退回');
    const submit = applicant.getByRole('button', { name: '提交申报' });
    await poll(() => submit.isEnabled()).toBe(true);
    await submit.click();
    await poll(() => applicant.getByTestId('application-status').textContent()).toBe('单位审核中');

    // --- the unit starts the publicity today: the server's period, recommending not yet ------------
    await staff.getByRole('tab', { name: '待审核' }).click();
    await staff.getByRole('button', { name: `查看 ${NAME} 的申报` }).click();
    await staff.waitForURL(new RegExp(`/app/unit/applications/${id}$`));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await poll(() => staff.getByLabel('公示开始日期').inputValue()).toBe(today);
    await staff.getByRole('button', { name: '开始公示' }).click();
    await poll(() => staff.getByTestId('application-status').textContent()).toBe('单位公示中');
    const period = (await staff.getByTestId('publicity-period').textContent())!;
    const [, startsOn, endsOn] = /^(\d{4}-\d{2}-\d{2}) 至 (\d{4}-\d{2}-\d{2})（5 个工作日）$/.exec(period)!;
    expect(startsOn >= today).toBe(true);
    expect(endsOn > startsOn).toBe(true);
    await poll(() => staff.getByText(`已开始公示，公示期 ${period}`).isVisible()).toBe(true);
    expect(await staff.getByRole('button', { name: '推荐上报' }).isDisabled()).toBe(true);
    expect(await staff.getByTestId('recommend-blocked').textContent()).toMatch(new RegExp(`^公示期至 ${endsOn}，\\d{4}-\\d{2}-\\d{2} 起方可推荐上报$`));

    // --- an objection raised in the publicity, recorded and resolved ---------------------------------
    await staff.getByRole('button', { name: '记录异议' }).click();
    const record = staff.getByRole('dialog', { name: '记录异议' });
    await record.getByLabel('异议内容').fill(OBJECTION);
    await record.getByRole('button', { name: /保\s*存/ }).click();
    await poll(() => staff.getByTestId('objection').first().textContent()).toContain(OBJECTION);
    expect(await staff.getByTestId('objection').first().textContent()).toContain('待处理');
    await staff.getByRole('button', { name: '处理异议 1' }).click();
    const resolve = staff.getByRole('dialog', { name: '处理异议 1' });
    await resolve.getByLabel('处理结果').fill(RESOLUTION);
    await resolve.getByRole('button', { name: /保\s*存/ }).click();
    await poll(() => staff.getByTestId('objection').first().textContent()).toContain(`处理结果：${RESOLUTION}`);
    expect(await staff.getByTestId('objection').first().textContent()).toContain('已处理');

    // Today the period has only begun: the server refuses an early recommendation with the period.
    const early = await call(desk, 'POST', `/api/unit/applications/${id}/recommend`);
    expect(early.status()).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain(`公示期为 ${startsOn} 至 ${endsOn}（5 个工作日），公示期满后方可推荐`);

    // --- the applicant sees the period, never the objection ---------------------------------------
    await applicant.reload();
    await poll(() => applicant.getByTestId('application-status').textContent()).toBe('单位公示中');
    await poll(() => applicant.getByText(period).isVisible()).toBe(true);
    expect(await applicant.locator('body').textContent()).not.toContain(OBJECTION);

    // --- the working days pass: the test is the clock (see letThePublicityRun) ---------------------
    const ran = await letThePublicityRun(id, databaseUrl);
    const ranText = `${ran.startsOn} 至 ${ran.endsOn}（5 个工作日）`;

    // --- the unit uploads the sealed notice and result, and recommends -----------------------------
    await staff.reload();
    await poll(() => staff.getByTestId('publicity-period').textContent()).toBe(ranText);
    const recommend = staff.getByRole('button', { name: '推荐上报' });
    await poll(() => recommend.isEnabled()).toBe(true);
    expect(await staff.getByTestId('recommend-blocked').count()).toBe(0);
    const paperwork = card(staff, '公示与推荐文书');
    // The sealed copies are not required to recommend; the unit uploads them as the guide describes.
    await paperwork.locator('input[type=file]').nth(0).setInputFiles({ name: '公示通知盖章件.jpg', mimeType: 'image/jpeg', buffer: await toJpeg(drawTextPage({ seed: 27 })) });
    await poll(() => staff.getByTestId('sealed-notice').isVisible()).toBe(true);
    await paperwork.locator('input[type=file]').nth(1).setInputFiles({ name: '公示结果盖章件.jpg', mimeType: 'image/jpeg', buffer: await toJpeg(drawTextPage({ seed: 28 })) });
    await poll(() => staff.getByTestId('sealed-result').isVisible()).toBe(true);
    await noToasts(staff);
    await recommend.click();
    await staff.getByRole('button', { name: '确定推荐' }).click();
    await poll(() => staff.getByText(`已推荐上报，推荐意见：${OPINION}`).isVisible()).toBe(true);
    // 且末县 is a county: the application goes to its competent department (B21-13).
    await poll(() => staff.getByTestId('application-status').textContent()).toBe('主管部门审核中');
    await poll(() => staff.getByTestId('recommendation-opinion').textContent()).toContain(OPINION);
    await card(staff, '单位公示与推荐').scrollIntoViewIfNeeded();
    await shots.take(staff, 'docs/guide/images/17-unit-recommend.png');
    await logOut(staff);

    // --- 且末县委宣传部 checks it and forwards it in a batch ---------------------------------------------
    await logIn(staff, 'demo-dept-bz');
    await staff.getByRole('menuitem', { name: '主管部门审核' }).click();
    await staff.waitForURL(/\/app\/dept\/applications$/);
    await staff.getByRole('button', { name: `查看 ${NAME} 的申报` }).click();
    await staff.waitForURL(new RegExp(`/app/dept/applications/${id}$`));
    await poll(() => staff.getByTestId('recommendation-opinion').textContent()).toContain(OPINION);
    await staff.getByRole('button', { name: '主管部门审核' }).click();
    await staff.waitForURL(/\/app\/dept\/applications$/);
    await staff.getByRole('checkbox', { name: `选择 ${NAME} 的申报` }).check();
    await poll(() => staff.getByTestId('batch-hint').textContent()).toBe('已勾选 1 份');
    await shots.take(staff, 'docs/guide/images/18-dept-forward.png');
    await staff.getByRole('button', { name: '批量报送评委会办公室' }).click();
    await staff.getByRole('button', { name: '确认报送' }).click();
    await poll(() => staff.getByTestId('batch-result').textContent()).toMatch(/^已报送第 \d+ 批，共 1 份申报/);
    expect(await staff.getByTestId('batch-result').textContent()).toMatch(/下载第 \d+ 批花名册（PDF）/);
    await staff.getByRole('tab', { name: '已报送评委会办公室' }).click();
    await poll(() => staff.getByRole('row').filter({ hasText: NAME }).isVisible()).toBe(true);
    await logOut(staff);

    // --- the 巴州 committee office: the payee and its payment code, then 已接收材料 ---------------------
    // The Bayingol notice leaves the way of paying to the office (B21-14): the demo has no payee yet.
    await logIn(staff, 'demo-office-bz');
    await staff.getByRole('menuitem', { name: '收款设置' }).click();
    await staff.waitForURL(/\/app\/office\/payment-settings$/);
    await staff.getByLabel('收款单位（户名）').fill(PAYEE.name);
    await staff.getByLabel('开户银行').fill(PAYEE.bank);
    await staff.getByLabel('银行账号').fill(PAYEE.account);
    await staff.getByRole('button', { name: '保存收款信息' }).click();
    await poll(() => staff.getByText('收款信息已保存').isVisible()).toBe(true);
    const qr = await QRCode.toBuffer('职评演示收款码：巴州新闻系列职称评审费（非真实账户）', { type: 'png', width: 320, margin: 2 });
    await card(staff, '收款码').locator('input[type=file]').setInputFiles({ name: '收款码.png', mimeType: 'image/png', buffer: qr });
    await poll(() => staff.getByText('已上传收款码').isVisible()).toBe(true);
    await poll(() => staff.getByAltText('收款码预览').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await noToasts(staff);
    await shots.take(staff, 'docs/guide/images/20-payment-settings.png', { fullPage: true });

    await staff.getByRole('menuitem', { name: '评委会办公室审核' }).click();
    await staff.waitForURL(/\/app\/office\/applications$/);
    await staff.getByRole('button', { name: `查看 ${NAME} 的申报` }).click();
    await staff.waitForURL(new RegExp(`/app/office/applications/${id}$`));
    await poll(() => staff.getByTestId('application-status').textContent()).toBe('评委会办公室审核中');
    await poll(() => staff.getByTestId('recommendation-opinion').textContent()).toContain(OPINION);
    await staff.getByRole('button', { name: '已接收材料' }).click();
    await staff.getByRole('button', { name: '确认接收' }).click();
    await poll(() => staff.getByText('已接收材料，申报人会收到缴费通知').isVisible()).toBe(true);
    await poll(() => staff.getByTestId('application-status').textContent()).toBe('评委会办公室已接收材料');
    await poll(() => staff.getByRole('button', { name: /(^|\s)下载评审表$/ }).isVisible()).toBe(true);
    await shots.take(staff, 'docs/guide/images/19-office-accept.png');
    await logOut(staff);

    // --- on the phone the applicant sees the fee and uploads the transfer receipt ------------------
    await applicant.reload();
    await poll(() => applicant.getByTestId('application-status').textContent()).toBe('评委会办公室已接收材料');
    const fee = applicant.getByTestId('fee-panel');
    await poll(() => fee.getByTestId('fee-status').textContent()).toBe('待缴费');
    const feeText = (await fee.textContent())!;
    for (const text of ['380 元', PAYEE.name, PAYEE.bank, PAYEE.account]) expect(feeText).toContain(text);
    const reference = (await fee.getByTestId('fee-reference').textContent())!.trim();
    expect(reference).not.toBe('');
    await poll(() => fee.getByAltText('收款二维码').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await fitsWidth(applicant);
    await fee.scrollIntoViewIfNeeded();
    await shots.take(applicant, 'docs/guide/images/21-fee-panel.png');
    await fee.locator('input[type=file]').setInputFiles({ name: '转账凭证.jpg', mimeType: 'image/jpeg', buffer: await toJpeg(drawTextPage({ seed: 31 })) });
    await poll(() => fee.getByTestId('fee-status').textContent()).toBe('已上传缴费凭证，待财务确认');

    // --- finance checks the receipt against the bank statement and confirms ------------------------
    await logIn(staff, 'demo-finance-bz');
    await staff.getByRole('menuitem', { name: '评审费确认' }).click();
    await staff.waitForURL(/\/app\/finance\/fees$/);
    const order = staff.getByRole('row').filter({ hasText: reference });
    await poll(() => order.isVisible()).toBe(true);
    expect(await order.textContent()).toContain(NAME);
    await order.getByRole('button', { name: `确认 ${NAME} 的缴费` }).click();
    await poll(() => staff.getByText(`已核对银行流水，确认收到 ${NAME} 的评审费 380 元？`).isVisible()).toBe(true);
    await shots.take(staff, 'docs/guide/images/22-finance-confirm.png');
    await staff.getByRole('button', { name: '确认到账' }).click();
    await poll(() => staff.getByText(`已确认 ${NAME} 的评审费 380 元`).isVisible()).toBe(true);
    await staff.getByRole('tab', { name: /^已确认/ }).click();
    await poll(() => staff.getByRole('row').filter({ hasText: reference }).isVisible()).toBe(true);
    await logOut(staff);

    // --- the applicant sees it confirmed and downloads the 评审表 ------------------------------------
    await applicant.reload();
    await poll(() => applicant.getByTestId('fee-status').textContent()).toBe('财务已确认缴费');
    const form = await downloadFrom(applicant, applicant.getByRole('button', { name: '下载评审表' }));
    expect(form.name).toMatch(/^评审表-BZ\d{4}-\d{6}\.pdf$/);
    expect(form.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // pdftotext reads the Chinese text back (the embedded fonts carry their Unicode maps). -raw keeps
    // the order the text was drawn in: with -layout the diagonal watermark's glyphs land among the
    // table's words (e.g. "职652825…"), wherever the random verification code pushes them.
    const work = await mkdtemp(path.join(os.tmpdir(), 'zhiping-review-form-'));
    try {
      const pdf = path.join(work, 'review-form.pdf');
      await writeFile(pdf, form.bytes);
      const text = (await poppler('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'])).replace(/[ \t]+/g, ' ');
      const flat = text.replace(/\s+/g, '');
      const number = form.name.slice('评审表-'.length, -'.pdf'.length);
      const code = /验证码：([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1];
      expect(code, 'the 评审表 prints its verification code').toBeDefined();
      const campaign = await ok<{ title: string }>(call(phone, 'GET', `/api/public/campaigns/${CAMPAIGN_ID}`));
      for (const line of [
        '专业技术职务任职资格评审表',
        `编号：${number}`,
        '一、基本情况',
        `姓名 ${NAME} 性别 男`, // the sex follows the ID number (sequence 023: odd)
        `工作单位 ${UNIT}`,
        '申报系列 新闻 申报专业 记者',
        '申报级别 中级 申报职称 记者',
        `评审表编号 ${number} · 验证码 ${code}`,
      ]) {
        expect(text, `pdftotext of the 评审表 lacks "${line}"`).toContain(line);
      }
      for (const phrase of [campaign.title, OPINION]) expect(flat, `pdftotext of the 评审表 lacks "${phrase}"`).toContain(phrase.replace(/\s+/g, ''));
      // Printed on both sides: an even number of pages.
      expect(Number(/共 (\d+) 页/.exec(text)?.[1]) % 2).toBe(0);
      // Page 1 as the guide shows it.
      await poppler('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(work, 'page')]);
      shots.add('docs/guide/images/23-review-form.png', await readFile(path.join(work, 'page.png')));
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    await desk.close();
    await phone.close();

    // Every step passed: only now do the pictures go into docs/.
    const written = await shots.save();
    console.log(`[e2e] screenshots: ${written.join(', ')}`);
  }
});
