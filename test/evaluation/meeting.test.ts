// The meeting and the secret ballot (N40-MEETING, N40-RECUSAL, A24-17), defence sessions and
// scores (B21-7, A24-14): quorum of two thirds in integers, 2/3 of the voters to pass, recused and
// absent experts refused, once per candidate even under concurrency, no vote after the close, the
// pass-rate cap with ties left to the committee, and the secrecy of every choice — in responses,
// the minutes and the audit log — with the ballot tables refusing changes at the database.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitDefenceScore } from '../../src/server/commands/results/submit-defence-score.js';
import { auditLog, ballotReceipts, ballotTallies, candidates, committees, conflicts, notifications } from '../../src/server/db/schema.js';
import { expertBallot } from '../../src/server/queries/ballot.js';
import { expertDefence } from '../../src/server/queries/defence.js';
import { createOrgTree, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { BAYINGOL_2021 } from '../helpers/campaigns.js';
import { errorOf } from '../helpers/declaration.js';
import { candidateOf, committeeRow, ctxOf, markPresent, refusal, reviewScores, shortNames, vote, voteOn, votingWorld, type World } from '../helpers/evaluation-results.js';

const run = promisify(execFile);

let t: TestContext;
let org: TestOrgTree;
let other: TestOrgTree;
let office: TestClient;
let otherOffice: TestClient;
let expertClient: TestClient;
let applicantClient: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  [org, other] = await Promise.all([createOrgTree(t.services), createOrgTree(t.services)]);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  otherOffice = (await signIn(t, 'office_staff', other.prefectureId)).client;
  expertClient = (await signIn(t, 'expert', org.prefectureId)).client;
  applicantClient = (await signIn(t, 'applicant', org.unitId)).client;
});
afterAll(async () => {
  await t?.close();
});

const api = (committeeId: string, tail: string) => `/api/office/committees/${committeeId}${tail}`;

