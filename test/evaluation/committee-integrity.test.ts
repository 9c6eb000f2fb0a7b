// The committee's evaluation holding together from declaration to the close of the ballot (review
// findings): one conflict declaration per enrolment round, in expert review only (N40-RECUSAL); a
// vote cast before a recusal still counts and never turns the close into a 500 (N40-MEETING); the
// office's conflicts and holds only before the meeting opens (N40-RECUSAL, A24-7); no close while
// ballots are outstanding unless the office says why (N40-MEETING); every candidate not held on the
// ballot before the cap is applied (A24-17); a seated expert's account and pool entry kept; and the
// experts' ballot page without running averages while scoring is open (A24-7).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareConflicts } from '../../src/server/commands/evaluation/declare-conflicts.js';
import { auditLog, ballotTallies, candidates, committeeMembers, committees, conflicts, experts, scores } from '../../src/server/db/schema.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, type TestClient, type TestContext } from '../helpers/app.js';
import { errorOf } from '../helpers/declaration.js';
import { acceptedApplications, BASE_CHOICE, formedCommittee } from '../helpers/evaluation.js';
import { committeeRow, ctxOf, markPresent, refusal, shortNames, vote, votingWorld } from '../helpers/evaluation-results.js';
import { AKSU_2024 } from '../helpers/campaigns.js';

const run = promisify(execFile);

let t: TestContext;
let org: TestOrgTree;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
});
afterAll(async () => {
  await t?.close();
});

