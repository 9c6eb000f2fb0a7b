// The audit log: one row per state-changing request (successful or refused) written in the
// command's transaction; search and export for the audit admin; an insert-only, SM3-chained table
// whose verifier names the first altered row. Tampering happens in a throw-away database of its
// own, so the shared log stays intact for every other test file.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAudit } from '../src/server/audit/append-audit.js';
import { computeAuditHash, verifyAuditChain } from '../src/server/audit/chain.js';
import { ORG_IMPORT_COLUMNS } from '../src/server/commands/org/import-organisations.js';
import { totpCode } from '../src/server/crypto/totp.js';
import { auditLog, memberships, organisations, users } from '../src/server/db/schema.js';
import { neutraliseCell } from '../src/server/documents/spreadsheet.js';
import type { Executor } from '../src/server/db/client.js';
import { createOrgTree, createUser, currentTotp, TEST_PASSWORD, type CreatedUser, type TestOrgTree } from './factories.js';
import { createScratchDatabase, type ScratchDatabase } from './helpers/database.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from './helpers/app.js';
import { readXlsx, uploadFile, xlsxOf } from './helpers/multipart.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const tag = () => randomBytes(4).toString('hex');

type AuditRow = typeof auditLog.$inferSelect;

let t: TestContext;
let org: TestOrgTree;
let countyPath: string;
let sysadmin: { client: TestClient; user: CreatedUser };
let security: { client: TestClient; user: CreatedUser };
let auditor: { client: TestClient; user: CreatedUser };
let reviewer: { client: TestClient; user: CreatedUser };
const seenRequestIds = new Set<string>();

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  const nameOf = async (id: string) => (await t.services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)))[0].name;
  countyPath = [await nameOf(org.regionId), await nameOf(org.prefectureId), await nameOf(org.countyId)].join('/');
  [sysadmin, security, auditor, reviewer] = await Promise.all([
    signIn(t, 'system_admin'),
    signIn(t, 'security_admin'),
    signIn(t, 'audit_admin'),
    signIn(t, 'unit_reviewer', org.unitId),
  ]);
});
afterAll(() => t.close());

async function maxAuditId(db: Executor = t.services.db): Promise<number> {
  const [row] = await db.select({ id: sql<string>`coalesce(max(${auditLog.id}), 0)::text` }).from(auditLog);
  return Number(row.id);
}

/** Rows written for one client (each TestClient has its own random IP) after `since`. */
async function rowsSince(ip: string, since: number, db: Executor = t.services.db): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(and(gt(auditLog.id, since), eq(auditLog.ip, ip))).orderBy(asc(auditLog.id));
}

function checkRequestId(row: AuditRow, response: TestResponse) {
  const exposed = response.headers['x-request-id'];
  if (typeof exposed === 'string') expect(row.requestId).toBe(exposed);
  expect(row.requestId).toMatch(UUID);
  expect(seenRequestIds.has(row.requestId!), 'request ids are unique per request').toBe(false);
  seenRequestIds.add(row.requestId!);
}

interface Expected {
  status: number;
  action: string;
  actorUserId: string | null;
  actorRole: string | null;
  outcome: 'success' | 'failure' | 'denied';
  objectId?: string | null;
  objectType?: string | null;
}

/** Runs one request and checks it wrote exactly one audit row, with these values. */
async function auditedOnce(client: TestClient, call: () => Promise<TestResponse>, expected: Expected): Promise<{ response: TestResponse; row: AuditRow }> {
  const since = await maxAuditId();
  const response = await call();
  expect(response.statusCode, response.body).toBe(expected.status);
  const rows = await rowsSince(client.ip, since);
  expect(rows.map((r) => `${r.action}/${r.outcome}`), 'exactly one audit row').toHaveLength(1);
  const [row] = rows;
  const { status: _status, ...fields } = expected;
  expect(row).toMatchObject({ ...fields, ip: client.ip });
  expect(Math.abs(new Date(row.occurredAt).getTime() - Date.now())).toBeLessThan(60_000);
  checkRequestId(row, response);
  return { response, row };
}

async function pendingMembership(unitId = org.unitId): Promise<string> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'pending' });
  const [m] = await t.services.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, applicant.id));
  return m.id;
}

