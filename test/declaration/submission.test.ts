// Submitting a declaration: the completeness rule (B21-12: every field filled, "无" never blank,
// every required material), the cap of 3 submissions (B21-12), the declaration window (B21-1,
// A24-4), autosave's version guard, and the snapshot of the archive taken at submission.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationMaterials } from '../../src/server/db/schema.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from '../helpers/app.js';
import { AKSU_2024, BAYINGOL_2021, insertCampaign, prefectureInfo, type PrefectureInfo } from '../helpers/campaigns.js';
import {
  applicant,
  beijingDay,
  cleanJpeg,
  completeSections,
  createApplication,
  createApplicationRequest,
  errorOf,
  fillArchive,
  fillMaterials,
  fillSections,
  getView,
  plusDays,
  readyApplication,
  republishCampaign,
  returnApplication,
  saveSectionRequest,
  signCommitment,
  submit,
  submittedApplication,
  upload,
} from '../helpers/declaration.js';

let t: TestContext;
let org: TestOrgTree;
let prefecture: PrefectureInfo;
let bzCampaign: string;
let unit: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  prefecture = await prefectureInfo(t.services, org.prefectureId);
  bzCampaign = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
  unit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
});
afterAll(async () => {
  await t.close();
});

describe('B21-12: every field filled, "无" where there is nothing to say', () => {
  it('B21-12: a fresh application lists every unfilled field and material at once, each with its path', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    const paths = view.problems.map((p) => p.path);
    for (const path of ['basic.adminPost', 'education.records', 'work.records', 'performance.summary', 'grassRoots.records', 'other.note', 'commitment']) {
      expect(paths).toContain(path);
    }
    for (const slot of view.slots.filter((s) => s.required > 0)) expect(paths).toContain(`materials.${slot.id}`);
    const r = await submit(who.client, view.id);
    expect(r.statusCode).toBe(422);
    const error = errorOf(r);
    expect(error.code).toBe('SUBMISSION_INCOMPLETE');
    expect(error.fields!.map((f) => f.path)).toEqual(paths);
    expect(error.message).toContain(`还有 ${paths.length} 处需要处理后才能提交`);
  });

  it('B21-12: a blank text field is refused at submit, pointing at basic.adminPost and asking for “无”; "无" passes', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, bzCampaign, 'bz');
    expect(view.problems).toEqual([]);

    for (const blank of ['', '   ']) {
      const current = await getView(who.client, view.id);
      const saved = await saveSectionRequest(who.client, view.id, current.version, 'basic', { adminPost: blank });
      expect(saved.statusCode, saved.body).toBe(200); // a draft may be incomplete
      const r = await submit(who.client, view.id);
      expect(r.statusCode, r.body).toBe(422);
      const error = errorOf(r);
      expect(error.code).toBe('SUBMISSION_INCOMPLETE');
      expect(error.fields).toHaveLength(1);
      expect(error.fields![0].path).toBe('basic.adminPost');
      expect(error.fields![0].message).toContain('现任行政职务');
      expect(error.fields![0].message).toContain('不能留空');
      expect(error.fields![0].message).toContain('填写“无”');
      expect(error.fields![0].message).toContain('B21-12');
      expect((await getView(who.client, view.id)).status).toBe('draft');
    }

    const current = await getView(who.client, view.id);
    expect((await saveSectionRequest(who.client, view.id, current.version, 'basic', { adminPost: '无' })).statusCode).toBe(200);
    const r = await submit(who.client, view.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('unit_review');
    expect(r.json().form.basic.adminPost).toBe('无');
  });

  it('B21-12: an unpicked records section is refused at submit, pointing at work.records; picking "无" passes', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, bzCampaign, 'bz');

    const current = await getView(who.client, view.id);
    expect((await saveSectionRequest(who.client, view.id, current.version, 'work', { records: [] })).statusCode).toBe(200);
    const r = await submit(who.client, view.id);
    expect(r.statusCode, r.body).toBe(422);
    const error = errorOf(r);
    expect(error.code).toBe('SUBMISSION_INCOMPLETE');
    expect(error.fields).toHaveLength(1);
    expect(error.fields![0].path).toBe('work.records');
    expect(error.fields![0].message).toContain('工作经历');
    expect(error.fields![0].message).toContain('“无”');
    expect(error.fields![0].message).toContain('B21-12');

    // A records field takes picked ids or exactly "无", nothing else.
    const other = await saveSectionRequest(who.client, view.id, current.version + 1, 'work', { records: '没有' });
    expect(other.statusCode).toBe(400);
    expect(errorOf(other).fields![0]).toMatchObject({ path: 'work.records' });

    expect((await saveSectionRequest(who.client, view.id, current.version + 1, 'work', { records: '无' })).statusCode).toBe(200);
    const ok = await submit(who.client, view.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().form.work.records).toBe('无');
  });

  it('B21-12: a picked record that is deleted from the archive leaves its section unfilled again', async () => {
    const who = await applicant(t, org.unitId);
    const { view, ids } = await readyApplication(t, who, bzCampaign, 'bz');
    expect((await who.client.delete(`/api/me/archive/records/${ids.work![0]}`)).statusCode).toBe(204);
    const after = await getView(who.client, view.id);
    expect(after.problems.map((p) => p.path)).toEqual(['work.records']);
    expect(after.records.some((r) => r.id === ids.work![0])).toBe(false);
  });
});

