// security.md, "Identity and sessions": session tokens, timeouts, logout and password change,
// cookie flags, CSRF on every state-changing route, the TOTP second factor and its enrolment.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { hashSessionToken } from '../../src/server/auth/session-store.js';
import { base32Decode, totpCode } from '../../src/server/crypto/totp.js';
import { sessions, users } from '../../src/server/db/schema.js';
import { createOrgTree, createUser, currentTotp, TEST_PASSWORD, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { clientFor, concreteUrl, expectCleanError, strongPassword } from './support.js';

let t: TestContext;
let org: TestOrgTree;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
});
afterAll(() => t.close());

/** The Set-Cookie line for `name`, or undefined. */
function setCookie(response: TestResponse, name: string): string | undefined {
  const raw = response.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return lines.find((l) => l.startsWith(`${name}=`));
}

const attrs = (line: string) => line.split(';').slice(1).map((a) => a.trim().toLowerCase());

async function sessionRow(token: string) {
  return (await t.services.db.select().from(sessions).where(eq(sessions.tokenHash, hashSessionToken(token))))[0];
}

async function age(token: string, column: 'last_seen_at' | 'expires_at', interval: string) {
  await t.services.db.execute(sql`update sessions set ${sql.raw(column)} = now() - ${interval}::interval where token_hash = ${hashSessionToken(token)}`);
}

describe('session tokens', () => {
  it('are ≥ 128-bit random values, new at every log-in, and an attacker-chosen cookie is never adopted', async () => {
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    const client = new TestClient(t.app);
    client.cookies.set('zp_sid', 'attacker-chosen-session-id-0000000000000000');
    expect((await client.get('/api/me')).statusCode, 'unknown token is not a session').toBe(401);

    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await client.login(user.username, user.password);
      expect(response.statusCode).toBe(200);
      tokens.push(client.sessionToken!);
    }
    expect(tokens[0]).not.toBe('attacker-chosen-session-id-0000000000000000');
    const bytes = tokens.map((tk) => Buffer.from(tk, 'base64url'));
    const bits = Math.min(...bytes.map((b) => b.length * 8));
    let ones = 0;
    for (const b of bytes) for (const byte of b) for (let i = 0; i < 8; i++) ones += (byte >> i) & 1;
    const total = bytes.reduce((n, b) => n + b.length * 8, 0);
    console.log(`[session tokens: logins / distinct / bits each / share of 1-bits = ${tokens.length} / ${new Set(tokens).size} / ${bits} / ${(ones / total).toFixed(3)}]`);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(bits).toBeGreaterThanOrEqual(128);
    for (const tk of tokens) expect(tk).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ones / total).toBeGreaterThan(0.45);
    expect(ones / total).toBeLessThan(0.55);
  });

  it('are stored only as their SM3 hash: no sessions row contains a cookie value', async () => {
    const { client, user } = await signIn(t, 'applicant', org.unitId);
    const token = client.sessionToken!;
    const row = await sessionRow(token);
    expect(row.userId).toBe(user.id);
    expect(row.tokenHash).not.toBe(token);
    const leaked = await t.services.db.execute<{ n: number }>(sql`select count(*)::int as n from sessions s where position(${token} in s::text) > 0`);
    expect(leaked.rows[0].n).toBe(0);
    const mine = await t.services.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain(token);
  });
});