describe('every successful state change writes exactly one audit row', () => {
  it('login and logout', async () => {
    const user = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId, totp: true });
    const client = new TestClient(t.app);
    await auditedOnce(client, () => client.login(user.username, user.password, currentTotp(user)), {
      status: 200,
      action: 'auth.login',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'success',
      objectType: 'user',
      objectId: user.id,
    });
    await auditedOnce(client, () => client.post('/api/auth/logout'), {
      status: 204,
      action: 'auth.logout',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'success',
      objectId: user.id,
    });
  });

  it('membership confirm and reject', async () => {
    const { client, user } = reviewer;
    const a = await pendingMembership();
    await auditedOnce(client, () => client.post(`/api/unit/memberships/${a}/confirm`), {
      status: 204,
      action: 'membership.confirm',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'success',
      objectType: 'membership',
      objectId: a,
    });
    const b = await pendingMembership();
    await auditedOnce(client, () => client.post(`/api/unit/memberships/${b}/reject`, { reason: '不是本单位职工' }), {
      status: 204,
      action: 'membership.reject',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'success',
      objectId: b,
    });
  });

  it('organisation create, update, delete and import', async () => {
    const { client, user } = sysadmin;
    const who = { actorUserId: user.id, actorRole: 'system_admin', outcome: 'success' as const };
    const { response, row } = await auditedOnce(
      client,
      () => client.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name: `审计单位${tag()}`, unitKind: 'enterprise' }),
      { status: 201, action: 'org.create', ...who, objectType: 'organisation' },
    );
    const id = response.json().id;
    expect(row.objectId).toBe(id);
    expect(row.detail).toEqual({ name: response.json().name, kind: 'unit' });
    await auditedOnce(client, () => client.patch(`/api/admin/orgs/${id}`, { name: `审计改名${tag()}` }), { status: 200, action: 'org.update', ...who, objectId: id });
    await auditedOnce(client, () => client.delete(`/api/admin/orgs/${id}`), { status: 204, action: 'org.delete', ...who, objectId: id });
    const file = await xlsxOf(ORG_IMPORT_COLUMNS, [[countyPath, `审计导入${tag()}`, '用人单位', '', '企业', '是', '']]);
    const imported = await auditedOnce(client, () => uploadFile(client, '/api/admin/orgs/import', file), { status: 200, action: 'org.import', ...who });
    expect(imported.row.detail).toEqual({ created: 1, updated: 0 });
  });

  it('staff account creation', async () => {
    const { client, user } = sysadmin;
    const username = `au${tag()}`;
    const { response, row } = await auditedOnce(client, () => client.post('/api/admin/users', { username, name: '审计职员', initialPassword: 'Qp5&amber-Valley' }), {
      status: 201,
      action: 'user.create',
      actorUserId: user.id,
      actorRole: 'system_admin',
      outcome: 'success',
    });
    expect(row.objectId).toBe(response.json().id);
    expect(JSON.stringify(row.detail)).not.toContain('Qp5&amber-Valley');
  });

  it('role assign, role revoke and unlock', async () => {
    const { client, user } = security;
    const who = { actorUserId: user.id, actorRole: 'security_admin', outcome: 'success' as const };
    const target = await createUser(t.services);
    const { response, row } = await auditedOnce(
      client,
      () => client.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId }),
      { status: 201, action: 'role.assign', ...who, objectId: target.id },
    );
    expect(row.detail).toEqual({ role: 'expert', orgId: org.prefectureId });
    await auditedOnce(client, () => client.delete(`/api/security/role-assignments/${response.json().id}`), { status: 204, action: 'role.revoke', ...who, objectId: target.id });
    await t.services.db.update(users).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(users.id, target.id));
    await auditedOnce(client, () => client.post(`/api/security/users/${target.id}/unlock`), { status: 204, action: 'user.unlock', ...who, objectId: target.id });
  });

  it('TOTP setup and enable, password change', async () => {
    const user = await createUser(t.services, { role: 'expert', orgId: org.prefectureId });
    const client = new TestClient(t.app);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
    const who = { actorUserId: user.id, actorRole: 'expert', outcome: 'success' as const, objectId: user.id };
    const { response } = await auditedOnce(client, () => client.post('/api/me/totp/setup'), { status: 200, action: 'auth.totp_setup', ...who });
    const secret = response.json().secret as string;
    const enabled = await auditedOnce(client, () => client.post('/api/me/totp/enable', { code: totpCode(secret, Date.now()) }), {
      status: 204,
      action: 'auth.totp_enable',
      ...who,
    });
    // Neither the secret nor the code is written anywhere in the row.
    expect(JSON.stringify(enabled.row)).not.toContain(secret);
    const changed = await auditedOnce(client, () => client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Lm4$orchard-Tide' }), {
      status: 204,
      action: 'auth.password_change',
      ...who,
    });
    expect(JSON.stringify(changed.row)).not.toContain('Lm4$orchard-Tide');
    expect(JSON.stringify(changed.row)).not.toContain(TEST_PASSWORD);
  });

  it('audit verify and export are audited themselves', async () => {
    const { client, user } = auditor;
    const who = { actorUserId: user.id, actorRole: 'audit_admin', objectType: 'audit_log' };
    const since = await maxAuditId();
    const verify = await client.post('/api/audit/verify');
    expect(verify.statusCode).toBe(200);
    // The shared log is intact (nothing in this run tampers with it).
    expect(verify.json(), JSON.stringify(verify.json())).toMatchObject({ ok: true });
    expect(verify.json().checked).toBeGreaterThan(0);
    const [row] = await rowsSince(client.ip, since);
    expect(row).toMatchObject({ action: 'audit.verify', outcome: 'success', ...who });
    expect((await rowsSince(client.ip, since)).length).toBe(1);
    checkRequestId(row, verify);

    const exported = await auditedOnce(client, () => client.get(`/api/audit/logs.xlsx?actor=${reviewer.user.username}`), {
      status: 200,
      action: 'audit.export',
      outcome: 'success',
      ...who,
    });
    expect(exported.row.detail).toMatchObject({ actor: reviewer.user.username });
    // Reading (search) is not a state change: no row.
    const before = await maxAuditId();
    expect((await client.get('/api/audit/logs?pageSize=1')).statusCode).toBe(200);
    expect(await rowsSince(client.ip, before)).toEqual([]);
  });
});

