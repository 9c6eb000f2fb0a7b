// The demo's applications (src/server/seed/demo-applications.ts): on a fresh database, seedDemoData
// — what `npm start` runs — leaves applications at every stage of the review chain in both
// prefectures' practice campaigns, made by the product's commands (timeline, notifications, fee
// orders, 评审表 numbers, stored files, an intact audit chain); the demo reviewers' desks show them
// through the API; and a second run adds nothing.
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { beijingDate } from '../src/domain/calendar/calendar.js';
import { verifyAuditLog } from '../src/server/commands/audit/verify-audit-log.js';
import {
  applicationEvents,
  applicationMaterials,
  applications,
  archiveRecords,
  auditLog,
  batches,
  feeOrders,
  files,
  jobs,
  notifications,
  publicities,
  reviewForms,
  users,
} from '../src/server/db/schema.js';
import { systemContext } from '../src/server/http/context.js';
import { loadCalendar } from '../src/server/rules/calendar.js';
import { DEMO_PASSWORD, insertOrganisationTree, seedDemoData } from '../src/server/seed/demo.js';
import { seedDemoApplications } from '../src/server/seed/demo-applications.js';
import { DEMO_ORGANISATION_TREE } from '../src/server/seed/organisation-tree.js';
import { DEMO_PEOPLE, DEMO_STAGES, type DemoStage, type Which } from '../src/server/seed/demo-people.js';
import { createTestApp, TestClient, type TestContext } from './helpers/app.js';
import { createScratchDatabase, type ScratchDatabase } from './helpers/database.js';

let scratch: ScratchDatabase;
let t: TestContext;
let seedMs = 0;
const today = beijingDate(new Date());
const year = Number(today.slice(0, 4));
const campaignOf = (which: Which) => `practice-${which}-${year}`;

beforeAll(async () => {
  scratch = await createScratchDatabase('zp_demo_apps');
  t = await createTestApp({ demo: true, databaseUrl: scratch.url, appRole: scratch.appRole });
  const started = Date.now();
  expect(await seedDemoData(t.services)).toBe('seeded');
  seedMs = Date.now() - started;
  console.log(`[demo-applications.test] seedDemoData on a fresh database: ${(seedMs / 1000).toFixed(1)} s`);
}, 180_000);

afterAll(async () => {
  await t?.close();
  await scratch?.drop();
});

interface Row {
  id: string;
  username: string;
  status: string;
  level: string;
  seriesId: string;
  returnedAtStage: string | null;
  batchId: string | null;
  endsOn: string | null;
  fee: string | null;
  formNumber: string | null;
}

async function applicationsOf(which: Which): Promise<Row[]> {
  return t.services.db
    .select({
      id: applications.id,
      username: users.username,
      status: applications.status,
      level: applications.level,
      seriesId: applications.seriesId,
      returnedAtStage: applications.returnedAtStage,
      batchId: applications.batchId,
      endsOn: publicities.endsOn,
      fee: feeOrders.status,
      formNumber: reviewForms.number,
    })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantId))
    .leftJoin(publicities, eq(publicities.applicationId, applications.id))
    .leftJoin(feeOrders, eq(feeOrders.applicationId, applications.id))
    .leftJoin(reviewForms, eq(reviewForms.applicationId, applications.id))
    .where(eq(applications.campaignId, campaignOf(which))) as Promise<Row[]>;
}

/** Which demo stage a stored application is in, read from the rows alone. */
function stageOf(r: Row): DemoStage | 'other' {
  if (r.status === 'draft') return 'draft';
  if (r.status === 'unit_review') return 'unitReview';
  if (r.status === 'returned' && r.returnedAtStage === 'unit') return 'returned';
  if (r.status === 'unit_publicity') return r.endsOn !== null && r.endsOn >= today ? 'publicity' : 'publicityEnded';
  if (r.status === 'dept_review') return 'deptReview';
  if (r.status === 'office_review' && r.batchId !== null) return 'officeReview';
  if (r.status === 'accepted' && r.fee === 'pending') return 'feeUnpaid';
  if (r.status === 'accepted' && r.fee === 'receipt_uploaded') return 'receiptUploaded';
  if (r.status === 'accepted' && r.fee === 'confirmed' && r.formNumber !== null) return 'paid';
  return 'other';
}

