// THE permission matrix: every non-public route × every role (+ anonymous, + an applicant of another
// unit), each cell called over HTTP with a request that would succeed if allowed, and compared with
// what src/server/policies/permissions.ts says. Deny cells also check that nothing changed.
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, ROLES, type Role } from '../src/domain/roles.js';
import { ORG_IMPORT_COLUMNS } from '../src/server/commands/org/import-organisations.js';
import { totpCode } from '../src/server/crypto/totp.js';
import { applicationMaterials, applications, archiveRecords, batches, calendarCompleteYears, calendarDays, feeOrders, files, memberships, objections, organisations, paymentSettings, publicities, roleAssignments, users } from '../src/server/db/schema.js';
import { beijingDate } from '../src/domain/calendar/calendar.js';
import { sampleJpeg } from '../src/server/uploads/hostile-files.js';
import { PERMISSION_ROLES, PERMISSIONS, type RouteAccess } from '../src/server/policies/permissions.js';
import { createOrgTree, createUser, currentTotp, TEST_PASSWORD, type CreatedUser, type TestOrgTree } from './factories.js';
import { createTestApp, TestClient, type TestContext, type TestResponse } from './helpers/app.js';
import { AKSU_2024, BAYINGOL_2021, campaignRow, configFor, freshCampaignId, insertCampaign, prefectureInfo, type PrefectureInfo } from './helpers/campaigns.js';
import { uploadFile, xlsxOf } from './helpers/multipart.js';

type Principal = Role | 'anonymous' | 'applicant_of_other_unit';
const PRINCIPALS: Principal[] = [...ROLES, 'anonymous', 'applicant_of_other_unit'];

let t: TestContext;
let org: TestOrgTree;
let countyPath: string;
let prefecture: PrefectureInfo;
const tag = () => randomBytes(4).toString('hex');

