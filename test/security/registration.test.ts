// Real-name registration of an applicant, end to end over HTTP: the SMS code (shown only in demo
// mode, stored only as a hash, 5 attempts, 10 minutes), identity checks with Chinese messages,
// uniqueness after normalisation, the employer unit, and the logged-in result.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSmsCode } from '../../src/server/commands/auth/send-sms-code.js';
import { auditLog, smsCodes, smsOutbox } from '../../src/server/db/schema.js';
import { createOrgTree, randomPhone, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from '../helpers/app.js';
import { expectCleanError, issueSmsCode, toFullWidth, validRegistration, type RegistrationBody } from './support.js';

let t: TestContext;
let demo: TestContext;
let org: TestOrgTree;
beforeAll(async () => {
  t = await createTestApp();
  // The same database and master key in demo mode: only the demo flag differs.
  demo = await createTestApp({ demo: true, config: { masterKeyHex: t.services.config.masterKeyHex } });
  org = await createOrgTree(t.services);
});
afterAll(async () => {
  await demo.close();
  await t.close();
});

const register = (body: Partial<RegistrationBody>, app = t) => new TestClient(app.app).post('/api/auth/register', body);

describe('SMS code', () => {
  it('production mode sends the code without showing it; only its hash is stored and the outbox holds no plain number', async () => {
    const phone = randomPhone();
    const response = await new TestClient(t.app).post('/api/auth/sms-code', { phone, purpose: 'register' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sent: true });
    const phoneIndex = t.services.cipher.blindIndex(phone);
    const [code] = await t.services.db.select().from(smsCodes).where(eq(smsCodes.phoneIndex, phoneIndex));
    expect(code.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect((code.expiresAt.getTime() - code.createdAt.getTime()) / 60_000).toBeCloseTo(10, 0);
    const outbox = await t.services.db.execute<{ n: number }>(sql`select count(*)::int as n from sms_outbox o where position(${phone} in o::text) > 0`);
    expect(outbox.rows[0].n, 'no plain phone number in the outbox').toBe(0);
    const recent = await t.services.db.select().from(smsOutbox).where(sql`${smsOutbox.createdAt} > now() - interval '1 minute'`);
    // Rows of other test files are encrypted under their own keys: only this app's rows decrypt.
    const decrypted = recent.map((r) => {
      try {
        return t.services.cipher.decrypt(r.phoneEnc);
      } catch {
        return null;
      }
    });
    expect(decrypted).toContain(phone);
  });

  it('demo mode shows the code on screen (no SMS gateway); it matches the stored hash and registers', async () => {
    const phone = randomPhone();
    const response = await new TestClient(demo.app).post('/api/auth/sms-code', { phone, purpose: 'register' });
    expect(response.statusCode).toBe(200);
    const { demoCode } = response.json();
    expect(demoCode).toMatch(/^\d{6}$/);
    const phoneIndex = t.services.cipher.blindIndex(phone);
    const [code] = await t.services.db.select().from(smsCodes).where(eq(smsCodes.phoneIndex, phoneIndex));
    expect(code.codeHash).toBe(hashSmsCode(phoneIndex, demoCode));
    expect(code.codeHash).not.toContain(demoCode);
    const body = await validRegistration(t, org.unitId, { phone, smsCode: demoCode });
    expect((await register(body, demo)).statusCode).toBe(201);
  });

  it('counts wrong codes: after 5 wrong attempts even the right code is refused; a new code then works', async () => {
    const body = await validRegistration(t, org.unitId);
    const wrong = body.smsCode === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const response = await register({ ...body, smsCode: wrong });
      expect(response.statusCode, `wrong code ${i + 1}`).toBe(400);
      const error = expectCleanError(response);
      expect(error.code).toBe('SMS_CODE');
      expect(error.message).toContain('短信验证码');
      expect(error.fields?.map((f) => f.path)).toEqual(['smsCode']);
    }
    const [row] = await t.services.db.select({ attempts: smsCodes.attempts }).from(smsCodes).where(eq(smsCodes.phoneIndex, t.services.cipher.blindIndex(body.phone)));
    expect(row.attempts).toBe(5);
    const dead = await register(body);
    expect(dead.statusCode, 'the right code, too late').toBe(400);
    expect(dead.json().error.code).toBe('SMS_CODE');
    const fresh = await issueSmsCode(t, body.phone);
    expect((await register({ ...body, smsCode: fresh })).statusCode).toBe(201);
  });

  it('refuses an expired code (10 minutes) and a code issued for another phone', async () => {
    const body = await validRegistration(t, org.unitId);
    await t.services.db.execute(sql`update sms_codes set expires_at = now() - interval '1 second' where phone_index = ${t.services.cipher.blindIndex(body.phone)}`);
    const expired = await register(body);
    expect(expired.statusCode).toBe(400);
    expect(expectCleanError(expired).message).toContain('已过期');
    const otherPhoneCode = await issueSmsCode(t, randomPhone());
    const other = await register({ ...(await validRegistration(t, org.unitId)), smsCode: otherPhoneCode });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.code).toBe('SMS_CODE');
  });

  it('a code is used once: it is marked used by the registration it served', async () => {
    const body = await validRegistration(t, org.unitId);
    expect((await register(body)).statusCode).toBe(201);
    const [row] = await t.services.db.select({ usedAt: smsCodes.usedAt }).from(smsCodes).where(eq(smsCodes.phoneIndex, t.services.cipher.blindIndex(body.phone)));
    expect(row.usedAt).not.toBeNull();
  });
});

