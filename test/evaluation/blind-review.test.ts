// The expert's desk (issue 6 section B): the conflict declaration before any packet (N40-RECUSAL),
// blind packets (A24-7) — with a scan of EVERY expert route's answers for a real candidate's
// identity — blind-safe files only, score sheets against the campaign's scoring form, the defence
// panel's scores and the secret ballot; and who may use it (an expert not on the committee, or not
// assigned, gets 404; other roles 403).
import { and, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationMaterials,
  applications,
  auditLog,
  ballotReceipts,
  ballotTallies,
  conflicts,
  feeOrders,
  files,
  organisations,
  scores,
  users,
} from '../../src/server/db/schema.js';
import { maskIdNumber } from '../../src/domain/id-number.js';
import { maskPhone } from '../../src/domain/identifiers.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { BAYINGOL_2021 } from '../helpers/campaigns.js';
import { errorOf } from '../helpers/declaration.js';
import { acceptedApplications, candidateRow, defenceSessionFor, evaluationCampaign, formedCommittee, joinCommittee, openMeetingForVoting } from '../helpers/evaluation.js';
import { acceptRequest, applicationAt } from '../helpers/review.js';

let t: TestContext;
let org: TestOrgTree;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
});
afterAll(async () => t.close());

const SHEET = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '业绩突出，论文质量较高' };
/** The same total on the senior (副高、正高) form. */
const SENIOR_SHEET = { items: { achievements: 30, works: 25, competence: 20.5, ethics: 9 }, comment: '答辩思路清晰' };
const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, { body });

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let n = 1; n <= document.numPages; n++) {
    for (const item of (await (await document.getPage(n)).getTextContent()).items) if ('str' in item) text += item.str;
  }
  await document.destroy();
  return text.replace(/\s+/g, '');
}

