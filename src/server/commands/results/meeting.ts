// The evaluation meeting (N40-MEETING): attendance before it opens, opening only with a quorum of
// two thirds of the members and only after the office closed scoring (a zero tally per candidate
// whose packet went to the experts), then the close of the ballot, which computes the results with
// the pass-rate cap of the level (A24-17), and the committee's decision of a tie at the cap line.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { averageScore, decideResults, meetingQuorate, passCap, quorumNeeded, type CandidateOutcomeInput } from '../../../domain/evaluation/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import type { Executor } from '../../db/client.js';
import { auditLog, ballotReceipts, ballotTallies, candidates, committeeMembers, committees, conflicts } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { candidatesOf, committeeCampaign, defenceScoresOf, scoreTotalsOf } from '../../queries/defence.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import { RESULT_LABELS, type CandidateResult } from '../../presenters/results.js';
import type { Services } from '../../services.js';
import { assertCommitteeStatus, lockCommittee, passRatePolicy } from './common.js';

const RULE = 'N40-MEETING';

/** PUT /office/committees/:id/attendance: who is present, before the meeting opens. */
export async function recordAttendance(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, presentExpertIds: string[]) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const present = [...new Set(presentExpertIds)];
  return services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['formed', 'scoring_closed'], '评审会议已开始，出席情况不能再修改', 'MEETING_STARTED');
    const members = (await tx.select({ id: committeeMembers.expertId }).from(committeeMembers).where(eq(committeeMembers.committeeId, committee.id))).map((m) => m.id);
    const memberSet = new Set(members);
    const strangers = present.filter((id) => !memberSet.has(id));
    if (strangers.length > 0) throw badRequest('出席人员须为本评审委员会的委员', [{ path: 'presentExpertIds', message: `${strangers.length} 名专家不是本评审委员会委员` }]);
    await tx
      .update(committeeMembers)
      .set({ present: present.length > 0 ? sql`${committeeMembers.expertId} in (${sql.join(present.map((id) => sql`${id}::uuid`), sql`, `)})` : false })
      .where(eq(committeeMembers.committeeId, committee.id));
    const summary = { members: members.length, present: present.length, quorumNeeded: quorumNeeded(members.length), quorate: meetingQuorate(members.length, present.length) };
    await appendAudit(tx, ctx, { action: 'meeting.attendance', objectType: 'committee', objectId: committee.id, detail: summary });
    return summary;
  });
}

/** POST /office/committees/:id/open-meeting: 409 NO_QUORUM with the numbers; a zero tally per candidate. */
export async function openMeeting(services: Services, ctx: RequestContext, actor: Actor, committeeId: string): Promise<void> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  await services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    if (locked.status === 'formed') throw conflict('专家评分尚未结束，请先结束评分再开启评审会议', 'SCORING_NOT_CLOSED');
    assertCommitteeStatus(locked, ['scoring_closed'], '评审会议已开启过', 'MEETING_ALREADY_OPENED');
    const rows = await tx.select({ present: committeeMembers.present }).from(committeeMembers).where(eq(committeeMembers.committeeId, committee.id));
    const members = rows.length;
    const present = rows.filter((r) => r.present === true).length;
    if (!meetingQuorate(members, present)) {
      throw conflict(
        `出席专家 ${present} 人，评审委员会共 ${members} 人，须有三分之二以上（至少 ${quorumNeeded(members)} 人）出席会议方为有效，不能开始投票（${RULE}）`,
        'NO_QUORUM',
      );
    }
    const voting = await tx
      .select({ applicationId: candidates.applicationId })
      .from(candidates)
      .where(and(eq(candidates.committeeId, committee.id), eq(candidates.packetHeld, false)));
    if (voting.length === 0) throw conflict('没有可供表决的评审对象', 'NO_CANDIDATES');
    await tx.update(committees).set({ status: 'meeting_open', meetingOpenedAt: new Date() }).where(eq(committees.id, committee.id));
    await tx.insert(ballotTallies).values(voting.map((v) => ({ applicationId: v.applicationId, committeeId: committee.id })));
    await appendAudit(tx, ctx, {
      action: 'meeting.open',
      objectType: 'committee',
      objectId: committee.id,
      detail: { members, present, quorumNeeded: quorumNeeded(members), candidates: voting.length },
    });
  });
}

export interface BallotResult {
  applicationId: string;
  code: string;
  voters: number;
  agree: number;
  disagree: number;
  abstain: number;
  result: CandidateResult;
  resultLabel: string;
  rank: number | null;
}

export interface CloseBallotOptions {
  /** The office closes although ballots are outstanding (they count as not agreeing), with its reason. */
  closeEarly?: boolean;
  reason?: string | null;
}