async function attendance(w: World, present: number): Promise<TestResponse> {
  return office.request('PUT', api(w.committeeId, '/attendance'), { body: { presentExpertIds: w.members.slice(0, present).map((m) => m.expertId) } });
}

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zp-minutes-'));
  try {
    const file = path.join(dir, 'minutes.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('N40-MEETING: quorum of two thirds and 2/3 of the voters', () => {
  it('N40-MEETING: 25 members — 16 present cannot open, 17 can; of 17 voters 12 agree passes, 11 fails', async () => {
    const w = await votingWorld(t, org, { members: 25, candidates: 2, office });
    const [a, b] = w.candidates;

    const sixteen = await attendance(w, 16);
    expect(sixteen.statusCode, sixteen.body).toBe(200);
    expect(sixteen.json()).toEqual({ members: 25, present: 16, quorumNeeded: 17, quorate: false });
    const refused = await office.post(api(w.committeeId, '/open-meeting'));
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).code).toBe('NO_QUORUM');
    expect(errorOf(refused).message).toMatch(/出席专家 16 人.*共 25 人.*至少 17 人.*N40-MEETING/);
    expect((await committeeRow(t, w.committeeId)).status).toBe('scoring_closed');
    expect(await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.committeeId, w.committeeId))).toHaveLength(0);

    const seventeen = await attendance(w, 17);
    expect(seventeen.json()).toEqual({ members: 25, present: 17, quorumNeeded: 17, quorate: true });
    const opened = await office.post(api(w.committeeId, '/open-meeting'));
    expect(opened.statusCode, opened.body).toBe(204);
    // A zero tally per candidate, nothing else.
    const tallies = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.committeeId, w.committeeId));
    expect(tallies.map((x) => [x.agree, x.disagree, x.abstain])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    // Attendance is fixed once the meeting is open.
    expect((await attendance(w, 25)).statusCode).toBe(409);

    const present = w.members.slice(0, 17);
    // No proxy or late votes: an absent member is refused.
    const absent = await refusal(vote(t, w.members[20], w.committeeId, [{ applicationId: a.applicationId, choice: 'agree' }]));
    expect([absent.statusCode, absent.code]).toEqual([409, 'NOT_PRESENT']);

    for (const [i, m] of present.entries()) {
      await vote(t, m, w.committeeId, [
        { applicationId: a.applicationId, choice: i < 12 ? 'agree' : 'disagree' },
        { applicationId: b.applicationId, choice: i < 11 ? 'agree' : i < 14 ? 'disagree' : 'abstain' },
      ]);
    }
    const view = await expertBallot(t.services.db, present[0].actor, w.committeeId);
    expect(view).toMatchObject({ open: true, closed: false, present: true });
    expect(view.candidates.every((c) => c.voted && !c.recused)).toBe(true);

    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.statusCode, closed.body).toBe(200);
    const results = closed.json().results as { applicationId: string; voters: number; agree: number; disagree: number; abstain: number; result: string; resultLabel: string }[];
    const byId = new Map(results.map((r) => [r.applicationId, r]));
    expect(byId.get(a.applicationId)).toMatchObject({ voters: 17, agree: 12, disagree: 5, abstain: 0, result: 'passed', resultLabel: '通过' });
    expect(byId.get(b.applicationId)).toMatchObject({ voters: 17, agree: 11, disagree: 3, abstain: 3, result: 'failed', resultLabel: '未通过' });
    expect((await candidateOf(t, a.applicationId)).result).toBe('passed');
    expect((await committeeRow(t, w.committeeId)).status).toBe('ballot_closed');

    // No late vote: the ballot is closed.
    const late = await refusal(vote(t, present[16], w.committeeId, [{ applicationId: a.applicationId, choice: 'agree' }]));
    expect([late.statusCode, late.code]).toEqual([409, 'BALLOT_NOT_OPEN']);
  });

  it('opening needs scoring closed first, and the meeting opens only once', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, status: 'formed', office });
    expect((await attendance(w, 3)).statusCode).toBe(200);
    const r = await office.post(api(w.committeeId, '/open-meeting'));
    expect(r.statusCode).toBe(409);
    expect(errorOf(r).code).toBe('SCORING_NOT_CLOSED');
    await t.services.db.update(committees).set({ status: 'scoring_closed' }).where(eq(committees.id, w.committeeId));
    expect((await office.post(api(w.committeeId, '/open-meeting'))).statusCode).toBe(204);
    const again = await office.post(api(w.committeeId, '/open-meeting'));
    expect(again.statusCode).toBe(409);
  });

  it('attendance lists only members; a stranger is a Chinese 400', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, office });
    const r = await office.request('PUT', api(w.committeeId, '/attendance'), { body: { presentExpertIds: [crypto.randomUUID()] } });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).message).toMatch(/委员/);
    const bad = await office.request('PUT', api(w.committeeId, '/attendance'), { body: { presentExpertIds: ['not-a-uuid'] } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('N40-RECUSAL and once per candidate', () => {
  it('N40-RECUSAL: a recused expert is refused (409 RECUSED), the vote is not counted, and the voters exclude them', async () => {
    const w = await votingWorld(t, org, { members: 5, candidates: 1, office });
    const [c] = w.candidates;
    const recused = w.members[0];
    await t.services.db.insert(conflicts).values({ committeeId: w.committeeId, expertId: recused.expertId, applicationId: c.applicationId, kind: 'relation', source: 'declared' });
    await markPresent(t, w, 5);
    expect((await office.post(api(w.committeeId, '/open-meeting'))).statusCode).toBe(204);

    const r = await refusal(vote(t, recused, w.committeeId, [{ applicationId: c.applicationId, choice: 'agree' }]));
    expect([r.statusCode, r.code]).toEqual([409, 'RECUSED']);
    expect(r.message).toContain('N40-RECUSAL');
    const [tally] = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.applicationId, c.applicationId));
    expect(tally.agree + tally.disagree + tally.abstain).toBe(0);
    expect(await t.services.db.select().from(ballotReceipts).where(eq(ballotReceipts.expertId, recused.expertId))).toHaveLength(0);
    expect((await expertBallot(t.services.db, recused.actor, w.committeeId)).candidates[0]).toMatchObject({ recused: true, voted: false });

    // 4 voters (5 present − 1 recused): 3 agree is 3·3 ≥ 4·2, passed.
    await voteOn(t, w.members.slice(1), w.committeeId, c.applicationId, 3);
    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.json().results[0]).toMatchObject({ voters: 4, agree: 3, disagree: 1, result: 'passed' });
  });

  it('ALREADY_VOTED: a second ballot is refused, and of concurrent duplicates exactly one counts', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 2, office });
    const [c1, c2] = w.candidates;
    await markPresent(t, w, 3);
    expect((await office.post(api(w.committeeId, '/open-meeting'))).statusCode).toBe(204);
    const m = w.members[0];
    await vote(t, m, w.committeeId, [{ applicationId: c1.applicationId, choice: 'agree' }]);
    const again = await refusal(vote(t, m, w.committeeId, [{ applicationId: c1.applicationId, choice: 'disagree' }]));
    expect([again.statusCode, again.code]).toEqual([409, 'ALREADY_VOTED']);

    // A batch is all or nothing: c2 in a batch with the already-voted c1 is not counted either.
    const batch = await refusal(vote(t, m, w.committeeId, [{ applicationId: c2.applicationId, choice: 'agree' }, { applicationId: c1.applicationId, choice: 'agree' }]));
    expect(batch.code).toBe('ALREADY_VOTED');
    const [t2] = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.applicationId, c2.applicationId));
    expect(t2.agree + t2.disagree + t2.abstain).toBe(0);

    const racer = w.members[1];
    const settled = await Promise.allSettled(Array.from({ length: 8 }, () => vote(t, racer, w.committeeId, [{ applicationId: c2.applicationId, choice: 'agree' }])));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled.filter((x) => x.status === 'rejected')) expect((s as PromiseRejectedResult).reason.code).toBe('ALREADY_VOTED');
    const [after] = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.applicationId, c2.applicationId));
    expect(after.agree).toBe(1);

    // Bad input is refused in Chinese; a stranger's committee is 404.
    const dup = await refusal(vote(t, w.members[2], w.committeeId, [{ applicationId: c1.applicationId, choice: 'agree' }, { applicationId: c1.applicationId, choice: 'agree' }]));
    expect([dup.statusCode, dup.message]).toEqual([400, '同一评审对象只能投一票']);
    const wrong = await refusal(vote(t, w.members[2], w.committeeId, [{ applicationId: c1.applicationId, choice: 'yes' as never }]));
    expect(wrong.statusCode).toBe(400);
    const elsewhere = await votingWorld(t, org, { members: 1, candidates: 0, office });
    const stranger = await refusal(vote(t, elsewhere.members[0], w.committeeId, [{ applicationId: c1.applicationId, choice: 'agree' }]));
    expect(stranger.statusCode).toBe(404);
  });
});

