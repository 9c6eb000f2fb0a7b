// The office records a conflict of interest (回避, N40-RECUSAL) it learnt of: the expert no longer
// reviews, scores or votes on the candidate (the assignment goes). Refused once the expert has
// scored or voted on that candidate: what was cast cannot be taken back silently, the office must
// deal with it openly (the 409 says so). Refused too once the meeting has opened: the voters of a
// candidate (present members not recused) are fixed when the vote starts, and the office may not
// take one away mid-meeting. The committee row lock (FOR UPDATE, as every status change takes it;
// a vote and a score hold it shared) makes the conflict and a vote or score at the same moment
// happen one after the other: whichever comes second sees the first.
import { and, eq } from 'drizzle-orm';
import { CONFLICT_KIND_LABELS, type ConflictKind } from '../../../domain/evaluation/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { assignments, ballotReceipts, committeeMembers, conflicts, experts, scores } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { presentConflict, type ConflictView } from '../../presenters/evaluation.js';
import { committeeCandidate, officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { assertCommitteeStatus, lockCommittee } from '../results/common.js';

/** The stages in which the office may still record a conflict: before the meeting opens. */
const CONFLICTS_OPEN = ['formed', 'scoring_closed'] as const;

export interface ConflictInput {
  expertId: string;
  applicationId: string;
  kind: ConflictKind;
  note: string;
}

export async function addConflict(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, input: ConflictInput): Promise<ConflictView> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const [member] = await services.db
    .select({ name: experts.name })
    .from(committeeMembers)
    .innerJoin(experts, eq(experts.id, committeeMembers.expertId))
    .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, input.expertId)));
  if (!member) throw notFound('该专家不是本评审委员会的委员');
  const candidate = await committeeCandidate(services.db, committee.id, input.applicationId);

  try {
    return await services.db.transaction(async (tx) => {
      const locked = await lockCommittee(tx, committee.id);
      assertCommitteeStatus(locked, CONFLICTS_OPEN, '评审会议已开始，不能再登记回避（表决人数在会议开始时确定）；请按程序另行处理', 'MEETING_STARTED');
      // Under the committee's and the assignment's lock: a score saved at the same moment is either seen here or refused there.
      await tx
        .select({ id: assignments.applicationId })
        .from(assignments)
        .where(and(eq(assignments.expertId, input.expertId), eq(assignments.applicationId, input.applicationId)))
        .for('update');
      const [scored] = await tx
        .select({ id: scores.id })
        .from(scores)
        .where(and(eq(scores.expertId, input.expertId), eq(scores.applicationId, input.applicationId)))
        .limit(1);
      const [voted] = await tx
        .select({ id: ballotReceipts.expertId })
        .from(ballotReceipts)
        .where(and(eq(ballotReceipts.expertId, input.expertId), eq(ballotReceipts.applicationId, input.applicationId)))
        .limit(1);
      if (scored || voted) {
        throw conflict(`${member.name}已对评审对象 ${candidate.code} ${voted ? '投票' : '评分'}，不能再登记回避；请按程序另行处理`, 'ALREADY_EVALUATED');
      }
      const [row] = await tx
        .insert(conflicts)
        .values({ committeeId: committee.id, expertId: input.expertId, applicationId: input.applicationId, kind: input.kind, source: 'office', note: input.note.trim(), createdBy: actor.userId })
        .returning();
      await tx.delete(assignments).where(and(eq(assignments.expertId, input.expertId), eq(assignments.applicationId, input.applicationId)));
      await appendAudit(tx, ctx, {
        action: 'conflict.add',
        objectType: 'committee',
        objectId: committee.id,
        detail: { conflictId: row.id, expertId: input.expertId, applicationId: input.applicationId, kind: input.kind },
      });
      return presentConflict({ ...pick(row), expertName: member.name, code: candidate.code });
    });
  } catch (err) {
    if (uniqueViolation(err) === 'conflicts_expert_application_kind_key') {
      throw conflict(`已登记过该专家与 ${candidate.code} 的“${CONFLICT_KIND_LABELS[input.kind]}”回避关系`, 'CONFLICT_EXISTS');
    }
    throw err;
  }
}

function pick(row: typeof conflicts.$inferSelect) {
  return { id: row.id, expertId: row.expertId, applicationId: row.applicationId, kind: row.kind, source: row.source, note: row.note };
}
