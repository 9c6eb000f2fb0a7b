// Campaigns as configuration over HTTP (issue 3): the committee office creates, imports, clones,
// edits (every save a version) and publishes its own prefecture's campaigns; the public sees the
// published ones and runs the self-check. Tests are named by the rule they enforce where there is one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar/calendar.js';
import { parseCampaign, type Campaign } from '../src/domain/campaign/index.js';
import type { ApplicantArchive } from '../src/domain/eligibility/index.js';
import { ceYears, qualifiedArchive as archive } from './fixtures/applicant-archive.js';
import { auditLog, campaignVersions } from '../src/server/db/schema.js';
import { AppError } from '../src/server/http/errors.js';
import { assertWindowOpen } from '../src/server/rules/windows.js';
import { CampaignFileError, readCampaignFiles, seedCampaigns } from '../src/server/seed/campaigns.js';
import { createOrgTree, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, TestClient, type TestContext } from './helpers/app.js';
import { AKSU_2024, BAYINGOL_2021, campaignFile, campaignRow, configFor, freshCampaignId, insertCampaign, prefectureInfo, type PrefectureInfo, type RawConfig } from './helpers/campaigns.js';
import { uploadFile } from './helpers/multipart.js';

let t: TestContext;
let orgA: TestOrgTree;
let orgB: TestOrgTree;
let prefA: PrefectureInfo;
let prefB: PrefectureInfo;
let officeA: TestClient;
let officeAUserId: string;
let officeB: TestClient;
let anonymous: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  orgA = await createOrgTree(t.services);
  orgB = await createOrgTree(t.services);
  prefA = await prefectureInfo(t.services, orgA.prefectureId);
  prefB = await prefectureInfo(t.services, orgB.prefectureId);
  const a = await signIn(t, 'office_staff', orgA.prefectureId);
  officeA = a.client;
  officeAUserId = a.user.id;
  officeB = (await signIn(t, 'office_staff', orgB.prefectureId)).client;
  anonymous = new TestClient(t.app);
});
afterAll(() => t.close());

const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, { body });
const versionsOf = async (id: string) =>
  (await t.services.db.select({ v: campaignVersions.version }).from(campaignVersions).where(eq(campaignVersions.campaignId, id)).orderBy(desc(campaignVersions.version))).map((r) => r.v);
const parsed = (raw: RawConfig): Campaign => {
  const r = parseCampaign(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
};

/** Every clock time and date of the notice moved one year on (the usual start of next year's campaign). */
function nextYearDates(config: RawConfig): RawConfig {
  const shift = (s: string) => s.replace(/^(\d{4})/, (y) => String(Number(y) + 1));
  for (const w of Object.values<any>(config.windows)) {
    if (w.opensAt) w.opensAt = shift(w.opensAt);
    if (w.closesAt) w.closesAt = shift(w.closesAt);
    if (w.at) w.at = shift(w.at);
  }
  config.noticeDate = shift(config.noticeDate);
  config.seniorityCutoff.date = shift(config.seniorityCutoff.date);
  return config;
}

describe('office scope: a committee office manages only its own prefecture', () => {
  it("prefecture A's office cannot see, edit, clone or publish prefecture B's campaign (404, same as a missing one)", async () => {
    const id = await insertCampaign(t.services, prefB);
    const missing = await officeA.get(`/api/office/campaigns/${freshCampaignId('none')}`);
    expect(missing.statusCode).toBe(404);
    const seen = await officeA.get(`/api/office/campaigns/${id}`);
    expect(seen.statusCode).toBe(404);
    expect(seen.json()).toEqual(missing.json());
    expect((await put(officeA, `/api/office/campaigns/${id}`, { config: configFor(prefB, AKSU_2024, id), baseVersion: 1 })).statusCode).toBe(404);
    expect((await officeA.post(`/api/office/campaigns/${id}/publish`, { version: 1 })).statusCode).toBe(404);
    expect((await officeA.post(`/api/office/campaigns/${id}/clone`, { id: freshCampaignId(), title: '越权复制', year: 2025 })).statusCode).toBe(404);
    expect((await officeA.get('/api/office/campaigns')).json<{ id: string }[]>().map((c) => c.id)).not.toContain(id);
    // Nothing changed, and B's own office sees it.
    const row = await campaignRow(t.services, id);
    expect(row).toMatchObject({ status: 'draft', currentVersion: 1 });
    expect((await officeB.get(`/api/office/campaigns/${id}`)).statusCode).toBe(200);
  });

  it("an office cannot create a campaign for another prefecture: the configuration must name its own", async () => {
    const config = configFor(prefB);
    const response = await officeA.post('/api/office/campaigns', { config });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['prefecture.name', 'prefecture.code']);
    expect(await campaignRow(t.services, config.id)).toBeUndefined();
  });
});

