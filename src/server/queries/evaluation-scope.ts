// Who may see which committee, expert and candidate (issue 6). The committee office works on the
// committees of its own prefecture's campaigns; an expert only on the committees they sit on, and
// within them only on the candidates assigned to them and not recused. Anything else answers 404,
// so ids reveal nothing.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { campaigns, candidates, committeeMembers, committees, conflicts, experts } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
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

/** A committee the actor sits on, with their pool entry, else 404. */
export async function memberCommittee(db: Executor, actor: Actor, committeeId: string): Promise<{ committee: CommitteeRow; expert: ExpertRow }> {
  const [row] = await db
    .select({ committee: committees, expert: experts })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .innerJoin(experts, eq(experts.id, committeeMembers.expertId))
    .where(and(eq(committeeMembers.committeeId, committeeId), eq(experts.userId, actor.userId)));
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