describe('refused and failed requests are audited too', () => {
  it('403 wrong role, 401 anonymous, 403 missing CSRF token: one denied row each', async () => {
    const { client: applicant, user } = await signIn(t, 'applicant', org.unitId);
    const body = { parentId: org.countyId, kind: 'unit', name: `越权${tag()}`, unitKind: 'enterprise' };
    const { row } = await auditedOnce(applicant, () => applicant.post('/api/admin/orgs', body), {
      status: 403,
      action: 'org.create',
      actorUserId: user.id,
      actorRole: null,
      outcome: 'denied',
      objectType: 'route',
      objectId: 'POST /api/admin/orgs',
    });
    expect(row.detail).toEqual({ status: 403 });

    const anonymous = new TestClient(t.app);
    await auditedOnce(anonymous, () => anonymous.post(`/api/unit/memberships/${crypto.randomUUID()}/confirm`), {
      status: 401,
      action: 'membership.confirm',
      actorUserId: null,
      actorRole: null,
      outcome: 'denied',
      objectId: 'POST /api/unit/memberships/:id/confirm',
    });

    const noCsrf = reviewer.client;
    const a = await pendingMembership();
    await auditedOnce(noCsrf, () => noCsrf.request('POST', `/api/unit/memberships/${a}/confirm`, { body: {}, csrf: false }), {
      status: 403,
      action: 'membership.confirm',
      actorUserId: null,
      actorRole: null,
      outcome: 'denied',
    });
    expect((await t.services.db.select().from(memberships).where(eq(memberships.id, a)))[0].status).toBe('pending');
  });

  it('404 out of scope, 400 invalid, 409 conflict: one row each, none a success', async () => {
    const { client, user } = reviewer;
    const other = await pendingMembership(org.otherUnitId);
    const notFound = await auditedOnce(client, () => client.post(`/api/unit/memberships/${other}/confirm`), {
      status: 404,
      action: 'membership.confirm',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'denied',
    });
    expect(notFound.row.detail).toEqual({ status: 404 });

    await auditedOnce(client, () => client.post(`/api/unit/memberships/${other}/reject`, { reason: '' }), {
      status: 400,
      action: 'membership.reject',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'failure',
    });

    const mine = await pendingMembership();
    await auditedOnce(client, () => client.post(`/api/unit/memberships/${mine}/confirm`), {
      status: 204,
      action: 'membership.confirm',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'success',
    });
    const twice = await auditedOnce(client, () => client.post(`/api/unit/memberships/${mine}/confirm`), {
      status: 409,
      action: 'membership.confirm',
      actorUserId: user.id,
      actorRole: 'unit_reviewer',
      outcome: 'failure',
    });
    expect(twice.row.detail).toEqual({ status: 409 });

    const sys = sysadmin;
    await auditedOnce(sys.client, () => sys.client.post('/api/admin/orgs', { parentId: org.regionId, kind: 'unit', name: `错位${tag()}`, unitKind: 'enterprise' }), {
      status: 400,
      action: 'org.create',
      actorUserId: sys.user.id,
      actorRole: 'system_admin',
      outcome: 'failure',
    });
    await auditedOnce(sys.client, () => sys.client.delete(`/api/admin/orgs/${org.countyId}`), {
      status: 409,
      action: 'org.delete',
      actorUserId: sys.user.id,
      actorRole: 'system_admin',
      outcome: 'failure',
    });
    await auditedOnce(security.client, () => security.client.post('/api/security/role-assignments', { userId: sys.user.id, role: 'expert', orgId: org.prefectureId }), {
      status: 409,
      action: 'role.assign',
      actorUserId: security.user.id,
      actorRole: 'security_admin',
      outcome: 'failure',
    });
  });

  it('failed log-ins: one failure row each, never the password', async () => {
    const user = await createUser(t.services, { role: 'unit_reviewer', orgId: org.unitId, totp: true });
    const client = new TestClient(t.app);
    const wrong = await auditedOnce(client, () => client.login(user.username, 'Wrong#Password-42'), {
      status: 401,
      action: 'auth.login',
      actorUserId: user.id,
      actorRole: null,
      outcome: 'failure',
    });
    expect(wrong.row.detail).toEqual({ reason: 'wrong_password' });
    expect(JSON.stringify(wrong.row)).not.toContain('Wrong#Password-42');

    const unknown = await auditedOnce(client, () => client.login(`nobody${tag()}`, 'Wrong#Password-42'), {
      status: 401,
      action: 'auth.login',
      actorUserId: null,
      outcome: 'failure',
      actorRole: null,
    });
    expect(unknown.row.detail).toEqual({ reason: 'unknown_account' });

    // Right password, second factor missing: refused, and audited once.
    await auditedOnce(client, () => client.login(user.username, user.password), { status: 401, action: 'auth.login', actorUserId: null, actorRole: null, outcome: 'denied' });
    const badTotp = await auditedOnce(client, () => client.login(user.username, user.password, '000000'), {
      status: 401,
      action: 'auth.login',
      actorUserId: user.id,
      actorRole: null,
      outcome: 'failure',
    });
    expect(badTotp.row.detail).toEqual({ reason: 'wrong_totp' });
  });

  it('a refused import (bad rows, unreadable file, wrong header) is audited as a failure', async () => {
    const { client, user } = sysadmin;
    const who = { action: 'org.import', actorUserId: user.id, actorRole: 'system_admin', outcome: 'failure' as const, status: 200 };
    await auditedOnce(client, () => uploadFile(client, '/api/admin/orgs/import', Buffer.from('not a spreadsheet')), who);
    await auditedOnce(client, async () => uploadFile(client, '/api/admin/orgs/import', await xlsxOf(['名称'], [['某单位']])), who);
    const bad = await xlsxOf(ORG_IMPORT_COLUMNS, [[countyPath, `坏行${tag()}`, '医院', '', '', '', '']]);
    const { row } = await auditedOnce(client, () => uploadFile(client, '/api/admin/orgs/import', bad), who);
    expect(row.detail).toEqual({ errors: 1 });
  });
});

