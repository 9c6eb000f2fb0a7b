// Journey 4 (issue "review chain"): a new applicant of 且末县融媒体中心 has a complete 中级
// application of the practice campaign submitted (set up through the API: registration, archive,
// form, scans, commitment). At a desk the unit reviewer returns it with a reason; on a phone the
// applicant sees the reason and resubmits. The unit reviewer starts the internal publicity today:
// the page shows the period the server computed on the working-day calendar, 推荐上报 stays
// disabled with the day it becomes possible, and an objection is recorded and resolved. The
// applicant sees the period but never the objection. The working days cannot pass inside a test,
// so the journey ends with the server's refusal to recommend early (409 with the period).
import type { APIResponse, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { demoArchive } from '../../src/server/seed/demo-archives.js';
import { drawTextPage, toJpeg } from '../../src/server/uploads/test-images.js';
import { DESKTOP, launchBrowser, logIn, MOBILE, newContext, poll, PRACTICE_YEAR, saveFailureScreenshots } from './browser.js';

const CAMPAIGN_ID = `practice-bz-${PRACTICE_YEAR}`;
const UNIT = '且末县融媒体中心';
const NAME = '热依拉·买买提';
const PASSWORD = 'Qiemo#Autumn-field9';
const RETURN_REASON = '2025 年度考核表缺少单位盖章，请补充后重新上传';
const OBJECTION = '有同事反映其代表作品署名顺序与原刊不一致';
const RESOLUTION = '经核实原刊署名与申报一致，异议不成立';

/** JSON (or multipart) through the browser context's own cookies, with the CSRF double-submit header. */
async function call(context: BrowserContext, method: 'GET' | 'POST' | 'PUT', url: string, options: { data?: unknown; file?: { name: string; buffer: Buffer } } = {}): Promise<APIResponse> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    let csrf = (await context.cookies()).find((c) => c.name === 'zp_csrf')?.value;
    if (!csrf) {
      await context.request.get('/api/auth/csrf');
      csrf = (await context.cookies()).find((c) => c.name === 'zp_csrf')!.value;
    }
    headers['x-csrf-token'] = csrf;
  }
  return context.request.fetch(url, {
    method,
    headers,
    ...(options.file ? { multipart: { file: { name: options.file.name, mimeType: 'image/jpeg', buffer: options.file.buffer } } } : {}),
    ...(options.data !== undefined ? { data: options.data } : {}),
  });
}

async function ok<T>(response: Promise<APIResponse>): Promise<T> {
  const r = await response;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBeLessThan(300);
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

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

describe('journey: review chain — the unit returns, the applicant resubmits, the unit publicises', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('returns with a reason, resubmits on a phone, starts the publicity, records and resolves an objection; recommending early is refused', async () => {
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

    // The working days cannot pass here: the server refuses an early recommendation with the period.
    const early = await call(desk, 'POST', `/api/unit/applications/${id}/recommend`);
    expect(early.status()).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toContain(`公示期为 ${startsOn} 至 ${endsOn}（5 个工作日），公示期满后方可推荐`);

    // --- the applicant sees the period, never the objection ---------------------------------------
    await applicant.reload();
    await poll(() => applicant.getByTestId('application-status').textContent()).toBe('单位公示中');
    await poll(() => applicant.getByText(period).isVisible()).toBe(true);
    expect(await applicant.locator('body').textContent()).not.toContain(OBJECTION);

    await desk.close();
    await phone.close();
  }
});