describe('timeouts', () => {
  it('idle timeout is 30 minutes for applicants and staff', async () => {
    for (const role of ['applicant', 'unit_reviewer'] as Role[]) {
      const { client } = await signIn(t, role, org.unitId);
      const token = client.sessionToken!;
      expect((await sessionRow(token)).idleTimeoutSeconds, role).toBe(1800);
      await age(token, 'last_seen_at', '29 minutes');
      expect((await client.get('/api/me')).statusCode, `${role}: 29 min idle`).toBe(200);
      expect(Date.now() - (await sessionRow(token)).lastSeenAt.getTime(), 'activity refreshes last_seen_at').toBeLessThan(60_000);
      await age(token, 'last_seen_at', '30 minutes 1 second');
      expect((await client.get('/api/me')).statusCode, `${role}: 30 min idle`).toBe(401);
      expect(await sessionRow(token), 'the expired session is deleted').toBeUndefined();
    }
  });

  it('idle timeout is 15 minutes for the three administrators', async () => {
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as Role[]) {
      const { client } = await signIn(t, role);
      const token = client.sessionToken!;
      expect((await sessionRow(token)).idleTimeoutSeconds, role).toBe(900);
      await age(token, 'last_seen_at', '14 minutes');
      expect((await client.get('/api/me')).statusCode, `${role}: 14 min idle`).toBe(200);
      await age(token, 'last_seen_at', '15 minutes 1 second');
      expect((await client.get('/api/me')).statusCode, `${role}: 15 min idle`).toBe(401);
    }
  });

  it('absolute lifetime is 12 hours, and activity does not extend it', async () => {
    const { client } = await signIn(t, 'applicant', org.unitId);
    const token = client.sessionToken!;
    const row = await sessionRow(token);
    expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000).toBeCloseTo(12 * 3600, -1);
    await age(token, 'last_seen_at', '5 minutes');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await sessionRow(token)).expiresAt.getTime(), 'activity leaves expires_at alone').toBe(row.expiresAt.getTime());
    // An active session (seen a second ago) past its absolute deadline is over.
    await t.services.db.execute(sql`update sessions set last_seen_at = now(), expires_at = now() - interval '1 second' where token_hash = ${hashSessionToken(token)}`);
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect(await sessionRow(token)).toBeUndefined();
  });

  it('the session cookie lives no longer than the absolute lifetime', async () => {
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    const response = await new TestClient(t.app).login(user.username, user.password);
    const line = setCookie(response, 'zp_sid')!;
    expect(attrs(line)).toContain('max-age=43200');
  });
});

describe('logout and password change end server sessions', () => {
  it('logout deletes the server session: the old cookie gets 401, and the cookie is cleared', async () => {
    const { client, user } = await signIn(t, 'applicant', org.unitId);
    const other = new TestClient(t.app);
    expect((await other.login(user.username, user.password)).statusCode).toBe(200);
    const token = client.sessionToken!;
    const response = await client.post('/api/auth/logout');
    expect(response.statusCode).toBe(204);
    const cleared = setCookie(response, 'zp_sid')!;
    expect(cleared).toMatch(/^zp_sid=;/);
    expect(attrs(cleared).some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
    expect(await sessionRow(token)).toBeUndefined();
    const replay = new TestClient(t.app);
    replay.cookies.set('zp_sid', token);
    expect((await replay.get('/api/me')).statusCode).toBe(401);
    expect((await other.get('/api/me')).statusCode, 'another device of the same person stays logged in').toBe(200);
  });

  it('password change ends this session and every other session of the account, not other people’s', async () => {
    const { client: a, user } = await signIn(t, 'applicant', org.unitId);
    const b = new TestClient(t.app);
    expect((await b.login(user.phone, user.password)).statusCode).toBe(200);
    const { client: stranger } = await signIn(t, 'applicant', org.unitId);
    const oldA = a.sessionToken!;
    const newPassword = strongPassword();
    const response = await a.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword });
    expect(response.statusCode).toBe(204);
    expect(setCookie(response, 'zp_sid')).toMatch(/^zp_sid=;/);
    const replay = new TestClient(t.app);
    replay.cookies.set('zp_sid', oldA);
    expect((await replay.get('/api/me')).statusCode, 'old cookie of the changing device').toBe(401);
    expect((await b.get('/api/me')).statusCode, 'other device').toBe(401);
    expect(await t.services.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await stranger.get('/api/me')).statusCode, 'someone else').toBe(200);
    expect((await new TestClient(t.app).login(user.username, TEST_PASSWORD)).statusCode, 'old password').toBe(401);
    expect((await new TestClient(t.app).login(user.username, newPassword)).statusCode, 'new password').toBe(200);
  });
});