describe('one transaction: a failed command leaves no success row', () => {
  it('a duplicate organisation (the insert fails) is a 409 with a failure row and no success row', async () => {
    const { client, user } = sysadmin;
    const name = `重名审计${tag()}`;
    const body = { parentId: org.countyId, kind: 'unit', name, unitKind: 'enterprise' };
    expect((await client.post('/api/admin/orgs', body)).statusCode).toBe(201);
    const { row } = await auditedOnce(client, () => client.post('/api/admin/orgs', body), {
      status: 409,
      action: 'org.create',
      actorUserId: user.id,
      actorRole: 'system_admin',
      outcome: 'failure',
    });
    expect(row.detail).toEqual({ status: 409 });
    expect(await t.services.db.select().from(organisations).where(eq(organisations.name, name))).toHaveLength(1);
  });

  it('an audit row appended in a transaction that then fails is rolled back with it', async () => {
    const requestId = crypto.randomUUID();
    const ctx = { requestId, ip: '192.0.2.7', actor: null, actingRole: null, audited: false };
    const name = `回滚${tag()}`;
    await expect(
      t.services.db.transaction(async (tx) => {
        await tx.insert(organisations).values({ kind: 'unit', name, parentId: org.countyId, unitKind: 'enterprise' });
        await appendAudit(tx, ctx, { action: 'org.create', objectType: 'organisation', detail: { name } });
        throw new Error('fails after writing');
      }),
    ).rejects.toThrow('fails after writing');
    expect(await t.services.db.select().from(auditLog).where(eq(auditLog.requestId, requestId))).toEqual([]);
    expect(await t.services.db.select().from(organisations).where(eq(organisations.name, name))).toEqual([]);
  });

  it('20 parallel decisions on one membership: one success row, 19 failure rows', async () => {
    const id = await pendingMembership();
    const since = await maxAuditId();
    const responses = await Promise.all(Array.from({ length: 20 }, () => reviewer.client.post(`/api/unit/memberships/${id}/confirm`)));
    expect(responses.filter((r) => r.statusCode === 204)).toHaveLength(1);
    const rows = await rowsSince(reviewer.client.ip, since);
    expect(rows.filter((r) => r.outcome === 'success')).toHaveLength(1);
    expect(rows.filter((r) => r.outcome === 'failure')).toHaveLength(19);
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(20);
  });
});

