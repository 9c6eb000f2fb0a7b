// Committees (issue 6 section A): the draw from the pool (N40-COMMITTEE: odd size ≥ the level's
// minimum, series, level, term, per-unit cap, reproducible from its seed), settings (chair, A24-17
// pass rate, meeting place), enrolment of accepted and paid applications under anonymous codes with
// their defence decision (A24-14) and automatic recusal (N40-RECUSAL), conflicts added by the
// office, held packets, progress and closing the scoring — and who may do it.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications, assignments, auditLog, candidates, committeeMembers, committees, conflicts, experts, feeOrders } from '../../src/server/db/schema.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from '../helpers/app.js';
import { BAYINGOL_2021, prefectureInfo } from '../helpers/campaigns.js';
import { errorOf } from '../helpers/declaration.js';
import { acceptedApplications, candidateRow, createExpertPool, evaluationCampaign, formedCommittee, type PoolMember } from '../helpers/evaluation.js';

let t: TestContext;
let org: TestOrgTree;
let otherOrg: TestOrgTree;
let office: TestClient;
let otherOffice: TestClient;
let portal: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  otherOrg = await createOrgTree(t.services);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  otherOffice = (await signIn(t, 'office_staff', otherOrg.prefectureId)).client;
  portal = (await prefectureInfo(t.services, org.prefectureId)).portal!;
});
afterAll(async () => t.close());

const drawBody = (overrides: Record<string, unknown> = {}) => ({ seriesId: 'news', level: '中级', size: 3, seed: 'fixed-seed', requiredSpecialtyIds: [], meetingDate: '2024-06-01', ...overrides });
const committeeCount = async (campaignId: string) => (await t.services.db.select({ id: committees.id }).from(committees).where(eq(committees.campaignId, campaignId))).length;
const memberIds = async (committeeId: string) =>
  (await t.services.db.select({ id: committeeMembers.expertId }).from(committeeMembers).where(eq(committeeMembers.committeeId, committeeId))).map((r) => r.id).sort();