const tally = (rows: Row[]) => {
  const by: Record<string, number> = {};
  for (const r of rows) by[stageOf(r)] = (by[stageOf(r)] ?? 0) + 1;
  return by;
};

async function tableCounts() {
  const n = async (table: PgTable) => (await t.services.db.select({ n: count() }).from(table))[0].n;
  return {
    users: await n(users),
    applications: await n(applications),
    auditLog: await n(auditLog),
    files: await n(files),
    events: await n(applicationEvents),
    notifications: await n(notifications),
    jobs: await n(jobs),
    feeOrders: await n(feeOrders),
    archive: await n(archiveRecords),
  };
}

async function logIn(username: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  const r = await client.login(username, DEMO_PASSWORD);
  expect(r.statusCode, `${username}: ${r.body}`).toBe(200);
  return client;
}

async function listed(client: TestClient, url: string): Promise<{ id: string; applicantName?: string }[]> {
  const r = await client.get(url);
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json();
}

describe.each(['bz', 'aks'] as const)('demo applications of %s', (which) => {
  it('every stage of the review chain has an application, each with the stage the roster gives it', async () => {
    const rows = await applicationsOf(which);
    const by = tally(rows);
    for (const stage of DEMO_STAGES) expect(by[stage] ?? 0, `${which} ${stage}: ${JSON.stringify(by)}`).toBeGreaterThanOrEqual(1);
    expect(by.other, JSON.stringify(by)).toBeUndefined();
    // Each demo applicant's application is where the roster (demo-people.ts) puts it.
    for (const person of DEMO_PEOPLE[which]) {
      const row = rows.find((r) => r.username === person.username);
      expect(row, person.username).toBeDefined();
      expect(stageOf(row!), person.username).toBe(person.stage);
      expect(row!.level).toBe(person.level);
    }
  });

  it('the committee stage has enough paid candidates per level: Aksu 8 副高 and 4 中级, Bayingol 6 中级 (news)', async () => {
    const paid = (await applicationsOf(which)).filter((r) => stageOf(r) === 'paid' && r.seriesId === 'news');
    const perLevel = (level: string) => paid.filter((r) => r.level === level).length;
    if (which === 'aks') {
      expect(perLevel('副高')).toBe(8);
      expect(perLevel('中级')).toBe(4);
    } else {
      expect(perLevel('中级')).toBe(6);
    }
  });

  it('the ended publicity is a real period of the campaign’s working days before today; the running one covers today', async () => {
    const rows = await applicationsOf(which);
    const calendar = await loadCalendar(t.services.db, 'xinjiang');
    const ended = rows.filter((r) => ['publicityEnded', 'deptReview', 'officeReview', 'feeUnpaid', 'receiptUploaded', 'paid'].includes(stageOf(r)));
    const stored = await t.services.db.select().from(publicities).where(inArray(publicities.applicationId, ended.map((r) => r.id)));
    expect(stored).toHaveLength(ended.length);
    for (const p of stored) {
      expect(p.endsOn < today).toBe(true);
      expect(calendar.isWorkingDay(p.startsOn)).toBe(true);
      expect(calendar.countWorkingDays(p.startsOn, p.endsOn)).toBe(p.workingDays);
      expect(p.workingDays).toBeGreaterThanOrEqual(5);
      // The timeline event says the same period.
      const [event] = await t.services.db
        .select()
        .from(applicationEvents)
        .where(and(eq(applicationEvents.applicationId, p.applicationId), eq(applicationEvents.action, 'publicityStarted')));
      expect(event.detail).toMatchObject({ startsOn: p.startsOn, endsOn: p.endsOn });
    }
    const running = rows.filter((r) => stageOf(r) === 'publicity');
    for (const r of running) expect(r.endsOn! >= today).toBe(true);
  });

  it('was done by the commands: timeline, notifications, batches, fee orders and stored scans are consistent', async () => {
    const rows = (await applicationsOf(which)).filter((r) => r.status !== 'draft');
    const ids = rows.map((r) => r.id);
    const events = await t.services.db.select().from(applicationEvents).where(inArray(applicationEvents.applicationId, ids));
    const actions = (id: string) => events.filter((e) => e.applicationId === id).map((e) => e.action);
    for (const r of rows) {
      expect(actions(r.id), r.username).toContain('submitted');
      const stage = stageOf(r);
      if (stage === 'returned') expect(actions(r.id)).toContain('returned');
      if (['officeReview', 'feeUnpaid', 'receiptUploaded', 'paid'].includes(stage) && r.batchId) expect(actions(r.id)).toContain('forwarded');
      if (['feeUnpaid', 'receiptUploaded', 'paid'].includes(stage)) expect(actions(r.id)).toEqual(expect.arrayContaining(['recommended', 'accepted']));
      if (stage === 'paid') expect(actions(r.id)).toEqual(expect.arrayContaining(['receiptUploaded', 'feeConfirmed']));
    }
    // Every submit, acceptance and confirmation has its audit row, made under the demo accounts.
    const audits = await t.services.db
      .select({ action: auditLog.action, actorRole: auditLog.actorRole, requestId: auditLog.requestId })
      .from(auditLog)
      .where(inArray(auditLog.objectId, ids));
    expect(audits.filter((a) => a.action === 'application.submit')).toHaveLength(rows.length);
    expect(audits.filter((a) => a.action === 'application.accept').every((a) => a.actorRole === 'office_staff' && a.requestId === 'demo-seed')).toBe(true);
    // The applicants were told (a return, 已接收材料, the fee confirmed).
    const told = await t.services.db
      .select({ title: notifications.title })
      .from(notifications)
      .innerJoin(applications, eq(applications.applicantId, notifications.userId))
      .where(inArray(applications.id, ids));
    const titles = told.map((n) => n.title);
    expect(titles).toContain('申报已退回，请修改后重新提交');
    expect(titles).toContain('评委会办公室已接收材料');
    expect(titles).toContain('评审费已确认');
    // Batches were made by the departments, one per department.
    const forwarded = rows.filter((r) => r.batchId !== null);
    const batchRows = await t.services.db.select().from(batches).where(inArray(batches.id, [...new Set(forwarded.map((r) => r.batchId!))]));
    expect(batchRows.length).toBeGreaterThanOrEqual(1);
    expect(new Set(batchRows.map((b) => b.departmentId)).size).toBe(batchRows.length);
    // Each scan placed in an application is in the file store, with the SM3 its row records.
    const placed = await t.services.db
      .select({ storageKey: files.storageKey, sm3: files.sm3, kind: files.kind })
      .from(applicationMaterials)
      .innerJoin(files, eq(files.id, applicationMaterials.fileId))
      .where(inArray(applicationMaterials.applicationId, ids));
    expect(placed.length).toBeGreaterThan(rows.length);
    const distinct = [...new Map(placed.map((f) => [f.storageKey, f])).values()];
    for (const f of distinct) expect((await t.services.files.get(f.storageKey, f.sm3)).length).toBeGreaterThan(0);
    expect(new Set(distinct.map((f) => f.kind))).toEqual(new Set([which === 'bz' ? 'jpg' : 'pdf']));
  });

  it('the demo reviewers’ desks show work through the API: unit, department, committee office and finance', async () => {
    const unit = await logIn(`demo-unit-${which}`);
    for (const status of ['unit_review', 'unit_publicity', 'returned']) {
      expect((await listed(unit, `/api/unit/applications?status=${status}`)).length, `unit ${status}`).toBeGreaterThan(0);
    }
    const dept = await logIn(`demo-dept-${which}`);
    expect((await listed(dept, '/api/dept/applications?status=dept_review')).length).toBeGreaterThan(0);
    expect((await listed(dept, '/api/dept/applications?status=office_review')).length).toBeGreaterThan(0);
    const office = await logIn(`demo-office-${which}`);
    expect((await listed(office, '/api/office/applications?status=office_review')).length).toBeGreaterThan(0);
    expect((await listed(office, '/api/office/applications?status=accepted')).length).toBeGreaterThanOrEqual(which === 'aks' ? 14 : 8);
    const finance = await logIn(`demo-finance-${which}`);
    expect((await listed(finance, '/api/finance/fee-orders')).length).toBeGreaterThan(0);
    expect((await listed(finance, '/api/finance/fee-orders?status=pending')).length).toBeGreaterThan(0);
    // The practice campaign's paid applications: Aksu 8 副高 + 4 中级; Bayingol 6 中级 + the 3 初级 the
    // evaluation stages add (demo-evaluation.ts). The historic years have their own campaigns.
    expect((await listed(finance, `/api/finance/fee-orders?status=confirmed&campaignId=${campaignOf(which)}`)).length).toBe(which === 'aks' ? 12 : 9);
    // An applicant with the fee unpaid sees the payee the office set and may upload a receipt.
    const unpaid = DEMO_PEOPLE[which].find((p) => p.stage === 'feeUnpaid')!;
    const applicant = await logIn(unpaid.username);
    const [mine] = await listed(applicant, '/api/me/applications');
    const fee = await applicant.get(`/api/me/applications/${mine.id}/fee`);
    expect(fee.statusCode, fee.body).toBe(200);
    expect(fee.json()).toMatchObject({ payable: true, order: { status: 'pending' } });
    expect(fee.json().payee).toMatchObject({ payeeName: expect.stringContaining('演示'), hasQr: which === 'aks' });
    // The returned applicant reads every reason and the deadline; the unit sees the ended publicity
    // with its resolved objection, ready to recommend.
    const returned = await logIn(DEMO_PEOPLE[which].find((p) => p.stage === 'returned')!.username);
    const [back] = await listed(returned, '/api/me/applications');
    const view = (await returned.get(`/api/me/applications/${back.id}`)).json();
    expect(view.status).toBe('returned');
    expect(view.returnReasons.length).toBeGreaterThanOrEqual(2);
    expect(view.resubmitDeadline).not.toBeNull();
    const endedName = DEMO_PEOPLE[which].find((p) => p.stage === 'publicityEnded')!.name;
    const inPublicity = await listed(unit, '/api/unit/applications?status=unit_publicity');
    const ended = inPublicity.find((a) => a.applicantName === endedName)!;
    const unitView = (await unit.get(`/api/unit/applications/${ended.id}`)).json();
    expect(unitView.review.publicity.endsOn < today).toBe(true);
    expect(unitView.review.objections).toEqual([expect.objectContaining({ resolution: expect.any(String) })]);
  });
});