describe('secret ballot', () => {
  it('no response, minutes or audit row carries an individual choice; the ballot tables refuse changes; no vote after the close', async () => {
    const w = await votingWorld(t, org, { members: 5, candidates: 2, candidateNames: shortNames(2), office });
    const [a, b] = w.candidates;
    await markPresent(t, w, 5);
    expect((await office.post(api(w.committeeId, '/open-meeting'))).statusCode).toBe(204);
    // Distinct patterns, so a leak of any expert's choice would be visible.
    const choices = ['agree', 'disagree', 'abstain', 'agree', 'agree'] as const;
    for (const [i, m] of w.members.entries()) {
      await vote(t, m, w.committeeId, [
        { applicationId: a.applicationId, choice: choices[i] },
        { applicationId: b.applicationId, choice: 'agree' },
      ]);
    }

    // While the ballot is open no office response carries a count.
    const chair = w.members[0];
    const chairClient = new TestClient(t.app);
    const { currentTotp } = await import('../factories.js');
    expect((await chairClient.login(chair.user.username, chair.user.password, currentTotp(chair.user))).statusCode).toBe(200);
    const openViews: TestResponse[] = [
      await office.get(api(w.committeeId, '')),
      await office.get(api(w.committeeId, '/progress')),
      await chairClient.get(`/api/expert/committees/${w.committeeId}/ballot`),
      await chairClient.get('/api/expert/committees'),
    ];
    for (const r of openViews) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body).not.toMatch(/"(agree|disagree|abstain|choice)"\s*:/);
    }
    const detailOpen = openViews[0].json();
    for (const c of detailOpen.candidates) expect(c.tally).toBeNull();

    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.statusCode).toBe(200);

    // After the close: counts, never a voter's choice.
    const views: TestResponse[] = [
      await office.get(api(w.committeeId, '')),
      await office.get(api(w.committeeId, '/progress')),
      await chairClient.get(`/api/expert/committees/${w.committeeId}/ballot`),
      await office.get(api(w.committeeId, '/defence-sessions')),
      await office.get(api(w.committeeId, '/defence-scores')),
    ];
    for (const r of views) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body).not.toMatch(/"choice"/);
      for (const m of w.members) {
        // Nothing pairs an expert with a choice: no object holding both an expert id and a count or choice.
        const at = r.body.indexOf(m.expertId);
        if (at >= 0) expect(r.body.slice(at, at + 200)).not.toMatch(/agree|disagree|abstain|同意|弃权/);
      }
    }
    const ballotView = JSON.stringify(await expertBallot(t.services.db, chair.actor, w.committeeId));
    expect(ballotView).not.toMatch(/agree|disagree|abstain|tally/);

    // The minutes: counts per candidate, each member only in the attendance and signature lists.
    const minutes = await office.get(api(w.committeeId, '/minutes.pdf'));
    expect(minutes.statusCode).toBe(200);
    expect(minutes.headers['content-type']).toContain('application/pdf');
    const text = await pdfText(minutes.rawBody);
    expect(text).toContain('评审会议纪要');
    expect(text).toContain(a.name);
    for (const m of w.members) {
      for (const line of text.split('\n').filter((l) => l.includes(m.name))) expect(line).not.toMatch(/同意|不同意|弃权|agree/);
    }

    // The audit log records that each expert voted, never the choice.
    const rows = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ballot.cast'), eq(auditLog.objectId, w.committeeId)));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      const detail = JSON.stringify(row.detail);
      expect(detail).not.toMatch(/agree|disagree|abstain|choice|同意|弃权/);
      expect(row.detail).toMatchObject({ ballots: 2 });
    }

    // The database refuses any change to the ballot, whoever asks.
    const db = t.services.db;
    await expect(db.execute(sql`update ballot_receipts set expert_id = expert_id where committee_id = ${w.committeeId}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from ballot_receipts where committee_id = ${w.committeeId}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from ballot_tallies where committee_id = ${w.committeeId}`)).rejects.toThrow();
    await expect(db.execute(sql`update ballot_tallies set agree = agree + 1 where committee_id = ${w.committeeId}`)).rejects.toThrow();
    await expect(db.execute(sql`update ballot_tallies set agree = 0 where committee_id = ${w.committeeId}`)).rejects.toThrow();
    await expect(db.execute(sql`truncate ballot_receipts`)).rejects.toThrow();
    const [tallyA] = await db.select().from(ballotTallies).where(eq(ballotTallies.applicationId, a.applicationId));
    expect([tallyA.agree, tallyA.disagree, tallyA.abstain]).toEqual([3, 1, 1]);
    expect(await db.select().from(ballotReceipts).where(eq(ballotReceipts.committeeId, w.committeeId))).toHaveLength(10);

    // Voting after the close: 409.
    const late = await refusal(vote(t, w.members[1], w.committeeId, [{ applicationId: a.applicationId, choice: 'agree' }]));
    expect([late.statusCode, late.code]).toEqual([409, 'BALLOT_NOT_OPEN']);
  });

  it('the minutes exist only after the ballot closed', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, office });
    const r = await office.get(api(w.committeeId, '/minutes.pdf'));
    expect(r.statusCode).toBe(409);
  });
});

