// security.md, "Personal data" and "Audit": ID and phone numbers encrypted at rest with a random IV
// and found through a keyed blind index; masked in every response but the owner's own; and a
// canary run showing no password, ID number, phone, code, secret or token in any audit row, any
// table or any server log line.
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskPhone } from '../../src/domain/identifiers.js';
import { sm3Hex } from '../../src/server/crypto/sm.js';
import { totpCode } from '../../src/server/crypto/totp.js';
import { users } from '../../src/server/db/schema.js';
import { createOrgTree, createUser, randomPhone, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { clientFor, concreteUrl, idNumberEndingInX, strongPassword } from './support.js';

let t: TestContext;
let org: TestOrgTree;
/** Every line the server logged, at the most verbose level. */
const logLines: string[] = [];

beforeAll(async () => {
  // Demo mode so the SMS code comes back in the response, as a person would read it off a phone.
  t = await createTestApp({ demo: true, config: { logLevel: 'trace' }, logStream: { write: (line) => void logLines.push(line) } });
  org = await createOrgTree(t.services);
});
afterAll(() => t.close());

describe('encryption at rest', () => {
  it('stores ID and phone numbers only as SM4-CBC + HMAC ciphertext: no users row contains the plaintext', async () => {
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId });
    const [row] = await t.services.db.select().from(users).where(eq(users.id, user.id));
    for (const enc of [row.idNumberEnc!, row.phoneEnc!]) expect(enc).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(t.services.cipher.decrypt(row.idNumberEnc!)).toBe(user.idNumber);
    expect(t.services.cipher.decrypt(row.phoneEnc!)).toBe(user.phone);
    for (const plain of [user.idNumber, user.phone, user.idNumber.slice(0, 17), user.phone.slice(3)]) {
      const hits = await t.services.db.execute<{ n: number }>(sql`select count(*)::int as n from users u where position(${plain} in u::text) > 0`);
      expect(hits.rows[0].n, plain).toBe(0);
    }
  });

  it('uses a random IV: the same value encrypted twice gives two different ciphertexts', () => {
    const phone = randomPhone();
    const a = t.services.cipher.encrypt(phone);
    const b = t.services.cipher.encrypt(phone);
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(t.services.cipher.decrypt(a)).toBe(phone);
    expect(t.services.cipher.decrypt(b)).toBe(phone);
    // An altered ciphertext is refused, not decrypted to garbage.
    const parts = a.split('.');
    const flipped = parts[2][0] === 'A' ? `B${parts[2].slice(1)}` : `A${parts[2].slice(1)}`;
    expect(() => t.services.cipher.decrypt([parts[0], parts[1], flipped, parts[3]].join('.'))).toThrow();
  });

  it('looks people up through a keyed blind index, which also keeps two rows from sharing a phone', async () => {
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId });
    const index = t.services.cipher.blindIndex(user.phone);
    expect(index).toBe(t.services.cipher.blindIndex(user.phone));
    // Keyed: not a plain hash anyone could compute from a list of phone numbers.
    expect(index).not.toBe(sm3Hex(user.phone));
    expect(index).not.toBe(createHash('sha256').update(user.phone).digest('hex'));
    const found = await t.services.db.select({ id: users.id }).from(users).where(eq(users.phoneIndex, index));
    expect(found).toEqual([{ id: user.id }]);
    const byId = await t.services.db.select({ id: users.id }).from(users).where(eq(users.idNumberIndex, t.services.cipher.blindIndex(user.idNumber)));
    expect(byId).toEqual([{ id: user.id }]);
    // A second row with the same phone cannot exist, whatever its (randomly encrypted) ciphertext.
    await expect(
      t.services.db.insert(users).values({ name: '重复手机号', passwordHash: 'x', phoneEnc: t.services.cipher.encrypt(user.phone), phoneIndex: index }),
    ).rejects.toThrow();
    await expect(
      t.services.db.insert(users).values({ name: '重复身份证', passwordHash: 'x', idNumberEnc: t.services.cipher.encrypt(user.idNumber), idNumberIndex: t.services.cipher.blindIndex(user.idNumber) }),
    ).rejects.toThrow();
    // Log-in by phone goes through the same index.
    expect((await new TestClient(t.app).login(user.phone, user.password)).statusCode).toBe(200);
  });
});