// Calendar samples write global data: they use the year 2100 (days) and 2080–2099 (complete
// years), which no other suite touches, and remove what they wrote afterwards.
const calendarDates: string[] = [];
const calendarYears: number[] = [];
// A new date for every call: the principals run in parallel, and a refused call's "unchanged"
// check must not see the day an allowed call of another principal just wrote (a random pick made
// two of them collide now and then).
const calendarDate = () => {
  const n = calendarDates.length;
  const date = `2100-${String(1 + Math.floor(n / 28) % 12).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  calendarDates.push(date);
  return date;
};
const calendarRows = async (date: string) => (await t.services.db.select().from(calendarDays).where(and(eq(calendarDays.date, date), eq(calendarDays.region, 'national')))).length;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  const nameOf = async (id: string) => (await t.services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)))[0].name;
  countyPath = [await nameOf(org.regionId), await nameOf(org.prefectureId), await nameOf(org.countyId)].join('/');
  prefecture = await prefectureInfo(t.services, org.prefectureId);
  const open = () => insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
  [sharedCampaign, withdrawCampaign, createCampaign] = [await open(), await open(), await open()];
  aksuCampaign = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
  pastAksuCampaign = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true });
  aksuCampaignIds.add(aksuCampaign).add(pastAksuCampaign);
  smallJpeg = await sampleJpeg(600, 800);
});
afterAll(async () => {
  if (calendarDates.length > 0) await t.services.db.delete(calendarDays).where(inArray(calendarDays.date, calendarDates));
  if (calendarYears.length > 0) await t.services.db.delete(calendarCompleteYears).where(inArray(calendarCompleteYears.year, calendarYears));
  await t.close();
});

/** The organisation a role is granted for in this file's tree. */
function orgOfRole(role: Role): string | null {
  switch (role) {
    case 'applicant':
    case 'unit_reviewer':
      return org.unitId;
    case 'dept_reviewer':
      return org.departmentId;
    case 'office_staff':
    case 'finance':
    case 'expert':
    case 'committee_chair':
      return org.prefectureId;
    default:
      return null;
  }
}

interface Session {
  client: TestClient;
  user: CreatedUser | null;
}

/**
 * A signed-in client for the principal. `withTotp: false` makes a staff account that has not yet
 * enrolled its second factor (so it can still run the TOTP set-up routes).
 */
async function sessionFor(principal: Principal, withTotp = true): Promise<Session> {
  if (principal === 'anonymous') return { client: new TestClient(t.app), user: null };
  const role: Role = principal === 'applicant_of_other_unit' ? 'applicant' : principal;
  const orgId = principal === 'applicant_of_other_unit' ? org.otherUnitId : orgOfRole(role);
  const totp = withTotp && role !== 'applicant';
  const user = await createUser(t.services, { role, orgId, totp, membership: role === 'applicant' ? 'confirmed' : undefined });
  const client = new TestClient(t.app);
  const response = await client.login(user.username, user.password, totp ? currentTotp(user) : undefined);
  if (response.statusCode !== 200) throw new Error(`sign-in as ${principal} failed: ${response.statusCode} ${response.body}`);
  return { client, user };
}

async function pendingMembership(unitId = org.unitId): Promise<string> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'pending' });
  const [m] = await t.services.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, applicant.id));
  return m.id;
}
const membershipStatus = async (id: string) => (await t.services.db.select({ s: memberships.status }).from(memberships).where(eq(memberships.id, id)))[0].s;

async function freshUnit(): Promise<string> {
  const [row] = await t.services.db
    .insert(organisations)
    .values({ kind: 'unit', name: `矩阵临时单位${tag()}`, parentId: org.countyId, unitKind: 'enterprise', countyLevelOrBelow: true })
    .returning({ id: organisations.id });
  return row.id;
}
const orgExists = async (where: { id?: string; name?: string }) =>
  (await t.services.db.select({ id: organisations.id }).from(organisations).where(where.id ? eq(organisations.id, where.id) : eq(organisations.name, where.name!)))
    .length > 0;

interface Sample {
  /** Status of a successful call. */
  allow: number;
  /** 'fresh': the call ends or changes the session, so each cell signs in anew; 'no-totp': a staff account before TOTP enrolment. */
  session?: 'fresh' | 'no-totp';
  /**
   * Makes the request. The returned `unchanged` is called after a refused call and must say whether
   * the refused request left the data as it was.
   */
  run(s: Session): Promise<{ response: TestResponse; unchanged?: () => Promise<boolean> }>;
}


// ---- declaration fixtures (issue 4) -------------------------------------------------------------
// Applicant samples act on the caller's own objects when the caller is an applicant (so an allowed
// call succeeds), and otherwise on the objects of a fresh applicant of the unit (so a refused call
// could have done harm, `unchanged` checks that it did not, and the principals running in
// parallel never count each other's rows).
let sharedCampaign: string;
let withdrawCampaign: string;
let createCampaign: string;
/** Aksu sets no paper-materials window, so a paper receipt is possible at any time. */
let aksuCampaign: string;
/** The 2024 Aksu notice as it was: every window, the payment deadline included, is over. */
let pastAksuCampaign: string;
/** Campaigns made from the Aksu notice, whose declaration path is 'directed'. */
const aksuCampaignIds = new Set<string>();
let smallJpeg: Buffer;

async function isApplicant(user: CreatedUser | null): Promise<boolean> {
  if (!user) return false;
  const rows = await t.services.db.select().from(roleAssignments).where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.role, 'applicant')));
  return rows.length > 0;
}
const ownerFor = async (user: CreatedUser | null) =>
  (await isApplicant(user)) ? user! : createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });

async function applicationRow(applicantId: string, campaignId: string, status = 'draft', unitId = org.unitId): Promise<string> {
  const [existing] = await t.services.db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.applicantId, applicantId), eq(applications.campaignId, campaignId)));
  if (existing) return existing.id;
  const [row] = await t.services.db
    .insert(applications)
    .values({ applicantId, unitId, campaignId, campaignVersion: 1, year: new Date().getFullYear(), seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: aksuCampaignIds.has(campaignId) ? 'directed' : 'prefecture', status, submissionCount: status === 'draft' ? 0 : 1 })
    .returning({ id: applications.id });
  return row.id;
}
const applicationOf = async (user: CreatedUser | null) => applicationRow((await ownerFor(user)).id, sharedCampaign);
const applicationField = async (id: string) => (await t.services.db.select().from(applications).where(eq(applications.id, id)))[0];

async function fileOf(ownerId: string): Promise<string> {
  const id = crypto.randomUUID();
  const stored = await t.services.files.put(`scans/${ownerId}/${id}.jpg`, smallJpeg);
  await t.services.db.insert(files).values({ id, ownerId, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'jpg', originalName: '扫描件.jpg', pages: 1, leakStatus: 'done' });
  return id;
}
const fileCount = async (ownerId: string) => (await t.services.db.select({ id: files.id }).from(files).where(eq(files.ownerId, ownerId))).length;

async function recordOf(ownerId: string): Promise<string> {
  const [row] = await t.services.db
    .insert(archiveRecords)
    .values({ userId: ownerId, kind: 'achievement', data: { year: 2024, name: '矩阵奖', grantor: '矩阵协会', grade: '一等奖' } })
    .returning({ id: archiveRecords.id });
  return row.id;
}
const recordData = async (id: string) => (await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.id, id)))[0]?.data;

/** A submitted application of a fresh applicant of this file's unit, with one scan in a slot. */
async function submittedApplication(): Promise<{ id: string; fileId: string }> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
  const id = await applicationRow(applicant.id, sharedCampaign, 'unit_review');
  const fileId = await fileOf(applicant.id);
  await t.services.db.insert(applicationMaterials).values({ applicationId: id, slotId: 'political-conduct', fileId, position: 0 });
  return { id, fileId };
}
/** A fresh applicant's application at `status` in this file's unit (or the prefecture-level unit, which reports to no department). */
async function applicationAt(status: string, unitId = org.unitId, campaignId = sharedCampaign): Promise<{ id: string; fileId: string; applicant: CreatedUser }> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'confirmed' });
  const id = await applicationRow(applicant.id, campaignId, status, unitId);
  // Past the unit (and the department): the desks downstream see it only once it reached them.
  if (['dept_review', 'office_review', 'accepted'].includes(status)) {
    const batchId = status === 'dept_review' ? null : (await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId }).returning({ id: batches.id }))[0].id;
    await t.services.db.update(applications).set({ recommendedAt: new Date(), batchId, acceptedAt: status === 'accepted' ? new Date() : null }).where(eq(applications.id, id));
  }
  const fileId = await fileOf(applicant.id);
  await t.services.db.insert(applicationMaterials).values({ applicationId: id, slotId: 'political-conduct', fileId, position: 0 });
  return { id, fileId, applicant };
}
const statusOf = async (id: string) => (await applicationField(id)).status;
/** An accepted application of `owner` with its fee order, optionally with a receipt awaiting finance. */
async function feeOrderFor(ownerId: string, options: { receipt?: boolean; campaignId?: string } = {}): Promise<{ applicationId: string; orderId: string }> {
  const applicationId = await applicationRow(ownerId, options.campaignId ?? aksuCampaign, 'accepted');
  const [existing] = await t.services.db.select().from(feeOrders).where(eq(feeOrders.applicationId, applicationId));
  const receiptFileId = options.receipt ? await fileOf(ownerId) : null;
  if (existing) {
    await t.services.db
      .update(feeOrders)
      .set({ status: options.receipt ? 'receipt_uploaded' : 'pending', receiptFileId, receiptUploadedAt: options.receipt ? new Date() : null })
      .where(eq(feeOrders.id, existing.id));
    return { applicationId, orderId: existing.id };
  }
  const [order] = await t.services.db
    .insert(feeOrders)
    .values({
      applicationId,
      amountYuan: 400,
      reference: `ZPMX${tag().toUpperCase()}`,
      status: options.receipt ? 'receipt_uploaded' : 'pending',
      receiptFileId,
      receiptUploadedAt: options.receipt ? new Date() : null,
    })
    .returning({ id: feeOrders.id });
  return { applicationId, orderId: order.id };
}
const orderStatus = async (id: string) => (await t.services.db.select({ s: feeOrders.status }).from(feeOrders).where(eq(feeOrders.id, id)))[0].s;
/** An application of this unit whose publicity (5 working days) ended yesterday, recommended or not. */
async function publicisedApplication(recommended: boolean): Promise<string> {
  const { id } = await applicationAt(recommended ? 'dept_review' : 'unit_publicity');
  await t.services.db.insert(publicities).values({ applicationId: id, startsOn: '2020-01-06', endsOn: '2020-01-10', workingDays: 5 });
  return id;
}
const jpegUpload = (client: TestClient, url: string) => uploadFile(client, url, smallJpeg, '政治表现证明.jpg', 'image/jpeg');

/** One request per route that succeeds when the caller holds the route's permission. */
const SAMPLES: Record<string, Sample> = {
  'POST /api/auth/logout': { allow: 204, session: 'fresh', run: async ({ client }) => ({ response: await client.post('/api/auth/logout') }) },
  'GET /api/me': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me') }) },
  'POST /api/me/password': {
    allow: 204,
    session: 'fresh',
    run: async ({ client }) => ({ response: await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Lm4$orchard-Tide' }) }),
  },
  'POST /api/me/totp/setup': { allow: 200, session: 'no-totp', run: async ({ client }) => ({ response: await client.post('/api/me/totp/setup') }) },
  'POST /api/me/totp/enable': {
    allow: 204,
    session: 'no-totp',
    run: async ({ client }) => {
      const setup = await client.post('/api/me/totp/setup');
      const code = setup.statusCode === 200 ? totpCode(setup.json().secret, Date.now()) : '123456';
      return { response: await client.post('/api/me/totp/enable', { code }) };
    },
  },
  'GET /api/unit/memberships': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/unit/memberships') }) },
  'POST /api/unit/memberships/:id/confirm': {
    allow: 204,
    run: async ({ client }) => {
      const id = await pendingMembership();
      return { response: await client.post(`/api/unit/memberships/${id}/confirm`), unchanged: async () => (await membershipStatus(id)) === 'pending' };
    },
  },
  'POST /api/unit/memberships/:id/reject': {
    allow: 204,
    run: async ({ client }) => {
      const id = await pendingMembership();
      return {
        response: await client.post(`/api/unit/memberships/${id}/reject`, { reason: '经核实不是本单位职工' }),
        unchanged: async () => (await membershipStatus(id)) === 'pending',
      };
    },
  },
  'GET /api/admin/orgs': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/admin/orgs') }) },
  'POST /api/admin/orgs': {
    allow: 201,
    run: async ({ client }) => {
      const name = `矩阵新单位${tag()}`;
      return {
        response: await client.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name, unitKind: 'enterprise', countyLevelOrBelow: true }),
        unchanged: async () => !(await orgExists({ name })),
      };
    },
  },
  'PATCH /api/admin/orgs/:id': {
    allow: 200,
    run: async ({ client }) => {
      const id = await freshUnit();
      const name = `矩阵改名单位${tag()}`;
      return { response: await client.patch(`/api/admin/orgs/${id}`, { name }), unchanged: async () => !(await orgExists({ name })) };
    },
  },
  'DELETE /api/admin/orgs/:id': {
    allow: 204,
    run: async ({ client }) => {
      const id = await freshUnit();
      return { response: await client.delete(`/api/admin/orgs/${id}`), unchanged: () => orgExists({ id }) };
    },
  },
  'POST /api/admin/orgs/import': {
    allow: 200,
    run: async ({ client }) => {
      const name = `矩阵导入单位${tag()}`;
      const file = await xlsxOf(ORG_IMPORT_COLUMNS, [[countyPath, name, '用人单位', '', '企业', '是', '']]);
      return { response: await uploadFile(client, '/api/admin/orgs/import', file), unchanged: async () => !(await orgExists({ name })) };
    },
  },
  'GET /api/admin/orgs/template.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/admin/orgs/template.xlsx') }) },
  // Filtered to the caller's own account: other test files' accounts are encrypted under other keys.
  'GET /api/admin/users': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/admin/users?q=${user?.username ?? 'nobody'}`) }) },
  'POST /api/admin/users': {
    allow: 201,
    run: async ({ client }) => {
      const username = `mx${tag()}`;
      return {
        response: await client.post('/api/admin/users', { username, name: '矩阵职员', initialPassword: 'Rv8#silent-Creek' }),
        unchanged: async () => (await t.services.db.select({ id: users.id }).from(users).where(eq(users.username, username))).length === 0,
      };
    },
  },
  'GET /api/security/users': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/security/users?q=${user?.username ?? 'nobody'}`) }) },
  'GET /api/security/orgs': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/security/orgs') }) },
  'POST /api/security/role-assignments': {
    allow: 201,
    run: async ({ client }) => {
      const target = await createUser(t.services);
      return {
        response: await client.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId }),
        unchanged: async () => (await t.services.db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id))).length === 0,
      };
    },
  },
  'DELETE /api/security/role-assignments/:id': {
    allow: 204,
    run: async ({ client }) => {
      const target = await createUser(t.services, { role: 'expert', orgId: org.prefectureId });
      const [grant] = await t.services.db.select({ id: roleAssignments.id }).from(roleAssignments).where(eq(roleAssignments.userId, target.id));
      return {
        response: await client.delete(`/api/security/role-assignments/${grant.id}`),
        unchanged: async () => (await t.services.db.select().from(roleAssignments).where(eq(roleAssignments.id, grant.id))).length === 1,
      };
    },
  },
  'POST /api/security/users/:id/unlock': {
    allow: 204,
    run: async ({ client }) => {
      const target = await createUser(t.services);
      const lockedUntil = new Date(Date.now() + 30 * 60_000);
      await t.services.db.update(users).set({ lockedUntil, failedLogins: 0 }).where(eq(users.id, target.id));
      return {
        response: await client.post(`/api/security/users/${target.id}/unlock`),
        unchanged: async () => (await t.services.db.select({ l: users.lockedUntil }).from(users).where(eq(users.id, target.id)))[0].l !== null,
      };
    },
  },
  'GET /api/audit/logs': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/audit/logs?pageSize=5') }) },
  'GET /api/audit/logs.xlsx': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/audit/logs.xlsx?actor=${user?.username ?? 'nobody'}`) }),
  },
  'POST /api/audit/verify': { allow: 200, run: async ({ client }) => ({ response: await client.post('/api/audit/verify') }) },
  'GET /api/office/campaigns': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/campaigns') }) },
  'GET /api/office/campaigns/:id': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/office/campaigns/${await insertCampaign(t.services, prefecture)}`) }),
  },
  'POST /api/office/campaigns': {
    allow: 201,
    run: async ({ client }) => {
      const config = configFor(prefecture);
      return { response: await client.post('/api/office/campaigns', { config }), unchanged: async () => (await campaignRow(t.services, config.id)) === undefined };
    },
  },
  'POST /api/office/campaigns/import': {
    allow: 201,
    run: async ({ client }) => {
      const config = configFor(prefecture);
      return {
        response: await uploadFile(client, '/api/office/campaigns/import', Buffer.from(JSON.stringify(config)), `${config.id}.json`, 'application/json'),
        unchanged: async () => (await campaignRow(t.services, config.id)) === undefined,
      };
    },
  },
  'POST /api/office/campaigns/:id/clone': {
    allow: 201,
    run: async ({ client }) => {
      const source = await insertCampaign(t.services, prefecture, { publish: true });
      const id = freshCampaignId('clone');
      return {
        response: await client.post(`/api/office/campaigns/${source}/clone`, { id, title: '矩阵复制的评审活动', year: 2025 }),
        unchanged: async () => (await campaignRow(t.services, id)) === undefined,
      };
    },
  },
  'PUT /api/office/campaigns/:id': {
    allow: 200,
    run: async ({ client }) => {
      const id = await insertCampaign(t.services, prefecture);
      const config = { ...configFor(prefecture, undefined, id), title: '矩阵修改后的标题' };
      return {
        response: await client.request('PUT', `/api/office/campaigns/${id}`, { body: { config, baseVersion: 1 } }),
        unchanged: async () => (await campaignRow(t.services, id)).currentVersion === 1,
      };
    },
  },
  'POST /api/office/campaigns/:id/publish': {
    allow: 200,
    run: async ({ client }) => {
      const id = await insertCampaign(t.services, prefecture);
      return { response: await client.post(`/api/office/campaigns/${id}/publish`, { version: 1 }), unchanged: async () => (await campaignRow(t.services, id)).status === 'draft' };
    },
  },
  'GET /api/admin/calendar': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/admin/calendar?region=xinjiang&year=2024') }) },
  'GET /api/admin/calendar/working-days': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get('/api/admin/calendar/working-days?region=national&from=2024-01-01&to=2024-01-31') }),
  },
  'PUT /api/admin/calendar/days/:date': {
    allow: 200,
    run: async ({ client }) => {
      const date = calendarDate();
      return {
        response: await client.request('PUT', `/api/admin/calendar/days/${date}`, { body: { region: 'national', kind: 'holiday', name: '矩阵假日' } }),
        unchanged: async () => (await calendarRows(date)) === 0,
      };
    },
  },
  'DELETE /api/admin/calendar/days/:date': {
    allow: 204,
    run: async ({ client }) => {
      const date = calendarDate();
      await t.services.db.insert(calendarDays).values({ date, region: 'national', kind: 'holiday', name: '矩阵假日' }).onConflictDoNothing();
      return { response: await client.delete(`/api/admin/calendar/days/${date}?region=national`), unchanged: async () => (await calendarRows(date)) === 1 };
    },
  },
  'POST /api/admin/calendar/years/:year/complete': {
    allow: 204,
    run: async ({ client }) => {
      const taken = new Set((await t.services.db.select({ year: calendarCompleteYears.year }).from(calendarCompleteYears)).map((r) => r.year));
      const year = Array.from({ length: 20 }, (_, i) => 2080 + i).find((y) => !taken.has(y) && !calendarYears.includes(y))!;
      calendarYears.push(year);
      const date = `${year}-01-01`;
      calendarDates.push(date);
      await t.services.db.insert(calendarDays).values({ date, region: 'national', kind: 'holiday', name: '元旦' }).onConflictDoNothing();
      const marked = async () => (await t.services.db.select().from(calendarCompleteYears).where(and(eq(calendarCompleteYears.year, year), eq(calendarCompleteYears.region, 'national')))).length;
      return { response: await client.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' }), unchanged: async () => (await marked()) === 0 };
    },
  },
  // ---- declaration (issue 4) ----
  'GET /api/me/archive': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/archive') }) },
  'POST /api/me/archive/:recordKind': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const before = (await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.userId, owner.id))).length;
      return {
        response: await client.post('/api/me/archive/achievement', { data: { year: 2025, name: '矩阵新闻奖', grantor: '矩阵协会', grade: '二等奖' } }),
        unchanged: async () => (await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.userId, owner.id))).length === before,
      };
    },
  },
  'PUT /api/me/archive/records/:id': {
    allow: 200,
    run: async ({ client, user }) => {
      const id = await recordOf((await ownerFor(user)).id);
      return {
        response: await client.request('PUT', `/api/me/archive/records/${id}`, { body: { data: { year: 2024, name: '改过的奖', grantor: '矩阵协会', grade: '一等奖' } } }),
        unchanged: async () => (await recordData(id) as { name: string }).name === '矩阵奖',
      };
    },
  },
  'DELETE /api/me/archive/records/:id': {
    allow: 204,
    run: async ({ client, user }) => {
      const id = await recordOf((await ownerFor(user)).id);
      return { response: await client.delete(`/api/me/archive/records/${id}`), unchanged: async () => (await recordData(id)) !== undefined };
    },
  },
  'POST /api/me/files': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const before = await fileCount(owner.id);
      return { response: await jpegUpload(client, '/api/me/files'), unchanged: async () => (await fileCount(owner.id)) === before };
    },
  },
  'GET /api/me/files/:id': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/files/${await fileOf((await ownerFor(user)).id)}`) }),
  },
  'GET /api/me/files/:id/content': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/files/${await fileOf((await ownerFor(user)).id)}/content`) }),
  },
  'POST /api/me/files/:id/rotate': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await fileOf(owner.id);
      const before = await fileCount(owner.id);
      return { response: await client.post(`/api/me/files/${id}/rotate`, { degrees: 90 }), unchanged: async () => (await fileCount(owner.id)) === before };
    },
  },
  'GET /api/me/campaigns': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/campaigns') }) },
  'GET /api/me/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/applications') }) },
  'POST /api/me/applications': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const mine = async () => (await t.services.db.select().from(applications).where(and(eq(applications.applicantId, owner.id), eq(applications.campaignId, createCampaign)))).length;
      return {
        response: await client.post('/api/me/applications', { campaignId: createCampaign, seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' }),
        unchanged: async () => (await mine()) === 0,
      };
    },
  },
  'GET /api/me/applications/:id': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}`) }) },
  'PUT /api/me/applications/:id/sections/:sectionId': {
    allow: 200,
    run: async ({ client, user }) => {
      const id = await applicationOf(user);
      const before = await applicationField(id);
      return {
        response: await client.request('PUT', `/api/me/applications/${id}/sections/other`, { body: { version: before.version, values: { note: `矩阵${tag()}` } } }),
        unchanged: async () => (await applicationField(id)).version === before.version,
      };
    },
  },
  'POST /api/me/applications/:id/materials/:slotId': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const before = await fileCount(owner.id);
      const id = await applicationOf(user);
      return { response: await jpegUpload(client, `/api/me/applications/${id}/materials/political-conduct`), unchanged: async () => (await fileCount(owner.id)) === before };
    },
  },
  'POST /api/me/applications/:id/materials/:slotId/from-archive': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationOf(user);
      const fileId = await fileOf(owner.id);
      const placed = async () => (await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.fileId, fileId))).length;
      return { response: await client.post(`/api/me/applications/${id}/materials/political-conduct/from-archive`, { fileId }), unchanged: async () => (await placed()) === 0 };
    },
  },
  'DELETE /api/me/applications/:id/materials/:materialId': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationOf(user);
      const [material] = await t.services.db
        .insert(applicationMaterials)
        .values({ applicationId: id, slotId: 'political-conduct', fileId: await fileOf(owner.id), position: 99 })
        .returning({ id: applicationMaterials.id });
      const exists = async () => (await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.id, material.id))).length === 1;
      return { response: await client.delete(`/api/me/applications/${id}/materials/${material.id}`), unchanged: exists };
    },
  },
  'PUT /api/me/applications/:id/masking': {
    allow: 204,
    run: async ({ client, user }) => ({ response: await client.request('PUT', `/api/me/applications/${await applicationOf(user)}/masking`, { body: { items: [] } }) }),
  },
  'POST /api/me/applications/:id/commitment': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationOf(user);
      await t.services.db.update(applications).set({ commitmentSignedAt: null }).where(eq(applications.id, id));
      const [{ name }] = await t.services.db.select({ name: users.name }).from(users).where(eq(users.id, owner.id));
      return { response: await client.post(`/api/me/applications/${id}/commitment`, { name }), unchanged: async () => (await applicationField(id)).commitmentSignedAt === null };
    },
  },
  'GET /api/me/applications/:id/commitment.pdf': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/commitment.pdf`) }),
  },
  'GET /api/me/applications/:id/commitment.docx': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/commitment.docx`) }),
  },
  'GET /api/me/applications/:id/blind-preview': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/blind-preview`) }),
  },
  // Allowed means the command ran: the sample application is incomplete, so it answers 422.
  'POST /api/me/applications/:id/submit': {
    allow: 422,
    run: async ({ client, user }) => {
      const id = await applicationOf(user);
      return { response: await client.post(`/api/me/applications/${id}/submit`, {}), unchanged: async () => (await applicationField(id)).status === 'draft' };
    },
  },
  'POST /api/me/applications/:id/withdraw': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationRow(owner.id, withdrawCampaign);
      await t.services.db.update(applications).set({ status: 'draft' }).where(eq(applications.id, id));
      return { response: await client.post(`/api/me/applications/${id}/withdraw`), unchanged: async () => (await applicationField(id)).status === 'draft' };
    },
  },
  'GET /api/me/notifications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/notifications') }) },
  'GET /api/unit/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/unit/applications') }) },
  'GET /api/unit/applications.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/unit/applications.xlsx?status=unit_review') }) },
  'GET /api/unit/applications/:id': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${(await submittedApplication()).id}`) }),
  },
  'GET /api/unit/applications/:id/files/:fileId/content': {
    allow: 200,
    run: async ({ client }) => {
      const { id, fileId } = await submittedApplication();
      return { response: await client.get(`/api/unit/applications/${id}/files/${fileId}/content`) };
    },
  },
  'POST /api/unit/applications/:id/return': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await submittedApplication();
      return { response: await client.post(`/api/unit/applications/${id}/return`, { reasons: ['材料不清晰'] }), unchanged: async () => (await applicationField(id)).status === 'unit_review' };
    },
  },
  'POST /api/unit/applications/:id/publicity': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_review');
      return { response: await client.post(`/api/unit/applications/${id}/publicity`, { startsOn: beijingDate(new Date()) }), unchanged: async () => (await statusOf(id)) === 'unit_review' };
    },
  },
  'POST /api/unit/applications/:id/objections': {
    allow: 201,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_publicity');
      const count = async () => (await t.services.db.select().from(objections).where(eq(objections.applicationId, id))).length;
      return { response: await client.post(`/api/unit/applications/${id}/objections`, { content: '反映其代表作品署名有误' }), unchanged: async () => (await count()) === 0 };
    },
  },
  'POST /api/unit/objections/:id/resolve': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_publicity');
      const [objection] = await t.services.db.insert(objections).values({ applicationId: id, content: '异议' }).returning({ id: objections.id });
      const open = async () => (await t.services.db.select().from(objections).where(eq(objections.id, objection.id)))[0].resolvedAt === null;
      return { response: await client.post(`/api/unit/objections/${objection.id}/resolve`, { resolution: '经核实，署名无误' }), unchanged: open };
    },
  },
  'POST /api/unit/applications/:id/recommend': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_publicity');
      await t.services.db.insert(publicities).values({ applicationId: id, startsOn: '2020-01-06', endsOn: '2020-01-10', workingDays: 5 });
      return { response: await client.post(`/api/unit/applications/${id}/recommend`), unchanged: async () => (await statusOf(id)) === 'unit_publicity' };
    },
  },
  'GET /api/dept/applications.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/dept/applications.xlsx') }) },
  'GET /api/dept/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/dept/applications') }) },
  'GET /api/dept/applications/:id': { allow: 200, run: async ({ client }) => ({ response: await client.get(`/api/dept/applications/${(await applicationAt('dept_review')).id}`) }) },
  'GET /api/dept/applications/:id/files/:fileId/content': {
    allow: 200,
    run: async ({ client }) => {
      const { id, fileId } = await applicationAt('dept_review');
      return { response: await client.get(`/api/dept/applications/${id}/files/${fileId}/content`) };
    },
  },
  'POST /api/dept/applications/:id/return': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('dept_review');
      return { response: await client.post(`/api/dept/applications/${id}/return`, { reasons: ['推荐材料不全'] }), unchanged: async () => (await statusOf(id)) === 'dept_review' };
    },
  },
  'POST /api/dept/batches': {
    allow: 201,
    run: async ({ client }) => {
      const { id } = await applicationAt('dept_review');
      return { response: await client.post('/api/dept/batches', { applicationIds: [id] }), unchanged: async () => (await statusOf(id)) === 'dept_review' };
    },
  },
  'GET /api/dept/batches/:id/list.xlsx': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      const [batch] = await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId: sharedCampaign }).returning({ id: batches.id });
      await t.services.db.update(applications).set({ batchId: batch.id }).where(eq(applications.id, id));
      return { response: await client.get(`/api/dept/batches/${batch.id}/list.xlsx`) };
    },
  },
  'GET /api/office/applications.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/applications.xlsx') }) },
  'GET /api/office/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/applications') }) },
  'GET /api/office/applications/:id': { allow: 200, run: async ({ client }) => ({ response: await client.get(`/api/office/applications/${(await applicationAt('office_review')).id}`) }) },
  'GET /api/office/applications/:id/files/:fileId/content': {
    allow: 200,
    run: async ({ client }) => {
      const { id, fileId } = await applicationAt('office_review');
      return { response: await client.get(`/api/office/applications/${id}/files/${fileId}/content`) };
    },
  },
  'POST /api/office/applications/:id/return': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      return { response: await client.post(`/api/office/applications/${id}/return`, { reasons: ['学历证书扫描件不清晰'] }), unchanged: async () => (await statusOf(id)) === 'office_review' };
    },
  },
  'POST /api/office/applications/:id/accept': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      return { response: await client.post(`/api/office/applications/${id}/accept`), unchanged: async () => (await statusOf(id)) === 'office_review' };
    },
  },
  'GET /api/me/applications/:id/review-form.pdf': {
    allow: 200,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationRow(owner.id, aksuCampaign, 'accepted');
      return { response: await client.get(`/api/me/applications/${id}/review-form.pdf`) };
    },
  },
  'GET /api/office/applications/:id/review-form.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/office/applications/${(await applicationAt('accepted')).id}/review-form.pdf`) }),
  },
  'GET /api/office/applications/:id/review-form-blind.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/office/applications/${(await applicationAt('accepted')).id}/review-form-blind.pdf`) }),
  },
  'POST /api/office/applications/:id/paper-received': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('accepted', org.unitId, aksuCampaign);
      return { response: await client.post(`/api/office/applications/${id}/paper-received`, {}), unchanged: async () => (await applicationField(id)).paperReceivedAt === null };
    },
  },
  'GET /api/office/payment-settings': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/payment-settings') }) },
  'PUT /api/office/payment-settings': {
    allow: 200,
    run: async ({ client }) => ({
      response: await client.request('PUT', '/api/office/payment-settings', { body: { payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '3042 0101 0400 1234 5' } }),
    }),
  },
  'POST /api/office/payment-settings/qr': {
    allow: 200,
    run: async ({ client }) => {
      await t.services.db
        .insert(paymentSettings)
        .values({ prefectureId: org.prefectureId, payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '30420101' })
        .onConflictDoNothing();
      return { response: await uploadFile(client, '/api/office/payment-settings/qr', smallJpeg, '收款码.jpg', 'image/jpeg') };
    },
  },
  'GET /api/office/payment-settings/qr': {
    allow: 200,
    run: async ({ client }) => {
      const owner = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
      const qrFileId = await fileOf(owner.id);
      await t.services.db
        .insert(paymentSettings)
        .values({ prefectureId: org.prefectureId, payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '30420101', qrFileId })
        .onConflictDoUpdate({ target: paymentSettings.prefectureId, set: { qrFileId } });
      return { response: await client.get('/api/office/payment-settings/qr') };
    },
  },
  'GET /api/me/applications/:id/fee': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${(await feeOrderFor((await ownerFor(user)).id)).applicationId}/fee`) }),
  },
  'GET /api/me/applications/:id/fee/qr': {
    allow: 200,
    run: async ({ client, user }) => {
      const { applicationId } = await feeOrderFor((await ownerFor(user)).id);
      const qrFileId = await fileOf((await ownerFor(null)).id);
      await t.services.db
        .insert(paymentSettings)
        .values({ prefectureId: org.prefectureId, payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '30420101', qrFileId })
        .onConflictDoUpdate({ target: paymentSettings.prefectureId, set: { qrFileId } });
      return { response: await client.get(`/api/me/applications/${applicationId}/fee/qr`) };
    },
  },
  'POST /api/me/applications/:id/fee/receipt': {
    allow: 201,
    run: async ({ client, user }) => {
      const { applicationId, orderId } = await feeOrderFor((await ownerFor(user)).id);
      return { response: await jpegUpload(client, `/api/me/applications/${applicationId}/fee/receipt`), unchanged: async () => (await orderStatus(orderId)) === 'pending' };
    },
  },
  'GET /api/finance/fee-orders': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/finance/fee-orders') }) },
  'GET /api/finance/fee-orders/:id/receipt': {
    allow: 200,
    run: async ({ client }) => {
      const { orderId } = await feeOrderFor((await ownerFor(null)).id, { receipt: true });
      return { response: await client.get(`/api/finance/fee-orders/${orderId}/receipt`) };
    },
  },
  'POST /api/finance/fee-orders/:id/confirm': {
    allow: 204,
    run: async ({ client }) => {
      const { orderId } = await feeOrderFor((await ownerFor(null)).id, { receipt: true });
      return { response: await client.post(`/api/finance/fee-orders/${orderId}/confirm`), unchanged: async () => (await orderStatus(orderId)) === 'receipt_uploaded' };
    },
  },
  'POST /api/finance/fee-orders/:id/reject': {
    allow: 204,
    run: async ({ client }) => {
      const { orderId } = await feeOrderFor((await ownerFor(null)).id, { receipt: true });
      return { response: await client.post(`/api/finance/fee-orders/${orderId}/reject`, { reason: '金额不符' }), unchanged: async () => (await orderStatus(orderId)) === 'receipt_uploaded' };
    },
  },
  'GET /api/finance/campaigns/:campaignId/reconciliation.xlsx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/finance/campaigns/${aksuCampaign}/reconciliation.xlsx`) }),
  },
  'GET /api/finance/campaigns/:campaignId/unpaid': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/finance/campaigns/${aksuCampaign}/unpaid`) }),
  },
  // The real 2024 notice: its payment deadline (2024-09-15) is over, so unpaid applications can be
  // closed. Each call gets its own campaign: finance's allowed call closes every unpaid application
  // of the campaign, which must not be another principal's "unchanged" witness.
  'POST /api/finance/campaigns/:campaignId/close-unpaid': {
    allow: 200,
    run: async ({ client }) => {
      const campaignId = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true });
      aksuCampaignIds.add(campaignId);
      const owner = await ownerFor(null);
      const { applicationId } = await feeOrderFor(owner.id, { campaignId });
      return { response: await client.post(`/api/finance/campaigns/${campaignId}/close-unpaid`), unchanged: async () => (await applicationField(applicationId)).status === 'accepted' };
    },
  },
  'GET /api/unit/applications/:id/publicity-notice.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-notice.pdf`) }),
  },
  'GET /api/unit/applications/:id/publicity-notice.docx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-notice.docx`) }),
  },
  'GET /api/unit/applications/:id/publicity-result.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-result.pdf`) }),
  },
  'GET /api/unit/applications/:id/publicity-result.docx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-result.docx`) }),
  },
  'GET /api/unit/applications/:id/recommendation-report.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(true)}/recommendation-report.pdf`) }),
  },
  'GET /api/unit/applications/:id/recommendation-report.docx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(true)}/recommendation-report.docx`) }),
  },
  'POST /api/unit/applications/:id/publicity/sealed-copies/:which': {
    allow: 201,
    run: async ({ client }) => {
      const id = await publicisedApplication(false);
      const stored = async () => (await t.services.db.select().from(publicities).where(eq(publicities.applicationId, id)))[0].noticeFileId;
      return { response: await uploadFile(client, `/api/unit/applications/${id}/publicity/sealed-copies/notice`, smallJpeg, '公示通知盖章件.jpg', 'image/jpeg'), unchanged: async () => (await stored()) === null };
    },
  },
  'GET /api/unit/applications/:id/publicity/sealed-copies/:which': {
    allow: 200,
    run: async ({ client }) => {
      const id = await publicisedApplication(false);
      const owner = await ownerFor(null);
      await t.services.db.update(publicities).set({ noticeFileId: await fileOf(owner.id) }).where(eq(publicities.applicationId, id));
      return { response: await client.get(`/api/unit/applications/${id}/publicity/sealed-copies/notice`) };
    },
  },
  'GET /api/dept/batches/:id/list.pdf': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      const [{ batchId }] = await t.services.db.select({ batchId: applications.batchId }).from(applications).where(eq(applications.id, id));
      return { response: await client.get(`/api/dept/batches/${batchId}/list.pdf`) };
    },
  },
};

