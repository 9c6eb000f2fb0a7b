// security.md, "Bad input" (security headers), "Crypto" (known-answer tests at start-up) and
// "Access control" (deny by default): headers on every kind of response, the SM3/SM4 self-test
// stopping a broken build from starting, every route declaring its access, health and OpenAPI.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { checkKnownAnswers, nodeSmPrimitives, type SmPrimitives } from '../../src/server/crypto/sm.js';
import { PERMISSIONS } from '../../src/server/policies/permissions.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { expectCleanError } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let t: TestContext;
let org: TestOrgTree;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
});
afterAll(() => t.close());

function cspOf(response: TestResponse): string {
  return String(response.headers['content-security-policy'] ?? '');
}

function expectSecurityHeaders(response: TestResponse, label: string): void {
  const csp = cspOf(response);
  expect(csp, `${label}: CSP`).not.toBe('');
  for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(csp, `${label}: CSP ${directive}`).toContain(directive);
  }
  expect(csp, `${label}: CSP`).not.toContain('unsafe-inline');
  expect(csp, `${label}: CSP`).not.toContain('unsafe-eval');
  expect(csp, `${label}: CSP script-src`).not.toMatch(/script-src[^;]*(\*|https?:|data:)/);
  expect(response.headers['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
  expect(response.headers['x-frame-options'], `${label}: X-Frame-Options`).toBe('DENY');
  expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], `${label}: Referrer-Policy`).toContain(response.headers['referrer-policy']);
  expect(response.headers['x-powered-by'], `${label}: no X-Powered-By`).toBeUndefined();
}

