// Statistics of a campaign (E): declared, returned, accepted, paid and passed by series, level,
// county and unit, with the pass rate; the Excel workbook with one sheet per grouping (formula
// injection neutralised, the export audited); the office of the campaign's prefecture only.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationEvents, applications, auditLog, organisations } from '../../src/server/db/schema.js';
import { createOrgTree, createUser, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from '../helpers/app.js';
import { errorOf } from '../helpers/declaration.js';
import { acceptedApplications } from '../helpers/evaluation.js';
import { markPresent, voteOn, votingWorld, type World } from '../helpers/evaluation-results.js';
import { XLSX_TYPE } from '../helpers/multipart.js';

let t: TestContext;
let org: TestOrgTree;
let other: TestOrgTree;
let office: TestClient;
let otherOffice: TestClient;
let expertClient: TestClient;
let w: World;
let hostileUnitId: string;
const hostileName = `=HYPERLINK("http://evil.example")测试单位${randomBytes(2).toString('hex')}`;

beforeAll(async () => {
  t = await createTestApp();
  [org, other] = await Promise.all([createOrgTree(t.services), createOrgTree(t.services)]);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  otherOffice = (await signIn(t, 'office_staff', other.prefectureId)).client;
  expertClient = (await signIn(t, 'expert', org.prefectureId)).client;

  // 中级: three candidates at the county unit, two pass the vote.
  w = await votingWorld(t, org, { members: 3, candidates: 3, office });
  await markPresent(t, w, 3);
  expect((await office.post(`/api/office/committees/${w.committeeId}/open-meeting`)).statusCode).toBe(204);
  for (const [i, c] of w.candidates.entries()) await voteOn(t, w.members, w.committeeId, c.applicationId, i < 2 ? 3 : 1);
  expect((await office.post(`/api/office/committees/${w.committeeId}/close-ballot`)).statusCode).toBe(200);

  // 初级: one accepted and paid at a prefecture-level unit, not yet evaluated.
  await acceptedApplications(t, org, w.campaignId, { count: 1, seriesId: 'news', level: '初级', specialtyId: 'editor', unitId: org.prefectureUnitId, withFile: false });

  // 中级: one at a unit with a hostile name, returned once and back at the unit.
  [{ id: hostileUnitId }] = await t.services.db
    .insert(organisations)
    .values({ kind: 'unit', name: hostileName, parentId: org.countyId, unitKind: 'public_institution', countyLevelOrBelow: true, departmentId: org.departmentId })
    .returning({ id: organisations.id });
  const returnedApplicant = await createUser(t.services, { role: 'applicant', orgId: hostileUnitId, membership: 'confirmed' });
  const [returned] = await t.services.db
    .insert(applications)
    .values({ applicantId: returnedApplicant.id, unitId: hostileUnitId, campaignId: w.campaignId, campaignVersion: 1, year: 2024, seriesId: 'news', specialtyId: 'editor', level: '中级', pathId: 'directed', status: 'unit_review', submissionCount: 2 })
    .returning({ id: applications.id });
  await t.services.db.insert(applicationEvents).values({ applicationId: returned.id, actorRole: 'unit_reviewer', action: 'returned', detail: {} });

  // A draft is not a declaration.
  const drafter = await createUser(t.services, { role: 'applicant', orgId: org.otherUnitId, membership: 'confirmed' });
  await t.services.db
    .insert(applications)
    .values({ applicantId: drafter.id, unitId: org.otherUnitId, campaignId: w.campaignId, campaignVersion: 1, year: 2024, seriesId: 'news', specialtyId: 'editor', level: '中级', pathId: 'directed', status: 'draft' });
});
afterAll(async () => {
  await t?.close();
});

type Row = { key: string; label: string; declared: number; returned: number; accepted: number; paid: number; passed: number; passRate: number | null };
const stats = async (by: string) => {
  const r = await office.get(`/api/office/campaigns/${w.campaignId}/statistics?by=${by}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { rows: Row[]; total: Row };
};
const counts = (r: Row | undefined) => r && [r.declared, r.returned, r.accepted, r.paid, r.passed, r.passRate];

describe('statistics', () => {
  it('counts by level, series, county and unit, with the pass rate of those with a result', async () => {
    const level = await stats('level');
    expect(level.rows.map((r) => r.key)).toEqual(['初级', '中级']);
    expect(counts(level.rows.find((r) => r.key === '中级'))).toEqual([4, 1, 3, 3, 2, 66.7]);
    expect(counts(level.rows.find((r) => r.key === '初级'))).toEqual([1, 0, 1, 1, 0, null]);
    expect(counts(level.total)).toEqual([5, 1, 4, 4, 2, 66.7]);
    expect(level.total.label).toBe('合计');

    const series = await stats('series');
    expect(series.rows).toHaveLength(1);
    expect(series.rows[0]).toMatchObject({ key: 'news', label: '新闻', declared: 5 });

    const county = await stats('county');
    const [countyRow] = await t.services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org.countyId));
    expect(county.rows.map((r) => [r.label, r.declared])).toEqual([
      [countyRow.name, 4],
      ['地州直属单位', 1],
    ]);

    const unit = await stats('unit');
    expect(unit.rows).toHaveLength(3);
    expect(counts(unit.rows.find((r) => r.key === org.unitId))).toEqual([3, 0, 3, 3, 2, 66.7]);
    expect(counts(unit.rows.find((r) => r.key === hostileUnitId))).toEqual([1, 1, 0, 0, 0, null]);
  });

  it('exports one sheet per grouping, neutralising formulas, and audits the export', async () => {
    const r = await office.get(`/api/office/campaigns/${w.campaignId}/statistics.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawBody as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['按系列', '按级别', '按县市', '按单位']);
    const cells: unknown[] = [];
    workbook.getWorksheet('按单位')!.eachRow((row) => cells.push(...(row.values as unknown[]).slice(1)));
    expect(cells).toContain(`'${hostileName}`);
    expect(cells).not.toContain(hostileName);
    const levelRows: unknown[][] = [];
    workbook.getWorksheet('按级别')!.eachRow((row) => levelRows.push((row.values as unknown[]).slice(1)));
    expect(levelRows).toContainEqual(['中级', 4, 1, 3, 3, 2, 66.7]);
    expect(levelRows).toContainEqual(['合计', 5, 1, 4, 4, 2, 66.7]);
    const audit = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'statistics.export'), eq(auditLog.objectId, w.campaignId)));
    expect(audit).toHaveLength(1);
  });

  it('only the office of the campaign: anonymous 401, expert 403, another prefecture 404; bad grouping 400', async () => {
    for (const url of [`/api/office/campaigns/${w.campaignId}/statistics?by=series`, `/api/office/campaigns/${w.campaignId}/statistics.xlsx`]) {
      expect((await new TestClient(t.app).get(url)).statusCode).toBe(401);
      expect((await expertClient.get(url)).statusCode).toBe(403);
      expect((await otherOffice.get(url)).statusCode).toBe(404);
    }
    const bad = await office.get(`/api/office/campaigns/${w.campaignId}/statistics?by=gender`);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toMatch(/[\u4e00-\u9fff]/);
    expect((await office.get('/api/office/campaigns/no-such-campaign/statistics')).statusCode).toBe(404);
  });
});