const SHEET = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '业绩突出' };
const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, { body });
const api = (committeeId: string, tail: string) => `/api/office/committees/${committeeId}${tail}`;
const ids = (r: { json(): unknown }) => (r.json() as { applicationId: string }[]).map((p) => p.applicationId);

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zp-integrity-'));
  try {
    const file = path.join(dir, 'minutes.pdf');
    await writeFile(file, pdf);
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openMeeting(committeeId: string) {
  const r = await office.post(api(committeeId, '/open-meeting'));
  expect(r.statusCode, r.body).toBe(204);
}

describe('N40-RECUSAL: one conflict declaration per enrolment round, while the committee is formed', () => {
  it('N40-RECUSAL: a second declaration is 409 CONFLICTS_ALREADY_DECLARED (to the office instead), nothing is recused and no packet vanishes', async () => {
    const [name] = shortNames(1);
    const c = await formedCommittee(t, org, { candidates: 1, candidateNames: [name], office });
    const [e1] = c.experts;
    const app = c.candidates[0].applicationId;
    const base = `/api/expert/committees/${c.committeeId}`;
    expect((await put(e1.client, `${base}/packets/${app}/score`, SHEET)).statusCode).toBe(200);

    const again = await e1.client.post(`${base}/conflicts`, { persons: [{ name, kind: 'relation', note: '' }] });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('CONFLICTS_ALREADY_DECLARED');
    expect(errorOf(again).message).toMatch(/如发现新的回避情形，请联系评委会办公室/);
    // The answer is the same whoever is named, and nothing changed.
    const none = await e1.client.post(`${base}/conflicts`, { persons: [] });
    expect([none.statusCode, errorOf(none).code]).toEqual([409, 'CONFLICTS_ALREADY_DECLARED']);
    expect(ids(await e1.client.get(`${base}/packets`))).toEqual([app]);
    expect(await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, c.committeeId))).toHaveLength(0);
    expect(await t.services.db.select().from(scores).where(eq(scores.applicationId, app))).toHaveLength(1);

    // Concurrent first declarations of one member: exactly one is recorded.
    const d = await formedCommittee(t, org, { candidates: 1, declare: false, office });
    const racer = d.experts[0].client;
    const answers = await Promise.all(Array.from({ length: 4 }, () => racer.post(`/api/expert/committees/${d.committeeId}/conflicts`, { persons: [] })));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([204, 409, 409, 409]);
  });

  it('N40-RECUSAL: after scoring closed a declaration is 409 DECLARATION_CLOSED and deletes no score; at the meeting it takes no voter away', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, candidateNames: shortNames(1), office });
    const [m0] = w.members;
    const [c] = w.candidates;
    await t.services.db.insert(scores).values({ applicationId: c.applicationId, expertId: m0.expertId, kind: 'review', items: { achievements: 30 }, totalTenths: 300, comment: '' });
    await t.services.db.update(committeeMembers).set({ conflictsDeclaredAt: null }).where(eq(committeeMembers.expertId, m0.expertId));
    const late = await refusal(declareConflicts(t.services, ctxOf(m0.actor), m0.actor, w.committeeId, [{ name: c.name, kind: 'relation', note: '' }]));
    expect([late.statusCode, late.code]).toEqual([409, 'DECLARATION_CLOSED']);
    expect(late.message).toContain('请联系评委会办公室');
    expect(await t.services.db.select().from(scores).where(eq(scores.applicationId, c.applicationId))).toHaveLength(1);
    expect(await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, w.committeeId))).toHaveLength(0);

    await t.services.db.update(committeeMembers).set({ conflictsDeclaredAt: new Date() }).where(eq(committeeMembers.expertId, m0.expertId));
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    await vote(t, m0, w.committeeId, [{ applicationId: c.applicationId, choice: 'agree' }]);
    const voted = await refusal(declareConflicts(t.services, ctxOf(m0.actor), m0.actor, w.committeeId, [{ name: c.name, kind: 'relation', note: '' }]));
    expect([voted.statusCode, voted.code]).toEqual([409, 'DECLARATION_CLOSED']);
    expect(await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, w.committeeId))).toHaveLength(0);
  });

  it('N40-RECUSAL: enrolling newcomers asks each member for one more declaration, matched against the newcomers only', async () => {
    const [oldName, newName] = shortNames(2);
    const c = await formedCommittee(t, org, { candidates: 1, candidateNames: [oldName], office });
    const [e1, e2] = c.experts;
    const old = c.candidates[0].applicationId;
    const base = `/api/expert/committees/${c.committeeId}`;
    expect((await e1.client.get(`${base}/packets/${old}`)).statusCode).toBe(200);

    const choice = BASE_CHOICE[AKSU_2024];
    const [fresh] = await acceptedApplications(t, org, c.campaignId, { count: 1, seriesId: choice.seriesId, level: choice.level, specialtyId: choice.specialtyId, pathId: choice.pathId, names: [newName] });
    const enrolled = await office.post(api(c.committeeId, '/enrol'));
    expect(enrolled.json()).toEqual({ enrolled: 1 });
    // The newcomers were not on the list they checked: declare again before any packet.
    expect((await e1.client.get('/api/expert/committees')).json().find((x: { id: string }) => x.id === c.committeeId).conflictsDeclared).toBe(false);
    expect(errorOf(await e1.client.get(`${base}/packets`)).code).toBe('CONFLICTS_NOT_DECLARED');

    // Both names: the newcomer is recused; the candidate already shown is not (its packet does not vanish).
    const declared = await e1.client.post(`${base}/conflicts`, {
      persons: [
        { name: oldName, kind: 'relation', note: '' },
        { name: newName, kind: 'coauthor', note: '' },
      ],
    });
    expect([declared.statusCode, declared.body]).toEqual([204, '']);
    expect(ids(await e1.client.get(`${base}/packets`))).toEqual([old]);
    const rows = await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, c.committeeId));
    expect(rows.map((r) => [r.expertId, r.applicationId, r.source])).toEqual([[e1.expertId, fresh.applicationId, 'declared']]);
    const [audit] = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'conflict.declare'), eq(auditLog.objectId, c.committeeId), sql`${auditLog.detail}->>'expertId' = ${e1.expertId}`))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit.detail).toMatchObject({ matched: 1, matchedAlreadyShown: 1, round: 'after_enrolment' });
    // Once in this round.
    expect(errorOf(await e1.client.post(`${base}/conflicts`, { persons: [] })).code).toBe('CONFLICTS_ALREADY_DECLARED');
    // Another member declares none: both packets.
    expect((await e2.client.post(`${base}/conflicts`, { persons: [] })).statusCode).toBe(204);
    expect(ids(await e2.client.get(`${base}/packets`)).sort()).toEqual([old, fresh.applicationId].sort());
  });
});