describe('security headers', () => {
  it('are on every kind of response: API JSON, personal data, errors, 404s, HTML pages, downloads, OpenAPI, docs [response kinds / with all headers = N / N]', async () => {
    const { client: applicant } = await signIn(t, 'applicant', org.unitId);
    const { client: sysadmin } = await signIn(t, 'system_admin');
    const anonymous = new TestClient(t.app);
    const kinds: { label: string; response: TestResponse; api: boolean }[] = [
      { label: 'API JSON (health)', response: await anonymous.get('/api/health'), api: true },
      { label: 'personal data (/api/me)', response: await applicant.get('/api/me'), api: true },
      { label: 'personal data (membership queue)', response: await (await signIn(t, 'unit_reviewer', org.unitId)).client.get('/api/unit/memberships'), api: true },
      { label: 'admin list', response: await sysadmin.get(`/api/admin/users?q=${encodeURIComponent('nobody-zz')}`), api: true },
      { label: '400 validation error', response: await anonymous.post('/api/auth/login', {}), api: true },
      { label: '401', response: await anonymous.get('/api/me'), api: true },
      { label: '401 bad credentials', response: await anonymous.login('nobody-zz', 'Wrong#Passw0rd-1'), api: true },
      { label: '403 CSRF', response: await anonymous.request('POST', '/api/auth/login', { body: {}, csrf: false }), api: true },
      { label: '403 forbidden', response: await applicant.get('/api/admin/orgs'), api: true },
      { label: '404 API', response: await anonymous.get('/api/no-such-thing'), api: true },
      { label: '404 other', response: await anonymous.get('/wp-login.php'), api: false },
      { label: '404 asset', response: await anonymous.get('/assets/../../etc/passwd'), api: false },
      { label: '400 undecodable URL', response: await anonymous.get('/api/public/prefectures/%E0%A4%A/units'), api: true },
      { label: '414 overlong parameter', response: await anonymous.get(`/api/public/prefectures/${'a'.repeat(300)}/units`), api: true },
      { label: '413 body too large', response: await anonymous.request('POST', '/api/auth/login', { payload: JSON.stringify({ identifier: 'x'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } }), api: true },
      { label: 'HTML page /', response: await anonymous.get('/'), api: false },
      { label: 'HTML page /login', response: await anonymous.get('/login'), api: false },
      { label: 'HTML page /app/deep/link', response: await anonymous.get('/app/deep/link'), api: false },
      { label: 'xlsx download', response: await sysadmin.get('/api/admin/orgs/template.xlsx'), api: true },
      { label: '/api/openapi.json', response: await anonymous.get('/api/openapi.json'), api: true },
      { label: 'API docs', response: await anonymous.get('/api/docs/static/index.html'), api: true },
      { label: 'HEAD request', response: await anonymous.request('HEAD', '/api/health'), api: true },
    ];
    let complete = 0;
    for (const { label, response, api } of kinds) {
      expect(response.statusCode, label).toBeLessThan(500);
      expectSecurityHeaders(response, label);
      // Nothing under /api/ is kept by a browser or proxy cache (personal data, tokens).
      if (api) expect(response.headers['cache-control'], `${label}: Cache-Control`).toBe('no-store');
      if (response.statusCode >= 400 && response.body) expectCleanError(response, label);
      complete++;
    }
    console.log(`[security headers: response kinds / with all headers = ${kinds.length} / ${complete}]`);
    expect(complete).toBe(kinds.length);
  });

  it('HSTS is sent only over HTTPS (behind a trusted proxy), never over plain HTTP', async () => {
    expect((await new TestClient(t.app).get('/api/health')).headers['strict-transport-security']).toBeUndefined();
    const proxied = await createTestApp({ config: { trustProxy: true } });
    try {
      const response = await new TestClient(proxied.app).get('/api/health', { 'x-forwarded-proto': 'https' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=(\d+)/);
      expect(Number(/max-age=(\d+)/.exec(String(response.headers['strict-transport-security']))![1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
    } finally {
      await proxied.close();
    }
  });

  it('each HTML page gets a fresh ≥128-bit CSP nonce, substituted for the placeholder in the page', async () => {
    const pages = await Promise.all(['/', '/register', '/app/review'].map((url) => new TestClient(t.app).get(url)));
    const nonces = pages.map((p) => {
      const match = /style-src 'self' 'nonce-([^']+)'/.exec(cspOf(p));
      expect(match, 'style-src carries a nonce').not.toBeNull();
      return match![1];
    });
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const n of nonces) expect(n).toMatch(/^[0-9a-f]{32,}$/);
    const built = path.join(root, 'dist/web/index.html');
    const template = existsSync(built) ? readFileSync(built, 'utf8') : '';
    pages.forEach((page, i) => {
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body, 'no placeholder left').not.toContain('__CSP_NONCE__');
      // When the built page has placeholders (dist/web is built), each becomes this request's nonce.
      const placeholders = template.split('__CSP_NONCE__').length - 1;
      expect(page.body.split(nonces[i]).length - 1, 'nonce substituted for every placeholder').toBe(placeholders);
    });
    console.log(`[HTML pages: nonces distinct = ${new Set(nonces).size} / ${nonces.length}; placeholders in dist/web/index.html = ${template.split('__CSP_NONCE__').length - 1}${existsSync(built) ? '' : ' (not built)'}]`);
  });
});

describe('SM3/SM4 known-answer tests', () => {
  it('pass on this build and throw, naming the algorithm, for a broken implementation', () => {
    expect(() => checkKnownAnswers(nodeSmPrimitives)).not.toThrow();
    const flip = (b: Buffer) => Buffer.from(b.map((x, i) => (i === 0 ? x ^ 1 : x)));
    const broken: [string, Partial<SmPrimitives>, RegExp][] = [
      ['SM3', { sm3Hex: (d) => nodeSmPrimitives.sm3Hex(Buffer.concat([Buffer.from(d), Buffer.from([0])])) }, /SM3/],
      ['SM4-ECB', { sm4EcbEncryptBlocks: (k, b) => flip(nodeSmPrimitives.sm4EcbEncryptBlocks(k, b)) }, /SM4-ECB/],
      ['HMAC-SM3', { hmacSm3: (k, d) => flip(nodeSmPrimitives.hmacSm3(k, d)) }, /HMAC-SM3/],
      ['SM4-CBC', { sm4CbcDecrypt: (k, iv, c) => flip(nodeSmPrimitives.sm4CbcDecrypt(k, iv, c)) }, /SM4-CBC/],
    ];
    for (const [name, override, message] of broken) expect(() => checkKnownAnswers({ ...nodeSmPrimitives, ...override }), name).toThrow(message);
  });

  /** Runs src/server/main.ts with a valid configuration and an unreachable database. */
  function startServer(preload: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhiping-kat-'));
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'src/server/main.ts'], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ZHIPING_MASTER_KEY: randomBytes(32).toString('hex'),
          DATABASE_URL: 'postgres://zhiping@127.0.0.1:1/unreachable',
          DATA_DIR: dataDir,
          PORT: '0',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        rmSync(dataDir, { recursive: true, force: true });
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      });
    });
  }

  it('the server refuses to start when SM3 is wrong, before reading its configuration or touching a database', async () => {
    const breakSm3 = path.join(root, 'test/security/fixtures/break-sm3.mjs');
    const [broken, healthy] = await Promise.all([startServer([breakSm3]), startServer([])]);
    console.log(`[start-up with broken SM3: exit ${broken.code} in ${broken.ms} ms; with healthy SM3 it goes on to the database: exit ${healthy.code}]`);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('known-answer self-test failed, refusing to start');
    expect(broken.stderr).toContain('SM3');
    expect(broken.stdout + broken.stderr).not.toMatch(/ECONNREFUSED|embedded PostgreSQL|is running at/);
    // The control: the same start with a working SM3 passes the self-test and fails only later, on
    // the unreachable database — so the refusal above is the self-test's doing.
    expect(healthy.code).toBe(1);
    expect(healthy.stderr).not.toContain('known-answer');
    expect(healthy.stderr).toMatch(/ECONNREFUSED|start-up failed/);
  });

  it('main.ts runs the self-test first, before configuration, database, migrations or listening', () => {
    const source = readFileSync(path.join(root, 'src/server/main.ts'), 'utf8');
    const body = source.slice(source.indexOf('async function main()'));
    const at = (call: string) => body.indexOf(call);
    expect(at('runKnownAnswerTests()')).toBeGreaterThan(0);
    for (const later of ['loadConfig(', 'startEmbeddedDatabase(', 'migrateDatabase(', 'createServices(', 'buildApp(', '.listen(']) {
      expect(at(later), later).toBeGreaterThan(at('runKnownAnswerTests()'));
    }
  });
});

