// Shared helpers for the security suites: synthetic identities, SMS codes issued straight into the
// database, registration bodies, a client per access level, and the checks every error body must
// pass. Nothing here changes server behaviour.
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { normalisePhone } from '../../src/domain/identifiers.js';
import type { Role } from '../../src/domain/roles.js';
import { hashSmsCode } from '../../src/server/commands/auth/send-sms-code.js';
import { smsCodes } from '../../src/server/db/schema.js';
import { ROLE_SCOPE_KIND } from '../../src/domain/roles.js';
import { rolesFor, type RouteAccess } from '../../src/server/policies/permissions.js';
import { randomPhone, type TestOrgTree } from '../factories.js';
import { signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';

export const CHINESE = /[\u4e00-\u9fff]/;
/** What must never reach a client: stack frames, module paths, SQL and driver errors. */
export const LEAK_PATTERNS: RegExp[] = [/\bat [\w$.<>]+ \(/, /\bat \//, /node_modules/, /\bSELECT\b/i, /\bINSERT INTO\b/i, /syntax error/i, /\bpostgres\b/i, /Failed query/i, /\.ts:\d+/, /TypeError|ReferenceError/];

/** A strong password no test account shares by accident. */
export const strongPassword = () => `Zp#${randomBytes(6).toString('base64url')}-Qa7`;

/** A synthetic ID number (region 650102, Ürümqi Tianshan district) whose check character is X. */
export function idNumberEndingInX(region = '650102'): string {
  for (;;) {
    const year = 1970 + randomInt(0, 30);
    const month = String(randomInt(1, 13)).padStart(2, '0');
    const day = String(randomInt(1, 29)).padStart(2, '0');
    const id = makeIdNumber(`${region}${year}${month}${day}${String(randomInt(0, 1000)).padStart(3, '0')}`);
    if (id.endsWith('X')) return id;
  }
}

export const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Puts a valid registration code for `phone` straight into sms_codes (no SMS, no rate limit). */
export async function issueSmsCode(t: TestContext, phone: string): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const phoneIndex = t.services.cipher.blindIndex(normalisePhone(phone));
  await t.services.db.insert(smsCodes).values({
    phoneIndex,
    purpose: 'register',
    codeHash: hashSmsCode(phoneIndex, code),
    expiresAt: new Date(Date.now() + 10 * 60_000),
  });
  return code;
}

export interface RegistrationBody {
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  username?: string;
  password: string;
  unitId: string;
}

/** A complete, valid registration body with a fresh identity and a valid SMS code. */
export async function validRegistration(t: TestContext, unitId: string, overrides: Partial<RegistrationBody> = {}): Promise<RegistrationBody> {
  const phone = overrides.phone ?? randomPhone();
  return {
    name: '艾山江·亚生',
    idNumber: idNumberEndingInX(),
    phone,
    // Only the latest code of a phone counts: issue one only when none is given.
    smsCode: overrides.smsCode ?? (await issueSmsCode(t, phone)),
    username: `r${randomBytes(5).toString('hex')}`,
    password: strongPassword(),
    unitId,
    ...overrides,
  };
}

/** Every error body: `{ error: { code, message[, fields] } }`, Chinese message, nothing leaked. */
export function expectCleanError(response: TestResponse, label = ''): { code: string; message: string; fields?: { path: string; message: string }[] } {
  expect(response.statusCode, `${label} status`).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, `${label} status`).toBeLessThan(500);
  const body = response.json();
  expect(Object.keys(body), `${label} body keys`).toEqual(['error']);
  expect(typeof body.error.code, label).toBe('string');
  expect(body.error.message, `${label} message in Chinese`).toMatch(CHINESE);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'fields'], label).toContain(key);
  expectNoLeak(response.body, label);
  return body.error;
}

export function expectNoLeak(text: string, label = ''): void {
  for (const pattern of LEAK_PATTERNS) expect(pattern.test(text), `${label}: response matches ${pattern}`).toBe(false);
}

/** A role that passes `access` (deny-by-default catalogue → a caller that may call the route). */
export function roleFor(access: RouteAccess): Role | null {
  if (access === 'public') return null;
  if (access === 'authenticated') return 'applicant';
  return rolesFor(access)[0];
}

/** A logged-in (or anonymous, for public routes) client allowed through `access`. */
export async function clientFor(t: TestContext, access: RouteAccess, tree: TestOrgTree): Promise<TestClient> {
  const role = roleFor(access);
  if (role === null) return new TestClient(t.app);
  const scope = ROLE_SCOPE_KIND[role];
  const orgId = scope === 'unit' ? tree.unitId : scope === 'department' ? tree.departmentId : scope === 'prefecture' ? tree.prefectureId : null;
  return (await signIn(t, role, orgId)).client;
}

/** Replaces `:param` segments and a trailing `*` with harmless concrete values. */
export function concreteUrl(url: string, id = '00000000-0000-4000-8000-000000000000'): string {
  return url.replace(/:[A-Za-z]+/g, id).replace(/\*$/, 'x');
}

/** Clears a lock-out directly in the database (as the lock expiring would). */
export async function resetLockout(t: TestContext, userId: string): Promise<void> {
  await t.services.db.execute(sql`update users set failed_logins = 0, locked_until = null where id = ${userId}`);
}