describe('B21-12 / B21-5: every attachment slot the level requires has its files', () => {
  it('B21-12: every required slot is required — taking one file out of any of them is a problem at materials.<slot>', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, bzCampaign, 'bz');
    const required = view.slots.filter((s) => s.required > 0);
    expect(required.map((s) => s.id).sort()).toEqual(
      ['annual-assessment', 'continuing-education', 'education-verification', 'political-conduct', 'representative-works', 'title-certificate', 'unit-publicity'].sort(),
    );
    for (const slot of required) {
      const [material] = slot.materials;
      const removed = await who.client.delete(`/api/me/applications/${view.id}/materials/${material.id}`);
      expect(removed.statusCode, removed.body).toBe(204);
      const after = await getView(who.client, view.id);
      expect(after.problems.map((p) => p.path), slot.id).toEqual([`materials.${slot.id}`]);
      expect(after.problems[0].message).toContain(`“${slot.name}”至少上传 ${slot.required} 份`);
      expect(after.problems[0].message).toContain(`现有 ${slot.required - 1} 份`);
      const r = await submit(who.client, view.id);
      expect(r.statusCode).toBe(422);
      expect(errorOf(r).fields!.map((f) => f.path)).toEqual([`materials.${slot.id}`]);
      // Put back (the scan is the applicant's own file).
      const back = await who.client.post(`/api/me/applications/${view.id}/materials/${slot.id}/from-archive`, { fileId: material.file.id });
      expect(back.statusCode, back.body).toBe(204);
    }
    expect((await getView(who.client, view.id)).problems).toEqual([]);
  });

  it('B21-5: the annual assessment form is needed once for each listed year', async () => {
    const who = await applicant(t, org.unitId);
    const ids = await fillArchive(who.client);
    let view = await createApplication(who.client, bzCampaign, 'bz');
    view = await fillSections(who.client, view, completeSections(ids));
    await fillMaterials(who.client, view, 'bz', { except: ['annual-assessment'] });
    const slot = view.slots.find((s) => s.id === 'annual-assessment')!;
    // The practice copy moved B21's 2018–2020 to the three years before this one.
    const year = Number(beijingDay(Date.now()).slice(0, 4));
    expect(slot.years).toEqual([year - 3, year - 2, year - 1]);
    expect(slot.required).toBe(3);
    const jpeg = await cleanJpeg();
    for (let i = 0; i < 2; i += 1) expect((await upload(who.client, `/api/me/applications/${view.id}/materials/${slot.id}`, jpeg)).statusCode).toBe(201);
    await signCommitment(who, view.id);
    const r = await submit(who.client, view.id);
    expect(r.statusCode).toBe(422);
    const fields = errorOf(r).fields!;
    expect(fields.map((f) => f.path)).toEqual(['materials.annual-assessment']);
    expect(fields[0].message).toContain('至少上传 3 份');
    expect(fields[0].message).toContain(`${year - 3}、${year - 2}、${year - 1} 年每年 1 份`);
    expect(fields[0].message).toContain('现有 2 份');
    expect((await upload(who.client, `/api/me/applications/${view.id}/materials/${slot.id}`, jpeg)).statusCode).toBe(201);
    expect((await submit(who.client, view.id)).statusCode).toBe(200);
  });

  it('B21-5: representative works (≥ 2) are required of a county-level unit at 中级', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    const slot = view.slots.find((s) => s.id === 'representative-works');
    expect(slot).toMatchObject({ required: 2, ruleId: 'B21-5' });
    expect((await upload(who.client, `/api/me/applications/${view.id}/materials/representative-works`, await cleanJpeg())).statusCode).toBe(201);
    const problem = (await getView(who.client, view.id)).problems.find((p) => p.path === 'materials.representative-works');
    expect(problem?.message).toContain('至少上传 2 份');
    expect(problem?.message).toContain('现有 1 份');
  });

  it('B21-5: representative works are not required at 初级, even at a county-level unit', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz', { level: '初级' });
    expect(view.slots.map((s) => s.id)).not.toContain('representative-works');
    expect(view.problems.map((p) => p.path)).not.toContain('materials.representative-works');
  });

  it('B21-5: representative works are not required of a prefecture-level unit', async () => {
    const who = await applicant(t, org.prefectureUnitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    expect(view.slots.map((s) => s.id)).not.toContain('representative-works');
    expect(view.problems.map((p) => p.path)).not.toContain('materials.representative-works');
  });
});