/** What permissions.ts says a principal gets on a route: allowed, 401 or 403. */
function expectedOutcome(access: RouteAccess, principal: Principal): 'allow' | 401 | 403 {
  if (access === 'public') return 'allow';
  if (principal === 'anonymous') return 401;
  if (access === 'authenticated') return 'allow';
  const role: Role = principal === 'applicant_of_other_unit' ? 'applicant' : principal;
  return (PERMISSION_ROLES[access] as readonly Role[]).includes(role) ? 'allow' : 403;
}

interface CellResult {
  route: string;
  access: RouteAccess;
  principal: Principal;
  expected: 'allow' | 401 | 403;
  status: number;
  mismatch: string | null;
}

const protectedRoutes = () =>
  t.app.routeCatalogue.filter((r) => r.access !== 'public').map((r) => ({ key: `${r.method} ${r.url}`, access: r.access }));

describe('permission matrix', () => {
  it('has a sample request for every protected route, and no sample for a route that does not exist', () => {
    const keys = protectedRoutes().map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !(k in SAMPLES)), 'protected routes without a matrix sample').toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !keys.includes(k)), 'samples for routes that are gone or public').toEqual([]);
  });

  it('every cell (role × route) matches permissions.ts over HTTP', async () => {
    const routes = protectedRoutes().filter((r) => r.key in SAMPLES);
    const results: CellResult[] = [];

    await Promise.all(
      PRINCIPALS.map(async (principal) => {
        const shared = await sessionFor(principal);
        for (const route of routes) {
          const sample = SAMPLES[route.key];
          const expected = expectedOutcome(route.access, principal);
          const session =
            sample.session === 'fresh' ? await sessionFor(principal) : sample.session === 'no-totp' ? await sessionFor(principal, false) : shared;
          const { response, unchanged } = await sample.run(session);
          let mismatch: string | null = null;
          if (expected === 'allow') {
            if (response.statusCode !== sample.allow) mismatch = `expected ${sample.allow}, got ${response.statusCode} ${response.body.slice(0, 200)}`;
          } else if (response.statusCode !== expected) {
            mismatch = `expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 200)}`;
          } else {
            const code = response.json().error?.code;
            const wanted = expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
            if (code !== wanted) mismatch = `expected error code ${wanted}, got ${code}`;
            else if (unchanged && !(await unchanged())) mismatch = 'refused request changed data';
          }
          results.push({ route: route.key, access: route.access, principal, expected, status: response.statusCode, mismatch });
        }
      }),
    );

    const mismatches = results.filter((r) => r.mismatch);
    console.log(`[cells / mismatches = ${results.length} / ${mismatches.length}]`);
    for (const m of mismatches) console.log(`  mismatch: ${m.principal} ${m.route}: ${m.mismatch}`);
    // The mismatches go into the assertion message too, so a CI summary that shows only the
    // failure message still names the cell.
    const mismatchLines = mismatches.map((m) => `${m.principal} ${m.route}: ${m.mismatch}`);
    expect(mismatchLines, mismatchLines.join('\n')).toEqual([]);
    expect(results.length).toBe(routes.length * PRINCIPALS.length);

    // Every permission (and 'authenticated') is shown both granted and refused over HTTP.
    for (const access of [...PERMISSIONS, 'authenticated'] as RouteAccess[]) {
      const cells = results.filter((r) => r.access === access);
      expect(cells.filter((c) => c.expected === 'allow').length, `${access}: allow cells`).toBeGreaterThan(0);
      expect(cells.filter((c) => c.expected !== 'allow').length, `${access}: deny cells`).toBeGreaterThan(0);
    }
    // Every permission has at least one route, so none is dead configuration.
    for (const permission of PERMISSIONS) expect(routes.some((r) => r.access === permission), permission).toBe(true);
  });
});