describe('search and export (audit admin)', () => {
  let subject: CreatedUser;
  let subjectClient: TestClient;
  let start: string;
  let end: string;

  beforeAll(async () => {
    start = new Date(Date.now() - 1000).toISOString();
    // A staff account whose name is a spreadsheet formula: it reaches the export's 操作人 column.
    const name = '=HYPERLINK("http://x.cn","点")';
    const username = `fx${tag()}`;
    const created = await sysadmin.client.post('/api/admin/users', { username, name, initialPassword: 'Qp5&amber-Valley' });
    expect(created.statusCode, created.body).toBe(201);
    subject = { id: created.json().id, username, idNumber: '', phone: '', password: 'Qp5&amber-Valley', totpSecret: null };
    subjectClient = new TestClient(t.app);
    expect((await subjectClient.login(username, 'Wrong#Password-42')).statusCode).toBe(401); // failure
    expect((await subjectClient.login(username, subject.password)).statusCode).toBe(200); // success
    expect((await subjectClient.get('/api/me')).statusCode).toBe(200); // a read: not audited
    expect((await subjectClient.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name: 'x', unitKind: 'enterprise' })).statusCode).toBe(403); // denied
    end = new Date(Date.now() + 1000).toISOString();
  });

  const search = (query: Record<string, string | number>) =>
    auditor.client.get(`/api/audit/logs?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);

  it('filters by actor, action, outcome and time, and pages newest first', async () => {
    const all = await search({ actor: subject.username });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { action: string; outcome: string }) => `${i.action}/${i.outcome}`)).toEqual(['org.create/denied', 'auth.login/success', 'auth.login/failure']);
    for (const item of body.items) {
      expect(item).toMatchObject({ actorName: '=HYPERLINK("http://x.cn","点")', ip: subjectClient.ip });
      expect(item.requestId).toMatch(UUID);
      expect(Object.keys(item).sort()).toEqual(['action', 'actorName', 'actorRole', 'id', 'ip', 'objectId', 'objectType', 'occurredAt', 'outcome', 'requestId']);
    }
    const ids = body.items.map((i: { id: string }) => Number(i.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    expect((await search({ actor: subject.username, action: 'auth.login' })).json().total).toBe(2);
    expect((await search({ actor: subject.username, outcome: 'failure' })).json().items.map((i: { action: string }) => i.action)).toEqual(['auth.login']);
    expect((await search({ actor: subject.username, outcome: 'denied' })).json().total).toBe(1);
    expect((await search({ actor: subject.username, action: 'auth.login', outcome: 'success' })).json().total).toBe(1);
    expect((await search({ actor: subject.username, from: start, to: end })).json().total).toBe(3);
    expect((await search({ actor: subject.username, from: end })).json().total).toBe(0);
    expect((await search({ actor: subject.username, to: start })).json().total).toBe(0);
    expect((await search({ actor: `nobody${tag()}` })).json()).toEqual({ items: [], total: 0 });

    const page1 = (await search({ actor: subject.username, pageSize: 2, page: 1 })).json();
    const page2 = (await search({ actor: subject.username, pageSize: 2, page: 2 })).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual(body.items.slice(0, 2).map((i: { id: string }) => i.id));
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual(body.items.slice(2).map((i: { id: string }) => i.id));

    const invalid: Record<string, string | number>[] = [{ outcome: 'maybe' }, { pageSize: 201 }, { page: 0 }, { from: 'yesterday' }, { sort: 'id' }];
    for (const bad of invalid) {
      expect((await search(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it('exports .xlsx with the header row, Chinese action names, and formula text neutralised', async () => {
    const response = await auditor.client.get(`/api/audit/logs.xlsx?actor=${subject.username}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(response.headers['content-disposition'])).toMatch(/^attachment;/);
    const { workbook, rows } = await readXlsx(response.rawBody);
    expect(rows[0]).toEqual(['编号', '时间', '操作人', '角色', 'IP', '操作', '对象类型', '对象', '结果', '请求编号']);
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[5])).toEqual(['新增组织机构', '登录', '登录']);
    const sheet = workbook.worksheets[0];
    for (let r = 2; r <= 4; r++) {
      const cell = sheet.getRow(r).getCell(3);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(`'=HYPERLINK("http://x.cn","点")`);
      expect(sheet.getRow(r).getCell(5).value).toBe(subjectClient.ip);
    }
    // No cell anywhere in the export is a formula.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('neutraliseCell prefixes anything a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("x")']) expect(neutraliseCell(v), JSON.stringify(v)).toBe(`'${v}`);
    for (const v of ['登录', 'abc', '1+1', ' =1', "'=1"]) expect(neutraliseCell(v)).toBe(v);
    expect(neutraliseCell(42)).toBe(42);
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
  });
});