describe('N40-MEETING: the close of the ballot', () => {
  it('N40-MEETING: a vote cast before a recusal was recorded counts — the voter stays a voter, the close gives results, not a 500', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, office });
    const [c] = w.candidates;
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    await vote(t, w.members[0], w.committeeId, [{ applicationId: c.applicationId, choice: 'agree' }]);
    await vote(t, w.members[1], w.committeeId, [{ applicationId: c.applicationId, choice: 'agree' }]);
    await vote(t, w.members[2], w.committeeId, [{ applicationId: c.applicationId, choice: 'disagree' }]);
    // A recusal of a member who has voted (as the old declaration allowed), recorded after the vote.
    await t.services.db.insert(conflicts).values({ committeeId: w.committeeId, expertId: w.members[0].expertId, applicationId: c.applicationId, kind: 'relation', source: 'declared' });
    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.statusCode, closed.body).toBe(200);
    // 3 voters (the receipt counts), 2 agree: 2·3 ≥ 3·2, passed.
    expect(closed.json().results[0]).toMatchObject({ voters: 3, agree: 2, disagree: 1, result: 'passed' });
  });

  it('N40-MEETING: more ballots in a tally than voters is a Chinese 409 BALLOT_COUNT_MISMATCH, never a 500', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, office });
    const [c] = w.candidates;
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    for (const m of w.members) await vote(t, m, w.committeeId, [{ applicationId: c.applicationId, choice: 'agree' }]);
    // One ballot more than anyone cast (the database allows a tally one more while the meeting is open).
    await t.services.db.execute(sql`update ballot_tallies set agree = agree + 1 where application_id = ${c.applicationId}`);
    const r = await office.post(api(w.committeeId, '/close-ballot'));
    expect(r.statusCode, r.body).toBe(409);
    expect(errorOf(r).code).toBe('BALLOT_COUNT_MISMATCH');
    expect(errorOf(r).message).toMatch(/票数（4）超过有表决权的出席委员人数（3）/);
    expect((await committeeRow(t, w.committeeId)).status).toBe('meeting_open');
  });

  it('N40-MEETING: 409 VOTES_OUTSTANDING with the count (never who) until every present, unrecused member voted; closeEarly with a reason is recorded in the audit row and the minutes', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 2, candidateNames: shortNames(2), office });
    const [a, b] = w.candidates;
    const [m0, m1] = w.members;
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    await vote(t, m0, w.committeeId, [
      { applicationId: a.applicationId, choice: 'agree' },
      { applicationId: b.applicationId, choice: 'agree' },
    ]);
    await vote(t, m1, w.committeeId, [{ applicationId: a.applicationId, choice: 'agree' }]);

    // m1 on b, m2 on a and b: three ballots outstanding. No body at all (as the web sends it), an empty one, closeEarly false.
    for (const body of [undefined, {}, { closeEarly: false }]) {
      const r = await office.request('POST', api(w.committeeId, '/close-ballot'), { body });
      expect(r.statusCode, r.body).toBe(409);
      expect(errorOf(r).code).toBe('VOTES_OUTSTANDING');
      expect(errorOf(r).message).toMatch(/尚有 3 张选票未投/);
      for (const m of w.members) expect(r.body).not.toContain(m.name);
    }
    expect((await committeeRow(t, w.committeeId)).status).toBe('meeting_open');
    const noReason = await office.post(api(w.committeeId, '/close-ballot'), { closeEarly: true, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toMatch(/理由/);
    const stray = await office.post(api(w.committeeId, '/close-ballot'), { closeEarly: true, reason: '理由', force: true });
    expect(stray.statusCode).toBe(400);
    expect(errorOf(stray).message).toContain('force');

    const REASON = '一名委员突发疾病离会，经主任委员同意结束投票';
    const closed = await office.post(api(w.committeeId, '/close-ballot'), { closeEarly: true, reason: REASON });
    expect(closed.statusCode, closed.body).toBe(200);
    const by = new Map((closed.json().results as { applicationId: string }[]).map((r) => [r.applicationId, r]));
    // Not voting is not agreeing: a has 2 of 3, b 1 of 3.
    expect(by.get(a.applicationId)).toMatchObject({ voters: 3, agree: 2, result: 'passed' });
    expect(by.get(b.applicationId)).toMatchObject({ voters: 3, agree: 1, result: 'failed' });
    const [audit] = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ballot.close'), eq(auditLog.objectId, w.committeeId), eq(auditLog.outcome, 'success')));
    expect(audit.detail).toMatchObject({ notVoted: 3, closedEarly: true, reason: REASON });

    const minutes = await office.get(api(w.committeeId, '/minutes.pdf'));
    expect(minutes.statusCode).toBe(200);
    const text = (await pdfText(minutes.rawBody)).replace(/\s+/g, '');
    expect(text).toContain('未投票3人次');
    expect(text).toContain(REASON);
  });

  it('N40-MEETING: closes without a body once every present, unrecused member has voted; a recused member owes no ballot, an absent one none either', async () => {
    const w = await votingWorld(t, org, { members: 4, candidates: 2, office });
    const [a, b] = w.candidates;
    const [m0, m1, m2] = w.members;
    await t.services.db.insert(conflicts).values({ committeeId: w.committeeId, expertId: m2.expertId, applicationId: b.applicationId, kind: 'relation', source: 'office' });
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    for (const m of [m0, m1]) {
      await vote(t, m, w.committeeId, [
        { applicationId: a.applicationId, choice: 'agree' },
        { applicationId: b.applicationId, choice: 'agree' },
      ]);
    }
    const waiting = await office.post(api(w.committeeId, '/close-ballot'));
    expect([waiting.statusCode, errorOf(waiting).code]).toEqual([409, 'VOTES_OUTSTANDING']);
    expect(errorOf(waiting).message).toMatch(/尚有 1 张选票未投/);
    await vote(t, m2, w.committeeId, [{ applicationId: a.applicationId, choice: 'disagree' }]);
    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.statusCode, closed.body).toBe(200);
    const by = new Map((closed.json().results as { applicationId: string }[]).map((r) => [r.applicationId, r]));
    expect(by.get(a.applicationId)).toMatchObject({ voters: 3, agree: 2, disagree: 1 });
    expect(by.get(b.applicationId)).toMatchObject({ voters: 2, agree: 2 });
    const [audit] = await t.services.db.select().from(auditLog).where(and(eq(auditLog.action, 'ballot.close'), eq(auditLog.objectId, w.committeeId), eq(auditLog.outcome, 'success')));
    expect(audit.detail).toMatchObject({ notVoted: 0 });
    expect(audit.detail).not.toHaveProperty('closedEarly');
    const text = (await pdfText((await office.get(api(w.committeeId, '/minutes.pdf'))).rawBody)).replace(/\s+/g, '');
    expect(text).not.toContain('未投票');
  });
});

