// After the vote (A24-4, B21-10): a real-name objection (异议) to a publicised result while the
// publicity runs, a candidate's review request (复查) or complaint (投诉) about their own result, and
// the office's handling: investigating, then upheld or dismissed with the outcome, the filer told.
// An upheld objection against a candidate who passed overturns the result ('overturned': not
// confirmed, no document, no certificate) in the same transaction, on the applicant's timeline and
// in a notification; where the office finds fraud (弄虚作假) it records a fraud_findings row, which
// the eligibility engine turns into the campaign's ban (B21-10), as a revoked certificate does.
import { and, eq, inArray, lte } from 'drizzle-orm';
import { beijingDate } from '../../../domain/calendar/calendar.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, candidates, committees, fraudFindings, resultCases, resultPublicities, users } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, type CaseKind, type CaseStatus } from '../../presenters/results.js';
import { loadOwnApplication } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import { resultEntryId } from '../../queries/results.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { lockCommittee } from './common.js';

/**
 * The application behind a public entry id, among the candidates who passed in publicities that
 * have started and are not yet confirmed (running today, or over and awaiting confirmation — the
 * latter so that a late objection hears that the period ended), or null.
 */
async function entryApplication(services: Services, entryId: string, today: string): Promise<string | null> {
  const listed = await services.db
    .select({ applicationId: candidates.applicationId })
    .from(candidates)
    .innerJoin(committees, eq(committees.id, candidates.committeeId))
    .innerJoin(resultPublicities, eq(resultPublicities.committeeId, candidates.committeeId))
    .where(and(eq(candidates.result, 'passed'), eq(committees.status, 'results_publicised'), lte(resultPublicities.startsOn, today)));
  return listed.find((c) => resultEntryId(services.cipher, c.applicationId) === entryId)?.applicationId ?? null;
}

/** POST /results/:entryId/objections: a logged-in real-name user, only while the publicity runs. `entryId` is the public page's (resultEntryId). */
export async function fileObjection(services: Services, ctx: RequestContext, actor: Actor, entryId: string, content: string, now: Date = new Date()) {
  const [user] = await services.db.select({ idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, actor.userId));
  if (!user?.idNumberEnc) throw forbidden('公示异议须实名提出：请使用已实名登记（姓名、身份证号）的账号');
  const today = beijingDate(now);
  const applicationId = await entryApplication(services, entryId, today);
  if (!applicationId) throw notFound('未找到该公示对象');
  return services.db.transaction(async (tx) => {
    // Checked again under the committee's share lock: the entry may have been confirmed or overturned meanwhile.
    const [entry] = await tx
      .select({ applicationId: candidates.applicationId, committeeId: candidates.committeeId, status: committees.status, startsOn: resultPublicities.startsOn, endsOn: resultPublicities.endsOn })
      .from(candidates)
      .innerJoin(committees, eq(committees.id, candidates.committeeId))
      .innerJoin(resultPublicities, eq(resultPublicities.committeeId, candidates.committeeId))
      .where(and(eq(candidates.applicationId, applicationId), eq(candidates.result, 'passed')))
      .for('share', { of: committees });
    // Only entries the public page shows exist for the public.
    if (!entry || entry.status !== 'results_publicised' || today < entry.startsOn) throw notFound('未找到该公示对象');
    if (today > entry.endsOn) throw conflict(`公示期已于 ${entry.endsOn} 结束，不再受理异议`, 'PUBLICITY_ENDED');
    const [row] = await tx.insert(resultCases).values({ applicationId: entry.applicationId, kind: 'objection', content, filedBy: actor.userId }).returning();
    await appendAudit(tx, ctx, { action: 'result_case.file', objectType: 'result_case', objectId: row.id, detail: { kind: 'objection', applicationId: entry.applicationId } });
    return row;
  });
}

/** POST /me/applications/:id/cases: the candidate's review request or complaint, once results are publicised. */
export async function fileApplicantCase(services: Services, ctx: RequestContext, actor: Actor, applicationId: string, input: { kind: 'review_request' | 'complaint'; content: string }) {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  return services.db.transaction(async (tx) => {
    const [entry] = await tx
      .select({ result: candidates.result, status: committees.status })
      .from(candidates)
      .innerJoin(committees, eq(committees.id, candidates.committeeId))
      .where(eq(candidates.applicationId, app.id));
    if (!entry || !entry.result || !['results_publicised', 'confirmed'].includes(entry.status)) {
      throw conflict('评审结果公布后方可申请复查或投诉', 'NO_RESULT_YET');
    }
    const [row] = await tx.insert(resultCases).values({ applicationId: app.id, kind: input.kind, content: input.content, filedBy: actor.userId }).returning();
    await appendAudit(tx, ctx, { action: 'result_case.file', objectType: 'result_case', objectId: row.id, detail: { kind: input.kind, applicationId: app.id } });
    return row;
  });
}

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['investigating', 'upheld', 'dismissed'],
  investigating: ['investigating', 'upheld', 'dismissed'],
  upheld: [],
  dismissed: [],
};