describe('N40-RECUSAL the expert declares conflicts before seeing any packet', () => {
  it('every packet route answers 409 CONFLICTS_NOT_DECLARED until the declaration (possibly “none”)', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, declare: false, office });
    const expert = c.experts[0].client;
    const app = c.candidates[0].applicationId;
    const fileId = c.candidates[0].fileIds[0];
    const base = `/api/expert/committees/${c.committeeId}`;
    const mine = (await expert.get('/api/expert/committees')).json().find((x: { id: string }) => x.id === c.committeeId);
    expect(mine).toMatchObject({ conflictsDeclared: false, assigned: 1, scored: 0, level: '中级', seriesName: '新闻' });
    const refused = [
      await expert.get(`${base}/packets`),
      await expert.get(`${base}/packets/${app}`),
      await expert.get(`${base}/packets/${app}/files/${fileId}`),
      await expert.get(`${base}/packets/${app}/review-form.pdf`),
      await put(expert, `${base}/packets/${app}/score`, SHEET),
      await expert.get(`${base}/defence`),
      await put(expert, `${base}/defence/${app}/score`, SHEET),
    ];
    for (const r of refused) {
      expect(r.statusCode).toBe(409);
      expect(errorOf(r)).toEqual({ code: 'CONFLICTS_NOT_DECLARED', message: expect.stringContaining('请先申报回避关系') });
    }
    expect((await t.services.db.select().from(scores).where(eq(scores.applicationId, app))).length).toBe(0);
    expect((await expert.post(`${base}/conflicts`, { persons: [] })).statusCode).toBe(204);
    expect((await expert.get(`${base}/packets`)).json().map((p: { applicationId: string }) => p.applicationId)).toEqual([app]);
    const office_ = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(office_.members.find((m: { expertId: string }) => m.expertId === c.experts[0].expertId).conflictsDeclared).toBe(true);
  });

  it('a declared name matching a candidate recuses the expert; the answer is the same whether it matched or not', async () => {
    const c = await formedCommittee(t, org, { candidates: 2, declare: false, candidateNames: ['欧阳测试·娜', '上官测试明'], office });
    const [e1, e2] = c.experts;
    const [target, other] = c.candidates;
    const matched = await e1.client.post(`/api/expert/committees/${c.committeeId}/conflicts`, { persons: [{ name: ' 欧阳测试娜 ', kind: 'relation', note: '' }] });
    const unmatched = await e2.client.post(`/api/expert/committees/${c.committeeId}/conflicts`, { persons: [{ name: '不存在的人', kind: 'coauthor', note: '合著' }] });
    expect([matched.statusCode, matched.body]).toEqual([204, '']);
    expect([unmatched.statusCode, unmatched.body]).toEqual([204, '']);
    expect((await e1.client.get(`/api/expert/committees/${c.committeeId}/packets`)).json().map((p: { applicationId: string }) => p.applicationId)).toEqual([other.applicationId]);
    expect((await e1.client.get(`/api/expert/committees/${c.committeeId}/packets/${target.applicationId}`)).statusCode).toBe(404);
    expect((await put(e1.client, `/api/expert/committees/${c.committeeId}/packets/${target.applicationId}/score`, SHEET)).statusCode).toBe(404);
    expect((await e2.client.get(`/api/expert/committees/${c.committeeId}/packets`)).json()).toHaveLength(2);
    const rows = await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, c.committeeId));
    expect(rows.map((r) => [r.expertId, r.applicationId, r.kind, r.source])).toEqual([[e1.expertId, target.applicationId, 'relation', 'declared']]);
    expect(rows[0].note).toContain('欧阳测试娜');
    // One declaration: naming a candidate whose packet the expert has read would make it vanish and
    // tell them who the code is. A later conflict goes to the office.
    const again = await e1.client.post(`/api/expert/committees/${c.committeeId}/conflicts`, { persons: [{ name: '上官测试明', kind: 'coauthor', note: '合著论文' }] });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toEqual({ code: 'CONFLICTS_ALREADY_DECLARED', message: expect.stringContaining('请联系评委会办公室') });
    expect((await e1.client.get(`/api/expert/committees/${c.committeeId}/packets`)).json().map((p: { applicationId: string }) => p.applicationId)).toEqual([other.applicationId]);
    expect(await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, c.committeeId))).toHaveLength(1);
    const bad = await e1.client.post(`/api/expert/committees/${c.committeeId}/conflicts`, { persons: [{ name: '某人', kind: 'enemy', note: '' }] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('A24-7 blind review: the packet, its files and every expert answer carry no identity', () => {
  it('a real application’s candidate: no name, ID or phone number, unit, department, file name or uploader anywhere an expert can look', async () => {
    const campaignId = await evaluationCampaign(t, org, { openNow: true, minMembers: 3 });
    const unit = (await signIn(t, 'unit_reviewer', org.unitId)).client;
    const dept = (await signIn(t, 'dept_reviewer', org.departmentId)).client;
    const NAME = '司马测鸾';
    const real = await applicationAt(t, { unitId: org.unitId, campaignId, which: 'aks', unit, dept, stage: 'office', name: NAME });
    expect((await acceptRequest(office, real.id)).statusCode).toBe(204);
    await t.services.db.update(feeOrders).set({ status: 'confirmed', decidedAt: new Date() }).where(eq(feeOrders.applicationId, real.id));

    const [app] = await t.services.db.select().from(applications).where(eq(applications.id, real.id));
    const [unitOrg] = await t.services.db.select().from(organisations).where(eq(organisations.id, org.unitId));
    const [deptOrg] = await t.services.db.select().from(organisations).where(eq(organisations.id, org.departmentId));
    const [countyOrg] = await t.services.db.select().from(organisations).where(eq(organisations.id, org.countyId));
    const [user] = await t.services.db.select().from(users).where(eq(users.id, app.applicantId));
    // The applicant wrote their name, numbers and unit into the form, and named a scan after themselves.
    const form = app.form as Record<string, Record<string, unknown>>;
    form.performance = { summary: `${NAME}同志在${unitOrg.name}工作，联系电话${real.who.user.phone}，身份证号${real.who.user.idNumber}。` };
    await t.services.db.update(applications).set({ form }).where(eq(applications.id, real.id));
    const materials = await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.applicationId, real.id));
    const SCAN_NAME = `${NAME}-学历证书-原件.pdf`;
    await t.services.db.update(files).set({ originalName: SCAN_NAME }).where(eq(files.id, materials[0].fileId));

    const c = await formedCommittee(t, org, { campaignId, candidates: 0, office });
    const code = (await candidateRow(t, real.id)).code;
    const expert = c.experts[0].client;
    const base = `/api/expert/committees/${c.committeeId}`;
    const seen: { what: string; text: string }[] = [];
    const look = (what: string, r: TestResponse, text = r.body) => {
      seen.push({ what, text: `${JSON.stringify(r.headers)}\n${text}` });
      return r;
    };

    look('committees', await expert.get('/api/expert/committees'));
    const list = look('packets', await expert.get(`${base}/packets`));
    expect(list.json()).toEqual([{ applicationId: real.id, code, level: '中级', seriesName: '新闻', specialtyName: '编辑', myScore: null }]);
    const packet = look('packet', await expert.get(`${base}/packets/${real.id}`));
    expect(packet.statusCode, packet.body).toBe(200);
    const p = packet.json();
    expect(p).toMatchObject({ applicationId: real.id, code, level: '中级', scoringOpen: true, myScore: null });
    expect(p.scoringForm.items.map((i: { id: string }) => i.id)).toEqual(['achievements', 'competence', 'works', 'ethics']);
    const performance = p.sections.find((s: { title: string }) => s.title === '任现职以来专业技术工作业绩').rows[0].value;
    expect(performance).toBe('■■■同志在■■■工作，联系电话■■■，身份证号■■■。');
    const packetFiles = p.materials.flatMap((m: { files: { id: string }[] }) => m.files);
    expect(packetFiles.length).toBeGreaterThan(0);
    expect(Object.keys(packetFiles[0]).sort()).toEqual(['id', 'kind', 'pages']);
    for (const f of packetFiles) {
      const r = look('file', await expert.get(`${base}/packets/${real.id}/files/${f.id}`), '');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
      expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent(code));
      seen.push({ what: 'file bytes', text: r.rawBody.toString('latin1') });
    }
    const form_ = look('review form', await expert.get(`${base}/packets/${real.id}/review-form.pdf`), '');
    expect(form_.statusCode, form_.body).toBe(200);
    const formText = await pdfText(form_.rawBody);
    expect(formText).toContain('盲评版');
    seen.push({ what: 'review form text', text: formText });
    expect(look('score', await put(expert, `${base}/packets/${real.id}/score`, SHEET)).statusCode).toBe(200);
    expect(look('bad score', await put(expert, `${base}/packets/${real.id}/score`, { items: { achievements: 99 }, comment: '' })).statusCode).toBe(400);
    look('packets again', await expert.get(`${base}/packets`));
    // A second declaration naming the candidate is refused, the same answer whoever is named: the packet stays.
    const declaredAgain = look('declare again', await expert.post(`${base}/conflicts`, { persons: [{ name: NAME, kind: 'other', note: '' }] }));
    expect([declaredAgain.statusCode, errorOf(declaredAgain).code]).toEqual([409, 'CONFLICTS_ALREADY_DECLARED']);

    await defenceSessionFor(t, c.committeeId, [c.experts[1].expertId], [real.id]);
    const other = c.experts[1].client;
    expect(look('packet after', await expert.get(`${base}/packets/${real.id}`)).statusCode).toBe(200);
    expect(look('defence', await other.get(`${base}/defence`)).json().sessions[0].candidates[0].code).toBe(code);
    expect(look('defence score', await put(other, `${base}/defence/${real.id}/score`, SHEET)).statusCode).toBe(200);
    await openMeetingForVoting(t, c.committeeId, [c.experts[1].expertId]);
    // The first expert's score counts (their second declaration was refused).
    expect(look('ballot', await other.get(`${base}/ballot`)).json().candidates[0]).toMatchObject({ code, reviewAverage: 84.5, defenceScoreText: expect.stringMatching(/^免于答辩/), voted: false });
    expect(look('vote', await other.post(`${base}/ballot`, { votes: [{ applicationId: real.id, choice: 'agree' }] })).statusCode).toBe(204);
    expect(look('vote again', await other.post(`${base}/ballot`, { votes: [{ applicationId: real.id, choice: 'agree' }] })).statusCode).toBe(409);
    look('ballot after', await other.get(`${base}/ballot`));

    const identity = [
      NAME,
      user.username!,
      app.applicantId,
      real.who.user.idNumber,
      maskIdNumber(real.who.user.idNumber),
      real.who.user.phone,
      maskPhone(real.who.user.phone),
      unitOrg.name,
      deptOrg.name,
      countyOrg.name,
      SCAN_NAME,
      encodeURIComponent(SCAN_NAME),
      encodeURIComponent(NAME),
      'scan.pdf',
    ];
    expect(seen.length).toBeGreaterThanOrEqual(18);
    for (const { what, text } of seen) {
      for (const secret of identity) expect(text.includes(secret), `${what} contains “${secret}”`).toBe(false);
    }
    // The office, of course, sees who the code is.
    const detail = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(detail.candidates.find((x: { code: string }) => x.code === code)).toMatchObject({ name: NAME, unitName: unitOrg.name });
  });

  it('only blind-safe files: masked slots of an application that ticked every masking item, leak check done without a hit; anything else 404', async () => {
    const c = await formedCommittee(t, org, { candidates: 2, office });
    const [a, b] = c.candidates;
    const expert = c.experts[0].client;
    const base = `/api/expert/committees/${c.committeeId}`;
    const fileA = a.fileIds[0];
    expect((await expert.get(`${base}/packets/${a.applicationId}/files/${fileA}`)).statusCode).toBe(200);
    // Another candidate's file through this packet; a random id.
    expect((await expert.get(`${base}/packets/${a.applicationId}/files/${b.fileIds[0]}`)).statusCode).toBe(404);
    expect((await expert.get(`${base}/packets/${a.applicationId}/files/${crypto.randomUUID()}`)).statusCode).toBe(404);
    // A hit of the leak check takes the file out of the packet (the office sees the count).
    await t.services.db.update(files).set({ leakHits: [{ page: 1, item: 'name', message: '发现姓名' }] }).where(eq(files.id, fileA));
    expect((await expert.get(`${base}/packets/${a.applicationId}`)).json().materials).toEqual([]);
    expect((await expert.get(`${base}/packets/${a.applicationId}/files/${fileA}`)).statusCode).toBe(404);
    expect((await office.get(`/api/office/committees/${c.committeeId}`)).json().candidates.find((x: { applicationId: string }) => x.applicationId === a.applicationId).leakHits).toBe(1);
    // A scan still waiting for its leak check stays with the office too.
    await t.services.db.update(files).set({ leakStatus: 'pending' }).where(eq(files.id, b.fileIds[0]));
    expect((await expert.get(`${base}/packets/${b.applicationId}/files/${b.fileIds[0]}`)).statusCode).toBe(404);
    await t.services.db.update(files).set({ leakStatus: 'done' }).where(eq(files.id, b.fileIds[0]));
    expect((await expert.get(`${base}/packets/${b.applicationId}/files/${b.fileIds[0]}`)).statusCode).toBe(200);
    // An application that did not tick every masking item shows no scan at all.
    await t.services.db.update(applications).set({ masking: ['本人姓名'] }).where(eq(applications.id, b.applicationId));
    expect((await expert.get(`${base}/packets/${b.applicationId}`)).json().materials).toEqual([]);
    expect((await expert.get(`${base}/packets/${b.applicationId}/files/${b.fileIds[0]}`)).statusCode).toBe(404);
    // An unmasked slot's scan is never served.
    await t.services.db.update(applications).set({ masking: ['本人姓名', '照片', '工作单位'] }).where(eq(applications.id, b.applicationId));
    await t.services.db.update(applicationMaterials).set({ slotId: 'no-such-masked-slot' }).where(eq(applicationMaterials.fileId, b.fileIds[0]));
    expect((await expert.get(`${base}/packets/${b.applicationId}/files/${b.fileIds[0]}`)).statusCode).toBe(404);
  });

  it('a notice without blind review (Bayingol 2021) gives the experts the masked form and the blind 评审表, never a scan', async () => {
    const c = await formedCommittee(t, org, { base: BAYINGOL_2021, candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const p = (await c.experts[0].client.get(`/api/expert/committees/${c.committeeId}/packets/${app}`)).json();
    expect(p.materials).toEqual([]);
    expect(p.sections.length).toBeGreaterThan(0);
    expect((await c.experts[0].client.get(`/api/expert/committees/${c.committeeId}/packets/${app}/review-form.pdf`)).statusCode).toBe(200);
  });

  it('reading a packet, a scan and the blind 评审表 is audited (packet.read)', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const a = c.candidates[0];
    const base = `/api/expert/committees/${c.committeeId}/packets/${a.applicationId}`;
    await c.experts[0].client.get(base);
    await c.experts[0].client.get(`${base}/files/${a.fileIds[0]}`);
    await c.experts[0].client.get(`${base}/review-form.pdf`);
    const rows = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'packet.read'), eq(auditLog.objectId, a.applicationId)));
    expect(rows.map((r) => (r.detail as { what: string }).what).sort()).toEqual(['file', 'packet', 'review_form']);
    expect(rows.every((r) => r.actorUserId === c.experts[0].user.id && r.actorRole === 'expert')).toBe(true);
  });
});