describe('masking', () => {
  /** Text of a response, with the cells of an .xlsx download spelled out. */
  async function textOf(response: TestResponse): Promise<string> {
    const type = String(response.headers['content-type'] ?? '');
    if (!type.includes('spreadsheetml')) return response.body;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawBody as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text ?? cell.value)))));
    return cells.join('\n');
  }

  it('the owner sees their own full numbers on /api/me; the unit reviewer sees 650102********123X and 139****5678', async () => {
    const idNumber = idNumberEndingInX();
    const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'pending' });
    await t.services.db
      .update(users)
      .set({ idNumberEnc: t.services.cipher.encrypt(idNumber), idNumberIndex: t.services.cipher.blindIndex(idNumber) })
      .where(eq(users.id, applicant.id));
    const owner = new TestClient(t.app);
    expect((await owner.login(applicant.username, applicant.password)).statusCode).toBe(200);
    const me = (await owner.get('/api/me')).json();
    expect(me.idNumber).toBe(idNumber);
    expect(me.phone).toBe(applicant.phone);

    const { client: reviewer } = await signIn(t, 'unit_reviewer', org.unitId);
    const queue = await reviewer.get('/api/unit/memberships');
    expect(queue.statusCode).toBe(200);
    const entry = queue.json().find((m: { name: string }) => m.name === me.name);
    expect(entry.idNumberMasked).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(entry.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}X$/);
    expect(entry.phoneMasked).toBe(`${applicant.phone.slice(0, 3)}****${applicant.phone.slice(-4)}`);
    expect(queue.body).not.toContain(idNumber);
    expect(queue.body).not.toContain(applicant.phone);
    expect(Object.keys(entry).sort()).toEqual(['id', 'idNumberMasked', 'name', 'phoneMasked', 'reason', 'requestedAt', 'status', 'unitId', 'unitName']);
  });

  it('no GET response of any role carries someone else’s full ID or phone number (admin lists, audit log, exports …) [GET routes × roles checked / leaks = N / 0]', async () => {
    const personName = `掩码测试${randomBytes(4).toString('hex')}`;
    const person = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'pending', name: personName });
    // The person has been active: logged in and failed a log-in with the ID number as identifier.
    expect((await new TestClient(t.app).login(person.idNumber, 'Wrong#Passw0rd-1')).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(person.phone, person.password)).statusCode).toBe(200);

    const secrets = [person.idNumber, person.idNumber.toLowerCase(), person.phone];
    const gets = t.app.routeCatalogue.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    let checked = 0;
    let leaks = 0;
    for (const route of gets) {
      const client = await clientFor(t, route.access, org);
      // User lists are searched for this file's people: the run's database also holds accounts of
      // other test files, encrypted under their own master keys, which this app cannot decrypt.
      const urls = route.url.endsWith('/users')
        ? [`${route.url}?q=${encodeURIComponent(person.username)}`, `${route.url}?q=${encodeURIComponent(personName)}`]
        : [concreteUrl(route.url, org.prefectureId)];
      if (route.url === '/api/unit/memberships') urls.push(`${route.url}?status=pending`);
      if (route.url.startsWith('/api/audit/logs')) urls.push(`${route.url}?action=auth.login`);
      for (const url of urls) {
        const response = await client.get(url);
        expect(response.statusCode, url).toBeLessThan(500);
        const text = await textOf(response);
        checked++;
        for (const s of secrets) {
          if (text.includes(s)) {
            leaks++;
            expect.soft(text, `${url} carries ${s}`).not.toContain(s);
          }
        }
        if (url.startsWith('/api/security/users') || url.startsWith('/api/admin/users')) {
          const item = response.json().items.find((i: { id: string }) => i.id === person.id);
          if (url.includes(person.username)) expect(item.phoneMasked, url).toBe(maskPhone(person.phone));
          if (item) expect(Object.keys(item), url).not.toContain('idNumber');
        }
      }
    }
    console.log(`[masking: GET requests checked / full ID or phone numbers leaked = ${checked} / ${leaks}]`);
    expect(leaks).toBe(0);
    expect(maskIdNumber(person.idNumber)).not.toContain(person.idNumber.slice(6, 14));
  });
});