describe('idempotence and integrity', () => {
  it('the audit chain verifies after the seed', async () => {
    const result = await verifyAuditLog(t.services, systemContext('test'));
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it('running seedDemoData again adds nothing', async () => {
    const before = await tableCounts();
    expect(await seedDemoData(t.services)).toBe('present');
    expect(await tableCounts()).toEqual(before);
    const [{ demo }] = await t.services.db
      .select({ demo: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`${users.username} like 'demo-applicant-%-%'`);
    expect(demo).toBe(DEMO_PEOPLE.bz.length + DEMO_PEOPLE.aks.length);
  });

  it('seeds within the time budget', () => {
    expect(seedMs).toBeLessThan(60_000);
  });
});

describe('a database without the practice campaigns', () => {
  it('gets no demo application, no account, and start-up goes on (the console says why)', async () => {
    const other = await createScratchDatabase('zp_demo_apps_none');
    const tt = await createTestApp({ demo: true, databaseUrl: other.url, appRole: other.appRole });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await insertOrganisationTree(tt.services.db, DEMO_ORGANISATION_TREE);
      await expect(seedDemoApplications(tt.services)).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`practice campaign practice-bz-${year}`));
      expect((await tt.services.db.select({ n: count() }).from(users))[0].n).toBe(0);
      expect((await tt.services.db.select({ n: count() }).from(auditLog))[0].n).toBe(0);
    } finally {
      warn.mockRestore();
      await tt.close();
      await other.drop();
    }
  });
});