/**
 * POST /office/committees/:id/close-ballot: no vote is accepted after this (the status changes
 * under the committee row lock that every vote shares). For each candidate put to the vote, the
 * voters are the present members except those recused from them WITHOUT a ballot receipt for them
 * (a receipt means the vote was cast and counts: it is in the tally, which nothing can change);
 * the tallies and decideResults' outcome are written into the candidate rows. Refused (409):
 * - a capped level whose rate is not set (PASS_RATE_NOT_SET, A24-17);
 * - a candidate not held back without a tally (NOT_ON_BALLOT): the cap counts the candidates voted on;
 * - more ballots in a tally than the candidate has voters (BALLOT_COUNT_MISMATCH), never a 500;
 * - ballots outstanding (VOTES_OUTSTANDING, N40-MEETING): some present, unrecused member has not
 *   voted on some candidate. The message says how many, never who. A ballot not cast counts as
 *   not agreeing, and a tally of one closed early could show a choice, so the office may close
 *   anyway only by saying so ({ closeEarly: true, reason }), which the audit row and the minutes record.
 * Ranking score (A24-17, below agree votes): the review average plus the defence score when every
 * candidate has a numeric defence score, else the review average alone, so scores compare alike.
 */
export async function closeBallot(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, options: CloseBallotOptions = {}): Promise<BallotResult[]> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const reason = options.reason?.trim() ?? '';
  if (options.closeEarly === true && reason === '') throw badRequest('提前结束投票须说明理由', [{ path: 'reason', message: '请填写提前结束投票的理由' }]);
  const { campaign } = await committeeCampaign(services.db, committee);
  const list = await candidatesOf(services.db, committee.id);
  const reviewTotals = await scoreTotalsOf(services.db, committee.id, 'review');
  const defence = await defenceScoresOf(services.db, committee.id, campaign, list);

  return services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['meeting_open'], '只有投票进行中的评审会议可以结束投票', 'BALLOT_NOT_OPEN');
    const cap = passRatePolicy(campaign, locked);
    if (cap.policy === 'capped' && cap.ratePercent === null) {
      throw conflict(`${locked.level}评审设置通过率，评审委员会尚未确定通过率，请先设置通过率再结束投票（${cap.ruleId}）`, 'PASS_RATE_NOT_SET');
    }
    const tallies = await tx.select().from(ballotTallies).where(eq(ballotTallies.committeeId, committee.id));
    const balloted = new Set(tallies.map((t) => t.applicationId));
    const all = await tx
      .select({ applicationId: candidates.applicationId, code: candidates.code, packetHeld: candidates.packetHeld })
      .from(candidates)
      .where(eq(candidates.committeeId, committee.id));
    const codeOf = new Map(all.map((c) => [c.applicationId, c.code]));
    const missing = all.filter((c) => !c.packetHeld && !balloted.has(c.applicationId)).map((c) => c.code).sort();
    if (missing.length > 0) {
      throw conflict(
        `评审对象 ${missing.join('、')} 未列入本次表决（评审会议开始时暂缓送审），通过率须按全部参评人数计算，不能结束投票；请核实后处理（${cap.policy === 'capped' ? cap.ruleId : RULE}）`,
        'NOT_ON_BALLOT',
      );
    }

    const present = (
      await tx
        .select({ id: committeeMembers.expertId })
        .from(committeeMembers)
        .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.present, true)))
    ).map((m) => m.id);
    const recusals =
      present.length === 0
        ? []
        : await tx
            .selectDistinct({ expertId: conflicts.expertId, applicationId: conflicts.applicationId })
            .from(conflicts)
            .where(and(eq(conflicts.committeeId, committee.id), inArray(conflicts.expertId, present)));
    const pair = (expertId: string, applicationId: string) => `${expertId}|${applicationId}`;
    const recused = new Set(recusals.map((r) => pair(r.expertId, r.applicationId)));
    const receipts = new Set(
      (await tx.select({ expertId: ballotReceipts.expertId, applicationId: ballotReceipts.applicationId }).from(ballotReceipts).where(eq(ballotReceipts.committeeId, committee.id))).map((r) =>
        pair(r.expertId, r.applicationId),
      ),
    );

    const counted = tallies.map((t) => {
      // Recused without a receipt: no vote. A receipt (a vote cast before a recusal was recorded) counts.
      const voters = present.filter((e) => !recused.has(pair(e, t.applicationId)) || receipts.has(pair(e, t.applicationId)));
      const outstanding = voters.filter((e) => !receipts.has(pair(e, t.applicationId))).length;
      return { t, voters: voters.length, outstanding, cast: t.agree + t.disagree + t.abstain };
    });
    const surplus = counted.filter((c) => c.cast > c.voters);
    if (surplus.length > 0) {
      const s = surplus[0];
      throw conflict(
        `评审对象 ${codeOf.get(s.t.applicationId) ?? ''} 的票数（${s.cast}）超过有表决权的出席委员人数（${s.voters}），不能计票；请核查出席和回避登记（${RULE}）`,
        'BALLOT_COUNT_MISMATCH',
      );
    }
    const notVoted = counted.reduce((n, c) => n + c.outstanding, 0);
    const early = notVoted > 0;
    if (early && options.closeEarly !== true) {
      throw conflict(
        `尚有 ${notVoted} 张选票未投（有表决权的出席委员须对每名评审对象投票），请待全部投票后再结束投票；确需提前结束的，请说明理由，未投票按未同意计（${RULE}）`,
        'VOTES_OUTSTANDING',
      );
    }

    const byId = new Map(list.map((c) => [c.applicationId, c]));
    const numericDefence = tallies.every((t) => defence.get(t.applicationId)?.defenceAverage != null);
    const inputs: CandidateOutcomeInput[] = counted.map(({ t, voters }) => {
      const review = averageScore(reviewTotals.get(t.applicationId) ?? []);
      const def = defence.get(t.applicationId)?.defenceAverage ?? null;
      const score = review === null ? null : numericDefence && def !== null ? Math.round((review + def) * 10) / 10 : review;
      return {
        applicationId: t.applicationId,
        level: locked.level,
        voters,
        tally: { agree: t.agree, disagree: t.disagree, abstain: t.abstain },
        score,
      };
    });
    const outcomes = decideResults(inputs, cap.policy === 'capped' ? { policy: 'capped', ratePercent: cap.ratePercent } : { policy: 'uncapped' });

    const results: BallotResult[] = [];
    for (const [i, o] of outcomes.entries()) {
      const input = inputs[i];
      await tx
        .update(candidates)
        .set({ voters: input.voters, agree: input.tally.agree, disagree: input.tally.disagree, abstain: input.tally.abstain, result: o.result, rank: o.rank })
        .where(eq(candidates.applicationId, o.applicationId));
      results.push({
        applicationId: o.applicationId,
        code: byId.get(o.applicationId)?.code ?? codeOf.get(o.applicationId) ?? '',
        voters: input.voters,
        ...input.tally,
        result: o.result,
        resultLabel: RESULT_LABELS[o.result],
        rank: o.rank,
      });
    }
    await tx.update(committees).set({ status: 'ballot_closed', ballotClosedAt: new Date() }).where(eq(committees.id, committee.id));
    const count = (r: CandidateResult) => results.filter((x) => x.result === r).length;
    await appendAudit(tx, ctx, {
      action: 'ballot.close',
      objectType: 'committee',
      objectId: committee.id,
      detail: {
        candidates: results.length,
        passed: count('passed'),
        failed: count('failed'),
        failedCap: count('failed_cap'),
        tiedAtCap: count('tied_at_cap'),
        notVoted,
        ...(early ? { closedEarly: true, reason } : {}),
        ...(cap.policy === 'capped' ? { ratePercent: cap.ratePercent, cap: passCap(results.length, cap.ratePercent!) } : {}),
      },
    });
    return results.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  });
}

