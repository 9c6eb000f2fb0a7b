// security.md, "Personal data" and "Audit": ID and phone numbers encrypted at rest with a random IV
// and found through a keyed blind index; masked in every response but the owner's own; and a
// canary run showing no password, ID number, phone, code, secret or token in any audit row, any
// table or any server log line.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskPhone } from '../../src/domain/identifiers.js';
import { sm3Hex } from '../../src/server/crypto/sm.js';
import { resultEntryId } from '../../src/server/queries/results.js';
import { totpCode } from '../../src/server/crypto/totp.js';
import { addDays } from '../../src/domain/campaign/dates.js';
import { beijingDate } from '../../src/domain/calendar/calendar.js';
import { applications, certificates, committees, resultPublicities, users } from '../../src/server/db/schema.js';
import { createOrgTree, createUser, randomPhone, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { formedCommittee } from '../helpers/evaluation.js';
import { markPresent, voteOn, votingWorld } from '../helpers/evaluation-results.js';
import { clientFor, concreteUrl, idNumberEndingInX, strongPassword } from './support.js';

const run = promisify(execFile);
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
  /** Text of a response, with the cells of an .xlsx download spelled out and a PDF's text read out (and its raw bytes). */
  async function textOf(response: TestResponse): Promise<string> {
    const type = String(response.headers['content-type'] ?? '');
    if (type.includes('application/pdf')) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'zp-masking-'));
      try {
        await writeFile(path.join(dir, 'x.pdf'), response.rawBody);
        return `${response.body}\n${(await run('pdftotext', [path.join(dir, 'x.pdf'), '-'])).stdout}`;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
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
    const personClient = new TestClient(t.app);
    expect((await personClient.login(person.phone, person.password)).statusCode).toBe(200);

    // The evaluation (issue 6): an expert with a phone number in the pool, on a committee whose
    // candidate passed, was publicised, confirmed and given a certificate; and a second committee
    // whose results are being publicised, to which the person objected.
    const e = await evaluationWorld(personClient);

    const secrets = [person.idNumber, person.idNumber.toLowerCase(), person.phone, ...e.secrets];
    const gets = t.app.routeCatalogue.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    let checked = 0;
    let leaks = 0;
    const answered = new Map<string, number>();
    for (const route of gets) {
      // The expert desk as a member of the committee (another expert would get 404 and see nothing).
      const client = route.access === 'evaluation.expert' ? e.member : await clientFor(t, route.access, org);
      // User lists are searched for this file's people: the run's database also holds accounts of
      // other test files, encrypted under their own master keys, which this app cannot decrypt.
      const urls = route.url.endsWith('/users')
        ? [`${route.url}?q=${encodeURIComponent(person.username)}`, `${route.url}?q=${encodeURIComponent(personName)}`]
        : [e.urlOf(route.url)];
      if (route.url === '/api/unit/memberships') urls.push(`${route.url}?status=pending`);
      if (route.url.startsWith('/api/audit/logs')) urls.push(`${route.url}?action=auth.login`, `${route.url}?action=expert.update`);
      for (const url of urls) {
        const response = await client.get(url);
        expect(response.statusCode, url).toBeLessThan(500);
        answered.set(route.url, response.statusCode);
        const text = await textOf(response);
        checked++;
        for (const s of secrets) {
          if (text.includes(s)) {
            leaks++;
            expect.soft(text, `${url} carries ${s}`).not.toContain(s);
          }
        }
        if (url.startsWith('/api/office/experts?')) {
          const item = response.json().find((i: { id: string }) => i.id === e.phonedExpertId);
          expect(item?.phoneMasked, url).toBe(maskPhone(e.expertPhone));
          expect(Object.keys(item), url).not.toContain('phone');
        }
        if (url.startsWith('/api/security/users') || url.startsWith('/api/admin/users')) {
          const item = response.json().items.find((i: { id: string }) => i.id === person.id);
          if (url.includes(person.username)) expect(item.phoneMasked, url).toBe(maskPhone(person.phone));
          if (item) expect(Object.keys(item), url).not.toContain('idNumber');
        }
      }
    }
    // The evaluation routes were answered with data, not a 404 for want of an id.
    for (const url of e.mustAnswer) expect(answered.get(url), url).toBe(200);
    console.log(`[masking: GET requests checked / full ID or phone numbers leaked = ${checked} / ${leaks}]`);
    expect(leaks).toBe(0);
    expect(maskIdNumber(person.idNumber)).not.toContain(person.idNumber.slice(6, 14));
  });
});

/**
 * The evaluation (issue 6) with real data behind every route: a committee drawn from a pool where
 * one expert has a phone number on file, its candidate scored, voted through, publicised,
 * confirmed, named in the qualification document and given a certificate; and a second committee
 * whose results are being publicised, to which `objector` objected. `urlOf` fills a route's path
 * (and, where a list needs it, its query) with these ids; `secrets` are the candidates', the
 * members' and the expert's own numbers, which no one else may see in full.
 */