describe('scores: the campaign’s scoring form, stored in tenths, until scoring closes', () => {
  it('saves and replaces a sheet; the total is returned and shown as mine; bad sheets get every problem in Chinese, nothing saved', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const url = `/api/expert/committees/${c.committeeId}/packets/${app}/score`;
    const expert = c.experts[0].client;
    const bad = await put(expert, url, { items: { achievements: 41, competence: 'good', works: 10.25, bonus: 5 }, comment: '' });
    expect(bad.statusCode).toBe(400);
    const { message } = errorOf(bad);
    for (const part of ['“业绩成果”的评分应在 0 至 40 分之间', '“专业能力”的评分应为数字', '“论文著作（作品）”的评分最多保留一位小数', '“职业道德”未评分', '评分表中没有评分项“bonus”']) {
      expect(message).toContain(part);
    }
    const long = await put(expert, url, { ...SHEET, comment: '好'.repeat(1001) });
    expect(errorOf(long).message).toContain('评审意见不能超过 1000 字');
    const control = await put(expert, url, { ...SHEET, comment: 'abc\u0000de' });
    expect(control.statusCode).toBe(400);
    expect(errorOf(control).message).toContain('不允许的控制字符');
    expect((await t.services.db.select().from(scores).where(eq(scores.applicationId, app))).length).toBe(0);

    const r = await put(expert, url, SHEET);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ total: 84.5 });
    const again = await put(expert, url, { items: { achievements: 40, competence: 30, works: 20, ethics: 10 }, comment: '修改' });
    expect(again.json()).toEqual({ total: 100 });
    const rows = await t.services.db.select().from(scores).where(eq(scores.applicationId, app));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'review', totalTenths: 1000, comment: '修改', expertId: c.experts[0].expertId });
    const list = (await expert.get(`/api/expert/committees/${c.committeeId}/packets`)).json();
    expect(list[0].myScore).toEqual({ items: { achievements: 40, competence: 30, works: 20, ethics: 10 }, total: 100, comment: '修改' });
    expect((await expert.get('/api/expert/committees')).json().find((x: { id: string }) => x.id === c.committeeId)).toMatchObject({ assigned: 1, scored: 1 });
    // 副高 uses the senior form (论文著作（代表作品） 30 points).
    const senior = await formedCommittee(t, org, { level: '副高', candidates: 1, office });
    const s = await put(senior.experts[0].client, `/api/expert/committees/${senior.committeeId}/packets/${senior.candidates[0].applicationId}/score`, SHEET);
    expect(errorOf(s).message).toContain('“专业能力与水平”的评分应在 0 至 25 分之间');
  });

  it('after the office closed scoring a sheet is refused with 409 SCORING_CLOSED and the stored one stays', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const url = `/api/expert/committees/${c.committeeId}/packets/${c.candidates[0].applicationId}/score`;
    expect((await put(c.experts[0].client, url, SHEET)).statusCode).toBe(200);
    expect((await office.post(`/api/office/committees/${c.committeeId}/close-scoring`)).statusCode).toBe(204);
    const late = await put(c.experts[0].client, url, { ...SHEET, comment: '改' });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('SCORING_CLOSED');
    expect((await t.services.db.select().from(scores).where(eq(scores.applicationId, c.candidates[0].applicationId)))[0].comment).toBe(SHEET.comment);
    expect((await c.experts[0].client.get(`/api/expert/committees/${c.committeeId}/packets/${c.candidates[0].applicationId}`)).json().scoringOpen).toBe(false);
  });
});