describe('A24-17: the pass-rate cap, ties at the line decided by the committee', () => {
  it('A24-17: capped 副高 needs a rate, ranks by votes then score, leaves a tie at the line to the committee, and never exceeds the cap', async () => {
    const w = await votingWorld(t, org, { members: 5, candidates: 5, level: '副高', office });
    const [A, B, C, D, E] = w.candidates;
    const experts = w.members;
    // Review scores: B and C equal (a true tie), D below them.
    for (const [c, total] of [
      [A, 90],
      [B, 85],
      [C, 85],
      [D, 80],
      [E, 70],
    ] as const) {
      await reviewScores(t, c.applicationId, experts.slice(0, 2).map((e) => ({ expertId: e.expertId, total })));
    }
    await markPresent(t, w, 5);
    expect((await office.post(api(w.committeeId, '/open-meeting'))).statusCode).toBe(204);
    await voteOn(t, experts, w.committeeId, A.applicationId, 5);
    await voteOn(t, experts, w.committeeId, B.applicationId, 4);
    await voteOn(t, experts, w.committeeId, C.applicationId, 4);
    await voteOn(t, experts, w.committeeId, D.applicationId, 4);
    await voteOn(t, experts, w.committeeId, E.applicationId, 2);

    // The campaign leaves the 副高 rate to the committee (null): closing is refused until it is set.
    const noRate = await office.post(api(w.committeeId, '/close-ballot'));
    expect(noRate.statusCode).toBe(409);
    expect(errorOf(noRate).code).toBe('PASS_RATE_NOT_SET');
    expect(errorOf(noRate).message).toContain('A24-17');
    await t.services.db.update(committees).set({ passRatePercent: '40' }).where(eq(committees.id, w.committeeId));

    const closed = await office.post(api(w.committeeId, '/close-ballot'));
    expect(closed.statusCode, closed.body).toBe(200);
    const by = new Map((closed.json().results as { applicationId: string; result: string; rank: number | null }[]).map((r) => [r.applicationId, r]));
    // cap = ⌊5 × 40 %⌋ = 2: A passes; B and C tie across the line; D is over the cap; E failed the vote.
    expect(by.get(A.applicationId)).toMatchObject({ result: 'passed', rank: 1 });
    expect(by.get(B.applicationId)).toMatchObject({ result: 'tied_at_cap', rank: 2 });
    expect(by.get(C.applicationId)).toMatchObject({ result: 'tied_at_cap', rank: 2 });
    expect(by.get(D.applicationId)).toMatchObject({ result: 'failed_cap', rank: 4 });
    expect(by.get(E.applicationId)).toMatchObject({ result: 'failed', rank: null });

    // Results cannot be publicised with a tie undecided.
    const early = await office.post(`/api/office/committees/${w.committeeId}/results-publicity`);
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('TIES_UNDECIDED');

    const tie = (c: typeof A, passed: boolean) =>
      office.post(api(w.committeeId, `/candidates/${c.applicationId}/tie-decision`), { passed, reason: '评审委员会复议，按代表作质量排序' });
    expect((await tie(D, true)).statusCode).toBe(409); // not tied
    const noReason = await office.post(api(w.committeeId, `/candidates/${B.applicationId}/tie-decision`), { passed: true, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).message).toMatch(/理由/);
    expect((await tie(B, true)).statusCode).toBe(204);
    const over = await tie(C, true);
    expect(over.statusCode).toBe(409);
    expect(errorOf(over).code).toBe('OVER_CAP');
    expect((await tie(C, false)).statusCode).toBe(204);
    expect((await candidateOf(t, B.applicationId)).result).toBe('passed');
    expect((await candidateOf(t, C.applicationId)).result).toBe('failed_cap');
    expect((await candidateOf(t, C.applicationId)).tieDecision).toContain('复议');
    expect((await tie(C, true)).statusCode).toBe(409); // decided already
  });
});