describe('N40-COMMITTEE drawing a committee', () => {
  // Its own prefecture, so that the pool is exactly what these tests put in it.
  let drawOrg: TestOrgTree;
  let drawOffice: TestClient;
  let pool: PoolMember[];

  beforeAll(async () => {
    drawOrg = await createOrgTree(t.services);
    drawOffice = (await signIn(t, 'office_staff', drawOrg.prefectureId)).client;
    pool = await createExpertPool(t, drawOrg, { count: 7, seriesId: 'news', level: '正高', unitIds: [null] });
    // Not qualified: a level below the committee's, a term that ended before the meeting, another series.
    await createExpertPool(t, drawOrg, { count: 1, seriesId: 'news', level: '初级', namePrefix: '初级专家' });
    await createExpertPool(t, drawOrg, { count: 1, seriesId: 'news', level: '正高', termStart: '2020-01-01', termEnd: '2022-12-31', namePrefix: '期满专家' });
    await createExpertPool(t, drawOrg, { count: 1, seriesId: 'publishing', level: '正高', namePrefix: '出版专家' });
  });

  it('draws an odd committee from the qualified experts, lists the excluded with reasons, and records the seed and who drew it', async () => {
    const campaignId = await evaluationCampaign(t, drawOrg, { minMembers: 3 });
    const r = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 5, seed: 'audit-seed' }));
    expect(r.statusCode, r.body).toBe(201);
    const { committee, excluded } = r.json();
    expect(committee).toMatchObject({ campaignId, seriesId: 'news', seriesName: '新闻', level: '中级', size: 5, status: 'formed', memberCount: 5, candidateCount: 0, passRatePolicy: 'uncapped', passRatePercent: null });
    const members = await memberIds(committee.id);
    expect(members).toHaveLength(5);
    expect(members.every((id) => pool.some((p) => p.expertId === id))).toBe(true);
    // Experts of another series are not in the draw at all; the others are listed with their reasons.
    expect(excluded.map((e: { name: string }) => e.name.replace(/[0-9a-f]{8}$/, '')).sort()).toEqual(['初级专家', '期满专家']);
    expect(excluded.find((e: { name: string }) => e.name.startsWith('初级专家')).reason).toContain('低于评审级别');
    expect(excluded.find((e: { name: string }) => e.name.startsWith('期满专家')).reason).toContain('未覆盖评审会日期');

    const detail = (await drawOffice.get(`/api/office/committees/${committee.id}`)).json();
    expect(detail).toMatchObject({ seed: 'audit-seed', minMembers: 3, quorumNeeded: 4 });
    const [audit] = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'committee.draw'), eq(auditLog.objectId, committee.id)));
    expect(audit.outcome).toBe('success');
    expect(audit.actorRole).toBe('office_staff');
    expect(audit.detail).toMatchObject({ seed: 'audit-seed', seedGiven: true, meetingDate: '2024-06-01', size: 5, memberIds: members });
  });

  it('the same seed over the same pool draws the same members (reproducible); no seed → a random one is made and recorded', async () => {
    const [a, b, c] = [await evaluationCampaign(t, drawOrg, { minMembers: 3 }), await evaluationCampaign(t, drawOrg, { minMembers: 3 }), await evaluationCampaign(t, drawOrg, { minMembers: 3 })];
    const first = (await drawOffice.post(`/api/office/campaigns/${a}/committees`, drawBody({ seed: 'replay-2024' }))).json().committee.id;
    const second = (await drawOffice.post(`/api/office/campaigns/${b}/committees`, drawBody({ seed: 'replay-2024' }))).json().committee.id;
    expect(await memberIds(first)).toEqual(await memberIds(second));

    const random = await drawOffice.post(`/api/office/campaigns/${c}/committees`, drawBody({ seed: null }));
    expect(random.statusCode, random.body).toBe(201);
    const [row] = await t.services.db.select().from(committees).where(eq(committees.id, random.json().committee.id));
    expect(row.seed).toMatch(/^[0-9a-f]{32}$/);
    const [audit] = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'committee.draw'), eq(auditLog.objectId, row.id)));
    expect(audit.detail).toMatchObject({ seed: row.seed, seedGiven: false });
  });

  it('an even size, or one below the level’s minimum, is refused with a Chinese 400; nothing is saved', async () => {
    const campaignId = await evaluationCampaign(t, drawOrg); // the notice's own minimum: 11 for 中级
    const even = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 12 }));
    expect(even.statusCode).toBe(400);
    expect(errorOf(even).message).toContain('评审委员会人数应为奇数');
    expect(errorOf(even).message).toContain('N40-COMMITTEE');
    const small = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 5 }));
    expect(small.statusCode).toBe(400);
    expect(errorOf(small).message).toContain('不得少于 11 人');
    const badDate = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 11, meetingDate: '2024-02-30' }));
    expect(errorOf(badDate).message).toContain('评审会日期无效');
    const badSpecialty = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 11, requiredSpecialtyIds: ['novel'] }));
    expect(errorOf(badSpecialty).message).toContain('新闻系列没有这些专业：novel');
    const noSeries = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 11, seriesId: 'medicine' }));
    expect(noSeries.statusCode).toBe(400);
    expect(await committeeCount(campaignId)).toBe(0);
  });

  it('a pool that cannot give the committee answers 422 DRAW_FAILED with every problem; the per-unit cap counts', async () => {
    const campaignId = await evaluationCampaign(t, drawOrg, { minMembers: 3 });
    const tooBig = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ size: 9 }));
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().error.code).toBe('DRAW_FAILED');
    expect(tooBig.json().error.problems).toEqual([expect.stringContaining('符合条件的专家只有 7 人')]);
    const specialty = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ requiredSpecialtyIds: ['reporter'] }));
    expect(specialty.statusCode).toBe(422);
    expect(specialty.json().error.problems[0]).toContain('“reporter”专业');
    expect(await committeeCount(campaignId)).toBe(0);
    const [audit] = await t.services.db.select().from(auditLog).where(eq(auditLog.action, 'committee.draw')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit.outcome).toBe('failure');

    // Aksu allows at most 3 experts of one unit: 6 experts of one unit give a committee of 3, not of 5.
    const unitOrg = await createOrgTree(t.services);
    const unitOffice = (await signIn(t, 'office_staff', unitOrg.prefectureId)).client;
    await createExpertPool(t, unitOrg, { count: 6, seriesId: 'news', level: '正高', unitIds: [unitOrg.prefectureUnitId] });
    const unitCampaign = await evaluationCampaign(t, unitOrg, { minMembers: 3 });
    const capped = await unitOffice.post(`/api/office/campaigns/${unitCampaign}/committees`, drawBody({ size: 5 }));
    expect(capped.statusCode).toBe(422);
    expect(capped.json().error.problems[0]).toContain('按同一单位最多 3 人计算');
    expect((await unitOffice.post(`/api/office/campaigns/${unitCampaign}/committees`, drawBody({ size: 3 }))).statusCode).toBe(201);
  });

  it('one committee per campaign, series and level (409); the campaign’s committees are listed', async () => {
    const campaignId = await evaluationCampaign(t, drawOrg, { minMembers: 3 });
    expect((await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody())).statusCode).toBe(201);
    const again = await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ seed: 'other' }));
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('COMMITTEE_EXISTS');
    expect((await drawOffice.post(`/api/office/campaigns/${campaignId}/committees`, drawBody({ level: '副高' }))).statusCode).toBe(201);
    const list = await drawOffice.get(`/api/office/campaigns/${campaignId}/committees`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((c: { level: string; passRatePolicy: string }) => [c.level, c.passRatePolicy])).toEqual([
      ['中级', 'uncapped'],
      ['副高', 'capped'],
    ]);
  });
});

