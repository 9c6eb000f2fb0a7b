// Who may see which committee, expert and candidate (issue 6). The committee office works on the
// committees of its own prefecture's campaigns; an expert only on the committees they sit on, and
// within them only on the candidates assigned to them and not recused. Anything else answers 404,
// so ids reveal nothing.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, campaigns, candidates, committeeMembers, committees, conflicts, experts } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { officePrefectureIds } from '../policies/scopes.js';

export type CommitteeRow = typeof committees.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;
export type CandidateRow = typeof candidates.$inferSelect;

/** The prefecture the office works for: the one named (if the office holds it) or its only one. */
export function officePrefecture(actor: Actor, prefectureId?: string): string {
  const own = officePrefectureIds(actor);
  if (prefectureId) {
    if (!own.includes(prefectureId)) throw notFound('未找到该地州');
    return prefectureId;
  }
  if (own.length === 0) throw notFound('未找到该地州');
  return own[0];
}

/** An expert of the office's own prefecture, else 404. */
export async function officeExpert(db: Executor, actor: Actor, expertId: string): Promise<ExpertRow> {
  const [row] = await db.select().from(experts).where(eq(experts.id, expertId));
  if (!row || !officePrefectureIds(actor).includes(row.prefectureId)) throw notFound('未找到该专家');
  return row;
}

/** A committee of one of the office's prefecture's campaigns, with that prefecture, else 404. */
export async function officeCommittee(db: Executor, actor: Actor, committeeId: string): Promise<{ committee: CommitteeRow; prefectureId: string }> {
  const [row] = await db
    .select({ committee: committees, prefectureId: campaigns.prefectureId })
    .from(committees)
    .innerJoin(campaigns, eq(campaigns.id, committees.campaignId))
    .where(eq(committees.id, committeeId));
  if (!row || !officePrefectureIds(actor).includes(row.prefectureId)) throw notFound('未找到该评审委员会');
  return row;
}

/** The pool entries linked to the actor's account (one per prefecture at most). */
export async function expertsOfUser(db: Executor, userId: string): Promise<ExpertRow[]> {
  return db.select().from(experts).where(and(eq(experts.userId, userId), eq(experts.active, true)));
}

/**
 * A committee the actor sits on, with their pool entry, else 404. Only through an active pool
 * entry: an entry taken out of the pool (active: false) no longer acts for its account, as
 * expertsOfUser already has it.
 */
export async function memberCommittee(db: Executor, actor: Actor, committeeId: string): Promise<{ committee: CommitteeRow; expert: ExpertRow }> {
  const [row] = await db
    .select({ committee: committees, expert: experts })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .innerJoin(experts, eq(experts.id, committeeMembers.expertId))
    .where(and(eq(committeeMembers.committeeId, committeeId), eq(experts.userId, actor.userId), eq(experts.active, true)));
  if (!row) throw notFound('未找到该评审委员会');
  return row;
}

/** A candidate of the committee, else 404. */
export async function committeeCandidate(db: Executor, committeeId: string, applicationId: string): Promise<CandidateRow> {
  const [row] = await db
    .select()
    .from(candidates)
    .where(and(eq(candidates.committeeId, committeeId), eq(candidates.applicationId, applicationId)));
  if (!row) throw notFound('未找到该评审对象');
  return row;
}

/** Whether the expert is recused from the candidate (any conflict row, whatever its source). */
export async function isRecused(db: Executor, expertId: string, applicationId: string): Promise<boolean> {
  const rows = await db
    .select({ id: conflicts.id })
    .from(conflicts)
    .where(and(eq(conflicts.expertId, expertId), eq(conflicts.applicationId, applicationId)))
    .limit(1);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Added for the expert's desk (routes/expert-desk.ts).

export type MemberRow = typeof committeeMembers.$inferSelect;

/** The expert's membership row of the committee (declaration, attendance). */
export async function memberRow(db: Executor, committeeId: string, expertId: string): Promise<MemberRow> {
  const [row] = await db
    .select()
    .from(committeeMembers)
    .where(and(eq(committeeMembers.committeeId, committeeId), eq(committeeMembers.expertId, expertId)));
  if (!row) throw notFound('未找到该评审委员会');
  return row;
}

/** N40-RECUSAL: no packet is shown before the expert has declared their conflicts (possibly none). */
export function assertConflictsDeclared(member: MemberRow): void {
  if (member.conflictsDeclaredAt === null) {
    throw conflict('请先申报回避关系（与评审对象有亲属、合作等利害关系的须回避），申报后方可查看评审材料', 'CONFLICTS_NOT_DECLARED');
  }
}

/** Whether the expert is assigned the candidate's packet. */
export async function isAssigned(db: Executor, expertId: string, applicationId: string): Promise<boolean> {
  const rows = await db
    .select({ id: assignments.applicationId })
    .from(assignments)
    .where(and(eq(assignments.expertId, expertId), eq(assignments.applicationId, applicationId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * A blind packet the expert may open: a committee they sit on, conflicts declared (else 409), a
 * candidate of it assigned to them, not recused and not held back by the office — else 404, the
 * same answer whatever the reason, so the expert learns nothing about a candidate they may not see.
 */
export async function expertPacket(
  db: Executor,
  actor: Actor,
  committeeId: string,
  applicationId: string,
): Promise<{ committee: CommitteeRow; expert: ExpertRow; member: MemberRow; candidate: CandidateRow }> {
  const { committee, expert } = await memberCommittee(db, actor, committeeId);
  const member = await memberRow(db, committeeId, expert.id);
  assertConflictsDeclared(member);
  const candidate = await committeeCandidate(db, committeeId, applicationId);
  if (candidate.packetHeld || !(await isAssigned(db, expert.id, applicationId)) || (await isRecused(db, expert.id, applicationId))) {
    throw notFound('未找到该评审对象');
  }
  return { committee, expert, member, candidate };
}