describe('insert-only (shared database)', () => {
  it('the application role cannot UPDATE the log; neither can a superuser, because of the trigger', async () => {
    // Setting a column to itself would leave the content (and the chain) unchanged if it ever ran.
    const update = sql`update audit_log set action = action where id = (select max(id) from audit_log)`;
    await expect(t.services.db.execute(update)).rejects.toMatchObject({ cause: { code: '42501' } });
    const superuser = new pg.Client({ connectionString: inject('databaseUrl') });
    await superuser.connect();
    try {
      await expect(superuser.query('update audit_log set action = action where id = (select max(id) from audit_log)')).rejects.toThrow('audit_log is insert-only');
    } finally {
      await superuser.end();
    }
  });

  it('50 parallel state changes (and 25 refusals audited outside a command): the chain links every row in id order', async () => {
    const since = await maxAuditId();
    const targets = await Promise.all(Array.from({ length: 25 }, () => createUser(t.services)));
    const intruder = new TestClient(t.app);
    const responses = await Promise.all([
      ...Array.from({ length: 25 }, (_, i) =>
        sysadmin.client.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name: `并发${i}-${tag()}`, unitKind: 'enterprise' }),
      ),
      ...targets.map((u) => security.client.post(`/api/security/users/${u.id}/unlock`)),
      ...targets.map((u) => intruder.post(`/api/security/users/${u.id}/unlock`)),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array(25).fill(201), ...Array(25).fill(204), ...Array(25).fill(401)].sort());
    const mine = await t.services.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(gt(auditLog.id, since), inArray(auditLog.ip, [sysadmin.client.ip, security.client.ip, intruder.ip])));
    expect(mine).toHaveLength(75);
    const lo = Math.min(...mine.map((r) => r.id));
    const hi = Math.max(...mine.map((r) => r.id));
    // Rows of other test files interleave with ours; the chain runs through all of them.
    const [before] = await t.services.db.select().from(auditLog).where(lt(auditLog.id, lo)).orderBy(desc(auditLog.id)).limit(1);
    const range = await t.services.db.select().from(auditLog).where(and(gte(auditLog.id, lo), lte(auditLog.id, hi))).orderBy(asc(auditLog.id));
    const verdict = verifyAuditChain(range.map(asChainRow), before?.hash);
    expect(verdict).toEqual({ ok: true, checked: range.length });
  });
});

function asChainRow(r: AuditRow) {
  return { ...r, id: String(r.id), occurredAt: new Date(r.occurredAt).toISOString(), outcome: r.outcome as 'success' | 'failure' | 'denied' };
}