describe('hostile configurations are refused with every error listed, nothing saved', () => {
  function hostile(): RawConfig {
    const config = configFor(prefA);
    delete config.title; // missing field
    config.year = '2024'; // wrong type
    config.series[0].levels = '中级'; // wrong type
    config.windows.meetingAndPublicity.opensAt = '2024-08-20T00:00:00+08:00'; // overlaps the declaration window (A24-4)
    config.fees.ruleId = 'A24-99'; // unknown rule id
    config.feez = {}; // unknown key (typo)
    return config;
  }
  const expectedPaths = ['title', 'year', 'series[0].levels', 'windows.meetingAndPublicity.opensAt', 'fees.ruleId', 'feez'];

  it('POST /api/office/campaigns: 400 with one field per error, by path; no campaign row, no version', async () => {
    const config = hostile();
    const response = await officeA.post('/api/office/campaigns', { config });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('CAMPAIGN_INVALID');
    const paths = error.fields.map((f: { path: string }) => f.path);
    for (const p of expectedPaths) expect(paths, p).toContain(p);
    expect(error.fields.find((f: { path: string }) => f.path === 'title').message).toBe('缺少必填项');
    expect(error.fields.find((f: { path: string }) => f.path === 'fees.ruleId').message).toContain('未知的规则编号“A24-99”');
    expect(error.fields.find((f: { path: string }) => f.path === 'windows.meetingAndPublicity.opensAt').message).toContain('重叠');
    expect(error.message).toMatch(/^评审活动配置有 \d+ 处错误，未保存/);
    expect(await campaignRow(t.services, config.id)).toBeUndefined();
    expect(await versionsOf(config.id)).toEqual([]);
    // The refusal is audited (by the fallback), as a failure of the office user.
    const [audit] = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, officeAUserId), eq(auditLog.action, 'campaign.create')))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ outcome: 'failure', detail: { status: 400 } });
  });

  it('POST /api/office/campaigns/import: the same file is refused with the same errors', async () => {
    const config = hostile();
    const response = await uploadFile(officeA, '/api/office/campaigns/import', Buffer.from(JSON.stringify(config, null, 2)), 'hostile.json', 'application/json');
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.fields.map((f: { path: string }) => f.path);
    for (const p of expectedPaths) expect(paths, p).toContain(p);
    expect(await campaignRow(t.services, config.id)).toBeUndefined();
  });

  it('import: a file that is not JSON, or not UTF-8, is refused in Chinese', async () => {
    const broken = await uploadFile(officeA, '/api/office/campaigns/import', Buffer.from('{\n  "id": "x",\n  "title": \n}'), 'broken.json', 'application/json');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toMatch(/^配置文件不是有效的 JSON/);
    const latin1 = await uploadFile(officeA, '/api/office/campaigns/import', Buffer.from([0x7b, 0xe9, 0x7d]), 'latin1.json', 'application/json');
    expect(latin1.statusCode).toBe(400);
    expect(latin1.json().error.message).toContain('UTF-8');
  });

  it('a body that is not an object is refused before validation; an existing id is 409', async () => {
    expect((await officeA.post('/api/office/campaigns', { config: [1, 2] })).statusCode).toBe(400);
    const id = await insertCampaign(t.services, prefA);
    const again = await officeA.post('/api/office/campaigns', { config: configFor(prefA, AKSU_2024, id) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CAMPAIGN_ID_TAKEN');
  });
});