describe('defence sessions and scores (B21-7, A24-14)', () => {
  it('schedules defending candidates only, tells each one, lets the panel score, and gives the exempt the average with the reason', async () => {
    const w = await votingWorld(t, org, { members: 4, candidates: 3, level: '副高', status: 'formed', office });
    const [p1, p2, exempt] = w.candidates;
    await t.services.db
      .update(candidates)
      .set({ defenceRequired: false, defenceExemptReason: '当年参加驻村工作，免于答辩（A24-14）' })
      .where(eq(candidates.applicationId, exempt.applicationId));
    const panel = w.members.slice(0, 3);
    const startsAt = new Date(Date.now() - 60_000).toISOString();

    const refusedExempt = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt,
      place: '测试地州会议中心',
      videoLink: null,
      panelExpertIds: panel.map((m) => m.expertId),
      applicationIds: [exempt.applicationId],
    });
    expect(refusedExempt.statusCode).toBe(409);
    expect(errorOf(refusedExempt).code).toBe('DEFENCE_EXEMPT');

    const stranger = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt,
      place: '测试地州会议中心',
      videoLink: null,
      panelExpertIds: [crypto.randomUUID()],
      applicationIds: [p1.applicationId],
    });
    expect(stranger.statusCode).toBe(400);

    const badTime = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt: '明天上午',
      place: '测试地州会议中心',
      videoLink: null,
      panelExpertIds: panel.map((m) => m.expertId),
      applicationIds: [p1.applicationId],
    });
    expect(badTime.statusCode).toBe(400);
    expect(errorOf(badTime).message).toMatch(/格式不正确/);

    const created = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt,
      place: '测试地州会议中心 2 楼',
      videoLink: 'https://meeting.example.cn/room/42',
      panelExpertIds: panel.map((m) => m.expertId),
      applicationIds: [p1.applicationId, p2.applicationId],
    });
    expect(created.statusCode, created.body).toBe(201);
    const session = created.json();
    expect(session.panel.map((p: { expertId: string }) => p.expertId).sort()).toEqual(panel.map((m) => m.expertId).sort());
    expect(session.candidates.map((c: { name: string }) => c.name).sort()).toEqual([p1.name, p2.name].sort());
    const again = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt,
      place: '另一会议室',
      videoLink: null,
      panelExpertIds: panel.map((m) => m.expertId),
      applicationIds: [p1.applicationId],
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('ALREADY_SCHEDULED');

    for (const c of [p1, p2]) {
      const [note] = await t.services.db.select().from(notifications).where(eq(notifications.userId, c.applicant.id));
      expect(note.title).toBe('答辩安排通知');
      expect(note.body).toContain('测试地州会议中心 2 楼');
      expect(note.body).toContain('https://meeting.example.cn/room/42');
      expect(note.body).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    }
    expect(await t.services.db.select().from(notifications).where(eq(notifications.userId, exempt.applicant.id))).toHaveLength(0);
    const list = await office.get(api(w.committeeId, '/defence-sessions'));
    expect(list.json()).toHaveLength(1);

    // The panel scores; others (and the recused) cannot; the sheet follows the level's form.
    const items = (a: number, w2: number, c: number, e: number) => ({ achievements: a, works: w2, competence: c, ethics: e });
    const score = (m: (typeof panel)[number], app: string, it: Record<string, number>) =>
      submitDefenceScore(t.services, ctxOf(m.actor), m.actor, w.committeeId, app, { items: it, comment: '' });
    expect(await score(panel[0], p1.applicationId, items(30, 25, 20, 9))).toEqual({ total: 84 });
    expect(await score(panel[1], p1.applicationId, items(30, 25, 21, 10))).toEqual({ total: 86 });
    expect(await score(panel[0], p2.applicationId, items(25, 20, 20, 5))).toEqual({ total: 70 });
    const outsider = await refusal(score(w.members[3], p1.applicationId, items(30, 25, 20, 9)));
    expect(outsider.statusCode).toBe(404);
    await t.services.db.insert(conflicts).values({ committeeId: w.committeeId, expertId: panel[2].expertId, applicationId: p2.applicationId, kind: 'coauthor', source: 'declared' });
    expect((await refusal(score(panel[2], p2.applicationId, items(30, 25, 20, 9)))).statusCode).toBe(404);
    const overMax = await refusal(score(panel[2], p1.applicationId, items(99, 25, 20, 9)));
    expect(overMax.statusCode).toBe(400);
    expect(overMax.message).toMatch(/业绩成果/);

    // The expert's desk lists the session to the panel only, without the recused candidate.
    const desk = await expertDefence(t.services.db, panel[2].actor, w.committeeId);
    expect(desk.sessions).toHaveLength(1);
    expect(desk.sessions[0].candidates.map((c) => c.code)).toEqual([p1.code]);
    expect(desk.scoringForm.items.map((i) => i.id)).toContain('achievements');
    expect((await expertDefence(t.services.db, w.members[3].actor, w.committeeId)).sessions).toHaveLength(0);
    const mine = await expertDefence(t.services.db, panel[0].actor, w.committeeId);
    expect(mine.sessions[0].candidates.find((c) => c.applicationId === p1.applicationId)?.myScore?.total).toBe(84);

    // A24-14: the exempt candidate gets the average of this year's participants of the same specialty, with the reason.
    const scores = await office.get(api(w.committeeId, '/defence-scores'));
    expect(scores.statusCode).toBe(200);
    const row = (id: string) => scores.json().find((r: { applicationId: string }) => r.applicationId === id);
    expect(row(p1.applicationId)).toMatchObject({ defenceRequired: true, sheets: 2, defenceAverage: 85 });
    expect(row(p2.applicationId)).toMatchObject({ defenceAverage: 70 });
    // (85 + 70) / 2 = 77.5
    expect(row(exempt.applicationId)).toMatchObject({ defenceRequired: false, defenceAverage: 77.5 });
    expect(row(exempt.applicationId).defenceScoreText).toContain('驻村');
    expect(row(exempt.applicationId).defenceScoreText).toContain('同专业');
    // While panels still score, the experts' ballot page shows no defence score (A24-7)…
    const early = await expertBallot(t.services.db, panel[0].actor, w.committeeId);
    expect(early.candidates.map((c) => c.defenceScoreText)).toEqual([null, null, null]);

    // Once the meeting has opened, defence scoring and scheduling are over.
    await t.services.db.insert(ballotTallies).values(w.candidates.map((c) => ({ applicationId: c.applicationId, committeeId: w.committeeId })));
    await t.services.db.update(committees).set({ status: 'meeting_open' }).where(eq(committees.id, w.committeeId));
    // … then it does: experts see that the candidate was exempt, not why (the reason can locate them).
    const ballot = await expertBallot(t.services.db, panel[0].actor, w.committeeId);
    const exemptLine = ballot.candidates.find((c) => c.applicationId === exempt.applicationId)!;
    expect(exemptLine.defenceScoreText).toContain('77.5');
    expect(exemptLine.defenceScoreText).not.toContain('驻村');
    const lateScore = await refusal(score(panel[1], p2.applicationId, items(30, 25, 20, 9)));
    expect([lateScore.statusCode, lateScore.code]).toEqual([409, 'DEFENCE_SCORING_CLOSED']);
  });

  it('B21-7: with no defence scored, an exempt 初级 candidate counts as having passed it, with the reason', async () => {
    const w = await votingWorld(t, org, { base: BAYINGOL_2021, members: 3, candidates: 1, level: '初级', status: 'formed', office });
    const r = await office.get(api(w.committeeId, '/defence-scores'));
    expect(r.statusCode).toBe(200);
    expect(r.json()[0]).toMatchObject({ defenceRequired: false, defenceAverage: null, defenceRuleId: 'B21-7' });
    expect(r.json()[0].defenceScoreText).toBe('按通过答辩对待（申报初级免于答辩（B21-7））');
    // Nobody to schedule: the candidate is exempt.
    const refused = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt: new Date().toISOString(),
      place: '库尔勒',
      videoLink: null,
      panelExpertIds: [w.members[0].expertId],
      applicationIds: [w.candidates[0].applicationId],
    });
    expect(errorOf(refused).code).toBe('DEFENCE_EXEMPT');
  });

  it('a panel member must have declared conflicts before scoring a defence', async () => {
    const w = await votingWorld(t, org, { members: 2, candidates: 1, level: '副高', status: 'formed', office });
    const created = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      place: '会议室',
      videoLink: null,
      panelExpertIds: [w.members[0].expertId],
      applicationIds: [w.candidates[0].applicationId],
    });
    expect(created.statusCode).toBe(201);
    const { committeeMembers } = await import('../../src/server/db/schema.js');
    await t.services.db.update(committeeMembers).set({ conflictsDeclaredAt: null }).where(eq(committeeMembers.expertId, w.members[0].expertId));
    const m = w.members[0];
    const r = await refusal(
      submitDefenceScore(t.services, ctxOf(m.actor), m.actor, w.committeeId, w.candidates[0].applicationId, { items: { achievements: 30, works: 25, competence: 20, ethics: 9 }, comment: '' }),
    );
    expect([r.statusCode, r.code]).toEqual([409, 'CONFLICTS_NOT_DECLARED']);
  });

  it('B21-7: Bayingol allows no video defence', async () => {
    const w = await votingWorld(t, org, { base: BAYINGOL_2021, members: 3, candidates: 1, level: '中级', status: 'formed', office });
    const r = await office.post(api(w.committeeId, '/defence-sessions'), {
      startsAt: new Date().toISOString(),
      place: '库尔勒',
      videoLink: 'https://meeting.example.cn/1',
      panelExpertIds: [w.members[0].expertId],
      applicationIds: [w.candidates[0].applicationId],
    });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r).message).toContain('B21-7');
  });
});