describe('deny by default', () => {
  it('a route without config.access stops the app from being built', async () => {
    const app = await buildApp(t.services);
    try {
      expect(() => app.get('/api/forgotten', async () => ({ secret: true }))).toThrow(/declares no access/);
      expect(() => app.post('/api/forgotten-too', { config: {} }, async () => ({ ok: true }))).toThrow(/declares no access/);
    } finally {
      await app.close().catch(() => {});
    }
    // The same inside a plugin: loading it fails, so the app never becomes ready.
    const second = await buildApp(t.services);
    const loading = (async () => {
      await second.register(async (plugin) => {
        plugin.delete('/api/plugin-route', async () => ({ deleted: true }));
      });
      await second.ready();
    })();
    await expect(loading).rejects.toThrow(/declares no access/);
    await second.close().catch(() => {});
  });

  // Everything anyone may call without logging in. A new public route must be added here on purpose.
  const PUBLIC_ALLOW_LIST = new Set([
    'GET /api/health',
    'GET /api/openapi.json',
    'GET /api/auth/csrf',
    'POST /api/auth/sms-code',
    'POST /api/auth/register',
    'POST /api/auth/login',
    'GET /api/public/prefectures',
    'GET /api/public/prefectures/:id/units',
    // Eligibility self-check: pure computation on what the caller sends, nothing stored or read
    // beyond the published campaign's rules (public-campaigns.ts).
    'POST /api/public/campaigns/:id/eligibility',
    // Certificate check by upload: reads the PDF, compares its signature and SM3 with the register,
    // answers genuine / revoked / tampered / unknown with the minimum fields; rate-limited.
    'POST /api/public/certificates/verify-pdf',
    'GET /',
    'GET /login',
    'GET /register',
    'GET /app',
    'GET /app/*',
    'GET /portal/*',
    'GET /verify',
    'GET /verify/*',
    'GET /assets/*',
    'GET /favicon.svg',
  ]);
  const isPublicAllowed = (method: string, url: string) =>
    PUBLIC_ALLOW_LIST.has(`${method} ${url}`) || (method === 'GET' && (url === '/api/docs' || url.startsWith('/api/docs/'))) || (method === 'GET' && url.startsWith('/api/public/'));

  it('every route in the catalogue declares a policy; the public ones are exactly the allow-list [routes / with policy / public / missing = N / N / N / 0]', () => {
    const catalogue = t.app.routeCatalogue;
    const known = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);
    const missing = catalogue.filter((r) => !r.access || !known.has(r.access));
    const publicRoutes = catalogue.filter((r) => r.access === 'public');
    const withPolicy = catalogue.filter((r) => r.access !== 'public' && known.has(r.access));
    console.log(`[routes / with policy / public / missing = ${catalogue.length} / ${withPolicy.length} / ${publicRoutes.length} / ${missing.length}]`);
    expect(missing).toEqual([]);
    expect(catalogue.length).toBeGreaterThan(30);
    const unexpected = publicRoutes.filter((r) => !isPublicAllowed(r.method, r.url)).map((r) => `${r.method} ${r.url}`);
    expect(unexpected, 'public routes not on the allow-list').toEqual([]);
    const present = new Set(publicRoutes.map((r) => `${r.method} ${r.url}`));
    expect([...PUBLIC_ALLOW_LIST].filter((k) => !present.has(k)), 'allow-list entries that no longer exist').toEqual([]);
    expect(publicRoutes.filter((r) => !['GET', 'POST'].includes(r.method))).toEqual([]);
  });

  it('every non-public route refuses an anonymous caller with 401 [non-public routes / refused = N / N]', async () => {
    const client = new TestClient(t.app);
    const guarded = t.app.routeCatalogue.filter((r) => r.access !== 'public');
    let refused = 0;
    for (const route of guarded) {
      const url = route.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const response = await client.request(route.method, url, { body: ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
      refused++;
    }
    console.log(`[non-public routes / refused anonymous = ${guarded.length} / ${refused}]`);
  });
});

describe('health and OpenAPI', () => {
  it('GET /api/health answers 200 with the database ok', async () => {
    const response = await new TestClient(t.app).get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET /api/openapi.json is OpenAPI 3 and lists every /api route of the catalogue [api routes / documented = N / N]', async () => {
    const response = await new TestClient(t.app).get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBeTruthy();
    const api = t.app.routeCatalogue.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
    const documented = api.filter((r) => doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()]);
    const undocumented = api.filter((r) => !documented.includes(r)).map((r) => `${r.method} ${r.url}`);
    console.log(`[api routes / documented = ${api.length} / ${documented.length}]`);
    expect(undocumented).toEqual([]);
    // Every documented operation exists, and each has a summary a reader can use.
    for (const [p, ops] of Object.entries<Record<string, { summary?: string }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(api.some((r) => r.method === method.toUpperCase() && r.url.replace(/:([A-Za-z]+)/g, '{$1}') === p), `${method} ${p}`).toBe(true);
        expect(op.summary, `${method} ${p} summary`).toBeTruthy();
      }
    }
  });
});
