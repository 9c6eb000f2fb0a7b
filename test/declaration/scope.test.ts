// Who may touch an application: its applicant only (another applicant gets 404, never 403, so ids
// reveal nothing); the reviewer of its unit once it is submitted; nobody anonymously. And A24-3:
// one declaration path per year.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationMaterials, archiveRecords } from '../../src/server/db/schema.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from '../helpers/app.js';
import { AKSU_2024, BAYINGOL_2021, insertCampaign, prefectureInfo, type PrefectureInfo } from '../helpers/campaigns.js';
import {
  applicant,
  applicationRow,
  cleanJpeg,
  createApplication,
  createApplicationRequest,
  errorOf,
  getView,
  readyApplication,
  returnApplication,
  saveSectionRequest,
  setMasking,
  submit,
  upload,
  type Applicant,
  type Ready,
  type View,
} from '../helpers/declaration.js';

let t: TestContext;
let org: TestOrgTree;
let prefecture: PrefectureInfo;
let bzCampaign: string;
let otherBzCampaign: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  prefecture = await prefectureInfo(t.services, org.prefectureId);
  bzCampaign = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
  otherBzCampaign = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
});
afterAll(async () => {
  await t.close();
});

describe('an applicant reaches only their own applications, files and records (404)', () => {
  let owner: Applicant;
  let intruder: Applicant;
  let mine: Ready;
  let intruderView: View;
  let fileId: string;

  beforeAll(async () => {
    owner = await applicant(t, org.unitId);
    mine = await readyApplication(t, owner, bzCampaign, 'bz');
    fileId = mine.materials['unit-publicity'][0];
    // Same unit, same campaign: as close as another person gets.
    intruder = await applicant(t, org.unitId);
    intruderView = await createApplication(intruder.client, bzCampaign, 'bz');
  });

  const notFound = (r: { statusCode: number; body: string }, what: string) => {
    expect(r.statusCode, `${what}: ${r.body}`).toBe(404);
    expect(JSON.parse(r.body).error.code, what).toBe('NOT_FOUND');
  };

  it('another applicant cannot read, save, upload into, tick, sign, preview, submit or withdraw my application', async () => {
    const id = mine.view.id;
    const c = intruder.client;
    notFound(await c.get(`/api/me/applications/${id}`), 'GET');
    notFound(await saveSectionRequest(c, id, mine.view.version, 'other', { note: '篡改' }), 'PUT section');
    notFound(await upload(c, `/api/me/applications/${id}/materials/unit-publicity`, await cleanJpeg()), 'upload into slot');
    notFound(await c.post(`/api/me/applications/${id}/materials/unit-publicity/from-archive`, { fileId }), 'from-archive into my slot');
    notFound(await c.delete(`/api/me/applications/${id}/materials/${mine.view.slots.find((s) => s.id === 'unit-publicity')!.materials[0].id}`), 'remove material');
    notFound(await setMasking(c, id, []), 'masking');
    notFound(await c.post(`/api/me/applications/${id}/commitment`, { name: intruder.name }), 'commitment');
    notFound(await c.get(`/api/me/applications/${id}/commitment.pdf`), 'commitment.pdf');
    notFound(await c.get(`/api/me/applications/${id}/commitment.docx`), 'commitment.docx');
    notFound(await c.get(`/api/me/applications/${id}/blind-preview`), 'blind preview');
    notFound(await submit(c, id), 'submit');
    notFound(await c.post(`/api/me/applications/${id}/withdraw`), 'withdraw');
    expect((await c.get('/api/me/applications')).json().map((a: { id: string }) => a.id)).toEqual([intruderView.id]);

    // Nothing changed.
    const row = await applicationRow(t.services, id);
    expect(row.status).toBe('draft');
    expect(row.version).toBe(mine.view.version);
    expect((row.form as Record<string, Record<string, unknown>>).other.note).toBe('无');
  });

  it('another applicant cannot see, download or rotate my file, nor put it into their own slot or archive', async () => {
    const c = intruder.client;
    notFound(await c.get(`/api/me/files/${fileId}`), 'file info');
    notFound(await c.get(`/api/me/files/${fileId}/content`), 'file content');
    notFound(await c.post(`/api/me/files/${fileId}/rotate`, { degrees: 90 }), 'rotate');
    notFound(await c.post(`/api/me/applications/${intruderView.id}/materials/unit-publicity/from-archive`, { fileId }), 'my file into their slot');
    notFound(await c.post('/api/me/archive/achievement', { data: { year: 2024, name: '奖', grantor: '协会', grade: '一等奖' }, fileIds: [fileId] }), 'my file into their archive');
    expect(await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.applicationId, intruderView.id))).toEqual([]);
    // The owner still has it, unrotated, in place.
    expect((await owner.client.get(`/api/me/files/${fileId}/content`)).statusCode).toBe(200);
    expect((await getView(owner.client, mine.view.id)).slots.find((s) => s.id === 'unit-publicity')!.materials[0].file.id).toBe(fileId);
  });

  it('another applicant cannot change or delete my archive record, nor pick it into their form', async () => {
    const c = intruder.client;
    const workId = mine.ids.work![0];
    notFound(await c.delete(`/api/me/archive/records/${workId}`), 'delete record');
    notFound(await c.request('PUT', `/api/me/archive/records/${workId}`, { body: { data: { from: '2011-07-01', to: null, unit: '某单位', post: '某岗位' } } }), 'change record');
    const pick = await saveSectionRequest(c, intruderView.id, intruderView.version, 'work', { records: [workId] });
    expect(pick.statusCode).toBe(400);
    expect(errorOf(pick).fields![0].path).toBe('work.records');
    const [record] = await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.id, workId));
    expect(record.userId).toBe(owner.user.id);
    expect((record.data as { post: string }).post).toBe('记者');
    expect((await c.get('/api/me/archive')).json()).toEqual([]);
  });

  it('unit reviewers: the right unit sees and returns my submitted application; another unit gets 404; nobody sees a draft', async () => {
    const rightUnit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
    const otherUnit = (await signIn(t, 'unit_reviewer', org.otherUnitId)).client;
    const id = mine.view.id;

    // A draft is the applicant's alone, even for the reviewer of their unit.
    notFound(await rightUnit.get(`/api/unit/applications/${id}`), 'unit sees a draft');
    notFound(await returnApplication(rightUnit, id, ['退回']), 'unit returns a draft');
    notFound(await rightUnit.get(`/api/unit/applications/${id}/files/${fileId}/content`), 'unit downloads from a draft');
    expect((await rightUnit.get('/api/unit/applications')).json().map((a: { id: string }) => a.id)).not.toContain(id);

    expect((await submit(owner.client, id)).statusCode).toBe(200);

    notFound(await otherUnit.get(`/api/unit/applications/${id}`), 'other unit GET');
    notFound(await returnApplication(otherUnit, id, ['不归我管也退回']), 'other unit return');
    notFound(await otherUnit.get(`/api/unit/applications/${id}/files/${fileId}/content`), 'other unit file');
    expect((await otherUnit.get('/api/unit/applications')).json().map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await applicationRow(t.services, id)).status).toBe('unit_review');

    const seen = await rightUnit.get(`/api/unit/applications/${id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().id).toBe(id);
    expect((await rightUnit.get(`/api/unit/applications/${id}/files/${fileId}/content`)).statusCode).toBe(200);
    expect((await returnApplication(rightUnit, id, ['请补充单位公示结果'])).statusCode).toBe(204);
    expect((await getView(owner.client, id)).returnReasons).toEqual(['请补充单位公示结果']);

    // The applicant role has no unit queue; a unit reviewer has no applicant pages.
    expect((await owner.client.get('/api/unit/applications')).statusCode).toBe(403);
    expect((await rightUnit.get(`/api/me/applications/${id}`)).statusCode).toBe(403);
  });

  it('anonymous requests are refused with 401', async () => {
    const anonymous = new TestClient(t.app);
    const id = mine.view.id;
    for (const [method, url] of [
      ['GET', '/api/me/applications'],
      ['GET', `/api/me/applications/${id}`],
      ['GET', `/api/me/applications/${id}/blind-preview`],
      ['GET', `/api/me/applications/${id}/commitment.pdf`],
      ['GET', `/api/me/files/${fileId}`],
      ['GET', `/api/me/files/${fileId}/content`],
      ['GET', '/api/me/archive'],
      ['GET', '/api/me/notifications'],
      ['POST', `/api/me/applications/${id}/submit`],
      ['POST', '/api/me/applications'],
      ['GET', '/api/unit/applications'],
      ['GET', `/api/unit/applications/${id}`],
      ['POST', `/api/unit/applications/${id}/return`],
    ] as const) {
      const r = method === 'GET' ? await anonymous.get(url) : await anonymous.post(url, {});
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(401);
    }
    const up = await upload(anonymous, '/api/me/files', await cleanJpeg());
    expect(up.statusCode).toBe(401);
  });
});

describe('A24-3: one declaration path per year', () => {
  it('A24-3: an application in one campaign of the year blocks another campaign of the same year until it is withdrawn', async () => {
    const aks1 = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    const aks2 = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    const who = await applicant(t, org.unitId);
    const first = await createApplication(who.client, aks1, 'aks');
    // The other campaign of the same year, by either of its paths.
    for (const pathId of ['directed', 'recommended']) {
      const refused = await createApplicationRequest(who.client, aks2, 'aks', { pathId });
      expect(refused.statusCode, pathId).toBe(409);
      expect(errorOf(refused).code).toBe('ONE_PATH_PER_YEAR');
      expect(errorOf(refused).message).toContain(`${first.year} 年度`);
      expect(errorOf(refused).message).toContain('A24-3');
    }
    expect((await who.client.get('/api/me/applications')).json().map((a: { id: string }) => a.id)).toEqual([first.id]);

    // The same campaign twice is a different refusal.
    const again = await createApplicationRequest(who.client, aks1, 'aks');
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('APPLICATION_EXISTS');

    expect((await who.client.post(`/api/me/applications/${first.id}/withdraw`)).statusCode).toBe(204);
    expect((await getView(who.client, first.id)).status).toBe('withdrawn');
    const other = await createApplicationRequest(who.client, aks2, 'aks', { pathId: 'recommended' });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json()).toMatchObject({ campaignId: aks2, path: { id: 'recommended' }, status: 'draft' });
    // The withdrawn application does not block starting afresh in its own campaign, by another path.
    expect((await who.client.post(`/api/me/applications/${other.json().id}/withdraw`)).statusCode).toBe(204);
    const restarted = await createApplicationRequest(who.client, aks1, 'aks', { pathId: 'recommended' });
    expect(restarted.statusCode, restarted.body).toBe(201);
  });

  it('A24-3: the rule is per series and level: another series or level in another campaign of the year is allowed', async () => {
    const aks1 = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    const aks2 = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    const aks3 = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
    const who = await applicant(t, org.unitId);
    await createApplication(who.client, aks1, 'aks', { level: '中级' });
    const otherLevel = await createApplicationRequest(who.client, aks2, 'aks', { level: '副高', pathId: 'recommended' });
    expect(otherLevel.statusCode, otherLevel.body).toBe(201);
    const otherSeries = await createApplicationRequest(who.client, aks3, 'aks', {
      seriesId: 'literature',
      specialtyId: 'literary-creation',
      level: '中级',
      pathId: 'recommended',
    });
    expect(otherSeries.statusCode, otherSeries.body).toBe(201);
  });

  it('A24-3: a submitted application cannot be withdrawn to free the path while the unit reviews it', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, otherBzCampaign, 'bz');
    expect((await submit(who.client, view.id)).statusCode).toBe(200);
    const r = await who.client.post(`/api/me/applications/${view.id}/withdraw`);
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('NOT_WITHDRAWABLE');
    expect((await getView(who.client, view.id)).status).toBe('unit_review');
  });
});
