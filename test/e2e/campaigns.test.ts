// Journey 2 (issue "campaigns as configuration"): the Aksu committee office clones the 2024 campaign
// to 2025, moves its dates to 2025, changes the 高级 fee and the declaration close, saves and
// publishes it; the public Aksu portal then shows the 2025 campaign with the new fee. On a phone,
// an applicant runs the 申报资格自查 with too few continuing-education hours and sees the failed rule
// with its id. The system administrator looks at the working-day calendar. Screenshots for
// docs/guide are written when every step passed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchBrowser, logIn, logOut, MOBILE, newContext, pickOption, poll, saveFailureScreenshots, Screenshots, twoChars } from './browser.js';

const SOURCE_ID = 'aksu-2024-news-literature-publishing';
const NEW_ID = 'aksu-2025-news-literature-publishing';
const NEW_TITLE = '阿克苏地区 2025 年度新闻、文学创作、出版系列（专业）职称评审';

/** Types a value into an antd date(-time) picker and confirms it. */
async function typeDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await poll(() => input.inputValue()).toBe(value);
}

/** The guide's pictures show the page, not a passing toast: wait until antd's messages are gone. */
async function noToasts(page: Page) {
  await poll(() => page.locator('.ant-message-notice').count()).toBe(0);
}

describe('journey: campaigns — clone last year, publish, see it on the portal; self-check; calendar', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const shots = new Screenshots();
  let failed = false;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function guarded(label: string, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (error) {
      failed = true;
      await saveFailureScreenshots(browser, label);
      throw error;
    }
  }

  it('the Aksu office clones 2024 to 2025, changes a fee and a date, publishes, and the portal shows it', () =>
    guarded('campaigns-office', async () => {
      const desk = await newContext(browser, baseUrl, DESKTOP);
      const office = await desk.newPage();
      await logIn(office, 'demo-office-aks');
      await office.getByRole('menuitem', { name: '评审活动' }).click();
      await office.waitForURL(/\/app\/office\/campaigns$/);
      await poll(() => office.getByRole('row').filter({ hasText: SOURCE_ID }).isVisible()).toBe(true);

      // --- clone 2024 → 2025 ------------------------------------------------------------------
      await office.getByRole('button', { name: '复制活动' }).click();
      const cloneDialog = office.getByRole('dialog', { name: '复制评审活动' });
      await poll(() => cloneDialog.isVisible()).toBe(true);
      // The demo also holds this year's practice copy; the journey clones the real 2024 notice.
      await pickOption(office, '复制自', '阿克苏地区 2024 年度');
      await cloneDialog.getByLabel('评审年度').fill('2025');
      await cloneDialog.getByLabel('新活动标识').fill(NEW_ID);
      await cloneDialog.getByLabel('新活动名称').fill(NEW_TITLE);
      await cloneDialog.getByRole('button', { name: twoChars('复制') }).click();
      await office.waitForURL(new RegExp(`/app/office/campaigns/${NEW_ID}$`));
      await poll(() => office.getByRole('heading', { name: NEW_TITLE }).isVisible()).toBe(true);
      await poll(() => office.getByTestId('editor-version').textContent()).toBe('当前第 1 版');
      expect(await office.getByTestId('campaign-status').textContent()).toBe('草稿');

      // --- move the copied 2024 dates to 2025, then change the declaration close ---------------
      await office.getByRole('tab', { name: '时间安排' }).click();
      await office.getByTestId('shift-years').click();
      await poll(() => office.getByLabel('网上申报 结束时间', { exact: true }).inputValue()).toBe('2025-08-30 23:59:59');
      await typeDate(office, '网上申报 结束时间', '2025-08-29 18:00:00');

      // --- change the 高级 fee 600 → 650 -------------------------------------------------------
      await office.getByRole('tab', { name: '评审费与通过率' }).click();
      for (const level of ['副高', '正高']) {
        const fee = office.getByLabel(`${level}评审费`, { exact: true });
        await poll(() => fee.inputValue()).toBe('600');
        await fee.fill('650');
        await fee.blur();
      }
      await poll(() => office.getByText('有未保存的修改').isVisible()).toBe(true);
      expect(await office.getByTestId('campaign-errors').count()).toBe(0);
      await noToasts(office);
      await shots.take(office, 'docs/guide/images/06-campaign-editor.png');

      // --- save (version 2) and publish it ---------------------------------------------------------
      await office.getByRole('button', { name: /保\s*存$/ }).click(); // the icon adds its own name before the text
      await poll(() => office.getByText('已保存为第 2 版').isVisible()).toBe(true);
      await poll(() => office.getByTestId('editor-version').textContent()).toBe('当前第 2 版');
      await office.getByTestId('publish').click();
      const confirm = office.getByRole('dialog').filter({ hasText: '发布第 2 版？' });
      await poll(() => confirm.isVisible()).toBe(true);
      await confirm.getByRole('button', { name: '发布第 2 版' }).click();
      await poll(() => office.getByText('已发布第 2 版').first().isVisible()).toBe(true);
      await poll(() => office.getByTestId('campaign-status').textContent()).toBe('已发布');

      // --- the office's list: both years, both published -----------------------------------------
      await office.getByRole('menuitem', { name: '评审活动' }).click();
      await office.waitForURL(/\/app\/office\/campaigns$/);
      const row = office.getByRole('row').filter({ hasText: NEW_ID });
      await poll(() => row.isVisible()).toBe(true);
      await poll(() => row.getByTestId('campaign-status').textContent()).toBe('已发布');
      expect(await row.textContent()).toContain('当前第 2 版');
      await noToasts(office);
      await shots.take(office, 'docs/guide/images/05-office-campaigns.png');
      await logOut(office);

      // --- the public Aksu portal, reached from the home page --------------------------------------
      await office.goto('/');
      await office.getByTestId('portal-aks').getByRole('button', { name: '查看通知' }).click();
      await office.waitForURL(/\/portal\/aks$/);
      const card = office.getByTestId(`campaign-${NEW_ID}`);
      await poll(() => card.isVisible()).toBe(true);
      await poll(() => card.getByTestId('campaign-fees').textContent()).toContain('副高650 元/人');
      expect(await card.getByTestId('campaign-fees').textContent()).toContain('正高650 元/人');
      expect(await card.getByTestId('campaign-windows').textContent()).toContain('2025-07-22 00:00 至 2025-08-29 18:00');
      // The 2024 campaign is still there, unchanged.
      expect(await office.getByTestId(`campaign-${SOURCE_ID}`).getByTestId('campaign-fees').textContent()).toContain('副高600 元/人');
      await shots.take(office, 'docs/guide/images/07-portal.png');
      await desk.close();
    }));

  it('an applicant on a phone runs the self-check and sees the failed continuing-education rule', () =>
    guarded('campaigns-self-check', async () => {
      const phone = await newContext(browser, baseUrl, MOBILE);
      const page = await phone.newPage();
      await page.goto('/portal/aks');
      const panel = page.getByTestId('self-check');
      await poll(() => panel.isVisible()).toBe(true);
      // The 2025 campaign published above, asking for 2022–2025 (the demo's practice copy of this
      // year is listed first).
      await pickOption(page, '评审活动', NEW_TITLE);
      // The closed dropdown keeps a hidden option with the same text: look at what is shown.
      await poll(() => panel.getByText(NEW_TITLE).filter({ visible: true }).count()).toBeGreaterThan(0);
      const hours = panel.getByLabel('2023 年专业科目学时', { exact: true });
      await hours.fill('50');
      await panel.getByRole('button', { name: '开始自查' }).click();
      const results = page.getByTestId('self-check-results');
      await poll(() => results.isVisible()).toBe(true);
      await poll(() => results.getByText('暂不符合申报条件').isVisible()).toBe(true);
      const ceFailure = results.getByTestId('rule-fail').filter({ hasText: 'A24-15' });
      await poll(() => ceFailure.count()).toBe(1);
      expect(await ceFailure.textContent()).toContain('2023 年继续教育专业科目 50 学时，少于 60 学时');
      // Everything else of the example passes, each with its rule id.
      expect(await results.getByTestId('rule-fail').count()).toBe(1);
      expect(await results.getByTestId('rule-pass').filter({ hasText: 'A24-9' }).count()).toBe(1);
      // The page fits the phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(MOBILE.width);
      await ceFailure.scrollIntoViewIfNeeded();
      await shots.take(page, 'docs/guide/images/08-self-check.png');
      await phone.close();
    }));

  it('the system administrator reads the working-day calendar and enters a day of a year not yet covered', () =>
    guarded('campaigns-calendar', async () => {
      const desk = await newContext(browser, baseUrl, DESKTOP);
      const admin = await desk.newPage();
      await logIn(admin, 'demo-sysadmin');
      await admin.getByRole('menuitem', { name: '工作日历' }).click();
      await admin.waitForURL(/\/app\/admin\/calendar$/);

      // Xinjiang 2025: 肉孜节 in March, the national holidays and 调休 days.
      const year = admin.getByLabel('年度', { exact: true });
      await year.fill('2025');
      await year.press('Tab');
      await poll(() => admin.getByTestId('calendar-month').textContent()).toBe('2025 年 1 月');
      await poll(() => admin.getByTestId('calendar-working-days').textContent()).toMatch(/^\d+ 天$/);
      await admin.getByRole('button', { name: '下个月' }).click();
      await admin.getByRole('button', { name: '下个月' }).click();
      await poll(() => admin.getByTestId('calendar-month').textContent()).toBe('2025 年 3 月');
      await poll(() => admin.getByTestId('day-2025-03-31').textContent()).toContain('肉孜节');
      await admin.getByRole('heading', { name: '工作日历' }).hover(); // no focus ring or hover on the month buttons
      await admin.getByTestId('calendar-month').click();
      await shots.take(admin, 'docs/guide/images/09-calendar.png', { fullPage: true });

      // 2030: beyond the data — the calendar says so; the administrator enters 元旦.
      await year.fill('2030');
      await year.press('Tab');
      await poll(() => admin.getByTestId('calendar-not-covered').textContent()).toMatch(/^2030 年的节假日安排.*尚未录入/);
      await admin.getByRole('button', { name: '上个月' }).click();
      await admin.getByRole('button', { name: '上个月' }).click();
      await poll(() => admin.getByTestId('calendar-month').textContent()).toBe('2030 年 1 月');
      expect(await admin.getByTestId('calendar-working-days').textContent()).toBe('未覆盖，无法计算');
      await admin.getByTestId('day-2030-01-01').click();
      const dialog = admin.getByRole('dialog').filter({ hasText: '2030-01-01' });
      await poll(() => dialog.isVisible()).toBe(true);
      await dialog.getByLabel('全国').check();
      await dialog.getByLabel('节假日（休息）').check();
      await dialog.getByLabel('名称').fill('元旦');
      await dialog.getByRole('button', { name: twoChars('保存') }).click();
      await poll(() => admin.getByTestId('day-2030-01-01').textContent()).toContain('元旦');
      await logOut(admin);
      await desk.close();

      // Every step of every journey here passed: only now do the pictures go into docs/.
      if (!failed) {
        const written = await shots.save();
        console.log(`[e2e] screenshots: ${written.join(', ')}`);
      }
    }));
});