/** POST /office/cases/:id/decision. A decided case (upheld, dismissed) is final. */
export async function decideCase(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  caseId: string,
  input: { status: 'investigating' | 'upheld' | 'dismissed'; investigation: string; outcome: string | null; fraud?: boolean },
) {
  const [found] = await services.db
    .select({ kase: resultCases, committeeId: candidates.committeeId, applicantId: applications.applicantId, level: applications.level, campaignId: applications.campaignId })
    .from(resultCases)
    .innerJoin(candidates, eq(candidates.applicationId, resultCases.applicationId))
    .innerJoin(applications, eq(applications.id, resultCases.applicationId))
    .where(eq(resultCases.id, caseId));
  if (!found) throw notFound('未找到该案件');
  await officeCommittee(services.db, actor, found.committeeId).catch(() => {
    throw notFound('未找到该案件');
  });
  const final = input.status !== 'investigating';
  if (final && !input.outcome?.trim()) throw badRequest('办结时须填写处理结果', [{ path: 'outcome', message: '请填写处理结果' }]);
  const upheldObjection = input.status === 'upheld' && found.kase.kind === 'objection';
  const fraud = input.fraud === true;
  if (fraud && !upheldObjection) {
    throw badRequest('只有查实的公示异议可以认定弄虚作假', [{ path: 'fraud', message: '仅在公示异议“情况属实”办结时可勾选' }]);
  }
  const ban = fraud ? (await loadPublishedCampaign(services.db, found.campaignId)).campaign.rules.fraudBan : null;
  const applicationId = found.kase.applicationId;
  const from = (Object.keys(NEXT) as CaseStatus[]).filter((s) => NEXT[s].includes(input.status));
  await services.db.transaction(async (tx) => {
    // Upholding an objection changes the result: serialised with the confirmation, which needs every objection decided.
    if (upheldObjection) await lockCommittee(tx, found.committeeId);
    const updated = await tx
      .update(resultCases)
      .set({
        status: input.status,
        investigation: input.investigation,
        outcome: final ? input.outcome : null,
        decidedBy: actor.userId,
        decidedAt: final ? new Date() : null,
      })
      .where(and(eq(resultCases.id, caseId), inArray(resultCases.status, from)))
      .returning({ id: resultCases.id });
    if (updated.length === 0) throw conflict('该案件已办结，不能再更改', 'CASE_CLOSED');
    if (final) {
      const kind = CASE_KIND_LABELS[found.kase.kind as CaseKind] ?? found.kase.kind;
      await notify(tx, found.kase.filedBy, `${kind}处理结果`, `您提出的${kind}已办结：${CASE_STATUS_LABELS[input.status]}。处理结果：${input.outcome}`);
    }
    let overturned = false;
    if (upheldObjection) {
      // A24-4: the result stood only subject to the publicity; an objection found true means it is not confirmed.
      const changed = await tx
        .update(candidates)
        .set({ result: 'overturned' })
        .where(and(eq(candidates.applicationId, applicationId), eq(candidates.result, 'passed')))
        .returning({ applicationId: candidates.applicationId });
      overturned = changed.length > 0;
      if (overturned) await recordEvent(tx, applicationId, 'office_staff', 'resultOverturned', { caseId, reasons: [input.outcome] });
      const today = beijingDate(new Date());
      if (fraud) {
        await tx.insert(fraudFindings).values({ userId: found.applicantId, foundOn: today, description: `公示异议查实：${input.outcome}`, recordedBy: actor.userId });
      }
      if (overturned || fraud) {
        await notify(
          tx,
          found.applicantId,
          overturned ? '评审结果不予确认' : '公示异议查实',
          `您申报的${found.level}职称评审结果公示期间收到的异议，经调查核实情况属实` +
            (overturned ? '，评审结果不予确认' : '') +
            `。处理结果：${input.outcome}` +
            (fraud ? `。经查实存在弄虚作假行为${ban ? `，自 ${today} 起 ${ban.years} 年内不得申报职称（${ban.ruleId}）` : ''}。` : '。'),
        );
      }
    }
    await appendAudit(tx, ctx, {
      action: 'result_case.decide',
      objectType: 'result_case',
      objectId: caseId,
      detail: { status: input.status, kind: found.kase.kind, ...(upheldObjection ? { overturned, fraud } : {}) },
    });
  });
}
