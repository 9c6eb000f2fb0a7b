// Journey 1 (issue "foundation"): a new applicant registers with real-name details on a phone,
// the unit reviewer of 且末县融媒体中心 confirms them at a desk, and the applicant, logging in by ID
// number, sees the confirmation. Screenshots for docs/guide are written when the journey passes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { DESKTOP, launchBrowser, logIn, logOut, MOBILE, newContext, pickOption, poll, saveFailureScreenshots, Screenshots, twoChars } from './browser.js';

const PREFECTURE = '巴音郭楞蒙古自治州';
const UNIT = '且末县融媒体中心';

describe('journey: foundation — register, unit confirms, applicant sees it', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers a new applicant, confirms them as unit reviewer, and shows 已确认 to the applicant', async () => {
    try {
      await journey();
    } catch (error) {
      await saveFailureScreenshots(browser, 'foundation');
      throw error;
    }
  });

  async function journey() {
    const shots = new Screenshots();
    // Fixed data (each run has a fresh database), so the guide's pictures change only when pages do.
    // 652825 = 且末县; born 1990-03-15; sequence 012; the check character per GB 11643.
    const idNumber = makeIdNumber('65282519900315012');
    const phone = '13909961234';
    const name = '阿依古丽·吐尔逊';
    const password = 'Qiemo#Spring-river7';

    // --- the home page, at a desk (also the README's picture) ------------------------------------
    const desk = await newContext(browser, baseUrl, DESKTOP);
    const home = await desk.newPage();
    await home.goto('/');
    await poll(() => home.getByRole('heading', { name: PREFECTURE }).isVisible()).toBe(true);
    await shots.take(home, ['docs/guide/images/01-home.png', 'docs/screenshot-home.png']);
    await desk.close();

    // --- the applicant registers on a phone -------------------------------------------------------
    const phoneCtx = await newContext(browser, baseUrl, MOBILE);
    const applicant = await phoneCtx.newPage();
    await applicant.goto('/');
    await applicant.getByRole('button', { name: twoChars('注册') }).click();
    await applicant.waitForURL(/\/register/);
    await poll(() => applicant.getByRole('heading', { name: '申报人注册' }).isVisible()).toBe(true);

    await applicant.getByLabel('姓名', { exact: true }).fill(name);
    await applicant.getByLabel('身份证号', { exact: true }).fill(idNumber);
    await applicant.getByLabel('手机号', { exact: true }).fill(phone);
    await applicant.getByRole('button', { name: '获取验证码' }).click();
    const demoCode = applicant.getByText(/演示模式验证码：\d+/);
    await poll(() => demoCode.isVisible()).toBe(true);
    const code = (await demoCode.textContent())!.match(/演示模式验证码：(\d+)/)![1];
    await applicant.getByLabel('短信验证码', { exact: true }).fill(code);
    await applicant.getByLabel('密码', { exact: true }).fill(password);
    await applicant.getByLabel('确认密码', { exact: true }).fill(password);
    await pickOption(applicant, '所在地州', PREFECTURE);
    await pickOption(applicant, '工作单位', UNIT, UNIT);
    await shots.take(applicant, 'docs/guide/images/02-register.png', { fullPage: true });

    await applicant.getByRole('button', { name: twoChars('注册') }).click();
    await applicant.waitForURL(/\/app$/);
    const status = applicant.getByTestId('membership-status');
    await poll(() => status.textContent()).toBe('待单位确认');
    await poll(() => applicant.getByText(UNIT).first().isVisible()).toBe(true);
    await shots.take(applicant, 'docs/guide/images/04a-applicant-pending.png', { fullPage: true });
    await logOut(applicant);

    // --- the unit reviewer confirms them, at a desk -----------------------------------------------
    const staffCtx = await newContext(browser, baseUrl, DESKTOP);
    const staff = await staffCtx.newPage();
    await logIn(staff, 'demo-unit-bz');
    await staff.getByRole('menuitem', { name: '成员确认' }).click();
    await staff.waitForURL(/\/app\/unit\/memberships/);
    const row = staff.getByRole('row').filter({ hasText: name });
    await poll(() => row.isVisible()).toBe(true);
    // The queue shows masked numbers only: first 6 and last 4 of the ID number.
    await poll(() => row.textContent()).toContain(idNumber.slice(-4));
    expect(await row.textContent()).not.toContain(idNumber);
    await shots.take(staff, 'docs/guide/images/03-unit-confirm.png');
    await row.getByRole('button', { name: twoChars('确认') }).click();
    await staff.getByRole('tooltip').getByRole('button', { name: twoChars('确定') }).click();
    await poll(() => staff.getByText(`已确认 ${name} 为本单位人员`).isVisible()).toBe(true);
    await poll(() => staff.getByRole('row').filter({ hasText: name }).count()).toBe(0);
    await logOut(staff);
    await staffCtx.close();

    // --- the applicant logs in by ID number and sees the confirmation -----------------------------
    await logIn(applicant, idNumber, password);
    await poll(() => applicant.getByTestId('membership-status').textContent()).toBe('已确认');
    await poll(() => applicant.getByText(`“${UNIT}”已确认您为本单位人员。`).isVisible()).toBe(true);
    await shots.take(applicant, 'docs/guide/images/04-applicant-home.png', { fullPage: true });
    await logOut(applicant);
    await phoneCtx.close();

    // The journey passed: only now do the pictures go into docs/.
    const written = await shots.save();
    console.log(`[e2e] screenshots: ${written.join(', ')}`);
  }
});