/** What the minutes say of the close: the reason the office gave when it closed with ballots outstanding (the audit row keeps it). */
export async function ballotCloseReason(db: Executor, committeeId: string): Promise<string | null> {
  const [row] = await db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'ballot.close'), eq(auditLog.objectId, committeeId), eq(auditLog.outcome, 'success')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const detail = row?.detail as { closedEarly?: boolean; reason?: unknown } | null | undefined;
  return detail?.closedEarly === true && typeof detail.reason === 'string' ? detail.reason : null;
}

/**
 * POST /office/committees/:id/candidates/:applicationId/tie-decision (A24-17): the committee decides
 * a candidate tied at the cap line, with its reason; passing may not take the committee over its
 * cap. Only while the ballot is closed and the results not yet publicised.
 */
export async function decideTie(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, applicationId: string, input: { passed: boolean; reason: string }) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const { campaign } = await committeeCampaign(services.db, committee);
  await services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['ballot_closed'], '只能在投票结束后、结果公示前决定并列人员', 'WRONG_STAGE');
    const [candidate] = await tx
      .select()
      .from(candidates)
      .where(and(eq(candidates.committeeId, committee.id), eq(candidates.applicationId, applicationId)));
    if (!candidate) throw notFound('未找到该评审对象');
    if (candidate.result !== 'tied_at_cap') throw conflict('只有并列于通过率线的人员需要评审委员会决定', 'NOT_TIED');
    const cap = passRatePolicy(campaign, locked);
    if (cap.policy !== 'capped' || cap.ratePercent === null) throw conflict('本级别未设置通过率', 'NOT_CAPPED');
    if (input.passed) {
      const [counts] = await tx
        .select({ voted: sql<number>`count(*)::int`, passed: sql<number>`count(*) filter (where ${candidates.result} = 'passed')::int` })
        .from(candidates)
        .innerJoin(ballotTallies, eq(ballotTallies.applicationId, candidates.applicationId))
        .where(eq(candidates.committeeId, committee.id));
      const limit = passCap(counts.voted, cap.ratePercent);
      if (counts.passed + 1 > limit) {
        throw conflict(`按通过率 ${cap.ratePercent}% 本次最多通过 ${limit} 人，已通过 ${counts.passed} 人，不能再决定通过（${cap.ruleId}）`, 'OVER_CAP');
      }
    }
    await tx
      .update(candidates)
      .set({ result: input.passed ? 'passed' : 'failed_cap', tieDecision: input.reason })
      .where(and(eq(candidates.applicationId, applicationId), eq(candidates.result, 'tied_at_cap')));
    await appendAudit(tx, ctx, {
      action: 'result.tie_decision',
      objectType: 'application',
      objectId: applicationId,
      detail: { committeeId: committee.id, passed: input.passed },
    });
  });
}
