// Rate limits with the production settings (DEFAULT_RATE_LIMITS): log-in per identifier and per
// IP, SMS codes per phone and per IP, registration per IP, TOTP attempts per account, the public
// 评审表 verification per IP. Each TestClient has its own random IP, so one client is one address.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/server/crypto/totp.js';
import { DEFAULT_RATE_LIMITS } from '../../src/server/http/rate-limit.js';
import { createOrgTree, createUser, currentTotp, randomPhone, type TestOrgTree } from '../factories.js';
import { createTestApp, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { expectCleanError, resetLockout, toFullWidth, validRegistration } from './support.js';

let t: TestContext;
let org: TestOrgTree;
beforeAll(async () => {
  t = await createTestApp({ rateLimits: DEFAULT_RATE_LIMITS });
  org = await createOrgTree(t.services);
});
afterAll(() => t.close());

function expectRateLimited(response: TestResponse, label: string): void {
  expect(response.statusCode, label).toBe(429);
  const error = expectCleanError(response, label);
  expect(error.code).toBe('RATE_LIMITED');
  expect(error.message).toMatch(/频繁/);
  expect(response.headers['content-security-policy'], label).toBeTruthy();
}

const applicant = () => createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });

describe('log-in', () => {
  it(`per identifier: ${DEFAULT_RATE_LIMITS.loginPerIdentifier.limit} a minute from any number of addresses, however the identifier is spelled`, async () => {
    const user = await applicant();
    const limit = DEFAULT_RATE_LIMITS.loginPerIdentifier.limit;
    for (let i = 0; i < limit; i++) {
      const spelling = i % 2 ? user.username.toUpperCase() : ` ${toFullWidth(user.username)} `;
      expect((await new TestClient(t.app).login(spelling, user.password)).statusCode, `attempt ${i + 1}`).toBe(200);
    }
    expectRateLimited(await new TestClient(t.app).login(user.username, user.password), 'one more, right password, new address');
    // Another account is not affected.
    const other = await applicant();
    expect((await new TestClient(t.app).login(other.username, other.password)).statusCode).toBe(200);
    // The window passes: move it into the past as a minute would.
    const key = `login:id:${t.services.cipher.blindIndex(`username:${user.username}`)}`;
    const moved = await t.services.db.execute(sql`update rate_limits set window_start = now() - interval '61 seconds' where key = ${key}`);
    expect(moved.rowCount, 'the identifier counter is keyed by the blind index of the normalised identifier').toBe(1);
    expect((await new TestClient(t.app).login(user.username, user.password)).statusCode, 'after the window').toBe(200);
  });

  it(`per IP: ${DEFAULT_RATE_LIMITS.loginPerIp.limit} a minute, across accounts; another address is not affected`, async () => {
    const limit = DEFAULT_RATE_LIMITS.loginPerIp.limit;
    const perAccount = DEFAULT_RATE_LIMITS.loginPerIdentifier.limit;
    const accounts = await Promise.all(Array.from({ length: Math.ceil(limit / perAccount) + 1 }, applicant));
    const client = new TestClient(t.app);
    for (let i = 0; i < limit; i++) {
      const user = accounts[Math.floor(i / perAccount)];
      expect((await client.login(user.username, user.password)).statusCode, `attempt ${i + 1}`).toBe(200);
    }
    const fresh = accounts[accounts.length - 1];
    expectRateLimited(await client.login(fresh.username, fresh.password), 'one more from the same address');
    // The limit is checked before the account is looked up: an unknown name gets the same 429.
    expectRateLimited(await client.login('nobody-here-zz', 'Wrong#Passw0rd-1'), 'unknown account');
    expect((await new TestClient(t.app).login(fresh.username, fresh.password)).statusCode, 'another address').toBe(200);
  });
});

describe('SMS codes', () => {
  it('per phone: a second code within 60 seconds is refused, from any address', async () => {
    const phone = randomPhone();
    expect((await new TestClient(t.app).post('/api/auth/sms-code', { phone, purpose: 'register' })).statusCode).toBe(200);
    expectRateLimited(await new TestClient(t.app).post('/api/auth/sms-code', { phone: `+86${phone}`, purpose: 'register' }), 'same phone, +86, new address');
    expect((await new TestClient(t.app).post('/api/auth/sms-code', { phone: randomPhone(), purpose: 'register' })).statusCode, 'another phone').toBe(200);
    const outbox = await t.services.db.execute<{ n: number }>(sql`select count(*)::int as n from sms_codes where phone_index = ${t.services.cipher.blindIndex(phone)}`);
    expect(outbox.rows[0].n, 'only one code was issued').toBe(1);
  });

  it(`per IP: ${DEFAULT_RATE_LIMITS.smsPerIp.limit} an hour, across phones`, async () => {
    const client = new TestClient(t.app);
    for (let i = 0; i < DEFAULT_RATE_LIMITS.smsPerIp.limit; i++) {
      expect((await client.post('/api/auth/sms-code', { phone: randomPhone(), purpose: 'register' })).statusCode, `code ${i + 1}`).toBe(200);
    }
    expectRateLimited(await client.post('/api/auth/sms-code', { phone: randomPhone(), purpose: 'register' }), 'one more from the same address');
    expect((await new TestClient(t.app).post('/api/auth/sms-code', { phone: randomPhone(), purpose: 'register' })).statusCode, 'another address').toBe(200);
  });
});

