// Journey 3 (issue "declaration"): on a phone, the Bayingol demo applicant (买买提·艾力, 且末县)
// looks at the archive, starts a 中级 application in the practice campaign whose declaration window
// is open, fills every section from the archive (autosaved), uploads a blurred scan and sees the
// blur warning next to it, replaces it with a clear one, uploads the other required scans, previews
// what the blind-review experts see, signs the commitment and submits: 单位审核中. The unit
// reviewer of 且末县融媒体中心 returns it with two reasons; the applicant sees both reasons and the
// deadline. Screenshots for docs/guide are written when every step passed.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { blurred, drawTextPage, toJpeg } from '../../src/server/uploads/test-images.js';
import { DESKTOP, launchBrowser, logIn, logOut, MOBILE, newContext, pickOption, poll, PRACTICE_YEAR, saveFailureScreenshots, Screenshots, twoChars } from './browser.js';

const CAMPAIGN = `【演示】${PRACTICE_YEAR} 年巴音郭楞蒙古自治州新闻系列中、初级专业技术职务任职资格评审`;
const APPLICANT = '买买提·艾力';
const REASONS = ['2024 年度考核表缺少单位盖章，请补充后重新上传', '代表作品请上传封面、目录和正文三部分'];

/** The record pickers of the declaration form, by their accessible names (DECLARATION_SECTIONS). */
const PICK_ALL = ['学历学位', '现任职称', '工作经历', '获奖情况', '论文、著作和作品', '继续教育学时', '年度考核', '普通话水平测试等级', '政治表现和职业道德证明'];

/** The guide's pictures show the page, not a passing toast: wait until antd's messages are gone. */
async function noToasts(page: Page) {
  await poll(() => page.locator('.ant-message-notice').count()).toBe(0);
}

async function savedNow(page: Page) {
  await poll(() => page.getByTestId('save-status').textContent()).toMatch(/已保存 \d{2}:\d{2}:\d{2}/);
}

/** No horizontal scrolling on the phone. */
async function fitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

const scansIn = (slot: Locator) => slot.getByTestId('scan');