describe('create, import, clone, edit, publish', () => {
  it('creates a draft at version 1 and imports a shipped file as another', async () => {
    const config = configFor(prefA, BAYINGOL_2021);
    const created = await officeA.post('/api/office/campaigns', { config });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: config.id, status: 'draft', currentVersion: 1, publishedVersion: null, version: 1, prefecture: { id: prefA.id } });
    expect(created.json().versions).toEqual([expect.objectContaining({ version: 1, origin: 'created', published: false, createdBy: expect.objectContaining({ id: officeAUserId }) })]);
    expect(created.json().config).toEqual(parsed(config));

    const file = configFor(prefA, AKSU_2024);
    const imported = await uploadFile(officeA, '/api/office/campaigns/import', Buffer.from(`\ufeff${JSON.stringify(file, null, 2)}`), `${file.id}.json`, 'application/json');
    expect(imported.statusCode).toBe(201);
    expect(imported.json().versions[0].origin).toBe('imported');
    const list = (await officeA.get('/api/office/campaigns')).json<{ id: string; year: number; title: string }[]>();
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ id: config.id, year: 2021 }), expect.objectContaining({ id: file.id, year: 2024 })]));
    // A draft does not exist for the public.
    expect((await anonymous.get(`/api/public/campaigns/${config.id}`)).statusCode).toBe(404);
    expect((await anonymous.get('/api/public/campaigns')).json<{ id: string }[]>().map((c) => c.id)).not.toContain(config.id);
  });

  it('A24-16 (journey): clone Aksu 2024 to 2025, change a fee and a date, publish; the public list shows the new fee', async () => {
    // The 2024 campaign, published.
    const source = configFor(prefA, AKSU_2024);
    expect((await officeA.post('/api/office/campaigns', { config: source })).statusCode).toBe(201);
    expect((await officeA.post(`/api/office/campaigns/${source.id}/publish`, { version: 1 })).statusCode).toBe(200);

    const id = freshCampaignId('aksu-2025');
    const clone = await officeA.post(`/api/office/campaigns/${source.id}/clone`, { id, title: '阿克苏地区2025年度新闻、文学创作、出版系列职称评审', year: 2025 });
    expect(clone.statusCode).toBe(201);
    expect(clone.json()).toMatchObject({ id, status: 'draft', currentVersion: 1, clonedFrom: { id: source.id, version: 1 }, year: 2025 });
    expect(clone.json().versions[0].origin).toBe('cloned');
    expect(clone.json().config.fees).toEqual(source.fees);

    const config: RawConfig = nextYearDates(clone.json().config);
    config.fees.amounts.find((a: { level: string }) => a.level === '中级').amountYuan = 450;
    config.windows.declaration.closesAt = '2025-08-29T23:59:59+08:00';
    const saved = await put(officeA, `/api/office/campaigns/${id}`, { config, baseVersion: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ currentVersion: 2, status: 'draft' });
    const published = await officeA.post(`/api/office/campaigns/${id}/publish`, { version: 2 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedVersion: 2, hasUnpublishedChanges: false });

    const list = (await anonymous.get(`/api/public/campaigns?portal=${prefA.portal}`)).json<any[]>();
    const shown = list.find((c) => c.id === id);
    expect(shown.title).toBe('阿克苏地区2025年度新闻、文学创作、出版系列职称评审');
    expect(shown.prefecture).toEqual({ name: prefA.name, portal: prefA.portal });
    expect(shown.fees).toEqual({ ruleId: 'A24-16', amounts: [ { level: '初级', amountYuan: 200 }, { level: '中级', amountYuan: 450 }, { level: '副高', amountYuan: 600 }, { level: '正高', amountYuan: 600 } ] });
    expect(shown.windows.find((w: { key: string }) => w.key === 'declaration')).toMatchObject({ opensAt: '2025-07-22T00:00:00+08:00', closesAt: '2025-08-29T23:59:59+08:00', ruleId: 'A24-4' });
    // Last year's campaign is untouched.
    expect(list.find((c) => c.id === source.id).fees.amounts.find((a: { level: string }) => a.level === '中级').amountYuan).toBe(400);
  });

  it('every save is a new version; editing a published campaign goes live only when published again', async () => {
    const config = configFor(prefA, AKSU_2024);
    await officeA.post('/api/office/campaigns', { config });
    await officeA.post(`/api/office/campaigns/${config.id}/publish`, { version: 1 });
    const publicFee = async () => (await anonymous.get(`/api/public/campaigns/${config.id}`)).json().fees.amounts.find((a: { level: string }) => a.level === '初级').amountYuan;

    for (const [base, fee] of [[1, 210], [2, 230]] as const) {
      config.fees.amounts.find((a: { level: string }) => a.level === '初级').amountYuan = fee;
      const r = await put(officeA, `/api/office/campaigns/${config.id}`, { config, baseVersion: base });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ currentVersion: base + 1, publishedVersion: 1, status: 'published', hasUnpublishedChanges: true });
    }
    expect(await versionsOf(config.id)).toEqual([3, 2, 1]);
    expect(await publicFee()).toBe(200); // still version 1
    // Each save is audited with the sections it changed.
    const updates = await t.services.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, config.id), eq(auditLog.action, 'campaign.update')))
      .orderBy(desc(auditLog.id));
    expect(updates.map((u) => u.detail)).toEqual([
      { version: 3, changed: ['fees'], publishedVersion: 1 },
      { version: 2, changed: ['fees'], publishedVersion: 1 },
    ]);

    // An edit based on an old version is refused rather than overwriting the newer one.
    const stale = await put(officeA, `/api/office/campaigns/${config.id}`, { config, baseVersion: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CAMPAIGN_VERSION_CONFLICT');
    // So is publishing a version that is not the latest.
    expect((await officeA.post(`/api/office/campaigns/${config.id}/publish`, { version: 2 })).statusCode).toBe(409);

    // Old versions stay readable.
    const v1 = await officeA.get(`/api/office/campaigns/${config.id}?version=1`);
    expect(v1.json().version).toBe(1);
    expect(v1.json().config.fees.amounts[0].amountYuan).toBe(200);
    const detail = (await officeA.get(`/api/office/campaigns/${config.id}`)).json();
    expect(detail.versions.map((v: { version: number; origin: string; published: boolean }) => [v.version, v.origin, v.published])).toEqual([
      [3, 'edited', false],
      [2, 'edited', false],
      [1, 'created', true],
    ]);

    expect((await officeA.post(`/api/office/campaigns/${config.id}/publish`, { version: 3 })).statusCode).toBe(200);
    expect(await publicFee()).toBe(230);
    const again = await officeA.post(`/api/office/campaigns/${config.id}/publish`, { version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_PUBLISHED');

    // The campaign id cannot be changed by an edit, and an invalid edit adds no version.
    const renamed = await put(officeA, `/api/office/campaigns/${config.id}`, { config: { ...config, id: 'another-id' }, baseVersion: 3 });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error.fields).toEqual([expect.objectContaining({ path: 'id' })]);
    const invalid = await put(officeA, `/api/office/campaigns/${config.id}`, { config: { ...config, fees: { ...config.fees, amounts: [] } }, baseVersion: 3 });
    expect(invalid.statusCode).toBe(400);
    expect(await versionsOf(config.id)).toEqual([3, 2, 1]);
  });
});