describe('access to the meeting routes', () => {
  it('anonymous 401, expert and applicant 403, another prefecture 404, own office allowed', async () => {
    const w = await votingWorld(t, org, { members: 3, candidates: 1, office });
    const routes: { method: string; url: string; body?: unknown }[] = [
      { method: 'GET', url: api(w.committeeId, '/defence-sessions') },
      {
        method: 'POST',
        url: api(w.committeeId, '/defence-sessions'),
        body: { startsAt: new Date().toISOString(), place: '会议室', videoLink: null, panelExpertIds: [w.members[0].expertId], applicationIds: [w.candidates[0].applicationId] },
      },
      { method: 'GET', url: api(w.committeeId, '/defence-scores') },
      { method: 'PUT', url: api(w.committeeId, '/attendance'), body: { presentExpertIds: [] } },
      { method: 'POST', url: api(w.committeeId, '/open-meeting') },
      { method: 'POST', url: api(w.committeeId, '/close-ballot') },
      { method: 'POST', url: api(w.committeeId, `/candidates/${w.candidates[0].applicationId}/tie-decision`), body: { passed: true, reason: '理由' } },
      { method: 'GET', url: api(w.committeeId, '/minutes.pdf') },
    ];
    const anonymous = new TestClient(t.app);
    for (const r of routes) {
      const opts = { body: r.body ?? (r.method === 'GET' ? undefined : {}) };
      expect((await anonymous.request(r.method, r.url, opts)).statusCode, `${r.method} ${r.url}`).toBe(401);
      expect((await expertClient.request(r.method, r.url, opts)).statusCode, `${r.method} ${r.url}`).toBe(403);
      expect((await applicantClient.request(r.method, r.url, opts)).statusCode, `${r.method} ${r.url}`).toBe(403);
      expect((await otherOffice.request(r.method, r.url, opts)).statusCode, `${r.method} ${r.url}`).toBe(404);
    }
    // The permitted office: the reads succeed.
    expect((await office.get(api(w.committeeId, '/defence-sessions'))).statusCode).toBe(200);
    expect((await office.get(api(w.committeeId, '/defence-scores'))).statusCode).toBe(200);
    // Malformed ids: Chinese 400.
    const bad = await office.get('/api/office/committees/not-a-uuid/defence-sessions');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toMatch(/[\u4e00-\u9fff]/);
  });
});