async function evaluationWorld(objector: TestClient) {
  const office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
  const [candidate] = c.candidates;
  const base = `/api/office/committees/${c.committeeId}`;
  const ok = (r: TestResponse, status: number) => expect(r.statusCode, r.body).toBe(status);
  const expertPhone = randomPhone();
  ok(await office.patch(`/api/office/experts/${c.experts[0].expertId}`, { phone: expertPhone }), 200);
  const sheet = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '业绩突出' };
  for (const m of c.experts) ok(await m.client.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${candidate.applicationId}/score`, { body: sheet }), 200);
  ok(await office.post(`${base}/close-scoring`), 204);
  ok(await office.request('PUT', `${base}/attendance`, { body: { presentExpertIds: c.experts.map((m) => m.expertId) } }), 200);
  ok(await office.post(`${base}/open-meeting`), 204);
  for (const m of c.experts) ok(await m.client.post(`/api/expert/committees/${c.committeeId}/ballot`, { votes: [{ applicationId: candidate.applicationId, choice: 'agree' }] }), 204);
  ok(await office.post(`${base}/close-ballot`), 200);
  ok(await office.post(`${base}/results-publicity`), 200);
  // The publicity ran its course.
  const today = beijingDate(new Date());
  await t.services.db.update(resultPublicities).set({ startsOn: addDays(today, -9), endsOn: addDays(today, -1) }).where(eq(resultPublicities.committeeId, c.committeeId));
  ok(await office.post(`${base}/confirm`), 204);
  ok(await office.post(`${base}/qualification-document`, { documentNumber: `掩码职改〔2024〕${randomBytes(4).toString('hex')}号`, issuedOn: '2024-12-01' }), 201);
  ok(await office.post(`${base}/qualification-document/filed`), 204);
  ok(await office.post(`${base}/certificates`), 200);
  const [certificate] = await t.services.db.select().from(certificates).where(eq(certificates.applicationId, candidate.applicationId));

  // The second committee: results on the public page today, and the person's objection.
  const p = await votingWorld(t, org, { members: 3, candidates: 1, office });
  await markPresent(t, p, 3);
  ok(await office.post(`/api/office/committees/${p.committeeId}/open-meeting`), 204);
  await voteOn(t, p.members, p.committeeId, p.candidates[0].applicationId, 3);
  ok(await office.post(`/api/office/committees/${p.committeeId}/close-ballot`), 200);
  await t.services.db.update(committees).set({ ballotClosedAt: new Date(Date.now() - 86_400_000) }).where(eq(committees.id, p.committeeId));
  ok(await office.post(`/api/office/committees/${p.committeeId}/results-publicity`), 200);
  ok(await objector.post(`/api/results/${resultEntryId(t.services.cipher, p.candidates[0].applicationId)}/objections`, { content: '反映其代表作存在署名争议' }), 201);

  const [{ batchId }] = await t.services.db.select({ batchId: applications.batchId }).from(applications).where(eq(applications.id, candidate.applicationId));
  const QUERIES: Record<string, string> = {
    '/api/office/experts': '?seriesId=news',
    '/api/public/results': `?prefectureId=${org.prefectureId}`,
    '/api/public/certificates/verify': `?code=${certificate.verificationCode}`,
  };
  const idFor = (url: string) =>
    /\/committees\/:id/.test(url)
      ? c.committeeId
      : /\/campaigns\/:id/.test(url)
        ? c.campaignId
        : /\/batches\/:id/.test(url)
          ? batchId!
          : /\/applications\/:id/.test(url)
            ? candidate.applicationId
            : /\/files\/:id/.test(url)
              ? candidate.fileIds[0]
              : org.prefectureId;
  const urlOf = (url: string) =>
    concreteUrl(url.replace(':id', idFor(url)).replace(':campaignId', c.campaignId).replace(':applicationId', candidate.applicationId).replace(':fileId', candidate.fileIds[0]), org.prefectureId) +
    (QUERIES[url] ?? '');
  const people = [candidate.applicant, p.candidates[0].applicant, ...c.experts.map((m) => m.user), ...p.members.map((m) => m.user)];
  return {
    urlOf,
    member: c.experts[1].client,
    expertPhone,
    phonedExpertId: c.experts[0].expertId,
    secrets: [expertPhone, ...people.flatMap((u) => [u.idNumber, u.idNumber.toLowerCase(), u.phone])],
    /** Routes that must have answered 200 with this data. */
    mustAnswer: [
      '/api/office/experts',
      '/api/office/expert-accounts',
      '/api/office/campaigns/:campaignId/committees',
      '/api/office/committees/:id',
      '/api/office/committees/:id/progress',
      '/api/office/committees/:id/defence-sessions',
      '/api/office/committees/:id/defence-scores',
      '/api/office/committees/:id/minutes.pdf',
      '/api/office/committees/:id/results-notice.pdf',
      '/api/office/cases',
      '/api/office/committees/:id/qualification-document',
      '/api/office/committees/:id/qualification-document.pdf',
      '/api/office/committees/:id/certificates',
      '/api/office/campaigns/:campaignId/statistics',
      '/api/office/campaigns/:campaignId/statistics.xlsx',
      '/api/expert/committees',
      '/api/expert/committees/:id/packets',
      '/api/expert/committees/:id/packets/:applicationId',
      '/api/expert/committees/:id/packets/:applicationId/files/:fileId',
      '/api/expert/committees/:id/packets/:applicationId/review-form.pdf',
      '/api/expert/committees/:id/defence',
      '/api/expert/committees/:id/ballot',
      '/api/public/results',
      '/api/public/certificates/verify',
    ],
  };
}

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