describe('public campaigns', () => {
  let bz: string;
  let aks: string;
  beforeAll(async () => {
    bz = await insertCampaign(t.services, prefB, { publish: true, base: BAYINGOL_2021 });
    aks = await insertCampaign(t.services, prefB, { publish: true, base: AKSU_2024 });
  });

  it('the list has exactly id, title, prefecture, series, levels, windows, fees', async () => {
    const list = (await anonymous.get(`/api/public/campaigns?portal=${prefB.portal}`)).json<Record<string, unknown>[]>();
    expect(list.map((c) => c.id).sort()).toEqual([aks, bz].sort());
    for (const c of list) expect(Object.keys(c).sort()).toEqual(['fees', 'id', 'levels', 'prefecture', 'series', 'title', 'windows']);
    const a = list.find((c) => c.id === aks)!;
    expect(a.levels).toEqual(['初级', '中级', '副高', '正高']);
    expect((a.series as any[]).map((s) => s.id)).toEqual(['news', 'literature', 'publishing']);
    expect((a.series as any[])[0].levels.find((l: { level: string }) => l.level === '中级').titles).toEqual(expect.arrayContaining(['记者', '编辑']));
    expect((a.windows as any[]).map((w) => w.key)).toEqual(['declaration', 'unitReview', 'committeeReview', 'paymentDeadline', 'meetingAndPublicity', 'documents', 'eCertificates']);
    expect((a.windows as any[]).find((w) => w.key === 'paymentDeadline')).toEqual({ key: 'paymentDeadline', label: '缴费截止', opensAt: null, closesAt: '2024-09-15T23:59:59+08:00', tentative: false, ruleId: 'A24-4' });
    // Another portal's list does not include them; an unknown portal lists nothing.
    expect((await anonymous.get(`/api/public/campaigns?portal=${prefA.portal}`)).json<{ id: string }[]>().map((c) => c.id)).not.toContain(aks);
    expect((await anonymous.get('/api/public/campaigns?portal=nosuchportal')).json()).toEqual([]);
  });

  it('B21-14: the Bayingol fees are 中级 380 and 初级 220; B21-1: its windows are shown with the rule id', async () => {
    const c = (await anonymous.get(`/api/public/campaigns/${bz}`)).json();
    expect(c.fees).toEqual({ ruleId: 'B21-14', amounts: [ { level: '初级', amountYuan: 220 }, { level: '中级', amountYuan: 380 } ] });
    expect(c.windows.map((w: { key: string; ruleId: string }) => [w.key, w.ruleId])).toEqual([
      ['declaration', 'B21-1'],
      ['paperMaterials', 'B21-1'],
      ['meetingAndPublicity', 'B21-1'],
    ]);
    expect(c.windows.find((w: { key: string }) => w.key === 'meetingAndPublicity').tentative).toBe(true);
  });

  it('the detail adds the notice text, paths and a summary of the material slots (B21-5 representative works condition in Chinese)', async () => {
    const c = (await anonymous.get(`/api/public/campaigns/${bz}`)).json();
    expect(c.noticeText).toBe(campaignFile(BAYINGOL_2021).noticeText);
    expect(c.paths).toEqual([expect.objectContaining({ id: 'prefecture', kind: 'prefecture', ruleId: 'B21-4' })]);
    expect(c.seniorityCutoff.date).toMatch(/^2021-/);
    // B21-9: continuing education is checked for 2015–2021, so the self-check asks for those years.
    expect(c.continuingEducationYears).toEqual({ from: 2015, to: 2021, ruleId: 'B21-9' });
    const works = c.materials.find((m: { kind: string }) => m.kind === 'representativeWorks');
    expect(works).toMatchObject({ ruleId: 'B21-5', minCount: 2 });
    expect(works.appliesWhen).toContain('在县及县以下单位工作');
    expect(c.series[0].specialties.map((s: { id: string }) => s.id)).toContain('reporter');
    expect((await anonymous.get('/api/public/campaigns/no-such-campaign')).statusCode).toBe(404);
    expect((await anonymous.get('/api/public/campaigns/Not_A_Slug')).statusCode).toBe(400);
  });
});