describe('identity checks', () => {
  it('explains ID number errors in Chinese: check digit, birth date, length, region', async () => {
    const body = await validRegistration(t, org.unitId);
    const id = body.idNumber;
    const cases: [string, string, RegExp][] = [
      ['wrong check character', id.slice(0, 17) + (id.endsWith('X') ? '0' : 'X'), /校验位/],
      ['30 February', '650102199002300013', /出生日期/],
      ['born in the future', '650102209901010011', /出生日期/],
      ['born before 1900', '650102189901010011', /出生日期/],
      ['17 characters', id.slice(0, 17), /18 位/],
      ['letters inside', `6501021990A10100${id.slice(16)}`, /前 17 位应为数字/],
      ['unknown region', `99${id.slice(2)}`, /地区代码/],
    ];
    for (const [label, idNumber, message] of cases) {
      const response = await register({ ...body, idNumber });
      expect(response.statusCode, label).toBe(400);
      const error = expectCleanError(response, label);
      expect(error.message, label).toMatch(message);
      expect(error.fields?.find((f) => f.path === 'idNumber')?.message, label).toMatch(message);
    }
  });

  it('explains name, phone and username errors in Chinese', async () => {
    const body = await validRegistration(t, org.unitId);
    const cases: [Partial<RegistrationBody>, string, RegExp][] = [
      [{ name: 'Robert; DROP TABLE' }, 'name', /真实姓名/],
      [{ name: '张三3' }, 'name', /真实姓名/],
      [{ phone: '1391234567' }, 'phone', /11 位/],
      [{ phone: '23912345678' }, 'phone', /11 位/],
      [{ username: '9lives' }, 'username', /字母开头/],
      [{ username: 'ab' }, 'username', /4 至 32/],
      [{ username: 'bad name!' }, 'username', /只能包含/],
    ];
    for (const [override, field, message] of cases) {
      const response = await register({ ...body, ...override });
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      const error = expectCleanError(response);
      expect(error.fields?.find((f) => f.path === field)?.message, JSON.stringify(override)).toMatch(message);
    }
  });

  it('refuses a unitId that is not an employer unit (400 naming 工作单位)', async () => {
    for (const unitId of [org.countyId, org.departmentId, org.prefectureId, org.regionId, '00000000-0000-4000-8000-000000000000']) {
      const response = await register(await validRegistration(t, org.unitId, { unitId }));
      expect(response.statusCode, unitId).toBe(400);
      const error = expectCleanError(response);
      expect(error.fields?.map((f) => f.path)).toEqual(['unitId']);
      expect(error.message).toContain('工作单位');
    }
  });
});

