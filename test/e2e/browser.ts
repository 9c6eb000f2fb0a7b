// Debian's Chromium driven by playwright-core (never a downloaded browser), headless, with the
// flags this machine needs (no background networking: the machine has no network). Playwright
// gives every launch a new empty profile directory (--user-data-dir) and removes it on close.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type APIResponse, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const DEMO_PASSWORD = 'Zhiping#Demo2026';

/** Staff work at a desk; applicants mostly on a phone. */
export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 375, height: 812 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newContext(browser: Browser, baseURL: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const mobile = viewport.width < 768;
  const context = await browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Screenshots taken during a journey are kept in memory and written under docs/ only by
 * `save()`, which a journey calls as its last step, so a failed journey leaves the guide alone.
 */
export class Screenshots {
  private readonly shots: { file: string; data: Buffer }[] = [];

  async take(page: Page, files: string | string[], options: { fullPage?: boolean } = {}): Promise<void> {
    // Let animations (antd messages, drawers, tags) settle before the picture.
    await page.waitForTimeout(400);
    const data = await page.screenshot({ fullPage: options.fullPage ?? false, animations: 'disabled' });
    for (const file of ([] as string[]).concat(files)) this.shots.push({ file, data });
  }

  /** A picture the journey made otherwise (e.g. a downloaded PDF's page rendered to PNG), written by `save()` like the rest. */
  add(file: string, data: Buffer): void {
    this.shots.push({ file, data });
  }

  async save(): Promise<string[]> {
    for (const { file, data } of this.shots) {
      const target = path.join(repoRoot, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    return this.shots.map((s) => s.file);
  }
}

/** On failure, a picture of every open page goes to test-results/e2e/ (git-ignored) for diagnosis. */
export async function saveFailureScreenshots(browser: Browser, label: string): Promise<void> {
  const dir = path.join(repoRoot, 'test-results/e2e');
  await mkdir(dir, { recursive: true });
  let n = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      const file = path.join(dir, `${label}-${++n}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
        console.log(`[e2e] failure screenshot: ${path.relative(repoRoot, file)} (${page.url()})`);
      } catch {
        /* page already gone */
      }
    }
  }
}

// antd puts a space between two Chinese characters on a button ("注 册"), so names are matched loosely.
export const twoChars = (text: string) => new RegExp(`^\\s*${text[0]}\\s*${text[1]}\\s*$`);

/** Waits like a person would (pages load lazily; the machine may be busy): up to 15 s. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

export async function logIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('身份证号 / 手机号 / 用户名').fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: twoChars('登录') }).click();
  await page.waitForURL(/\/app(\/|$|\?)/);
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(/\/login/);
  await poll(() => page.getByRole('heading', { name: '登录职评' }).isVisible()).toBe(true);
}

/** Chooses `option` in the antd Select labelled `label` (typing `search` first when given). */
export async function pickOption(page: Page, label: string, option: string, search?: string) {
  const combobox = page.getByLabel(label, { exact: true });
  await combobox.click();
  if (search) await combobox.fill(search);
  // antd renders the visible options as .ant-select-item-option with the label as text.
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The demo's practice campaigns are copies of the notices moved to the current Beijing year. */
export const PRACTICE_YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** The API through a browser context: its cookies, and the CSRF double-submit header on unsafe methods; JSON or one multipart file. */
export async function call(
  context: BrowserContext,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  options: { data?: unknown; file?: { name: string; buffer: Buffer } } = {},
): Promise<APIResponse> {
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

/** The JSON body of a successful (2xx) response; fails the test with the URL and body otherwise. */
export async function ok<T>(response: Promise<APIResponse>): Promise<T> {
  const r = await response;
  expect(r.status(), `${r.url()}: ${await r.text()}`).toBeLessThan(300);
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Clicks `button` and returns the file the page saved (the download event, as a person's browser saves it). */
export async function downloadFrom(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

const run = promisify(execFile);

/** Runs a poppler tool (pdftotext, pdftoppm), saying what to install when it is missing. */
export async function poppler(tool: 'pdftotext' | 'pdftoppm', args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 32 * 1024 * 1024 })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is not installed (Debian: apt-get install poppler-utils)`);
    throw error;
  }
}
