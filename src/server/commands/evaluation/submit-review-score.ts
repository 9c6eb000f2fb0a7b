// An expert's blind-review score sheet (评分) of a packet assigned to them: while the committee is
// still 'formed' (409 SCORING_CLOSED once the office closed scoring); a recused, unassigned or held
// candidate is 404 (expertPacket). The status is read under a share lock of the committee row, so
// a sheet saved while the office closes scoring lands before the close or is refused.
import { and, eq } from 'drizzle-orm';
import { assignments, committees } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { campaignOfCommittee, scoringFormFor } from '../../queries/evaluation.js';
import { expertPacket } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { checkedTotal, storeScore, type ScoreSheetInput } from './score-sheet.js';

export async function submitReviewScore(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, applicationId: string, input: ScoreSheetInput): Promise<number> {
  const { committee, expert } = await expertPacket(services.db, actor, committeeId, applicationId);
  if (committee.status !== 'formed') throw conflict('专家评分已结束，不能再提交或修改评分', 'SCORING_CLOSED');
  const campaign = await campaignOfCommittee(services.db, committee);
  const { items, total } = checkedTotal(scoringFormFor(campaign, committee.level), input);
  await services.db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: committees.status }).from(committees).where(eq(committees.id, committee.id)).for('share');
    if (locked?.status !== 'formed') throw conflict('专家评分已结束，不能再提交或修改评分', 'SCORING_CLOSED');
    // The office may have recorded a conflict meanwhile (it removes the assignment under this lock).
    const [assigned] = await tx
      .select({ id: assignments.applicationId })
      .from(assignments)
      .where(and(eq(assignments.expertId, expert.id), eq(assignments.applicationId, applicationId)))
      .for('share');
    if (!assigned) throw notFound('未找到该评审对象');
    await storeScore(tx, ctx, { committeeId: committee.id, applicationId, expertId: expert.id, kind: 'review', items, total, comment: input.comment });
  });
  return total;
}