describe('committee settings: chair, A24-17 pass rate, meeting place', () => {
  it('the chair must be a member; the pass rate is set only for a capped level; the place is free text', async () => {
    const c = await formedCommittee(t, org, { level: '副高', candidates: 0, office });
    const outsider = (await createExpertPool(t, org, { count: 1, seriesId: 'news', level: '正高' }))[0];
    const bad = await office.patch(`/api/office/committees/${c.committeeId}`, { chairExpertId: outsider.expertId });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toBe('主任委员须为本评审委员会的委员');
    const r = await office.patch(`/api/office/committees/${c.committeeId}`, { chairExpertId: c.experts[0].expertId, passRatePercent: 33.33, meetingPlace: '阿克苏地区人社局三楼会议室' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ chairExpertId: c.experts[0].expertId, chairName: c.experts[0].name, passRatePolicy: 'capped', passRatePercent: 33.33, meetingPlace: '阿克苏地区人社局三楼会议室' });
    expect(r.json().members.find((m: { expertId: string }) => m.expertId === c.experts[0].expertId).isChair).toBe(true);
    const tooPrecise = await office.patch(`/api/office/committees/${c.committeeId}`, { passRatePercent: 33.333 });
    expect(errorOf(tooPrecise).message).toContain('最多保留两位小数');
    const zero = await office.patch(`/api/office/committees/${c.committeeId}`, { passRatePercent: 0 });
    expect(zero.statusCode).toBe(400);
    const mine = (await c.experts[0].client.get('/api/expert/committees')).json().find((x: { id: string }) => x.id === c.committeeId);
    expect(mine.isChair).toBe(true);
  });

  it('A24-17: a level without a pass rate (中级) refuses one with a Chinese 400', async () => {
    const c = await formedCommittee(t, org, { level: '中级', candidates: 0, office });
    const r = await office.patch(`/api/office/committees/${c.committeeId}`, { passRatePercent: 60 });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).message).toBe('中级职称评审不设通过率（A24-17）');
    const [row] = await t.services.db.select().from(committees).where(eq(committees.id, c.committeeId));
    expect(row.passRatePercent).toBeNull();
  });
});