describe('defence scores (B21-7, A24-14) and the secret ballot (N40-MEETING)', () => {
  it('only the panel scores a defence, once it has begun and until the meeting opens', async () => {
    const c = await formedCommittee(t, org, { level: '副高', size: 3, candidates: 2, office });
    const [a, b] = c.candidates;
    const [p1, p2] = c.experts;
    const base = `/api/expert/committees/${c.committeeId}`;
    await defenceSessionFor(t, c.committeeId, [p1.expertId], [a.applicationId]);
    await defenceSessionFor(t, c.committeeId, [p1.expertId, p2.expertId], [b.applicationId], new Date(Date.now() + 86_400_000));
    const view = (await p1.client.get(`${base}/defence`)).json();
    expect(view.sessions.map((s: { candidates: { code: string }[] }) => s.candidates.map((x) => x.code))).toEqual([[a.code], [b.code]]);
    expect(view.scoringForm.items).toHaveLength(4);
    expect((await p2.client.get(`${base}/defence`)).json().sessions).toHaveLength(1);

    expect((await put(p1.client, `${base}/defence/${a.applicationId}/score`, SENIOR_SHEET)).json()).toEqual({ total: 84.5 });
    expect((await put(p2.client, `${base}/defence/${a.applicationId}/score`, SENIOR_SHEET)).statusCode).toBe(404);
    const early = await put(p1.client, `${base}/defence/${b.applicationId}/score`, SENIOR_SHEET);
    expect(errorOf(early).code).toBe('DEFENCE_NOT_STARTED');
    const detail = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(detail.candidates.find((x: { applicationId: string }) => x.applicationId === a.applicationId)).toMatchObject({ defenceAverage: 84.5, defenceScoreText: '84.5' });
    await openMeetingForVoting(t, c.committeeId, [p1.expertId]);
    const closed = await put(p1.client, `${base}/defence/${a.applicationId}/score`, SENIOR_SHEET);
    expect(errorOf(closed).code).toBe('DEFENCE_SCORING_CLOSED');
  });

  it('votes only while the meeting is open, only if present, once per candidate, never when recused; nobody can read a choice back', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 2, office });
    const [a, b] = c.candidates;
    const [e1, e2, e3] = c.experts;
    const url = `/api/expert/committees/${c.committeeId}/ballot`;
    const before = await e1.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'agree' }] });
    expect(errorOf(before).code).toBe('BALLOT_NOT_OPEN');
    expect((await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: e2.expertId, applicationId: b.applicationId, kind: 'relation', note: '' })).statusCode).toBe(201);
    await openMeetingForVoting(t, c.committeeId, [e1.expertId, e2.expertId]);

    const absent = await e3.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'agree' }] });
    expect(errorOf(absent).code).toBe('NOT_PRESENT');
    const recused = await e2.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'agree' }, { applicationId: b.applicationId, choice: 'agree' }] });
    expect(errorOf(recused).code).toBe('RECUSED');
    // All or nothing: the vote on a was not cast either.
    expect((await t.services.db.select().from(ballotReceipts).where(eq(ballotReceipts.expertId, e2.expertId))).length).toBe(0);

    expect((await e1.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'agree' }, { applicationId: b.applicationId, choice: 'disagree' }] })).statusCode).toBe(204);
    expect((await e2.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'abstain' }] })).statusCode).toBe(204);
    const twice = await e1.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'disagree' }] });
    expect(errorOf(twice).code).toBe('ALREADY_VOTED');
    const dup = await e2.client.post(url, { votes: [{ applicationId: a.applicationId, choice: 'agree' }, { applicationId: a.applicationId, choice: 'agree' }] });
    expect(dup.statusCode).toBe(400);

    const tallies = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.committeeId, c.committeeId));
    expect(tallies.find((x) => x.applicationId === a.applicationId)).toMatchObject({ agree: 1, disagree: 0, abstain: 1 });
    expect(tallies.find((x) => x.applicationId === b.applicationId)).toMatchObject({ agree: 0, disagree: 1, abstain: 0 });

    const paper = await e2.client.get(url);
    expect(paper.statusCode, paper.body).toBe(200);
    expect(paper.json()).toMatchObject({ open: true, closed: false, present: true });
    expect(paper.json().candidates.map((x: { code: string; recused: boolean; voted: boolean }) => [x.code, x.recused, x.voted])).toEqual(
      [
        [a.code, false, true],
        [b.code, true, false],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    // No expert answer and no audit row says how anyone voted.
    for (const text of [paper.body, (await e1.client.get(url)).body]) expect(text).not.toMatch(/agree|disagree|abstain|同意|弃权/);
    const audits = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'ballot.cast'), eq(auditLog.objectId, c.committeeId)));
    expect(audits.filter((r) => r.outcome === 'success').map((r) => (r.detail as { ballots: number }).ballots)).toEqual([2, 1]);
    expect(JSON.stringify(audits)).not.toMatch(/agree|disagree|abstain/);
    const office_ = (await office.get(`/api/office/committees/${c.committeeId}`)).json();
    expect(office_.candidates.find((x: { applicationId: string }) => x.applicationId === a.applicationId)).toMatchObject({ voted: 2, tally: null });
  });
});