describe('N40-RECUSAL: the office records conflicts only before the meeting opens', () => {
  it('N40-RECUSAL: once the meeting is open a conflict is 409 MEETING_STARTED and the voters stay as they were; before, it takes the assignment', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 2, office });
    const [a, b] = w.candidates;
    const [m0, m1] = w.members;
    const add = (expertId: string, applicationId: string) => office.post(api(w.committeeId, '/conflicts'), { expertId, applicationId, kind: 'other', note: '办公室获悉' });
    // scoring_closed: allowed.
    expect((await add(m1.expertId, b.applicationId)).statusCode).toBe(201);
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    const refused = await add(m0.expertId, a.applicationId);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('MEETING_STARTED');
    expect(errorOf(refused).message).toMatch(/评审会议已开始/);
    expect(await t.services.db.select().from(conflicts).where(eq(conflicts.committeeId, w.committeeId))).toHaveLength(1);
    // m0 still votes on a.
    await vote(t, m0, w.committeeId, [{ applicationId: a.applicationId, choice: 'agree' }]);
  });
});

describe('A24-7 and A24-17: holding a packet back, and every candidate not held on the ballot', () => {
  it('A24-7: hold and release only while formed or scoring closed; once the meeting is open 409, and a held candidate cannot be voted on', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 2, status: 'formed', office });
    const [a, b] = w.candidates;
    const hold = (app: string, held: boolean) => office.post(api(w.committeeId, `/candidates/${app}/hold`), { held, reason: held ? '扫描件含姓名' : null });
    expect((await hold(a.applicationId, true)).statusCode).toBe(204);
    await t.services.db.update(committees).set({ status: 'scoring_closed' }).where(eq(committees.id, w.committeeId));
    expect((await hold(a.applicationId, false)).statusCode).toBe(204);
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    for (const held of [true, false]) {
      const r = await hold(b.applicationId, held);
      expect(r.statusCode).toBe(409);
      expect(errorOf(r).code).toBe('MEETING_STARTED');
    }
    expect((await t.services.db.select().from(candidates).where(eq(candidates.applicationId, b.applicationId)))[0].packetHeld).toBe(false);

    // A candidate held although on the ballot (a row set before this rule): no vote on it.
    await t.services.db.update(candidates).set({ packetHeld: true, heldReason: '旧数据' }).where(eq(candidates.applicationId, b.applicationId));
    const r = await refusal(vote(t, w.members[0], w.committeeId, [{ applicationId: b.applicationId, choice: 'agree' }]));
    expect(r.statusCode).toBe(404);
    const [tally] = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.applicationId, b.applicationId));
    expect(tally.agree + tally.disagree + tally.abstain).toBe(0);
  });

  it('A24-17: the close is refused (409 NOT_ON_BALLOT) while a candidate not held has no tally: the cap counts every candidate evaluated', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 2, office });
    const [a, b] = w.candidates;
    await t.services.db.update(candidates).set({ packetHeld: true, heldReason: '扫描件含姓名' }).where(eq(candidates.applicationId, b.applicationId));
    await markPresent(t, w, 3);
    await openMeeting(w.committeeId);
    for (const m of w.members) await vote(t, m, w.committeeId, [{ applicationId: a.applicationId, choice: 'agree' }]);
    // Released after the meeting opened (as the old hold route allowed): b is neither held nor on the ballot.
    await t.services.db.update(candidates).set({ packetHeld: false, heldReason: null }).where(eq(candidates.applicationId, b.applicationId));
    const r = await office.post(api(w.committeeId, '/close-ballot'));
    expect(r.statusCode, r.body).toBe(409);
    expect(errorOf(r).code).toBe('NOT_ON_BALLOT');
    expect(errorOf(r).message).toContain(b.code);
    // Held again, the close goes through with a alone.
    await t.services.db.update(candidates).set({ packetHeld: true, heldReason: '扫描件含姓名' }).where(eq(candidates.applicationId, b.applicationId));
    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().results.map((x: { applicationId: string }) => x.applicationId)).toEqual([a.applicationId]);
  });
});

