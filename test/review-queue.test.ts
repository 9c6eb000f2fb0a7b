// The desks' queues (issue 5): filters by campaign, series, level, status and days waiting, paging
// with the total in x-total-count, each desk's own "returned" tab, and the Excel export with ID
// numbers masked and formula-looking cells neutralised.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, batches, users } from '../src/server/db/schema.js';
import { createOrgTree, createUser, type CreatedUser, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from './helpers/app.js';
import { BAYINGOL_2021, insertCampaign, prefectureInfo } from './helpers/campaigns.js';

let t: TestContext;
let org: TestOrgTree;
let campaignId: string;
let unit: TestClient;
let dept: TestClient;
let office: TestClient;

type Item = { id: string; level: string; daysWaiting: number | null; applicantName: string; unitName: string; status: string };

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  campaignId = await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: BAYINGOL_2021, publish: true, openNow: true });
  unit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
  dept = (await signIn(t, 'dept_reviewer', org.departmentId)).client;
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
});
afterAll(() => t.close());

/** An application row at a desk, submitted `daysAgo` days ago, of a fresh applicant. */
async function row(values: { status: string; level?: string; daysAgo?: number; name?: string; returnedAtStage?: string; reached?: 'dept' | 'office' }): Promise<{ id: string; applicant: CreatedUser }> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed', name: values.name });
  const batchId = values.reached === 'office' ? (await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId }).returning({ id: batches.id }))[0].id : null;
  const [inserted] = await t.services.db
    .insert(applications)
    .values({
      applicantId: applicant.id,
      unitId: org.unitId,
      campaignId,
      campaignVersion: 1,
      year: new Date().getFullYear(),
      seriesId: 'news',
      specialtyId: 'reporter',
      level: values.level ?? '中级',
      pathId: 'prefecture',
      status: values.status,
      submissionCount: 1,
      submittedAt: new Date(Date.now() - (values.daysAgo ?? 0) * 86_400_000),
      returnedAtStage: values.returnedAtStage ?? null,
      recommendedAt: values.reached ? new Date() : null,
      batchId,
    })
    .returning({ id: applications.id });
  return { id: inserted.id, applicant };
}

const ids = (body: Item[]) => body.map((i) => i.id);

describe('the unit queue', () => {
  it('filters by level and days waiting, oldest first, and pages with the total in x-total-count', async () => {
    const old = await row({ status: 'unit_review', level: '初级', daysAgo: 20 });
    const mid = await row({ status: 'unit_review', level: '中级', daysAgo: 10 });
    const fresh = await row({ status: 'unit_review', level: '中级', daysAgo: 0 });
    const all = await unit.get('/api/unit/applications?status=unit_review');
    expect(all.statusCode).toBe(200);
    expect(ids(all.json()).slice(0, 3)).toEqual([old.id, mid.id, fresh.id]);
    expect(all.json()[0].daysWaiting).toBe(20);
    expect(ids((await unit.get('/api/unit/applications?status=unit_review&level=中级')).json())).toEqual([mid.id, fresh.id]);
    expect(ids((await unit.get('/api/unit/applications?status=unit_review&minDaysWaiting=5')).json())).toEqual([old.id, mid.id]);
    expect(ids((await unit.get(`/api/unit/applications?status=unit_review&campaignId=${campaignId}&seriesId=news&level=初级`)).json())).toEqual([old.id]);
    const page2 = await unit.get('/api/unit/applications?status=unit_review&page=2&pageSize=2');
    expect(page2.headers['x-total-count']).toBe('3');
    expect(ids(page2.json())).toEqual([fresh.id]);
    const bad = await unit.get('/api/unit/applications?pageSize=1000');
    expect(bad.statusCode).toBe(400);
  });

  it('exports every row of the filter to Excel: ID numbers masked, a name starting with "=" kept as text', async () => {
    const { applicant } = await row({ status: 'returned', name: '=HYPERLINK("http://x")', daysAgo: 3 });
    const [stored] = await t.services.db.select({ name: users.name }).from(users).where(eq(users.id, applicant.id));
    const response = await unit.get('/api/unit/applications.xlsx?status=returned');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawBody as unknown as ArrayBuffer);
    const values = workbook.worksheets[0].getSheetValues().flat().map(String);
    expect(values).toContain(`'${stored.name}`);
    expect(values.join('|')).not.toContain(applicant.idNumber);
    expect(values.some((v) => /^\d{6}\*{8}[\dX]{4}$/.test(v))).toBe(true);
  });
});

describe('the desks above the unit', () => {
  it("B21-13: each desk's returned tab lists what that desk returned, not what an earlier desk did", async () => {
    const byUnit = await row({ status: 'returned', returnedAtStage: 'unit' });
    const byDept = await row({ status: 'returned', returnedAtStage: 'dept', reached: 'dept' });
    const byOffice = await row({ status: 'returned', returnedAtStage: 'office', reached: 'office' });
    const deptReturned = ids((await dept.get('/api/dept/applications?status=returned')).json());
    expect(deptReturned).toContain(byDept.id);
    expect(deptReturned).not.toContain(byUnit.id);
    expect(deptReturned).not.toContain(byOffice.id);
    const officeReturned = ids((await office.get('/api/office/applications?status=returned')).json());
    expect(officeReturned).toContain(byOffice.id);
    expect(officeReturned).not.toContain(byDept.id);
    expect(officeReturned).not.toContain(byUnit.id);
  });

  it('the department and the office export their queues to Excel', async () => {
    await row({ status: 'office_review', reached: 'office' });
    for (const [client, url] of [
      [dept, '/api/dept/applications.xlsx?status=office_review'],
      [office, '/api/office/applications.xlsx?status=office_review'],
    ] as const) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawBody as unknown as ArrayBuffer);
      expect(workbook.worksheets[0].rowCount).toBeGreaterThanOrEqual(2);
    }
  });
});