describe('canary: nothing secret in the audit log, the database or the server logs', () => {
  it('after registration, log-ins, a TOTP enrolment and a password change, no audit row, table row or log line holds a password, ID number, phone, code, secret or token [canaries / found = N / 0]', async () => {
    const idNumber = idNumberEndingInX();
    const phone = randomPhone();
    const username = `canary${Date.now() % 1_000_000}`;
    const password1 = strongPassword();
    const password2 = strongPassword();
    const wrongPassword = `Wr0ng#${strongPassword()}`;
    const long: Record<string, string> = { password1, password2, wrongPassword, idNumber, idNumberLower: idNumber.toLowerCase(), phone };
    const short: Record<string, string> = {};

    const client = new TestClient(t.app);
    const sms = await client.post('/api/auth/sms-code', { phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, purpose: 'register' });
    expect(sms.statusCode).toBe(200);
    short.smsCode = sms.json().demoCode;
    const registered = await client.post('/api/auth/register', {
      name: '金丝雀',
      idNumber: idNumber.toLowerCase(),
      phone,
      smsCode: short.smsCode,
      username,
      password: password1,
      unitId: org.unitId,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    long.token1 = client.sessionToken!;
    long.csrf = client.cookies.get('zp_csrf')!;
    // Refused attempts carry the secrets too: a duplicate registration and a wrong password.
    const sms2 = await new TestClient(t.app).post('/api/auth/sms-code', { phone, purpose: 'register' });
    const duplicate = await new TestClient(t.app).post('/api/auth/register', {
      name: '金丝雀',
      idNumber,
      phone,
      smsCode: sms2.json().demoCode,
      password: password1,
      unitId: org.unitId,
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await new TestClient(t.app).login(idNumber, wrongPassword)).statusCode).toBe(401);
    const second = new TestClient(t.app);
    expect((await second.login(idNumber, password1)).statusCode).toBe(200);
    long.token2 = second.sessionToken!;

    const setup = await second.post('/api/me/totp/setup');
    expect(setup.statusCode).toBe(200);
    long.totpSecret = setup.json().secret;
    short.totpEnable = totpCode(long.totpSecret, Date.now());
    expect((await second.post('/api/me/totp/enable', { code: short.totpEnable })).statusCode).toBe(204);
    expect((await second.post('/api/me/password', { currentPassword: password1, newPassword: password2 })).statusCode).toBe(204);
    const third = new TestClient(t.app);
    short.totpLogin = totpCode(long.totpSecret, Date.now() + 30_000);
    const login = await third.login(phone, password2, short.totpLogin);
    expect(login.statusCode, login.body).toBe(200);
    long.token3 = third.sessionToken!;
    expect((await third.get('/api/me')).json().idNumber).toBe(idNumber);
    expect((await third.post('/api/auth/logout')).statusCode).toBe(204);

    const found: string[] = [];
    const userId = registered.json().id as string;
    const token = (value: string) => `(^|[^0-9A-Za-z.])${value}([^0-9A-Za-z]|$)`;
    /** One pass over a table: how many rows hold each canary (and the positive control). */
    async function scan(table: string, withCodes: boolean): Promise<Record<string, number>> {
      const counts = [
        ...Object.entries(long).map(([name, value]) => sql`count(*) filter (where position(${value} in x.whole) > 0)::int as ${sql.identifier(name)}`),
        // The 6-digit codes as whole tokens, outside the hash columns (a hex hash may hold any six
        // digits by chance).
        ...(withCodes ? Object.entries(short).map(([name, value]) => sql`count(*) filter (where x.cols ~ ${token(value)})::int as ${sql.identifier(name)}`) : []),
        sql`count(*) filter (where position(${userId} in x.whole) > 0)::int as "control"`,
      ];
      const cols = withCodes
        ? sql`concat_ws(' | ', a.id, a.occurred_at, a.actor_user_id, a.actor_role, a.ip, a.action, a.object_type, a.object_id, a.outcome, a.request_id, a.detail::text)`
        : sql`''`;
      const r = await t.services.db.execute<Record<string, number>>(
        sql`select ${sql.join(counts, sql`, `)} from (select a::text as whole, ${cols} as cols from ${sql.identifier(table)} a) x`,
      );
      return r.rows[0];
    }
    // 1. Every audit row, whole (hash columns included), and 2. every table of the schema (users,
    // sessions, sms_codes, sms_outbox, rate_limits …).
    const tables = await t.services.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%drizzle%'`,
    );
    let auditControl = 0;
    for (const { table_name } of tables.rows) {
      const counts = await scan(table_name, table_name === 'audit_log');
      for (const [name, n] of Object.entries(counts)) if (name !== 'control' && n > 0) found.push(`${table_name}: ${name} in ${n} rows`);
      if (table_name === 'audit_log') auditControl = counts.control;
    }
    // Positive control: the same scan finds what is meant to be there.
    expect(auditControl, 'audit rows about the canary account').toBeGreaterThanOrEqual(5);
    // 3. Every server log line.
    const log = logLines.join('');
    expect(logLines.length, 'the server did log').toBeGreaterThan(20);
    for (const [name, value] of Object.entries(long)) if (log.includes(value)) found.push(`log: ${name}`);
    for (const [name, value] of Object.entries(short)) if (new RegExp(token(value)).test(log)) found.push(`log: ${name}`);
    expect(log, 'positive control: the log does hold request URLs').toContain('/api/auth/register');
    console.log(
      `[canaries (passwords, ID, phone, SMS code, TOTP secret and codes, session and CSRF tokens) / found = ${Object.keys(long).length + Object.keys(short).length} / ${found.length}] ` +
        `(${tables.rows.length} tables, ${logLines.length} log lines scanned)`,
    );
    expect(found).toEqual([]);
  });
});
