// An expert's score sheet for a candidate's oral defence (答辩): only a member of the panel of the
// candidate's session, not recused from the candidate, once the session has begun and before the
// meeting opens, on the scoring form of the committee's level. Kept in `scores` with kind
// 'defence'; sending it again replaces the expert's sheet.
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { committeeMembers, defenceSessions, scores } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { checkedTotal, type ScoreSheetInput } from '../evaluation/score-sheet.js';
import { committeeCampaign, scoringFormFor } from '../../queries/defence.js';
import { committeeCandidate, isRecused, memberCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { assertCommitteeStatus } from './common.js';

export async function submitDefenceScore(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  committeeId: string,
  applicationId: string,
  input: ScoreSheetInput,
): Promise<{ total: number }> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(applicationId)) throw notFound('未找到该答辩人员');
  const { committee, expert } = await memberCommittee(services.db, actor, committeeId);
  const [member] = await services.db
    .select({ declaredAt: committeeMembers.conflictsDeclaredAt })
    .from(committeeMembers)
    .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, expert.id)));
  if (!member?.declaredAt) throw conflict('请先申报回避关系（与评审对象有亲属、合作等利害关系的须回避），申报后方可评分', 'CONFLICTS_NOT_DECLARED');
  // Not the candidate of a session this expert sits on, or recused: the same 404, so nothing is revealed.
  const candidate = await committeeCandidate(services.db, committee.id, applicationId);
  const [session] = candidate.defenceSessionId
    ? await services.db.select().from(defenceSessions).where(eq(defenceSessions.id, candidate.defenceSessionId))
    : [];
  if (!session || !session.panelExpertIds.includes(expert.id) || (await isRecused(services.db, expert.id, applicationId))) {
    throw notFound('未找到该答辩人员');
  }
  if (session.startsAt.getTime() > Date.now()) throw conflict('答辩尚未开始，开始后方可评分', 'DEFENCE_NOT_STARTED');
  const { campaign } = await committeeCampaign(services.db, committee);
  const form = scoringFormFor(campaign, committee.level);
  const { items, total } = checkedTotal(form, input);
  const totalTenths = Math.round(total * 10);

  await services.db.transaction(async (tx) => {
    // Under the committee row (shared): the meeting cannot open while a sheet is being written.
    const [locked] = await tx.execute<{ status: string }>(sql`select status from committees where id = ${committee.id} for share`).then((r) => r.rows);
    assertCommitteeStatus({ ...committee, status: locked.status }, ['formed', 'scoring_closed'], '评审会议已开始，答辩评分已结束', 'DEFENCE_SCORING_CLOSED');
    await tx
      .insert(scores)
      .values({ applicationId, expertId: expert.id, kind: 'defence', items, totalTenths, comment: input.comment })
      .onConflictDoUpdate({
        target: [scores.applicationId, scores.expertId, scores.kind],
        set: { items, totalTenths, comment: input.comment, updatedAt: new Date() },
      });
    await appendAudit(tx, ctx, { action: 'score.submit', objectType: 'application', objectId: applicationId, detail: { kind: 'defence', committeeId: committee.id } });
  });
  return { total };
}