describe('N40-RECUSAL: a seated expert keeps their account and pool entry until the results are confirmed', () => {
  it('N40-RECUSAL: re-linking, unlinking or retiring a seated expert is 409 EXPERT_SEATED; other fields change; once confirmed, allowed', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const [e1] = c.experts;
    const other = await signIn(t, 'expert', org.prefectureId);
    const url = `/api/office/experts/${e1.expertId}`;
    for (const body of [{ userId: other.user.id }, { userId: null }, { active: false }]) {
      const r = await office.patch(url, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(409);
      expect(errorOf(r).code).toBe('EXPERT_SEATED');
      expect(errorOf(r).message).toMatch(/评审结果确认前不能/);
    }
    const [row] = await t.services.db.select().from(experts).where(eq(experts.id, e1.expertId));
    expect([row.userId, row.active]).toEqual([e1.user.id, true]);
    expect((await office.patch(url, { titleName: '主任编辑' })).statusCode).toBe(200);

    await t.services.db.update(committees).set({ status: 'confirmed', confirmedAt: new Date() }).where(eq(committees.id, c.committeeId));
    const retired = await office.patch(url, { active: false });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().active).toBe(false);
  });

  it('N40-RECUSAL: an inactive pool entry no longer reaches the expert desk (404)', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const [e1] = c.experts;
    const base = `/api/expert/committees/${c.committeeId}`;
    expect((await e1.client.get(`${base}/packets`)).statusCode).toBe(200);
    await t.services.db.update(experts).set({ active: false }).where(eq(experts.id, e1.expertId));
    for (const r of [
      await e1.client.get(`${base}/packets`),
      await e1.client.get(`${base}/packets/${c.candidates[0].applicationId}`),
      await put(e1.client, `${base}/packets/${c.candidates[0].applicationId}/score`, SHEET),
      await e1.client.get(`${base}/ballot`),
    ]) {
      expect(r.statusCode).toBe(404);
    }
  });
});

describe('A24-7: the experts’ ballot page shows no running scores while scoring is open', () => {
  it('A24-7: reviewAverage is null while the committee is formed, the average once scoring closed', async () => {
    const c = await formedCommittee(t, org, { candidates: 1, office });
    const [e1, e2] = c.experts;
    const app = c.candidates[0].applicationId;
    const base = `/api/expert/committees/${c.committeeId}`;
    expect((await put(e1.client, `${base}/packets/${app}/score`, SHEET)).statusCode).toBe(200);
    const during = await e2.client.get(`${base}/ballot`);
    expect(during.statusCode).toBe(200);
    expect(during.json().candidates[0]).toMatchObject({ applicationId: app, reviewAverage: null, defenceScoreText: null });
    expect((await office.post(api(c.committeeId, '/close-scoring'))).statusCode).toBe(204);
    expect((await e2.client.get(`${base}/ballot`)).json().candidates[0]).toMatchObject({ reviewAverage: 84.5 });
  });
});