describe('B21-12: at most 3 submissions', () => {
  it('B21-12: after the 3rd submission is returned the application is not accepted this year and cannot be submitted again', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, bzCampaign, 'bz');
    for (const n of [1, 2]) {
      expect((await returnApplication(unit, view.id, [`第 ${n} 次退回：材料不清晰`])).statusCode).toBe(204);
      const returned = await getView(who.client, view.id);
      expect(returned).toMatchObject({ status: 'returned', editable: true, submissionCount: n, maxSubmissions: 3 });
      const again = await submit(who.client, view.id);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ status: 'unit_review', submissionCount: n + 1 });
    }
    expect((await returnApplication(unit, view.id, ['第 3 次退回：仍不符合要求'])).statusCode).toBe(204);
    const final = await getView(who.client, view.id);
    expect(final).toMatchObject({ status: 'not_accepted', editable: false, submissionCount: 3, returnReasons: ['第 3 次退回：仍不符合要求'], resubmitDeadline: null });
    expect(final.statusLabel).toContain('当年不再受理');
    expect(final.timeline.slice(-2).map((e) => e.action)).toEqual(['returned', 'notAccepted']);
    expect(final.problems).toEqual([]);

    const r = await submit(who.client, view.id);
    expect(r.statusCode).toBe(422);
    expect(errorOf(r).code).toBe('SUBMISSION_INCOMPLETE');
    expect(errorOf(r).fields).toEqual([{ path: 'status', message: expect.any(String) }]);
    expect((await saveSectionRequest(who.client, view.id, final.version, 'other', { note: '再试一次' })).statusCode).toBe(409);
    expect((await who.client.post(`/api/me/applications/${view.id}/withdraw`)).statusCode).toBe(409);

    const notifications = (await who.client.get('/api/me/notifications')).json() as { title: string; body: string }[];
    expect(notifications[0].title).toBe('申报已退回，当年不再受理');
    expect(notifications[0].body).toContain('第 3 次提交后仍不符合要求');
    expect(notifications[0].body).toContain('B21-12');
    expect(notifications[0].body).toContain('第 3 次退回：仍不符合要求');
    // Nothing is left to lapse.
    const queue = (await unit.get('/api/unit/applications?status=not_accepted')).json() as { id: string }[];
    expect(queue.map((a) => a.id)).toContain(view.id);
  });
});