describe('registration', () => {
  it(`per IP: ${DEFAULT_RATE_LIMITS.registerPerIp.limit} attempts an hour, refused or not; then even a valid registration is refused`, async () => {
    const client = new TestClient(t.app);
    for (let i = 0; i < DEFAULT_RATE_LIMITS.registerPerIp.limit; i++) {
      const body = await validRegistration(t, org.unitId, { name: '<b>x</b>' });
      expect((await client.post('/api/auth/register', body)).statusCode, `attempt ${i + 1}`).toBe(400);
    }
    const valid = await validRegistration(t, org.unitId);
    expectRateLimited(await client.post('/api/auth/register', valid), 'valid registration from the same address');
    expect((await new TestClient(t.app).post('/api/auth/register', valid)).statusCode, 'the same registration from another address').toBe(201);
  });
});

describe('TOTP', () => {
  const limit = DEFAULT_RATE_LIMITS.totpPerUser.limit;

  it(`per account when enrolling: ${limit} codes in 5 minutes, then even the right code is refused`, async () => {
    const user = await createUser(t.services, { role: 'system_admin' });
    const client = new TestClient(t.app);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
    const { secret } = (await client.post('/api/me/totp/setup')).json();
    const right = totpCode(secret, Date.now());
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < limit; i++) expect((await client.post('/api/me/totp/enable', { code: wrong })).statusCode, `guess ${i + 1}`).toBe(400);
    expectRateLimited(await client.post('/api/me/totp/enable', { code: right }), 'the right code after the limit');
    expect((await client.get('/api/me')).json().totpEnabled).toBe(false);
  });

  it(`per account at log-in: ${limit} codes in 5 minutes even when the lock-out is cleared in between`, async () => {
    const user = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId, totp: true });
    const right = currentTotp(user);
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < limit; i++) {
      // An administrator unlocking the account (or 30 minutes passing) does not reset the TOTP budget.
      if (i % 4 === 0) await resetLockout(t, user.id);
      const response = await new TestClient(t.app).login(user.username, user.password, wrong);
      expect(response.statusCode, `guess ${i + 1}`).toBe(401);
      expect(response.json().error.code).toBe('INVALID_TOTP');
    }
    await resetLockout(t, user.id);
    expectRateLimited(await new TestClient(t.app).login(user.username, user.password, right), 'the right code after the limit');
  });
});

describe('评审表 verification', () => {
  const limit = DEFAULT_RATE_LIMITS.verifyPerIp.limit;
  const verify = (client: TestClient, code: string) => client.get(`/api/public/review-forms/${encodeURIComponent(code)}`);

  it(`per IP: ${limit} look-ups a minute, found or not; then refused in Chinese; another address is not affected`, async () => {
    const client = new TestClient(t.app);
    // Well-formed codes that match no form: each one is a database look-up, so each one counts.
    const digits = '23456789';
    for (let i = 0; i < limit; i++) expect((await verify(client, `ABCD-EF${digits[i % 8]}${digits[i >> 3]}`)).statusCode, `look-up ${i + 1}`).toBe(404);
    const refused = await verify(client, '7KQ2-M9XF');
    expectRateLimited(refused, 'one more from the same address');
    expect(refused.json().error.message).toBe('核验评审表过于频繁，请 1 分钟后再试');
    // A malformed code is refused before the limit is counted or the database is asked.
    expect((await verify(client, 'not-a-code')).statusCode).toBe(400);
    expect((await verify(new TestClient(t.app), '7KQ2-M9XF')).statusCode, 'another address').toBe(404);
    // The window passes: move it into the past as a minute would.
    const moved = await t.services.db.execute(sql`update rate_limits set window_start = now() - interval '61 seconds' where key = ${`verify:ip:${client.ip}`}`);
    expect(moved.rowCount, 'the counter is keyed by the client address').toBe(1);
    expect((await verify(client, '7KQ2-M9XF')).statusCode, 'after the window').toBe(404);
  });
});