describe('cookie flags', () => {
  async function loginCookies(ctx: TestContext, headers: Record<string, string> = {}) {
    const user = await createUser(ctx.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    const client = new TestClient(ctx.app);
    const csrf = await client.request('GET', '/api/auth/csrf', { headers });
    const login = await client.request('POST', '/api/auth/login', { body: { identifier: user.username, password: user.password }, headers });
    expect(login.statusCode).toBe(200);
    return { session: attrs(setCookie(login, 'zp_sid')!), csrf: attrs(setCookie(csrf, 'zp_csrf')!), hsts: login.headers['strict-transport-security'] };
  }

  it('session cookie: HttpOnly, SameSite=Strict, Path=/; CSRF cookie readable by the page but SameSite=Strict', async () => {
    const { session, csrf } = await loginCookies(t);
    expect(session).toContain('httponly');
    expect(session).toContain('samesite=strict');
    expect(session).toContain('path=/');
    expect(session.some((a) => a.startsWith('domain='))).toBe(false);
    expect(csrf).toContain('samesite=strict');
    expect(csrf).not.toContain('httponly');
  });

  it('over plain HTTP there is no Secure flag, and a forged X-Forwarded-Proto does not count without TRUST_PROXY', async () => {
    const plain = await loginCookies(t);
    expect(plain.session).not.toContain('secure');
    const forged = await loginCookies(t, { 'x-forwarded-proto': 'https' });
    expect(forged.session).not.toContain('secure');
    expect(forged.hsts).toBeUndefined();
  });

  it('behind a trusted proxy an HTTPS request gets Secure cookies and HSTS', async () => {
    const proxied = await createTestApp({ config: { trustProxy: true } });
    try {
      const https = await loginCookies(proxied, { 'x-forwarded-proto': 'https' });
      expect(https.session).toContain('secure');
      expect(https.csrf).toContain('secure');
      expect(https.hsts).toMatch(/max-age=\d{8,}/);
      const http = await loginCookies(proxied, { 'x-forwarded-proto': 'http' });
      expect(http.session).not.toContain('secure');
    } finally {
      await proxied.close();
    }
  });

  it('COOKIE_SECURE=always sets Secure whatever the request says', async () => {
    const always = await createTestApp({ config: { cookieSecure: 'always' } });
    try {
      const cookies = await loginCookies(always);
      expect(cookies.session).toContain('secure');
      expect(cookies.session).toContain('httponly');
      expect(cookies.session).toContain('samesite=strict');
      expect(cookies.csrf).toContain('secure');
    } finally {
      await always.close();
    }
  });
});

describe('CSRF', () => {
  it('every state-changing route refuses a request without the token or with a wrong one (403 CSRF) [unsafe routes / refused = N / N]', async () => {
    const unsafe = t.app.routeCatalogue.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    expect(unsafe.length).toBeGreaterThan(10);
    const refusals: string[] = [];
    const csrfError = (r: TestResponse) => r.statusCode === 403 && r.json().error?.code === 'CSRF';
    for (const route of unsafe) {
      const label = `${route.method} ${route.url}`;
      const url = concreteUrl(route.url);
      const client = await clientFor(t, route.access, org);
      await client.get('/api/auth/csrf');
      const token = client.cookies.get('zp_csrf')!;
      const body = route.method === 'DELETE' ? undefined : {};
      const attempts: [string, TestResponse][] = [
        ['no header', await client.request(route.method, url, { body, csrf: false })],
        ['wrong header', await client.request(route.method, url, { body, csrf: false, headers: { 'x-csrf-token': token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA') } })],
        ['empty header', await client.request(route.method, url, { body, csrf: false, headers: { 'x-csrf-token': '' } })],
      ];
      // The header alone (say, copied from an old page) is not enough without the matching cookie.
      const cookieless = new TestClient(t.app);
      for (const [k, v] of client.cookies) if (k !== 'zp_csrf') cookieless.cookies.set(k, v);
      attempts.push(['header without cookie', await cookieless.request(route.method, url, { body, csrf: false, headers: { 'x-csrf-token': token } })]);
      for (const [how, response] of attempts) {
        expect(csrfError(response), `${label} (${how}): ${response.statusCode} ${response.body}`).toBe(true);
        expectCleanError(response, label);
      }
      refusals.push(label);
      // With the right token the same request is not refused for CSRF (it may fail for other reasons).
      if (route.url !== '/api/audit/verify') {
        const control = await client.request(route.method, url, { body });
        expect(csrfError(control), `${label} with the token`).toBe(false);
      }
    }
    console.log(`[unsafe routes / refused without token, wrong token, empty token, token without cookie = ${unsafe.length} / ${refusals.length}]`);
    expect(refusals).toHaveLength(unsafe.length);
  });

  it('a refused CSRF request changes nothing: the unlock does not happen', async () => {
    const victim = await createUser(t.services, { role: 'applicant', orgId: org.unitId });
    await t.services.db.execute(sql`update users set locked_until = now() + interval '30 minutes' where id = ${victim.id}`);
    const { client } = await signIn(t, 'security_admin');
    const response = await client.request('POST', `/api/security/users/${victim.id}/unlock`, { csrf: false });
    expect(response.statusCode).toBe(403);
    const [row] = await t.services.db.select({ l: users.lockedUntil }).from(users).where(eq(users.id, victim.id));
    expect(row.l).not.toBeNull();
  });
});

describe('second factor (TOTP)', () => {
  // What a staff account may reach before enrolling its second factor: an allow-list on purpose, so
  // a new route marked duringTotpEnrolment has to be added here by someone who meant it.
  const ENROLMENT_ROUTES = new Set(['GET /api/me', 'POST /api/me/password', 'POST /api/me/totp/setup', 'POST /api/me/totp/enable', 'POST /api/auth/logout']);

  it('staff without TOTP are forced to enrol: every other route answers 403 TOTP_ENROLMENT_REQUIRED [routes / refused = N / N]', async () => {
    let refused = 0;
    let tried = 0;
    for (const role of ['system_admin', 'unit_reviewer'] as Role[]) {
      const user = await createUser(t.services, { role, orgId: role === 'unit_reviewer' ? org.unitId : null });
      const client = new TestClient(t.app);
      const login = await client.login(user.username, user.password);
      expect(login.statusCode).toBe(200);
      expect(login.json().mustEnrolTotp).toBe(true);
      for (const route of t.app.routeCatalogue) {
        const label = `${route.method} ${route.url}`;
        if (route.access === 'public' || ENROLMENT_ROUTES.has(label)) continue;
        tried++;
        const response = await client.request(route.method, concreteUrl(route.url), { body: ['POST', 'PATCH'].includes(route.method) ? {} : undefined });
        expect(response.statusCode, `${role} ${label}`).toBe(403);
        expect(response.json().error.code, `${role} ${label}`).toBe('TOTP_ENROLMENT_REQUIRED');
        expectCleanError(response, label);
        refused++;
      }
      expect((await client.get('/api/me')).statusCode).toBe(200);
    }
    console.log(`[staff without TOTP: routes tried / refused until enrolled = ${tried} / ${refused}]`);
    expect(refused).toBe(tried);
  });

  it('enrolment: setup gives a secret, an otpauth URL and a QR data URL; a wrong code is refused; the right one enables; setup cannot re-key', async () => {
    const user = await createUser(t.services, { role: 'system_admin' });
    const client = new TestClient(t.app);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
    const setup = await client.post('/api/me/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(base32Decode(secret).length * 8).toBeGreaterThanOrEqual(160);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const params = new URL(otpauthUrl).searchParams;
    expect(params.get('secret')).toBe(secret);
    expect(params.get('issuer')).toBe('职评');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(Buffer.from(qrDataUrl.split(',')[1], 'base64').subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [row] = await t.services.db.select({ enc: users.totpSecretEnc, enabled: users.totpEnabled }).from(users).where(eq(users.id, user.id));
    expect(row.enabled).toBe(false);
    expect(row.enc).not.toContain(secret);
    expect(t.services.cipher.decrypt(row.enc!)).toBe(secret);

    const code = totpCode(secret, Date.now());
    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await client.post('/api/me/totp/enable', { code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(expectCleanError(refused).message).toMatch(/验证码/);
    expect((await client.get('/api/admin/orgs')).statusCode, 'still not enrolled').toBe(403);

    expect((await client.post('/api/me/totp/enable', { code })).statusCode).toBe(204);
    expect((await client.get('/api/admin/orgs')).statusCode, 'enrolled').toBe(200);
    expect((await client.get('/api/me')).json()).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });
    const again = await client.post('/api/me/totp/setup');
    expect(again.statusCode, 'a session alone cannot replace the second factor').toBe(409);
    expect(again.body).not.toContain(secret);

    // The enabling code cannot be replayed to log in; the next step's code can, once.
    await client.post('/api/auth/logout');
    const replay = await new TestClient(t.app).login(user.username, user.password, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('INVALID_TOTP');
    const next = totpCode(secret, Date.now() + 30_000);
    expect((await new TestClient(t.app).login(user.username, user.password, next)).statusCode).toBe(200);
    const replayNext = await new TestClient(t.app).login(user.username, user.password, next);
    expect(replayNext.statusCode, 'the same code a second time').toBe(401);
    expect(replayNext.json().error.code).toBe('INVALID_TOTP');
  });

  it('staff with TOTP: no code → 401 TOTP_REQUIRED and no session; a code from two steps ago is refused', async () => {
    const user = await createUser(t.services, { role: 'audit_admin', totp: true });
    const client = new TestClient(t.app);
    const first = await client.login(user.username, user.password);
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('TOTP_REQUIRED');
    expect(setCookie(first, 'zp_sid')).toBeUndefined();
    const stale = totpCode(user.totpSecret!, Date.now() - 90_000);
    const old = await client.login(user.username, user.password, stale === currentTotp(user) ? '000000' : stale);
    expect(old.statusCode).toBe(401);
    expect((await client.login(user.username, user.password, currentTotp(user))).statusCode).toBe(200);
  });

  it('demo accounts skip TOTP only in demo mode; ordinary staff must enrol even in demo mode', async () => {
    // Same database and master key as the production-mode app: only the demo flag differs.
    const demo = await createTestApp({ demo: true, config: { masterKeyHex: t.services.config.masterKeyHex } });
    try {
      const demoStaff = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId, isDemo: true });
      const realStaff = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId });

      const inDemo = new TestClient(demo.app);
      const login = await inDemo.login(demoStaff.username, demoStaff.password);
      expect(login.statusCode).toBe(200);
      expect(login.json().mustEnrolTotp).toBe(false);
      expect((await inDemo.get('/api/unit/memberships')).statusCode).toBe(200);

      const inProduction = new TestClient(t.app);
      const prodLogin = await inProduction.login(demoStaff.username, demoStaff.password);
      expect(prodLogin.statusCode).toBe(200);
      expect(prodLogin.json().mustEnrolTotp).toBe(true);
      const refused = await inProduction.get('/api/unit/memberships');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');

      // Ordinary staff get no exemption from demo mode.
      const realInDemo = new TestClient(demo.app);
      expect((await realInDemo.login(realStaff.username, realStaff.password)).json().mustEnrolTotp).toBe(true);
      expect((await realInDemo.get('/api/unit/memberships')).json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
    } finally {
      await demo.close();
    }
  });
});