describe('B21-1 / A24-4: the declaration window', () => {
  it('B21-1: creating an application in the closed 2021 Bayingol window is refused with the window shown', async () => {
    const closed = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true });
    const who = await applicant(t, org.unitId);
    const r = await createApplicationRequest(who.client, closed, 'bz');
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('WINDOW_CLOSED');
    expect(errorOf(r).message).toContain('已截止');
    expect(errorOf(r).message).toContain('2021-09-01 00:00 至 2021-09-25 23:59');
    expect(errorOf(r).message).toContain('B21-1');
    expect((await who.client.get('/api/me/applications')).json()).toEqual([]);
  });

  it('A24-4: creating an application in the closed 2024 Aksu window is refused with the window shown', async () => {
    const closed = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true });
    const who = await applicant(t, org.unitId);
    const r = await createApplicationRequest(who.client, closed, 'aks');
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('WINDOW_CLOSED');
    expect(errorOf(r).message).toContain('2024-07-22 00:00 至 2024-08-30 23:59');
    expect(errorOf(r).message).toContain('A24-4');
  });

  it('B21-1: a complete draft cannot be submitted once the window has closed; the window is in the message', async () => {
    const campaign = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, campaign, 'bz');
    expect(view.problems).toEqual([]);
    // The office moves the close to yesterday.
    const yesterday = plusDays(beijingDay(Date.now()), -1);
    const opens = plusDays(yesterday, -20);
    await republishCampaign(t.services, campaign, (config) => {
      config.windows.declaration.opensAt = `${opens}T00:00:00+08:00`;
      config.windows.declaration.closesAt = `${yesterday}T23:59:59+08:00`;
    });
    const r = await submit(who.client, view.id);
    expect(r.statusCode).toBe(422);
    const fields = errorOf(r).fields!;
    expect(fields.map((f) => f.path)).toEqual(['window']);
    expect(fields[0].message).toContain('已截止，逾期不予受理');
    expect(fields[0].message).toContain(`${opens} 00:00 至 ${yesterday} 23:59`);
    expect((await getView(who.client, view.id)).status).toBe('draft');
    // Nor can anyone start a new one.
    const late = await createApplicationRequest((await applicant(t, org.unitId)).client, campaign, 'bz');
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('WINDOW_CLOSED');
    expect(errorOf(late).message).toContain(`${opens} 00:00 至 ${yesterday} 23:59`);
  });

  it('B21-1: a draft cannot be submitted before the window opens; the window is in the message', async () => {
    const campaign = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, campaign, 'bz');
    const opens = plusDays(beijingDay(Date.now()), 1);
    const closes = plusDays(opens, 20);
    await republishCampaign(t.services, campaign, (config) => {
      config.windows.declaration.opensAt = `${opens}T00:00:00+08:00`;
      config.windows.declaration.closesAt = `${closes}T23:59:59+08:00`;
    });
    const r = await submit(who.client, view.id);
    expect(r.statusCode).toBe(422);
    const fields = errorOf(r).fields!;
    expect(fields.map((f) => f.path)).toEqual(['window']);
    expect(fields[0].message).toContain('尚未开始');
    expect(fields[0].message).toContain(`${opens} 00:00 至 ${closes} 23:59`);
  });
});