describe('enrolment: anonymous codes, defence decision, automatic recusal (N40-RECUSAL)', () => {
  it('enrols only accepted applications with a confirmed fee, under random codes in no guessable order; again enrols only newcomers', async () => {
    const c = await formedCommittee(t, org, { candidates: 0, office });
    const paid = await acceptedApplications(t, org, c.campaignId, { count: 10, seriesId: 'news', level: '中级', specialtyId: 'editor' });
    const [unpaid] = await acceptedApplications(t, org, c.campaignId, { count: 1, seriesId: 'news', level: '中级', specialtyId: 'editor' });
    await t.services.db.update(feeOrders).set({ status: 'receipt_uploaded' }).where(eq(feeOrders.applicationId, unpaid.applicationId));
    const [otherLevel] = await acceptedApplications(t, org, c.campaignId, { count: 1, seriesId: 'news', level: '初级', specialtyId: 'editor' });
    const [notAccepted] = await acceptedApplications(t, org, c.campaignId, { count: 1, seriesId: 'news', level: '中级', specialtyId: 'editor' });
    await t.services.db.update(applications).set({ status: 'office_review' }).where(eq(applications.id, notAccepted.applicationId));

    const r = await office.post(`/api/office/committees/${c.committeeId}/enrol`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ enrolled: 10 });
    const rows = await t.services.db.select().from(candidates).where(eq(candidates.committeeId, c.committeeId));
    expect(rows.map((x) => x.applicationId).sort()).toEqual(paid.map((p) => p.applicationId).sort());
    for (const id of [unpaid, otherLevel, notAccepted].map((a) => a.applicationId)) expect(await candidateRow(t, id)).toBeUndefined();
    const codes = paid.map((p) => rows.find((x) => x.applicationId === p.applicationId)!.code);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(new RegExp(`^${portal.toUpperCase()}-2024-ZJ-\\d{2,3}$`));
    // Neither in the order the applications arrived nor in the order of the names.
    const numbers = codes.map((code) => Number(code.split('-').pop()));
    expect(numbers).not.toEqual([...numbers].sort((x, y) => x - y));
    const byName = [...paid].sort((x, y) => x.name.localeCompare(y.name)).map((p) => Number(rows.find((x) => x.applicationId === p.applicationId)!.code.split('-').pop()));
    expect(byName).not.toEqual([...byName].sort((x, y) => x - y));

    // A24-14: 中级 is exempt from the defence.
    expect(rows[0]).toMatchObject({ defenceRequired: false, defenceRuleId: 'A24-14' });
    expect(rows[0].defenceExemptReason).toContain('中级');

    expect((await office.post(`/api/office/committees/${c.committeeId}/enrol`)).json()).toEqual({ enrolled: 0 });
    await t.services.db.update(feeOrders).set({ status: 'confirmed' }).where(eq(feeOrders.applicationId, unpaid.applicationId));
    // A member who had declared must declare again: the newcomers were not on the list they checked.
    const expert = c.experts[0].client;
    expect((await expert.get(`/api/expert/committees/${c.committeeId}/packets`)).statusCode).toBe(409);
    expect((await expert.post(`/api/expert/committees/${c.committeeId}/conflicts`, { persons: [] })).statusCode).toBe(204);
    expect((await expert.get(`/api/expert/committees/${c.committeeId}/packets`)).json()).toHaveLength(10);
    expect((await office.post(`/api/office/committees/${c.committeeId}/enrol`)).json()).toEqual({ enrolled: 1 });
    const again = await expert.get(`/api/expert/committees/${c.committeeId}/packets`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('CONFLICTS_NOT_DECLARED');
    const detail = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(detail.candidateCount).toBe(11);
    expect(detail.candidates[0]).toMatchObject({ name: expect.stringMatching(/^测试申报人/), unitName: expect.stringMatching(/^测试县融媒体中心/), specialtyName: '编辑', packetHeld: false, leakHits: 0, reviewScores: 0, reviewAverage: null, voted: 0, tally: null, result: null });
  });

  it('A24-14: a 副高 candidate must defend', async () => {
    const c = await formedCommittee(t, org, { level: '副高', candidates: 1, office });
    const row = await candidateRow(t, c.candidates[0].applicationId);
    expect(row).toMatchObject({ defenceRequired: true, defenceExemptReason: null, defenceRuleId: 'A24-14' });
    expect(row.code).toMatch(/-FG-\d{2,3}$/);
  });

  it('B21-7: a Bayingol 中级 candidate of a county-level unit is exempt', async () => {
    const c = await formedCommittee(t, org, { base: BAYINGOL_2021, candidates: 1, office });
    const row = await candidateRow(t, c.candidates[0].applicationId);
    expect(row).toMatchObject({ defenceRequired: false, defenceRuleId: 'B21-7' });
  });

  it('N40-RECUSAL: an expert of the candidate’s unit, or of a unit under the same department, is recused and not assigned', async () => {
    // Members: one of the candidate's unit, one of the other unit under the same department, one of a prefecture-level unit.
    const c = await formedCommittee(t, org, { size: 3, expertUnitIds: [org.unitId, org.otherUnitId, org.prefectureUnitId], candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const byUnit = new Map(c.experts.map((e) => [e.unitId, e]));
    const rows = await t.services.db.select().from(conflicts).where(eq(conflicts.applicationId, app));
    expect(rows.map((r) => [r.expertId, r.kind, r.source]).sort()).toEqual(
      [
        [byUnit.get(org.unitId)!.expertId, 'same_unit', 'automatic'],
        [byUnit.get(org.otherUnitId)!.expertId, 'same_department', 'automatic'],
      ].sort(),
    );
    const assigned = (await t.services.db.select().from(assignments).where(eq(assignments.applicationId, app))).map((a) => a.expertId);
    expect(assigned).toEqual([byUnit.get(org.prefectureUnitId)!.expertId]);
    const detail = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(detail.conflicts.map((x: { kindLabel: string; source: string; code: string }) => [x.kindLabel, x.source, x.code]).sort()).toEqual(
      [
        ['同一主管部门', 'automatic', c.candidates[0].code],
        ['同一单位', 'automatic', c.candidates[0].code],
      ].sort(),
    );
    // The recused expert does not see the packet and cannot score it: 404.
    const recused = byUnit.get(org.unitId)!.client;
    expect((await recused.get(`/api/expert/committees/${c.committeeId}/packets`)).json()).toEqual([]);
    expect((await recused.get(`/api/expert/committees/${c.committeeId}/packets/${app}`)).statusCode).toBe(404);
    const score = await recused.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${app}/score`, {
      body: { items: { achievements: 30, competence: 20, works: 15, ethics: 8 }, comment: '' },
    });
    expect(score.statusCode).toBe(404);
  });
});

describe('N40-RECUSAL conflicts added by the office, held packets, progress, closing the scoring', () => {
  const sheet = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '业绩突出' };

  it('a conflict removes the assignment; refused once the expert has scored that candidate (409); duplicates 409; strangers 404', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 2, office });
    const [e1, e2] = c.experts;
    const [a1, a2] = c.candidates;
    const added = await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: e1.expertId, applicationId: a1.applicationId, kind: 'relation', note: '表兄弟' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ expertId: e1.expertId, expertName: e1.name, applicationId: a1.applicationId, code: a1.code, kind: 'relation', kindLabel: '亲属等利害关系', source: 'office', note: '表兄弟' });
    expect((await t.services.db.select().from(assignments).where(and(eq(assignments.expertId, e1.expertId), eq(assignments.applicationId, a1.applicationId)))).length).toBe(0);
    expect((await e1.client.get(`/api/expert/committees/${c.committeeId}/packets/${a1.applicationId}`)).statusCode).toBe(404);

    const dup = await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: e1.expertId, applicationId: a1.applicationId, kind: 'relation', note: '' });
    expect(dup.statusCode).toBe(409);

    const scored = await e2.client.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${a2.applicationId}/score`, { body: sheet });
    expect(scored.statusCode, scored.body).toBe(200);
    const late = await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: e2.expertId, applicationId: a2.applicationId, kind: 'coauthor', note: '' });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('ALREADY_EVALUATED');
    expect((await t.services.db.select().from(conflicts).where(and(eq(conflicts.expertId, e2.expertId), eq(conflicts.applicationId, a2.applicationId)))).length).toBe(0);

    const outsider = (await createExpertPool(t, org, { count: 1, seriesId: 'news', level: '正高' }))[0];
    expect((await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: outsider.expertId, applicationId: a2.applicationId, kind: 'other', note: '' })).statusCode).toBe(404);
    const other = await formedCommittee(t, org, { candidates: 1, office });
    expect((await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: e2.expertId, applicationId: other.candidates[0].applicationId, kind: 'other', note: '' })).statusCode).toBe(404);
    const badKind = await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: e2.expertId, applicationId: a2.applicationId, kind: 'enemy', note: '' });
    expect(badKind.statusCode).toBe(400);
  });

  it('a held packet is invisible to the experts until released; holding needs a reason', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const noReason = await office.post(`/api/office/committees/${c.committeeId}/candidates/${app}/hold`, { held: true, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toBe('请填写暂缓送审的原因');
    expect((await office.post(`/api/office/committees/${c.committeeId}/candidates/${app}/hold`, { held: true, reason: '扫描件含姓名' })).statusCode).toBe(204);
    const expert = c.experts[0].client;
    expect((await expert.get(`/api/expert/committees/${c.committeeId}/packets`)).json()).toEqual([]);
    expect((await expert.get(`/api/expert/committees/${c.committeeId}/packets/${app}`)).statusCode).toBe(404);
    expect((await expert.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${app}/score`, { body: sheet })).statusCode).toBe(404);
    const detail = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(detail.candidates[0]).toMatchObject({ packetHeld: true, heldReason: '扫描件含姓名' });
    expect((await office.post(`/api/office/committees/${c.committeeId}/candidates/${app}/hold`, { held: false, reason: null })).statusCode).toBe(204);
    expect((await expert.get(`/api/expert/committees/${c.committeeId}/packets`)).json().map((p: { applicationId: string }) => p.applicationId)).toEqual([app]);
  });

  it('progress counts assigned and scored; closing the scoring ends scoring (409 SCORING_CLOSED) and enrolment', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 2, office });
    const [a1] = c.candidates;
    expect((await c.experts[0].client.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${a1.applicationId}/score`, { body: sheet })).statusCode).toBe(200);
    const progress = await office.get(`/api/office/committees/${c.committeeId}/progress`);
    expect(progress.statusCode, progress.body).toBe(200);
    const p = progress.json();
    expect(p.scoringClosed).toBe(false);
    expect(p.experts.find((e: { expertId: string }) => e.expertId === c.experts[0].expertId)).toMatchObject({ assigned: 2, scored: 1 });
    expect(p.candidates.find((x: { applicationId: string }) => x.applicationId === a1.applicationId)).toMatchObject({ code: a1.code, assigned: 3, scored: 1 });

    expect((await office.post(`/api/office/committees/${c.committeeId}/close-scoring`)).statusCode).toBe(204);
    const twice = await office.post(`/api/office/committees/${c.committeeId}/close-scoring`);
    expect(twice.statusCode).toBe(409);
    const late = await c.experts[1].client.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${a1.applicationId}/score`, { body: sheet });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('SCORING_CLOSED');
    expect(errorOf(late).message).toContain('专家评分已结束');
    expect((await office.post(`/api/office/committees/${c.committeeId}/enrol`)).statusCode).toBe(409);
    const summary = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(summary.status).toBe('scoring_closed');
    expect(summary.scoringClosedAt).not.toBeNull();
    expect(summary.candidates.find((x: { applicationId: string }) => x.applicationId === a1.applicationId)).toMatchObject({ reviewScores: 1, reviewAverage: 84.5 });
    expect((await office.get(`/api/office/committees/${c.committeeId}/progress`)).json().scoringClosed).toBe(true);
  });
});

describe('committee access: own prefecture only (404), office staff only (403)', () => {
  it('another prefecture’s office gets 404 on every committee route, and nothing changes', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const [before] = await t.services.db.select().from(committees).where(eq(committees.id, c.committeeId));
    const answers = [
      await otherOffice.get(`/api/office/campaigns/${c.campaignId}/committees`),
      await otherOffice.post(`/api/office/campaigns/${c.campaignId}/committees`, drawBody({ level: '初级' })),
      await otherOffice.get(`/api/office/committees/${c.committeeId}`),
      await otherOffice.patch(`/api/office/committees/${c.committeeId}`, { meetingPlace: '别处' }),
      await otherOffice.post(`/api/office/committees/${c.committeeId}/enrol`),
      await otherOffice.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: c.experts[0].expertId, applicationId: app, kind: 'other', note: '' }),
      await otherOffice.post(`/api/office/committees/${c.committeeId}/candidates/${app}/hold`, { held: true, reason: '越权' }),
      await otherOffice.get(`/api/office/committees/${c.committeeId}/progress`),
      await otherOffice.post(`/api/office/committees/${c.committeeId}/close-scoring`),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404]);
    const [after] = await t.services.db.select().from(committees).where(eq(committees.id, c.committeeId));
    expect(after).toEqual(before);
    expect(await committeeCount(c.campaignId)).toBe(1);
    expect((await candidateRow(t, app)).packetHeld).toBe(false);
    expect((await t.services.db.select().from(conflicts).where(eq(conflicts.applicationId, app))).length).toBe(0);
  });

  it('applicant, finance and expert get 403 on every committee route', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
    const app = c.candidates[0].applicationId;
    for (const [role, orgId] of [
      ['applicant', org.unitId],
      ['finance', org.prefectureId],
      ['expert', org.prefectureId],
    ] as const) {
      const { client } = await signIn(t, role, orgId);
      const answers = [
        await client.get(`/api/office/campaigns/${c.campaignId}/committees`),
        await client.post(`/api/office/campaigns/${c.campaignId}/committees`, drawBody({ level: '初级' })),
        await client.get(`/api/office/committees/${c.committeeId}`),
        await client.patch(`/api/office/committees/${c.committeeId}`, { meetingPlace: '别处' }),
        await client.post(`/api/office/committees/${c.committeeId}/enrol`),
        await client.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: c.experts[0].expertId, applicationId: app, kind: 'other', note: '' }),
        await client.post(`/api/office/committees/${c.committeeId}/candidates/${app}/hold`, { held: true, reason: '越权' }),
        await client.get(`/api/office/committees/${c.committeeId}/progress`),
        await client.post(`/api/office/committees/${c.committeeId}/close-scoring`),
      ];
      expect(answers.map((a) => a.statusCode), role).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 403]);
    }
    const [row] = await t.services.db.select().from(committees).where(eq(committees.id, c.committeeId));
    expect(row).toMatchObject({ status: 'formed', meetingPlace: null });
    expect(await committeeCount(c.campaignId)).toBe(1);
  });

  it('experts of the pool are not members of another prefecture’s committee', async () => {
    const mine = (await t.services.db.select().from(experts).where(eq(experts.prefectureId, otherOrg.prefectureId))).length;
    expect(mine).toBe(0);
  });
});
