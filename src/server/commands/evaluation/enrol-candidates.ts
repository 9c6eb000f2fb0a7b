// Puts before the committee every application of its campaign, series and level that the office
// accepted (已接收材料) and whose fee finance confirmed, and that is not yet before a committee
// (so a second call enrols only the newcomers). Each gets:
// - an anonymous code (A24-7 blind review), e.g. AKS-2024-ZJ-37: the number drawn at random from
//   the unused ones (crypto), so codes follow neither names nor submission order;
// - its defence decision (B21-7, A24-14) from defenceDecision, with the reason and rule id;
// - automatic conflicts (N40-RECUSAL) from recusalReasons: an expert of the same unit, or of a
//   unit reporting through the same competent department (organisations.department_id), or named
//   (by their pool name) as a co-author of a work in the application's archive snapshot;
// - an assignment to every member not recused.
// Members who had already declared their conflicts declare once more (the newcomers were not on
// the list they checked) before they see any packet again: conflicts_declared_at goes back to null,
// which opens one more declaration for them (declare-conflicts.ts), matched against the candidates
// enrolled since their previous one. The audit row lists the application ids of the round: that
// is how a later declaration knows which candidates are new to the member.
import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Level } from '../../../domain/campaign/index.js';
import { defenceDecision, recusalReasons, type DefenceDecision } from '../../../domain/evaluation/index.js';
import { coAuthoredWorks, type CoAuthoredWork } from '../../../domain/evaluation/recusal.js';
import { appendAudit } from '../../audit/append-audit.js';
import { assignments, candidates, committeeMembers, committees, conflicts } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { recordsOfApplication } from '../../queries/applications.js';
import { campaignOfCommittee, defenceFactsOf, enrolableApplications, membersOf, unitFacts } from '../../queries/evaluation.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { recordEvent } from '../application/events.js';

export const LEVEL_CODES: Record<Level, string> = { 初级: 'CJ', 中级: 'ZJ', 副高: 'FG', 正高: 'ZG' };

/** `count` unused numbers drawn at random: two digits while the committee stays small, then three (then four). */
export function drawCodeNumbers(used: ReadonlySet<number>, count: number): number[] {
  const total = used.size + count;
  const [low, high] = total <= 45 ? [10, 99] : total <= 450 ? [100, 999] : [1000, 9999];
  const free: number[] = [];
  for (let n = low; n <= high; n++) if (!used.has(n)) free.push(n);
  if (free.length < count) throw new Error('not enough anonymous codes');
  for (let i = free.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [free[i], free[j]] = [free[j], free[i]];
  }
  return free.slice(0, count);
}

export async function enrolCandidates(services: Services, ctx: RequestContext, actor: Actor, committeeId: string): Promise<number> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  if (committee.status !== 'formed') throw conflict('专家评分已结束，不能再增加评审对象', 'COMMITTEE_NOT_FORMED');
  const campaign = await campaignOfCommittee(services.db, committee);
  const apps = await enrolableApplications(services.db, committee);
  if (apps.length === 0) {
    await appendAudit(services.db, ctx, { action: 'committee.enrol', objectType: 'committee', objectId: committee.id, detail: { enrolled: 0 } });
    return 0;
  }

  const decisions = new Map<string, DefenceDecision>();
  for (const app of apps) decisions.set(app.id, defenceDecision(campaign, app.level as Level, await defenceFactsOf(services.db, services.cipher, app)));
  // The co-authors as the application was submitted (accepted: the archive snapshot), not as the archive reads now.
  const works = new Map<string, CoAuthoredWork[]>();
  for (const app of apps) works.set(app.id, coAuthoredWorks(await recordsOfApplication(services.db, app)));
  const members = await membersOf(services.db, committee.id);
  const orgs = await unitFacts(services.db, [...apps.map((a) => a.unitId), ...members.map((m) => m.expert.unitId)]);
  const departmentOf = (unitId: string | null) => (unitId ? (orgs.get(unitId)?.departmentId ?? null) : null);

  const prefix = `${campaign.prefecture.code.toUpperCase()}-${campaign.year}-${LEVEL_CODES[committee.level as Level]}-`;

  return services.db.transaction(async (tx) => {
    // One enrolment at a time per committee, and none once scoring has closed.
    const [locked] = await tx.select({ status: committees.status }).from(committees).where(eq(committees.id, committee.id)).for('update');
    if (locked?.status !== 'formed') throw conflict('专家评分已结束，不能再增加评审对象', 'COMMITTEE_NOT_FORMED');
    const already = new Set(
      (
        await tx
          .select({ id: candidates.applicationId })
          .from(candidates)
          .where(
            inArray(
              candidates.applicationId,
              apps.map((a) => a.id),
            ),
          )
      ).map((r) => r.id),
    );
    const fresh = apps.filter((a) => !already.has(a.id));
    if (fresh.length === 0) return 0;

    const codes = await tx.select({ code: candidates.code }).from(candidates).where(eq(candidates.committeeId, committee.id));
    const used = new Set(codes.map((c) => Number(c.code.slice(c.code.lastIndexOf('-') + 1))).filter((n) => Number.isInteger(n)));
    const numbers = drawCodeNumbers(used, fresh.length);

    await tx.insert(candidates).values(
      fresh.map((app, i) => {
        const d = decisions.get(app.id)!;
        return {
          applicationId: app.id,
          committeeId: committee.id,
          code: `${prefix}${numbers[i]}`,
          defenceRequired: d.required,
          defenceExemptReason: d.exemptReason,
          defenceRuleId: d.ruleId,
        };
      }),
    );
    // The applicant's timeline shows the committee stage, never the anonymous code.
    for (const app of fresh) await recordEvent(tx, app.id, 'office_staff', 'enrolled', { defenceRequired: decisions.get(app.id)!.required });

    let automatic = 0;
    const assignmentRows: (typeof assignments.$inferInsert)[] = [];
    for (const app of fresh) {
      for (const m of members) {
        const reasons = recusalReasons(
          { id: m.expert.id, name: m.expert.name, unitId: m.expert.unitId, departmentId: departmentOf(m.expert.unitId) },
          { applicationId: app.id, unitId: app.unitId, departmentId: departmentOf(app.unitId), coAuthoredWorks: works.get(app.id) ?? [] },
          [],
        );
        if (reasons.length > 0) {
          await tx
            .insert(conflicts)
            .values(reasons.map((r) => ({ committeeId: committee.id, expertId: m.expert.id, applicationId: app.id, kind: r.kind, source: 'automatic', note: r.note, createdBy: actor.userId })))
            .onConflictDoNothing();
          automatic += reasons.length;
        } else {
          assignmentRows.push({ committeeId: committee.id, expertId: m.expert.id, applicationId: app.id });
        }
      }
    }
    if (assignmentRows.length > 0) await tx.insert(assignments).values(assignmentRows).onConflictDoNothing();
    await tx
      .update(committeeMembers)
      .set({ conflictsDeclaredAt: null })
      .where(and(eq(committeeMembers.committeeId, committee.id), isNotNull(committeeMembers.conflictsDeclaredAt)));

    await appendAudit(tx, ctx, {
      action: 'committee.enrol',
      objectType: 'committee',
      objectId: committee.id,
      detail: { enrolled: fresh.length, applicationIds: fresh.map((a) => a.id), automaticConflicts: automatic, assignments: assignmentRows.length },
    });
    return fresh.length;
  });
}