describe('who may declare where', () => {
  it('an applicant whose unit has not confirmed them cannot start an application', async () => {
    const { createUser } = await import('../factories.js');
    const { TestClient } = await import('../helpers/app.js');
    const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'pending' });
    const client = new TestClient(t.app);
    expect((await client.login(user.username, user.password)).statusCode).toBe(200);
    const r = await createApplicationRequest(client, bzCampaign, 'bz');
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('MEMBERSHIP_NOT_CONFIRMED');
    expect(errorOf(r).message).toContain('工作单位尚未确认');
  });

  it('an applicant of another prefecture cannot declare in this prefecture’s campaign', async () => {
    const elsewhere = await createOrgTree(t.services);
    const who = await applicant(t, elsewhere.unitId);
    const r = await createApplicationRequest(who.client, bzCampaign, 'bz');
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('OUT_OF_SCOPE');
    expect(errorOf(r).message).toContain(prefecture.name);
  });

  it('B21-4: a series, level or path the campaign does not offer is refused with the field named', async () => {
    const who = await applicant(t, org.unitId);
    for (const [choice, path] of [
      [{ level: '副高' }, 'level'],
      [{ specialtyId: 'publishing-editing' }, 'specialtyId'],
      [{ pathId: 'recommended' }, 'pathId'],
    ] as const) {
      const r = await createApplicationRequest(who.client, bzCampaign, 'bz', choice);
      expect(r.statusCode, JSON.stringify(choice)).toBe(400);
      expect(errorOf(r).fields!.map((f) => f.path)).toEqual([path]);
    }
  });
});

describe('autosave', () => {
  it('a save with a stale version is refused with 409 VERSION_CONFLICT and the newer text is kept', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    const tabA = await saveSectionRequest(who.client, view.id, view.version, 'performance', { summary: '新的内容：主持重大报道 12 次。' });
    expect(tabA.statusCode).toBe(200);
    expect(tabA.json().version).toBe(view.version + 1);
    // A second tab still holds the first version.
    const tabB = await saveSectionRequest(who.client, view.id, view.version, 'performance', { summary: '旧页面的内容' });
    expect(tabB.statusCode).toBe(409);
    expect(errorOf(tabB).code).toBe('VERSION_CONFLICT');
    expect(errorOf(tabB).message).toContain('请刷新');
    const stored = await getView(who.client, view.id);
    expect(stored.form.performance.summary).toBe('新的内容：主持重大报道 12 次。');
    expect(stored.version).toBe(view.version + 1);
    // Other sections of the form are kept as they were.
    expect(stored.form.basic).toEqual(view.form.basic);
  });

  it('two saves of the same version at once: exactly one wins, the other is told to refresh', async () => {
    const who = await applicant(t, org.unitId);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    const [a, b] = await Promise.all([
      saveSectionRequest(who.client, view.id, view.version, 'other', { note: '甲页面' }),
      saveSectionRequest(who.client, view.id, view.version, 'other', { note: '乙页面' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? '甲页面' : '乙页面';
    const stored = await getView(who.client, view.id);
    expect(stored.form.other.note).toBe(winner);
    expect(stored.version).toBe(view.version + 1);
  });

  it('a save is checked field by field: unknown sections and fields, over-long text, another kind of record', async () => {
    const who = await applicant(t, org.unitId);
    const ids = await fillArchive(who.client);
    const view = await createApplication(who.client, bzCampaign, 'bz');
    const unknownSection = await saveSectionRequest(who.client, view.id, view.version, 'salary', { amount: '1' });
    expect(unknownSection.statusCode).toBe(400);
    const unknownField = await saveSectionRequest(who.client, view.id, view.version, 'basic', { salary: '1' });
    expect(unknownField.statusCode).toBe(400);
    expect(errorOf(unknownField).fields).toEqual([{ path: 'basic.salary', message: '未知的填写项' }]);
    const long = await saveSectionRequest(who.client, view.id, view.version, 'basic', { adminPost: '长'.repeat(51) });
    expect(long.statusCode).toBe(400);
    expect(errorOf(long).fields![0]).toMatchObject({ path: 'basic.adminPost' });
    expect(errorOf(long).fields![0].message).toContain('不超过 50 个字');
    // A title record picked as work history.
    const wrongKind = await saveSectionRequest(who.client, view.id, view.version, 'work', { records: ids.title! });
    expect(wrongKind.statusCode).toBe(400);
    expect(errorOf(wrongKind).fields![0].path).toBe('work.records');
    const stored = await getView(who.client, view.id);
    expect(stored.version).toBe(view.version);
    expect(stored.form).toEqual(view.form);
  });

  it('saving a section, uploading or ticking in a submitted application is refused with 409 NOT_EDITABLE', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, bzCampaign, 'bz');
    const r = await saveSectionRequest(who.client, view.id, view.version, 'other', { note: '提交后补充' });
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('NOT_EDITABLE');
    expect(errorOf(r).message).toContain('已提交');
    const up = await upload(who.client, `/api/me/applications/${view.id}/materials/unit-publicity`, await cleanJpeg());
    expect(up.statusCode).toBe(409);
    expect(errorOf(up).code).toBe('NOT_EDITABLE');
    const material = view.slots.find((s) => s.materials.length > 0)!.materials[0];
    expect((await who.client.delete(`/api/me/applications/${view.id}/materials/${material.id}`)).statusCode).toBe(409);
    expect((await who.client.post(`/api/me/applications/${view.id}/commitment`, { name: who.name })).statusCode).toBe(409);
    const stored = await getView(who.client, view.id);
    expect(stored.form.other.note).toBe('无');
    expect(stored.slots.find((s) => s.id === 'unit-publicity')!.materials).toHaveLength(1);
    const rows = await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.applicationId, view.id));
    expect(rows).toHaveLength(view.slots.reduce((n, s) => n + s.materials.length, 0));
  });
});