describe('expert desk access: members only (404), experts only (403)', () => {
  it('an expert not on the committee, or not assigned the candidate, gets 404 on every route; nothing is saved', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const fileId = c.candidates[0].fileIds[0];
    const stranger = (await formedCommittee(t, org, { size: 3, candidates: 0, office })).experts[0].client;
    const base = `/api/expert/committees/${c.committeeId}`;
    const answers = [
      await stranger.post(`${base}/conflicts`, { persons: [] }),
      await stranger.get(`${base}/packets`),
      await stranger.get(`${base}/packets/${app}`),
      await stranger.get(`${base}/packets/${app}/files/${fileId}`),
      await stranger.get(`${base}/packets/${app}/review-form.pdf`),
      await put(stranger, `${base}/packets/${app}/score`, SHEET),
      await stranger.get(`${base}/defence`),
      await put(stranger, `${base}/defence/${app}/score`, SHEET),
      await stranger.get(`${base}/ballot`),
      await stranger.post(`${base}/ballot`, { votes: [{ applicationId: app, choice: 'agree' }] }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404, 404]);
    expect((await stranger.get('/api/expert/committees')).json().map((x: { id: string }) => x.id)).not.toContain(c.committeeId);

    // A member not assigned the candidate (the office removed the assignment): 404 for the packet, its file and its score.
    const member = c.experts[0];
    expect((await office.post(`/api/office/committees/${c.committeeId}/conflicts`, { expertId: member.expertId, applicationId: app, kind: 'other', note: '' })).statusCode).toBe(201);
    expect((await member.client.get(`${base}/packets/${app}`)).statusCode).toBe(404);
    expect((await member.client.get(`${base}/packets/${app}/files/${fileId}`)).statusCode).toBe(404);
    expect((await member.client.get(`${base}/packets/${app}/review-form.pdf`)).statusCode).toBe(404);
    expect((await put(member.client, `${base}/packets/${app}/score`, SHEET)).statusCode).toBe(404);
    expect((await t.services.db.select().from(scores).where(eq(scores.applicationId, app))).length).toBe(0);
    expect((await t.services.db.select().from(conflicts).where(and(eq(conflicts.applicationId, app), eq(conflicts.source, 'declared')))).length).toBe(0);
  });

  it('applicant, finance and the office get 403 on every expert route', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
    const app = c.candidates[0].applicationId;
    const base = `/api/expert/committees/${c.committeeId}`;
    for (const [role, orgId] of [
      ['applicant', org.unitId],
      ['finance', org.prefectureId],
      ['office_staff', org.prefectureId],
    ] as const) {
      const { client } = await signIn(t, role, orgId);
      const answers = [
        await client.get('/api/expert/committees'),
        await client.post(`${base}/conflicts`, { persons: [] }),
        await client.get(`${base}/packets`),
        await client.get(`${base}/packets/${app}`),
        await client.get(`${base}/packets/${app}/files/${c.candidates[0].fileIds[0]}`),
        await client.get(`${base}/packets/${app}/review-form.pdf`),
        await put(client, `${base}/packets/${app}/score`, SHEET),
        await client.get(`${base}/defence`),
        await put(client, `${base}/defence/${app}/score`, SHEET),
        await client.get(`${base}/ballot`),
        await client.post(`${base}/ballot`, { votes: [{ applicationId: app, choice: 'agree' }] }),
      ];
      expect(answers.map((a) => a.statusCode), role).toEqual(Array(11).fill(403));
    }
    expect((await t.services.db.select().from(scores).where(eq(scores.applicationId, app))).length).toBe(0);
  });

  it('every expert route succeeds for a member, expert or committee chair (the permission-matrix samples)', async () => {
    for (const role of ['expert', 'committee_chair'] as const) {
      const c = await formedCommittee(t, org, { size: 3, candidates: 2, office });
      const [a, b] = c.candidates;
      const { client, user } = await signIn(t, role, org.prefectureId);
      const expertId = await joinCommittee(t, org, c.committeeId, user.id, { declared: false, present: true });
      const base = `/api/expert/committees/${c.committeeId}`;
      await defenceSessionFor(t, c.committeeId, [expertId], [a.applicationId]);
      const ok = [
        [await client.get('/api/expert/committees'), 200],
        [await client.post(`${base}/conflicts`, { persons: [] }), 204],
        [await client.get(`${base}/packets`), 200],
        [await client.get(`${base}/packets/${a.applicationId}`), 200],
        [await client.get(`${base}/packets/${a.applicationId}/files/${a.fileIds[0]}`), 200],
        [await client.get(`${base}/packets/${a.applicationId}/review-form.pdf`), 200],
        [await put(client, `${base}/packets/${a.applicationId}/score`, SHEET), 200],
        [await client.get(`${base}/defence`), 200],
        [await put(client, `${base}/defence/${a.applicationId}/score`, SHEET), 200],
        [await client.get(`${base}/ballot`), 200],
      ] as const;
      for (const [r, status] of ok) expect(r.statusCode, `${role}: ${r.body.slice(0, 200)}`).toBe(status);
      await openMeetingForVoting(t, c.committeeId, [expertId]);
      const vote = await client.post(`${base}/ballot`, { votes: [{ applicationId: b.applicationId, choice: 'agree' }] });
      expect(vote.statusCode, vote.body).toBe(204);
    }
  });

  it('a committee chair account sits on the desk like an expert', async () => {
    const c = await formedCommittee(t, org, { size: 3, candidates: 1, office });
    const chair = (await signIn(t, 'committee_chair', org.prefectureId)).client;
    // Not a member: 404, not 403.
    expect((await chair.get(`/api/expert/committees/${c.committeeId}/packets`)).statusCode).toBe(404);
    expect((await chair.get('/api/expert/committees')).statusCode).toBe(200);
  });
});

describe('acceptedApplications fixture', () => {
  it('makes accepted applications with a confirmed fee', async () => {
    const campaignId = await evaluationCampaign(t, org, { minMembers: 3 });
    const [a] = await acceptedApplications(t, org, campaignId, { count: 1, seriesId: 'news', level: '中级', specialtyId: 'editor' });
    const [row] = await t.services.db.select().from(applications).where(eq(applications.id, a.applicationId));
    const [fee] = await t.services.db.select().from(feeOrders).where(eq(feeOrders.applicationId, a.applicationId));
    expect([row.status, fee.status, row.masking]).toEqual(['accepted', 'confirmed', ['本人姓名', '照片', '工作单位']]);
  });
});