describe('object scope', () => {
  it('a unit reviewer of unit A cannot confirm or reject a membership of unit B: 404, and it stays pending', async () => {
    const { client } = await sessionFor('unit_reviewer');
    const otherId = await pendingMembership(org.otherUnitId);
    const confirm = await client.post(`/api/unit/memberships/${otherId}/confirm`);
    expect(confirm.statusCode).toBe(404);
    const reject = await client.post(`/api/unit/memberships/${otherId}/reject`, { reason: '不是本单位职工' });
    expect(reject.statusCode).toBe(404);
    expect(await membershipStatus(otherId)).toBe('pending');
    // The answer is the same as for an id that does not exist, so it reveals nothing.
    const missing = await client.post(`/api/unit/memberships/${crypto.randomUUID()}/confirm`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(confirm.json());
    // Nor does unit B's membership appear in unit A's queue.
    const queue = (await client.get('/api/unit/memberships')).json<{ id: string; unitId: string }[]>();
    expect(queue.map((m) => m.id)).not.toContain(otherId);
    expect(queue.every((m) => m.unitId === org.unitId)).toBe(true);
  });

  it('a unit reviewer granted for a prefecture-level unit cannot reach a county unit either', async () => {
    const reviewer = await createUser(t.services, { role: 'unit_reviewer', orgId: org.prefectureUnitId, totp: true });
    const client = new TestClient(t.app);
    expect((await client.login(reviewer.username, reviewer.password, currentTotp(reviewer))).statusCode).toBe(200);
    const id = await pendingMembership(org.unitId);
    expect((await client.post(`/api/unit/memberships/${id}/confirm`)).statusCode).toBe(404);
    expect(await membershipStatus(id)).toBe('pending');
  });

  it('applicants (of this unit or another) cannot reach any staff route', async () => {
    for (const principal of ['applicant', 'applicant_of_other_unit'] as const) {
      const { client } = await sessionFor(principal);
      const id = await pendingMembership(org.unitId);
      for (const [method, url] of [
        ['GET', '/api/unit/memberships'],
        ['POST', `/api/unit/memberships/${id}/confirm`],
        ['GET', '/api/admin/orgs'],
        ['GET', '/api/admin/users'],
        ['GET', '/api/security/users'],
        ['GET', '/api/audit/logs'],
      ]) {
        const response = await client.request(method, url, method === 'POST' ? { body: {} } : {});
        expect(response.statusCode, `${principal} ${method} ${url}`).toBe(403);
      }
      expect(await membershipStatus(id)).toBe('pending');
    }
  });

  it('staff who have not enrolled their second factor are refused everything but the enrolment routes', async () => {
    for (const role of ['unit_reviewer', 'system_admin', 'security_admin', 'audit_admin'] as const) {
      const { client } = await sessionFor(role, false);
      const own = { unit_reviewer: '/api/unit/memberships', system_admin: '/api/admin/orgs', security_admin: '/api/security/users', audit_admin: '/api/audit/logs' }[role];
      const refused = await client.get(own);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
      expect((await client.get('/api/me')).statusCode).toBe(200);
    }
  });
});

describe('三员分立 over HTTP', () => {
  const membershipRoutes = (id: string): [string, string, unknown][] => [
    ['GET', '/api/unit/memberships', undefined],
    ['POST', `/api/unit/memberships/${id}/confirm`, {}],
    ['POST', `/api/unit/memberships/${id}/reject`, { reason: '管理员不得审核' }],
  ];

  it('no administrator can act on memberships (403), and the membership stays pending', async () => {
    for (const role of ADMIN_ROLES) {
      const { client } = await sessionFor(role);
      const id = await pendingMembership();
      for (const [method, url, body] of membershipRoutes(id)) {
        const response = await client.request(method, url, body === undefined ? {} : { body });
        expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
      expect(await membershipStatus(id)).toBe('pending');
    }
  });

  it('each administrator reaches only its own area', async () => {
    const area: Record<(typeof ADMIN_ROLES)[number], RouteAccess[]> = {
      system_admin: ['org.manage', 'user.manage', 'calendar.manage'],
      security_admin: ['role.assign'],
      audit_admin: ['audit.read'],
    };
    for (const role of ADMIN_ROLES) {
      const granted = PERMISSIONS.filter((p) => (PERMISSION_ROLES[p] as readonly Role[]).includes(role));
      expect(granted.sort(), role).toEqual([...area[role]].sort());
    }
    // The areas do not overlap, and no admin holds a business permission (membership review).
    expect(PERMISSION_ROLES['membership.review'].some((r) => (ADMIN_ROLES as readonly string[]).includes(r))).toBe(false);

    const { client: sys } = await sessionFor('system_admin');
    const { client: sec } = await sessionFor('security_admin');
    const { client: aud } = await sessionFor('audit_admin');
    const target = await createUser(t.services);
    const leaf = await freshUnit();

    // System admin: organisations and accounts, but no role grants and no audit log.
    expect((await sys.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId })).statusCode).toBe(403);
    expect((await sys.get('/api/audit/logs')).statusCode).toBe(403);
    expect((await sys.post('/api/audit/verify')).statusCode).toBe(403);
    expect((await sys.get('/api/admin/orgs')).statusCode).toBe(200);

    // Security admin: role grants and unlocks, but no organisations, no accounts, no audit log.
    expect((await sec.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name: `安全员不能建${tag()}`, unitKind: 'enterprise' })).statusCode).toBe(403);
    expect((await sec.delete(`/api/admin/orgs/${leaf}`)).statusCode).toBe(403);
    expect((await sec.post('/api/admin/users', { username: `sx${tag()}`, name: '某人', initialPassword: 'Rv8#silent-Creek' })).statusCode).toBe(403);
    expect((await sec.get('/api/audit/logs')).statusCode).toBe(403);
    expect((await sec.get('/api/audit/logs.xlsx')).statusCode).toBe(403);
    expect((await sec.post(`/api/security/users/${target.id}/unlock`)).statusCode).toBe(204);

    // Audit admin: reads, exports and verifies the log, changes nothing else.
    expect((await aud.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId })).statusCode).toBe(403);
    expect((await aud.post(`/api/security/users/${target.id}/unlock`)).statusCode).toBe(403);
    expect((await aud.patch(`/api/admin/orgs/${leaf}`, { name: `审计员不能改${tag()}` })).statusCode).toBe(403);
    expect((await aud.delete(`/api/admin/orgs/${leaf}`)).statusCode).toBe(403);
    expect(await orgExists({ id: leaf })).toBe(true);
    expect((await aud.get('/api/audit/logs?pageSize=1')).statusCode).toBe(200);
    expect((await aud.post('/api/audit/verify')).statusCode).toBe(200);
    expect(
      (await t.services.db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id))).length,
      'no grant slipped through',
    ).toBe(0);
  });

  it('the state-changing routes open to the audit admin are only verify/export and its own account', () => {
    const ownAccount = new Set(['POST /api/auth/logout', 'POST /api/me/password', 'POST /api/me/totp/setup', 'POST /api/me/totp/enable']);
    const changing = protectedRoutes()
      .filter((r) => !r.key.startsWith('GET '))
      .filter((r) => expectedOutcome(r.access, 'audit_admin') === 'allow')
      .map((r) => r.key)
      .filter((k) => !ownAccount.has(k));
    expect(changing).toEqual(['POST /api/audit/verify']);
  });
});