describe('uniqueness after normalisation', () => {
  it('a second account with the same ID number, phone or username is refused with 409 and a Chinese message, however it is spelled', async () => {
    const first = await validRegistration(t, org.unitId);
    expect((await register(first)).statusCode).toBe(201);
    const spaced = `${first.phone.slice(0, 3)} ${first.phone.slice(3, 7)} ${first.phone.slice(7)}`;
    const cases: { label: string; override: Partial<RegistrationBody>; code: string; message: RegExp }[] = [
      { label: 'same ID, lower-case x', override: { idNumber: first.idNumber.toLowerCase() }, code: 'ID_NUMBER_TAKEN', message: /身份证号已注册/ },
      { label: 'same ID, full-width', override: { idNumber: toFullWidth(first.idNumber) }, code: 'ID_NUMBER_TAKEN', message: /身份证号已注册/ },
      { label: 'same phone, +86 and spaces', override: { phone: `+86 ${spaced}` }, code: 'PHONE_TAKEN', message: /手机号已被/ },
      { label: 'same phone, full-width', override: { phone: toFullWidth(first.phone) }, code: 'PHONE_TAKEN', message: /手机号已被/ },
      { label: 'same username, upper-case', override: { username: first.username!.toUpperCase() }, code: 'USERNAME_TAKEN', message: /用户名已被使用/ },
    ];
    for (const c of cases) {
      const base = await validRegistration(t, org.unitId);
      const phone = c.override.phone ?? base.phone;
      const body = { ...base, ...c.override, smsCode: await issueSmsCode(t, phone) };
      const response = await register(body);
      expect(response.statusCode, c.label).toBe(409);
      const error = expectCleanError(response, c.label);
      expect(error.code, c.label).toBe(c.code);
      expect(error.message, c.label).toMatch(c.message);
    }
  });
});

describe('the new account', () => {
  it('is logged in at once as an applicant whose unit membership is pending, with its identifiers normalised', async () => {
    const idNumber = (await validRegistration(t, org.unitId)).idNumber;
    const phone = randomPhone();
    const body = await validRegistration(t, org.unitId, {
      name: '  艾山江·亚生  ',
      idNumber: ` ${idNumber.toLowerCase()} `,
      phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
      smsCode: await issueSmsCode(t, phone),
    });
    const client = new TestClient(t.app);
    const response = await client.post('/api/auth/register', body);
    expect(response.statusCode, response.body).toBe(201);
    expect(client.sessionToken).toBeTruthy();
    const me = (await client.get('/api/me')).json();
    expect(me).toMatchObject({
      name: '艾山江·亚生',
      idNumber,
      phone,
      username: body.username,
      roles: [{ role: 'applicant', orgId: org.unitId }],
      membership: { unitId: org.unitId, status: 'pending', reason: null },
      totpEnabled: false,
      mustEnrolTotp: false,
    });
    expect(response.json().id).toBe(me.id);

    // Each identifier logs in (with the password chosen at registration).
    for (const identifier of [idNumber, phone, body.username!]) {
      expect((await new TestClient(t.app).login(identifier, body.password)).statusCode, identifier).toBe(200);
    }
    // The unit reviewer sees the request waiting, masked.
    const { client: reviewer } = await signIn(t, 'unit_reviewer', org.unitId);
    const queue = (await reviewer.get('/api/unit/memberships?status=pending')).json();
    expect(queue.find((m: { name: string; idNumberMasked: string }) => m.name === '艾山江·亚生' && m.idNumberMasked === `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`)).toBeTruthy();
    // And the registration is audited once, as the applicant.
    const rows = await t.services.db.select().from(auditLog).where(sql`${auditLog.action} = 'auth.register' and ${auditLog.objectId} = ${me.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'success', actorUserId: me.id, actorRole: 'applicant' });
  });
});