describe('self-check (申报资格自查) over HTTP: public, nothing stored', () => {
  let bz: string;
  let aks: string;
  beforeAll(async () => {
    bz = await insertCampaign(t.services, prefA, { publish: true, base: BAYINGOL_2021 });
    aks = await insertCampaign(t.services, prefA, { publish: true, base: AKSU_2024 });
  });

  const check = (id: string, body: Record<string, unknown>) => anonymous.post(`/api/public/campaigns/${id}/eligibility`, body);
  const b21 = (a: Partial<ApplicantArchive>) => check(bz, { seriesId: 'news', specialtyId: 'reporter', level: '中级', path: 'prefecture', archive: archive(a) });
  const a24 = (a: Partial<ApplicantArchive>, extra: Record<string, unknown> = {}) =>
    check(aks, { seriesId: 'news', specialtyId: 'editor', level: '中级', path: 'directed', archive: archive({ currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2020-12-31' }, ...a }), ...extra });
  type Result = { ruleId: string; passed: boolean; message: string; fix?: string };

  it("B21-9: 59 professional hours in 2019 fail with the rule's explanation, 60 pass", async () => {
    const withHours = (professionalHours: number) => ceYears(2015, 2024).map((r) => (r.year === 2019 ? { ...r, professionalHours, publicHours: 31 } : r));
    const r59 = await b21({ continuingEducation: withHours(59) });
    expect(r59.statusCode).toBe(200);
    const body = r59.json<{ eligible: boolean; today: string; version: number; campaignId: string; results: Result[] }>();
    expect(body).toMatchObject({ eligible: false, campaignId: bz, version: 1, today: beijingDate(new Date()) });
    const fail = body.results.find((r) => r.ruleId === 'B21-9' && r.message.includes('2019'))!;
    expect(fail).toMatchObject({ passed: false, message: '2019 年继续教育专业科目 59 学时，少于 60 学时（B21-9）' });
    expect(fail.fix).toBeTruthy();
    const r60 = (await b21({ continuingEducation: withHours(60) })).json<{ results: Result[] }>();
    expect(r60.results.filter((r) => r.ruleId === 'B21-9' && !r.passed)).toEqual([]);
  });

  it('A24-3: a second path for the same series, level and year is refused, with the fix', async () => {
    const prior = { campaignId: 'xj-region-2024-news', year: 2024, seriesId: 'news', level: '中级', pathKind: 'recommended', withdrawn: false };
    const refused = (await a24({}, { priorApplications: [prior] })).json<{ results: Result[] }>().results.find((r) => r.ruleId === 'A24-3')!;
    expect(refused).toMatchObject({ passed: false, fix: '撤回另一申报后，方可以本方式申报' });
    const withdrawn = (await a24({}, { priorApplications: [{ ...prior, withdrawn: true }] })).json<{ results: Result[] }>().results.find((r) => r.ruleId === 'A24-3')!;
    expect(withdrawn.passed).toBe(true);
  });

  it('A24-12: years in the current title are counted to the cut-off 2024-12-31 (2020-12-31: 4 years; 2021-01-01: 3)', async () => {
    const ok = (await a24({})).json<{ results: Result[] }>().results.find((r) => r.ruleId === 'A24-13')!;
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('取得初级职称（2020-12-31）满 4 年');
    const short = (await a24({ currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2021-01-01' } })).json<{ results: Result[] }>().results.find((r) => r.ruleId === 'A24-13')!;
    expect(short.passed).toBe(false);
    expect(short.message).toContain('资历计算截至 2024-12-31');
  });

  it('A24-9: Mandarin by post — an announcer with 三级甲等 fails, the explanation names the rule', async () => {
    const v = (await a24({ post: '播音员', mandarin: '三级甲等' })).json<{ results: Result[] }>();
    const r = v.results.find((x) => x.ruleId === 'A24-9')!;
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/（A24-9）$/);
  });

  it('refuses malformed archives (400, by field), oversized bodies (413) and unpublished campaigns (404)', async () => {
    const bad = await check(bz, { seriesId: 'news', specialtyId: 'reporter', level: '特级', path: 'prefecture', archive: { ...archive(), birthDate: '1985-02-30', extra: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['level', 'archive.birthDate']));
    const huge = await check(bz, { seriesId: 'news', specialtyId: 'reporter', level: '中级', path: 'prefecture', archive: { ...archive(), post: 'x'.repeat(70_000) } });
    expect(huge.statusCode).toBe(413);
    const draft = await insertCampaign(t.services, prefA);
    expect((await check(draft, { seriesId: 'news', specialtyId: 'editor', level: '中级', path: 'directed', archive: archive() })).statusCode).toBe(404);
  });
});

describe('windows: actions outside their window are refused with the window shown (B21-1, A24-4)', () => {
  const a24 = parsed(campaignFile(AKSU_2024));
  const b21 = parsed(campaignFile(BAYINGOL_2021));
  const refusal = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return error as AppError;
    }
    return null;
  };

  it('A24-4: declaration closes 2024-08-30 23:59:59 Beijing time; a second later it is refused', () => {
    expect(refusal(() => assertWindowOpen(a24, 'declaration', new Date('2024-08-30T23:59:59.900+08:00')))).toBeNull();
    const late = refusal(() => assertWindowOpen(a24, 'declaration', new Date('2024-08-31T00:00:00+08:00')))!;
    expect(late).toBeInstanceOf(AppError);
    expect(late.statusCode).toBe(409);
    expect(late.code).toBe('OUTSIDE_WINDOW');
    expect(late.message).toBe('网上申报时间为 2024年7月22日 至 2024年8月30日（北京时间），当前不在网上申报时间内（已截止，逾期不予受理，A24-4）');
    expect(refusal(() => assertWindowOpen(a24, 'declaration', new Date('2024-07-21T23:59:59+08:00')))!.message).toContain('尚未开始');
  });

  it('A24-4: the payment deadline 2024-09-15 is open until its last second', () => {
    expect(refusal(() => assertWindowOpen(a24, 'paymentDeadline', new Date('2024-09-15T23:59:59+08:00')))).toBeNull();
    expect(refusal(() => assertWindowOpen(a24, 'paymentDeadline', new Date('2024-09-16T00:00:00+08:00')))!.message).toBe(
      '缴费截止时间为 2024年9月15日（北京时间），已过缴费截止时间（A24-4）',
    );
  });

  it('B21-1: paper materials only 10-11 to 10-15; a window the notice does not set is refused as such', () => {
    expect(refusal(() => assertWindowOpen(b21, 'paperMaterials', new Date('2021-10-12T10:00:00+08:00')))).toBeNull();
    expect(refusal(() => assertWindowOpen(b21, 'paperMaterials', new Date('2021-10-16T08:00:00+08:00')))!.message).toBe(
      '纸质材料报送时间为 2021年10月11日 至 2021年10月15日（北京时间），当前不在纸质材料报送时间内（已截止，逾期不予受理，B21-1）',
    );
    const notSet = refusal(() => assertWindowOpen(b21, 'unitReview', new Date('2021-09-10T10:00:00+08:00')))!;
    expect(notSet.code).toBe('WINDOW_NOT_SET');
  });
});

describe('demo seed of the shipped campaign files', () => {
  it('both shipped files load: bayingol-2021-news and aksu-2024-news-literature-publishing', async () => {
    const files = await readCampaignFiles();
    expect(files.map((f) => f.campaign.id).sort()).toEqual([AKSU_2024, BAYINGOL_2021]);
    expect(files.find((f) => f.campaign.id === BAYINGOL_2021)!.campaign.prefecture.name).toBe('巴音郭楞蒙古自治州');
    expect(files.find((f) => f.campaign.id === AKSU_2024)!.campaign.prefecture.name).toBe('阿克苏地区');
  });

  it('a broken file stops the seed with every error of every file listed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-campaigns-'));
    try {
      const broken = campaignFile(AKSU_2024);
      delete broken.title;
      broken.fees.ruleId = 'A24-99';
      await writeFile(path.join(dir, 'broken.json'), JSON.stringify(broken));
      await writeFile(path.join(dir, 'not-json.json'), '{ oops');
      const error = await readCampaignFiles(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CampaignFileError);
      const message = (error as Error).message;
      expect(message).toContain('broken.json: title: 缺少必填项');
      expect(message).toContain('broken.json: fees.ruleId: 未知的规则编号“A24-99”');
      expect(message).toContain('not-json.json: 不是有效的 JSON');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('seeding is idempotent and publishes under the named prefecture; an existing campaign is left alone', async () => {
    const list = ([BAYINGOL_2021, AKSU_2024] as const).map((base) => ({ file: `${base}.json`, campaign: parsed(configFor(prefB, base)) }));
    expect((await seedCampaigns(t.services, list)).sort()).toEqual(list.map((l) => l.campaign.id).sort());
    expect(await seedCampaigns(t.services, list)).toEqual([]);
    for (const { campaign } of list) {
      expect(await campaignRow(t.services, campaign.id)).toMatchObject({ prefectureId: prefB.id, status: 'published', publishedVersion: 1 });
      expect((await anonymous.get(`/api/public/campaigns/${campaign.id}`)).statusCode).toBe(200);
    }
    const orphan = [{ file: 'x.json', campaign: { ...list[0].campaign, id: freshCampaignId(), prefecture: { ...list[0].campaign.prefecture, name: '不存在的地州' } } }];
    await expect(seedCampaigns(t.services, orphan)).rejects.toThrow(CampaignFileError);
  });
});
