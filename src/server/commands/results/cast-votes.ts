// An expert's secret ballot (无记名投票, N40-MEETING): only while the meeting is open, only by a
// member recorded present, once per candidate, never on a candidate the expert is recused from
// (N40-RECUSAL). A batch is all or nothing.
//
// Secrecy: the receipt (ballot_receipts) records THAT the expert voted on the candidate; the choice
// only increments the candidate's running tally (ballot_tallies). Nothing links an expert to a
// choice: not a row, not the audit log (which records the candidates voted on, never the choice),
// not a response. "Once" rests on the receipts' primary key inside the transaction, so two
// concurrent batches from the same expert cannot both count. Every vote shares the committee row
// lock that closing the ballot takes exclusively, so no vote lands after the close has counted,
// and the database refuses a tally change outside an open meeting anyway (migration 0010).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { VoteChoice } from '../../../domain/evaluation/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { ballotReceipts, ballotTallies, candidates, committeeMembers, conflicts } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { memberCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

const CHOICES: readonly VoteChoice[] = ['agree', 'disagree', 'abstain'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Vote {
  applicationId: string;
  choice: VoteChoice;
}

export async function castVotes(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, votes: Vote[]): Promise<void> {
  const { committee, expert } = await memberCommittee(services.db, actor, committeeId);
  if (!Array.isArray(votes) || votes.length === 0) throw badRequest('请至少对一名评审对象投票', [{ path: 'votes', message: '不能为空' }]);
  const ids = votes.map((v) => v.applicationId);
  if (new Set(ids).size !== ids.length) throw badRequest('同一评审对象只能投一票', [{ path: 'votes', message: '包含重复的评审对象' }]);
  for (const [i, v] of votes.entries()) {
    if (typeof v.applicationId !== 'string' || !UUID.test(v.applicationId)) throw badRequest('评审对象编号格式不正确', [{ path: `votes.${i}.applicationId`, message: '格式不正确' }]);
    if (!CHOICES.includes(v.choice)) throw badRequest('表决意见只能是同意、不同意或弃权', [{ path: `votes.${i}.choice`, message: '无效的表决意见' }]);
  }

  await services.db.transaction(async (tx) => {
    // Shared lock on the committee row: votes run side by side, a close of the ballot waits for them.
    const [locked] = (await tx.execute<{ status: string }>(sql`select status from committees where id = ${committee.id} for share`)).rows;
    if (locked?.status !== 'meeting_open') {
      throw conflict(
        locked?.status === 'formed' || locked?.status === 'scoring_closed' ? '评审会议尚未开始投票' : '投票已结束，不再接受投票',
        'BALLOT_NOT_OPEN',
      );
    }
    const [member] = await tx
      .select({ present: committeeMembers.present, declaredAt: committeeMembers.conflictsDeclaredAt })
      .from(committeeMembers)
      .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, expert.id)));
    if (!member?.declaredAt) throw conflict('请先申报回避关系（与评审对象有亲属、合作等利害关系的须回避），申报后方可投票', 'CONFLICTS_NOT_DECLARED');
    if (member.present !== true) throw conflict('您未登记出席本次评审会议，不能投票（未出席的专家不得委托投票或补投票）', 'NOT_PRESENT');

    // Candidates put to the vote: a tally row exists for exactly those, and none is held back (A24-7;
    // holding is refused once the meeting is open, so this only guards against a row set otherwise).
    const open = await tx
      .select({ applicationId: ballotTallies.applicationId, code: candidates.code })
      .from(ballotTallies)
      .innerJoin(candidates, eq(candidates.applicationId, ballotTallies.applicationId))
      .where(and(eq(ballotTallies.committeeId, committee.id), inArray(ballotTallies.applicationId, ids), eq(candidates.packetHeld, false)));
    const codeOf = new Map(open.map((o) => [o.applicationId, o.code]));
    if (open.length !== ids.length) throw notFound('未找到该评审对象');

    const recused = await tx
      .select({ applicationId: conflicts.applicationId })
      .from(conflicts)
      .where(and(eq(conflicts.expertId, expert.id), inArray(conflicts.applicationId, ids)));
    if (recused.length > 0) {
      const codes = [...new Set(recused.map((r) => codeOf.get(r.applicationId)))].join('、');
      throw conflict(`您须回避评审对象 ${codes}，不能对其投票（N40-RECUSAL）`, 'RECUSED');
    }

    // In one order, so two batches touching the same tallies never wait on each other crosswise.
    for (const v of [...votes].sort((a, b) => (a.applicationId < b.applicationId ? -1 : 1))) {
      const receipt = await tx
        .insert(ballotReceipts)
        .values({ committeeId: committee.id, applicationId: v.applicationId, expertId: expert.id })
        .onConflictDoNothing()
        .returning({ applicationId: ballotReceipts.applicationId });
      if (receipt.length === 0) throw conflict(`您已对评审对象 ${codeOf.get(v.applicationId)} 投过票，每人只能投一次`, 'ALREADY_VOTED');
      const column = ballotTallies[v.choice];
      await tx
        .update(ballotTallies)
        .set({ [v.choice]: sql`${column} + 1` })
        .where(eq(ballotTallies.applicationId, v.applicationId));
    }
    // The fact of voting, never the choice.
    await appendAudit(tx, ctx, {
      action: 'ballot.cast',
      objectType: 'committee',
      objectId: committee.id,
      detail: { ballots: votes.length, applicationIds: [...ids].sort() },
    });
  });
}