describe('journey: declaration — fill from the archive, scans, preview, sign, submit; the unit returns it', () => {
  let browser: Browser;
  const baseUrl = inject('baseUrl');
  const shots = new Screenshots();
  let applicationUrl = '';
  let clearScan: Buffer;
  let blurredScan: Buffer;

  beforeAll(async () => {
    browser = await launchBrowser();
    // A scanned text page, and the same page out of focus (sigma 8).
    const page = drawTextPage({ seed: 11 });
    clearScan = await toJpeg(page);
    blurredScan = await toJpeg(await blurred(page, 8));
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function guarded(label: string, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (error) {
      await saveFailureScreenshots(browser, label);
      throw error;
    }
  }

  it('the applicant fills a 中级 application on a phone, fixes a blurred scan, previews, signs and submits', () =>
    guarded('declaration-applicant', async () => {
      const phone = await newContext(browser, baseUrl, MOBILE);
      const page = await phone.newPage();
      await logIn(page, 'demo-applicant-bz');

      // --- the archive the demo seeded ---------------------------------------------------------
      await page.goto('/app');
      await page.getByRole('link', { name: '我的档案' }).click();
      await page.waitForURL(/\/app\/archive$/);
      await poll(() => page.locator('#archive-education').textContent()).toContain('新疆大学 新闻学 本科');
      await fitsWidth(page);
      await shots.take(page, 'docs/guide/images/10-archive.png', { fullPage: true });

      // --- a new 中级 application: campaign → series → specialty → level → path ------------------
      await page.goto('/app/applications');
      await page.getByRole('button', { name: '新建申报' }).click();
      await page.waitForURL(/\/app\/applications\/new$/);
      await pickOption(page, '评审活动', CAMPAIGN);
      // One series and one path in this campaign: chosen already.
      await poll(() => page.getByText('新闻系列', { exact: true }).isVisible()).toBe(true);
      await pickOption(page, '专业', '记者');
      await pickOption(page, '级别', '中级');
      await poll(() => page.getByText('380 元（B21-14）').isVisible()).toBe(true);
      await page.getByRole('button', { name: '创建申报' }).click();
      await page.waitForURL(/\/app\/applications\/[0-9a-f-]{36}$/);
      applicationUrl = new URL(page.url()).pathname;
      await poll(() => page.getByTestId('application-status').textContent()).toBe('填写中');

      // --- the form, from the archive; autosaved -----------------------------------------------
      await poll(() => page.getByLabel('现从事专业技术岗位').inputValue()).toBe('记者');
      await page.getByLabel('现任行政职务').fill('无');
      await page.getByLabel('现任行政职务').blur();
      await savedNow(page);
      for (const name of PICK_ALL) {
        const group = page.getByRole('group', { name, exact: true });
        // Every record of the kind; ticking "无" would clear them.
        const records = group.locator('.ant-checkbox-wrapper').filter({ hasNotText: /^无$/ });
        const count = await records.count();
        expect(count, name).toBeGreaterThan(0);
        for (let i = 0; i < count; i++) await records.nth(i).getByRole('checkbox').check();
      }
      await page.getByRole('group', { name: '基层服务经历', exact: true }).getByRole('checkbox', { name: '无', exact: true }).check();
      await page.getByLabel('主要专业技术工作经历、实践经验和工作能力').fill('任现职以来扎根且末县基层一线，采写新闻稿件 300 余篇，策划“沙漠边缘的护林人”等系列报道。');
      await page.getByLabel('其他需要说明的事项').fill('无');
      await page.getByLabel('其他需要说明的事项').blur();
      await savedNow(page);
      await poll(() => page.getByTestId('eligibility-verdict').textContent()).toContain('符合本次评审的申报条件');
      // The picture starts at the form's first section, under the autosave line.
      await page.locator('#field-basic-post').evaluate((input) => {
        input.closest('.ant-card')!.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -48);
      });
      await noToasts(page);
      await fitsWidth(page);
      await shots.take(page, 'docs/guide/images/11-application-form.png');

      // --- a blurred scan gets its warning; a clear one replaces it ----------------------------
      const publicity = page.locator('#slot-unit-publicity');
      await publicity.locator('input[type=file]').setInputFiles({ name: '单位公示.jpg', mimeType: 'image/jpeg', buffer: blurredScan });
      await poll(() => scansIn(publicity).count()).toBe(1);
      const warning = publicity.getByTestId('scan-warning').first();
      await poll(() => warning.textContent()).toContain('模糊');
      await publicity.scrollIntoViewIfNeeded();
      await fitsWidth(page);
      await shots.take(page, 'docs/guide/images/12-scan-warning.png');
      await publicity.getByRole('button', { name: '移除 单位公示.jpg' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: twoChars('移除') }).click();
      await poll(() => scansIn(publicity).count()).toBe(0);
      await publicity.locator('input[type=file]').setInputFiles({ name: '单位公示.jpg', mimeType: 'image/jpeg', buffer: clearScan });
      await poll(() => scansIn(publicity).count()).toBe(1);
      expect(await publicity.getByTestId('scan-warning').count()).toBe(0);

      // --- every other required slot: as many clear scans as it asks for -----------------------
      const slots = page.getByTestId('material-slot');
      for (let i = 0; i < (await slots.count()); i++) {
        const slot = slots.nth(i);
        const need = Number(/须上传 (\d+) 份/.exec((await slot.locator('.ant-tag').first().textContent()) ?? '')?.[1] ?? 0);
        const have = await scansIn(slot).count();
        if (need <= have) continue;
        const name = (await slot.locator('.ant-card-head-title').textContent())!.slice(0, 8);
        const files = Array.from({ length: need - have }, (_, k) => ({ name: `${name}-${k + 1}.jpg`, mimeType: 'image/jpeg', buffer: clearScan }));
        await slot.locator('input[type=file]').setInputFiles(files);
        await poll(() => scansIn(slot).count()).toBe(need);
      }

      // --- what the experts see -------------------------------------------------------------------
      await page.getByRole('link', { name: /按专家所见预览/ }).click();
      await page.waitForURL(/\/preview$/);
      await poll(() => page.getByTestId('preview-heading').textContent()).toBe('申报人 ■■■：新闻系列 记者专业 中级（记者）');
      expect(await page.locator('main').textContent()).not.toContain(APPLICANT);
      await fitsWidth(page);
      await noToasts(page);
      await shots.take(page, 'docs/guide/images/13-blind-preview.png');
      await page.getByRole('button', { name: '返回申报' }).click();
      await page.waitForURL(new RegExp(`${applicationUrl}$`));

      // --- the commitment, signed with the real name; then submit --------------------------------
      await poll(() => page.getByTestId('commitment-text').textContent()).toContain('本人郑重承诺如下');
      await page.getByLabel('签名（请输入您的姓名）').fill(APPLICANT);
      await page.getByRole('button', { name: '我已阅读并签署承诺书' }).click();
      await poll(() => page.getByTestId('commitment-signed').isVisible()).toBe(true);
      const submit = page.getByRole('button', { name: '提交申报' });
      await poll(() => submit.isEnabled()).toBe(true);
      await submit.click();
      await poll(() => page.getByTestId('application-status').textContent()).toBe('单位审核中');
      expect(await page.getByTestId('next-step').textContent()).toContain('所在单位审核并公示');
      await page.evaluate(() => window.scrollTo(0, 0));
      await noToasts(page);
      await fitsWidth(page);
      await shots.take(page, 'docs/guide/images/14-submitted.png');
      await logOut(page);
      await phone.close();
    }));

  it('the unit reviewer returns it with two reasons, and the applicant sees both and the deadline', () =>
    guarded('declaration-return', async () => {
      expect(applicationUrl).not.toBe('');
      const desk = await newContext(browser, baseUrl, DESKTOP);
      const staff = await desk.newPage();
      await logIn(staff, 'demo-unit-bz');
      await staff.getByRole('menuitem', { name: '申报审核' }).click();
      await staff.waitForURL(/\/app\/unit\/applications$/);
      const row = staff.getByRole('row').filter({ hasText: APPLICANT });
      await poll(() => row.isVisible()).toBe(true);
      await row.getByRole('button', { name: `查看 ${APPLICANT} 的申报` }).click();
      await staff.waitForURL(/\/app\/unit\/applications\/[0-9a-f-]{36}$/);
      await poll(() => staff.getByTestId('application-status').textContent()).toBe('单位审核中');
      // The reviewer sees the scans through the unit's own address.
      await poll(() => staff.locator('img[src^="/api/unit/applications/"]').count()).toBeGreaterThan(0);

      await staff.getByRole('button', { name: '退回修改' }).click();
      const dialog = staff.getByRole('dialog', { name: '退回修改' });
      await dialog.getByLabel('退回原因 1', { exact: true }).fill(REASONS[0]);
      await dialog.getByRole('button', { name: '再加一条原因' }).click();
      await dialog.getByLabel('退回原因 2', { exact: true }).fill(REASONS[1]);
      await shots.take(staff, 'docs/guide/images/15-unit-return.png');
      await dialog.getByRole('button', { name: '确认退回' }).click();
      await staff.waitForURL(/\/app\/unit\/applications$/);
      await poll(() => staff.getByText('已退回，申报人会收到退回原因').isVisible()).toBe(true);
      await logOut(staff);
      await desk.close();

      const phone = await newContext(browser, baseUrl, MOBILE);
      const page = await phone.newPage();
      await logIn(page, 'demo-applicant-bz');
      await poll(() => page.getByTestId('notifications').textContent()).toContain('申报已退回，请修改后重新提交');
      await page.goto(applicationUrl);
      const reasons = page.getByTestId('return-reasons');
      await poll(() => reasons.textContent()).toContain(REASONS[0]);
      const text = (await reasons.textContent())!;
      expect(text).toContain(REASONS[1]);
      expect(text).toMatch(/请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前修改并重新提交/);
      expect(await page.getByTestId('application-status').textContent()).toBe('已退回，待修改后重新提交');
      // Editable again: the form is back.
      await poll(() => page.getByLabel('现从事专业技术岗位').isVisible()).toBe(true);
      await noToasts(page);
      await fitsWidth(page);
      await shots.take(page, 'docs/guide/images/16-returned.png');
      await logOut(page);
      await phone.close();

      // Every step passed: only now do the pictures go into docs/.
      const written = await shots.save();
      console.log(`[e2e] screenshots: ${written.join(', ')}`);
    }));
});
