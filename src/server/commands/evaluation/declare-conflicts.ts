// The expert's own declaration of conflicts (回避申报, N40-RECUSAL), before any packet is shown:
// the persons they have an interest in, by name and kind. The server matches the names against
// the committee's candidates (the expert cannot: they only ever see codes) and records a
// `declared` conflict for each match, which takes the packet away. The answer is the same whether
// a name matched or not, so the declaration cannot be used to learn who is being evaluated.
// Names are compared with normalisePersonName (width, spaces and the middle dots of 'A·B' names
// ignored), the same comparison automatic co-author recusal uses at enrolment.
// Declaring again adds to what was declared.
import { and, eq, inArray } from 'drizzle-orm';
import { normalisePersonName } from '../../../domain/evaluation/recusal.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, assignments, candidates, committeeMembers, conflicts, scores, users } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { memberCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

export interface DeclaredPerson {
  name: string;
  kind: 'relation' | 'coauthor' | 'other';
  note: string;
}

const DECLARATION_OPEN = ['formed', 'scoring_closed', 'meeting_open'];

export async function declareConflicts(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, persons: DeclaredPerson[]): Promise<void> {
  const { committee, expert } = await memberCommittee(services.db, actor, committeeId);
  if (!DECLARATION_OPEN.includes(committee.status)) throw conflict('投票已结束，不能再申报回避', 'DECLARATION_CLOSED');
  const rows = await services.db
    .select({ applicationId: candidates.applicationId, name: users.name })
    .from(candidates)
    .innerJoin(applications, eq(applications.id, candidates.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .where(eq(candidates.committeeId, committee.id));
  const matches: { applicationId: string; person: DeclaredPerson }[] = [];
  for (const person of persons) {
    const wanted = normalisePersonName(person.name);
    if (wanted === '') continue;
    for (const r of rows) if (normalisePersonName(r.name) === wanted) matches.push({ applicationId: r.applicationId, person });
  }

  await services.db.transaction(async (tx) => {
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
      // A recused expert's scores do not count. (Ballot receipts never change; declaring comes before voting.)
      await tx.delete(scores).where(and(eq(scores.expertId, expert.id), inArray(scores.applicationId, recused)));
    }
    await tx
      .update(committeeMembers)
      .set({ conflictsDeclaredAt: new Date() })
      .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, expert.id)));
    // The audit row (read by the audit administrator only) keeps what matched; the expert's answer does not.
    await appendAudit(tx, ctx, {
      action: 'conflict.declare',
      objectType: 'committee',
      objectId: committee.id,
      detail: { expertId: expert.id, persons: persons.length, matched: recused.length },
    });
  });
}
