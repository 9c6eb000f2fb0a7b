// The expert's own declaration of conflicts (回避申报, N40-RECUSAL), before any packet is shown:
// the persons they have an interest in, by name and kind. The server matches the names against
// the committee's candidates (the expert cannot: they only ever see codes) and records a
// `declared` conflict for each match, which takes the packet away. The answer is the same whether
// a name matched or not, so the declaration cannot be used to learn who is being evaluated.
// Names are compared with normalisePersonName (width, spaces and the middle dots of 'A·B' names
// ignored), the same comparison automatic co-author recusal uses at enrolment.
//
// ONE declaration per enrolment round, and only while the committee is 'formed' (expert review):
// - A second declaration is refused (409 CONFLICTS_ALREADY_DECLARED): had it been allowed, a name
//   matching a packet the expert has already read would make that packet vanish and tell them who
//   the code is (A24-7). A conflict found later is reported to the committee office, which records
//   it (add-conflict.ts) openly, refused once the expert has scored or voted on that candidate.
// - After scoring has closed it is refused (409 DECLARATION_CLOSED): a declaration could then
//   delete scores that are already final, or — at the meeting — take a voter away from a
//   candidate they may already have voted on.
// - Enrolling newcomers resets the members' declarations (enrol-candidates.ts): each declares once
//   more, and that declaration is matched against the candidates enrolled since their previous one
//   only — the ones they have never been shown. A name matching a candidate they have already seen
//   changes nothing (the audit row counts it; the desk tells them to report such a case to the
//   office). Which candidates are new for the member comes from the audit log, the only record
//   of when they last declared: its ids follow commit order (one appender at a time), and both
//   this declaration and the enrolment hold the committee row lock while they write.
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { normalisePersonName } from '../../../domain/evaluation/recusal.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, assignments, auditLog, candidates, committeeMembers, committees, conflicts, scores, users } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { memberCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

export interface DeclaredPerson {
  name: string;
  kind: 'relation' | 'coauthor' | 'other';
  note: string;
}

export const REPORT_TO_OFFICE = '如发现新的回避情形，请联系评委会办公室，由办公室登记回避';

/**
 * The candidates enrolled since the member's previous declaration (null: they never declared on
 * this committee, so every candidate is new to them).
 */
async function enrolledSinceLastDeclaration(tx: Executor, committeeId: string, expertId: string): Promise<Set<string> | null> {
  const [previous] = await tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'conflict.declare'),
        eq(auditLog.objectId, committeeId),
        eq(auditLog.outcome, 'success'),
        sql`${auditLog.detail}->>'expertId' = ${expertId}`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!previous) return null;
  const rounds = await tx
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'committee.enrol'), eq(auditLog.objectId, committeeId), eq(auditLog.outcome, 'success'), gt(auditLog.id, previous.id)));
  const fresh = new Set<string>();
  for (const r of rounds) {
    const ids = (r.detail as { applicationIds?: unknown } | null)?.applicationIds;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') fresh.add(id);
  }
  return fresh;
}

export async function declareConflicts(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, persons: DeclaredPerson[]): Promise<void> {
  const { committee, expert } = await memberCommittee(services.db, actor, committeeId);

  await services.db.transaction(async (tx) => {
    // Shared with scoring, exclusive against enrolment and closing scoring: the candidate list and
    // the stage stay as read until this declaration is recorded.
    const [locked] = await tx.select({ status: committees.status }).from(committees).where(eq(committees.id, committee.id)).for('share');
    if (locked?.status !== 'formed') throw conflict(`专家评分已结束，不能再申报回避；${REPORT_TO_OFFICE}`, 'DECLARATION_CLOSED');
    // Once per round: only the request that turns the membership from "not declared" to "declared" goes on.
    const marked = await tx
      .update(committeeMembers)
      .set({ conflictsDeclaredAt: new Date() })
      .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, expert.id), sql`${committeeMembers.conflictsDeclaredAt} is null`))
      .returning({ expertId: committeeMembers.expertId });
    if (marked.length === 0) throw conflict(`您已提交回避声明，不能重复申报；${REPORT_TO_OFFICE}`, 'CONFLICTS_ALREADY_DECLARED');

    const fresh = await enrolledSinceLastDeclaration(tx, committee.id, expert.id);
    const rows = await tx
      .select({ applicationId: candidates.applicationId, name: users.name })
      .from(candidates)
      .innerJoin(applications, eq(applications.id, candidates.applicationId))
      .innerJoin(users, eq(users.id, applications.applicantId))
      .where(eq(candidates.committeeId, committee.id));
    const matches: { applicationId: string; person: DeclaredPerson }[] = [];
    let seenBefore = 0;
    for (const person of persons) {
      const wanted = normalisePersonName(person.name);
      if (wanted === '') continue;
      for (const r of rows) {
        if (normalisePersonName(r.name) !== wanted) continue;
        if (fresh === null || fresh.has(r.applicationId)) matches.push({ applicationId: r.applicationId, person });
        else seenBefore += 1;
      }
    }

    for (const m of matches) {
      await tx
        .insert(conflicts)
        .values({
          committeeId: committee.id,
          expertId: expert.id,
          applicationId: m.applicationId,
          kind: m.person.kind,
          source: 'declared',
          note: m.person.note.trim() || `专家申报：与“${m.person.name.trim()}”存在利害关系`,
          createdBy: actor.userId,
        })
        .onConflictDoNothing();
    }
    const recused = [...new Set(matches.map((m) => m.applicationId))];
    if (recused.length > 0) {
      await tx.delete(assignments).where(and(eq(assignments.expertId, expert.id), inArray(assignments.applicationId, recused)));
      // Only ever candidates the expert has not been shown, so there is no score of theirs to find;
      // kept so that a recused expert's score could never count (scoring is still open: 'formed').
      await tx.delete(scores).where(and(eq(scores.expertId, expert.id), inArray(scores.applicationId, recused)));
    }
    // The audit row (read by the audit administrator only) keeps what matched; the expert's answer does not.
    await appendAudit(tx, ctx, {
      action: 'conflict.declare',
      objectType: 'committee',
      objectId: committee.id,
      detail: { expertId: expert.id, persons: persons.length, matched: recused.length, ...(seenBefore > 0 ? { matchedAlreadyShown: seenBefore } : {}), round: fresh === null ? 'first' : 'after_enrolment' },
    });
  });
}