// Last in the file, and in a database of its own: tampering breaks the chain for good.
describe('tamper evidence (throw-away database)', () => {
  let scratch: ScratchDatabase | undefined;
  let tt: TestContext;
  let su: pg.Client;
  let auditClient: TestClient;
  let appRole: boolean;

  const verify = async () => {
    const response = await auditClient.post('/api/audit/verify');
    expect(response.statusCode).toBe(200);
    return response.json<{ ok: boolean; checked: number; firstAlteredId?: string; reason?: string }>();
  };
  /** Runs statements as the superuser with triggers off: what an attacker with database access could do. */
  const tamper = async (statement: string, params: unknown[] = []) => {
    await su.query('begin');
    await su.query('set local session_replication_role = replica');
    await su.query(statement, params);
    await su.query('commit');
  };
  const ids = async () => (await su.query<{ id: string }>('select id from audit_log order by id')).rows.map((r) => String(r.id));

  beforeAll(async () => {
    scratch = await createScratchDatabase('zp_tamper');
    ({ appRole } = scratch);
    tt = await createTestApp({ databaseUrl: scratch.url, appRole });
    su = new pg.Client({ connectionString: scratch.url });
    await su.connect();

    const tree = await createOrgTree(tt.services);
    const { client: sys } = await signIn(tt, 'system_admin');
    auditClient = (await signIn(tt, 'audit_admin')).client;
    // 50 parallel state changes from several sessions.
    const { client: sec } = await signIn(tt, 'security_admin');
    const targets = await Promise.all(Array.from({ length: 20 }, () => createUser(tt.services)));
    const intruder = new TestClient(tt.app);
    const responses = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => sys.post('/api/admin/orgs', { parentId: tree.countyId, kind: 'unit', name: `篡改测试${i}`, unitKind: 'enterprise' })),
      ...targets.map((u) => sec.post('/api/security/role-assignments', { userId: u.id, role: 'expert', orgId: tree.prefectureId })),
      ...targets.map((u) => intruder.post(`/api/security/users/${u.id}/unlock`)), // refused: audited by the fallback
    ]);
    expect(responses.map((r) => r.statusCode).filter((s) => s >= 300 && s !== 401)).toEqual([]);
  });

  afterAll(async () => {
    await tt?.close();
    await su?.end();
    await scratch?.drop();
  });

  it('an intact log verifies, after 70 parallel requests; prev_hash links rows in id order', async () => {
    const count = (await ids()).length;
    expect(count).toBeGreaterThanOrEqual(73); // 3 log-ins + 50 changes + 20 refusals
    expect(await verify()).toEqual({ ok: true, checked: count });
    const { rows } = await su.query<{ id: string; prev_hash: string; hash: string }>('select id::text as id, prev_hash, hash from audit_log order by audit_log.id');
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash, rows[i].id).toBe(rows[i - 1].hash);
    expect(rows[0].prev_hash).toBe('0'.repeat(64));
  });

  it('is insert-only: the app role cannot UPDATE, DELETE or TRUNCATE; a superuser is stopped by the trigger', async () => {
    const before = await ids();
    for (const statement of ['update audit_log set action = action', 'delete from audit_log', 'truncate audit_log']) {
      await expect(tt.services.db.execute(sql.raw(statement)), statement).rejects.toMatchObject({ cause: { code: '42501' } });
      if (appRole) await expect(tt.services.db.execute(sql.raw(statement))).rejects.toMatchObject({ cause: { message: expect.stringMatching(/permission denied/) } });
      await expect(su.query(statement), `superuser: ${statement}`).rejects.toThrow('audit_log is insert-only');
    }
    expect(await ids()).toEqual(before);
  });

  it('a command and its audit row commit together: if the row cannot be written, the change is undone', async () => {
    await su.query(`alter table audit_log add constraint audit_refuse_org_create check (action <> 'org.create') not valid`);
    try {
      const { client: sys } = await signIn(tt, 'system_admin');
      const [county] = await tt.services.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'county')).limit(1);
      const name = `无审计不落库${tag()}`;
      const response = await sys.post('/api/admin/orgs', { parentId: county.id, kind: 'unit', name, unitKind: 'enterprise' });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toMatch(/audit_log|constraint|insert/i);
      expect(await tt.services.db.select().from(organisations).where(eq(organisations.name, name))).toEqual([]);
    } finally {
      await su.query('alter table audit_log drop constraint audit_refuse_org_create');
    }
    expect((await verify()).ok).toBe(true);
  });

  it('names the altered row when any field of a middle row is changed, and verifies again once restored', async () => {
    const all = await ids();
    const middle = all[Math.floor(all.length / 2)];
    const { rows } = await su.query('select action, detail, ip, actor_role, occurred_at, outcome from audit_log where id = $1', [middle]);
    const original = rows[0];
    const alterations: [string, unknown[]][] = [
      [`update audit_log set detail = '{"forged": true}'::jsonb where id = $1`, [middle]],
      [`update audit_log set action = 'auth.logout' where id = $1`, [middle]],
      [`update audit_log set ip = '203.0.113.9' where id = $1`, [middle]],
      [`update audit_log set outcome = 'denied' where id = $1`, [middle]],
      [`update audit_log set occurred_at = occurred_at - interval '1 day' where id = $1`, [middle]],
    ];
    for (const [statement, params] of alterations) {
      await tamper(statement, params);
      const verdict = await verify();
      expect(verdict.ok, statement).toBe(false);
      expect(verdict.firstAlteredId, statement).toBe(middle);
      expect(verdict.reason).toContain(`ID ${middle}`);
      expect(verdict.checked).toBe(all.indexOf(middle));
      await tamper('update audit_log set action = $2, detail = $3, ip = $4, actor_role = $5, occurred_at = $6, outcome = $7 where id = $1', [
        middle,
        original.action,
        original.detail === null ? null : JSON.stringify(original.detail),
        original.ip,
        original.actor_role,
        original.occurred_at,
        original.outcome,
      ]);
      expect((await verify()).ok, `restored after: ${statement}`).toBe(true);
    }
    // The failed verification was itself audited, naming the row.
    const [failed] = await tt.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'audit.verify'), eq(auditLog.outcome, 'failure')))
      .limit(1);
    expect(failed.detail).toEqual({ firstAlteredId: middle });
  });

  it('a row rewritten with a matching hash is caught at the next row', async () => {
    const all = await ids();
    const middle = all[Math.floor(all.length / 3)];
    const next = all[all.indexOf(middle) + 1];
    const { rows } = await su.query('select hash from audit_log where id = $1', [middle]);
    await tamper(`update audit_log set hash = $2 where id = $1`, [middle, 'f'.repeat(64)]);
    let verdict = await verify();
    expect(verdict.firstAlteredId).toBe(middle); // its own hash no longer matches its content
    await tamper(`update audit_log set hash = $2 where id = $1`, [middle, rows[0].hash]);
    expect((await verify()).ok).toBe(true);
    // Forge content and recompute that row's hash: the successor's prev_hash gives it away.
    const { rows: full } = await su.query('select * from audit_log where id = $1', [middle]);
    const r = full[0];
    const forged = { id: String(r.id), occurredAt: new Date(r.occurred_at).toISOString(), actorUserId: r.actor_user_id, actorRole: r.actor_role, ip: r.ip, action: 'auth.logout', objectType: r.object_type, objectId: r.object_id, outcome: r.outcome, requestId: r.request_id, detail: r.detail };
    await tamper(`update audit_log set action = 'auth.logout', hash = $2 where id = $1`, [middle, computeAuditHash(r.prev_hash, forged)]);
    verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstAlteredId).toBe(next);
    await tamper(`update audit_log set action = $2, hash = $3 where id = $1`, [middle, r.action, r.hash]);
    expect((await verify()).ok).toBe(true);
  });

  it('a deleted row is named by the row after it', async () => {
    const all = await ids();
    const victim = all[Math.floor(all.length / 2) + 1];
    const next = all[all.indexOf(victim) + 1];
    const { rows } = await su.query('select * from audit_log where id = $1', [victim]);
    await tamper('delete from audit_log where id = $1', [victim]);
    const verdict = await verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstAlteredId).toBe(next);
    expect(verdict.reason).toContain('前一条哈希与链上不符');
    // Putting the row back (inserts are allowed) makes the chain whole again.
    const r = rows[0];
    await tamper(
      'insert into audit_log (id, occurred_at, actor_user_id, actor_role, ip, action, object_type, object_id, outcome, request_id, detail, prev_hash, hash) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)',
      [r.id, r.occurred_at, r.actor_user_id, r.actor_role, r.ip, r.action, r.object_type, r.object_id, r.outcome, r.request_id, r.detail === null ? null : JSON.stringify(r.detail), r.prev_hash, r.hash],
    );
    expect((await verify()).ok).toBe(true);
    // A row inserted out of the chain is named too.
    const last = all[all.length - 1];
    const { rows: lastRows } = await su.query('select * from audit_log where id = $1', [last]);
    const l = lastRows[0];
    const { rows: seq } = await su.query<{ id: string }>(`select nextval('audit_log_id_seq')::text as id`);
    await tamper(
      'insert into audit_log (id, occurred_at, actor_user_id, actor_role, ip, action, object_type, object_id, outcome, request_id, detail, prev_hash, hash) values ($1, now(), null, null, $2, $3, null, null, $4, null, null, $5, $6)',
      [seq[0].id, '198.51.100.1', 'auth.login', 'success', l.prev_hash, 'e'.repeat(64)],
    );
    const forged = await verify();
    expect(forged.ok).toBe(false);
    expect(forged.firstAlteredId).toBe(seq[0].id);
  });
});