describe('submitting twice at once', () => {
  it('two submits at the same moment count once', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await readyApplication(t, who, bzCampaign, 'bz');
    const results = await Promise.all([submit(who.client, view.id), submit(who.client, view.id)]);
    expect(results.map((r) => r.statusCode).filter((s) => s === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.statusCode !== 200)) expect([409, 422]).toContain(r.statusCode);
    const after = await getView(who.client, view.id);
    expect(after).toMatchObject({ status: 'unit_review', submissionCount: 1 });
    expect(after.timeline.filter((e) => e.action === 'submitted')).toHaveLength(1);
  });

  it('two returns by the unit at the same moment count once', async () => {
    const who = await applicant(t, org.unitId);
    const { view } = await submittedApplication(t, who, bzCampaign, 'bz');
    const results = await Promise.all([returnApplication(unit, view.id, ['甲']), returnApplication(unit, view.id, ['乙'])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    const after = await getView(who.client, view.id);
    expect(after.timeline.filter((e) => e.action === 'returned')).toHaveLength(1);
    expect((await who.client.get('/api/me/notifications')).json()).toHaveLength(1);
  });
});

describe('snapshot at submission', () => {
  it('N40-RECUSAL: a publication’s co-authors round-trip over the archive API and into the submitted snapshot', async () => {
    const who = await applicant(t, org.unitId);
    const ids = await fillArchive(who.client, 'bz');
    const base = { kind: '论文', title: '县级融媒体中心的采编流程再造', publishedIn: '新闻前哨', publishedOn: '2023-09-02', representative: false };

    const created = await who.client.post('/api/me/archive/publication', { data: { ...base, coAuthors: [' 张三 ', '买买提·吐尔逊'] } });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json();
    expect(record.data).toEqual({ ...base, coAuthors: ['张三', '买买提·吐尔逊'] });
    expect(record.summary).toBe('论文《县级融媒体中心的采编流程再造》，新闻前哨，2023-09-02（合作者：张三、买买提·吐尔逊）');
    const listed = (await who.client.get('/api/me/archive')).json() as { id: string; data: Record<string, unknown> }[];
    expect(listed.find((r) => r.id === record.id)!.data.coAuthors).toEqual(['张三', '买买提·吐尔逊']);
    // Records saved without co-authors (the demo archive) keep none.
    expect(listed.find((r) => r.id === ids.publication![0])!.data).not.toHaveProperty('coAuthors');

    const changed = await who.client.request('PUT', `/api/me/archive/records/${record.id}`, { body: { data: { ...base, coAuthors: ['李四'] } } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().data.coAuthors).toEqual(['李四']);
    const cleared = await who.client.request('PUT', `/api/me/archive/records/${record.id}`, { body: { data: { ...base, coAuthors: [] } } });
    expect(cleared.json().summary).toBe('论文《县级融媒体中心的采编流程再造》，新闻前哨，2023-09-02');

    const tooLong = await who.client.request('PUT', `/api/me/archive/records/${record.id}`, { body: { data: { ...base, coAuthors: ['李四', '字'.repeat(51)] } } });
    expect(tooLong.statusCode).toBe(400);
    expect(errorOf(tooLong).fields).toEqual([{ path: 'data.coAuthors.1', message: '合作者姓名不超过 50 个字' }]);
    const tooMany = await who.client.post('/api/me/archive/publication', { data: { ...base, coAuthors: Array.from({ length: 31 }, (_, i) => `作者${i}`) } });
    expect(tooMany.statusCode).toBe(400);
    expect(errorOf(tooMany).fields).toEqual([{ path: 'data.coAuthors', message: '合作者最多 30 人' }]);
    expect((await who.client.post('/api/me/archive/publication', { data: { ...base, coAuthors: [' '] } })).statusCode).toBe(400);

    const restored = await who.client.request('PUT', `/api/me/archive/records/${record.id}`, { body: { data: { ...base, coAuthors: ['张三', '买买提·吐尔逊'] } } });
    expect(restored.statusCode, restored.body).toBe(200);
    ids.publication = [...ids.publication!, record.id];
    const { view: submitted } = await submittedApplication(t, who, bzCampaign, 'bz', { ids });
    // Changed in the archive after submitting: the submitted application keeps the co-authors it was submitted with.
    await who.client.request('PUT', `/api/me/archive/records/${record.id}`, { body: { data: base } });
    const frozen = (await getView(who.client, submitted.id)).records.find((r) => r.id === record.id)!;
    expect(frozen.data.coAuthors).toEqual(['张三', '买买提·吐尔逊']);
    expect(frozen.summary).toContain('（合作者：张三、买买提·吐尔逊）');
    const forUnit = (await unit.get(`/api/unit/applications/${submitted.id}`)).json() as { records: { id: string; data: Record<string, unknown> }[] };
    expect(forUnit.records.find((r) => r.id === record.id)!.data.coAuthors).toEqual(['张三', '买买提·吐尔逊']);
  });

  it('editing an archive record after submitting leaves the submitted application as it was; a draft shows the change', async () => {
    const who = await applicant(t, org.unitId);
    const { view: submitted, ids } = await submittedApplication(t, who, bzCampaign, 'bz');
    // A second Bayingol campaign of the same year (no one-path rule there): a draft using the same records.
    const other = await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
    let draft = await createApplication(who.client, other, 'bz');
    draft = await fillSections(who.client, draft, completeSections(ids));

    const workId = ids.work![0];
    const archive = (await who.client.get('/api/me/archive')).json() as { id: string; data: Record<string, unknown> }[];
    const work = archive.find((r) => r.id === workId)!;
    expect(work.data.post).toBe('记者');
    const edited = await who.client.request('PUT', `/api/me/archive/records/${workId}`, { body: { data: { ...work.data, post: '主任记者' } } });
    expect(edited.statusCode, edited.body).toBe(200);

    const recordIn = (v: { records: { id: string; data: Record<string, unknown>; summary: string }[] }) => v.records.find((r) => r.id === workId)!;
    const frozen = await getView(who.client, submitted.id);
    expect(recordIn(frozen).data.post).toBe('记者');
    expect(recordIn(frozen).summary).not.toContain('主任记者');
    const live = await getView(who.client, draft.id);
    expect(recordIn(live).data.post).toBe('主任记者');
    // The unit reviews what was submitted.
    const forUnit = (await unit.get(`/api/unit/applications/${submitted.id}`)).json();
    expect(recordIn(forUnit).data.post).toBe('记者');

    // Deleting the record: the submitted application still has it; the draft loses the pick.
    expect((await who.client.delete(`/api/me/archive/records/${workId}`)).statusCode).toBe(204);
    expect(recordIn(await getView(who.client, submitted.id)).data.post).toBe('记者');
    const draftAfter = await getView(who.client, draft.id);
    expect(draftAfter.records.some((r) => r.id === workId)).toBe(false);
    expect(draftAfter.problems.map((p) => p.path)).toContain('work.records');
  });
});
