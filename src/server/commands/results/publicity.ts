// The results publicity (A24-4, N40-PUBLICITY) and the confirmation after it. The publicity starts
// the day after the meeting (the Beijing date the ballot closed) where the campaign says so, else
// the day the office publishes (never in the past either way), and lasts the campaign's number of
// working days on its calendar (national holidays with 调休 and Xinjiang's festivals); a year the
// calendar does not cover answers 409 CALENDAR_NOT_COVERED. Ties at the pass-rate line must be
// decided first. Confirmation needs the period over and no objection still open or investigated.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beijingDate, fromDayNumber, toDayNumber } from '../../../domain/calendar/calendar.js';
import { appendAudit } from '../../audit/append-audit.js';
import { candidates, committees, resultCases, resultPublicities } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { RESULT_LABELS, type CandidateResult } from '../../presenters/results.js';
import { candidatesOf, committeeCampaign, seriesName, specialtyName } from '../../queries/defence.js';
import { renderResultsNoticePdf } from '../../documents/evaluation-docs.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import { loadCalendar } from '../../rules/calendar.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { assertCommitteeStatus, lockCommittee } from './common.js';

const nextDay = (date: string) => fromDayNumber(toDayNumber(date) + 1);

/** POST /office/committees/:id/results-publicity. `now` is the clock (tests pass a fixed one). */
export async function publiciseResults(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, now: Date = new Date()) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const { campaign } = await committeeCampaign(services.db, committee);
  const rule = campaign.resultsPublicity;
  const workingDays = rule?.workingDays ?? 5;
  const ruleId = rule?.ruleId ?? 'N40-PUBLICITY';
  const today = beijingDate(now);
  const calendar = await loadCalendar(services.db, campaign.prefecture.calendarRegion);

  const period = await services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['ballot_closed'], '只有投票已结束、尚未公示的评审结果可以公示', 'WRONG_STAGE');
    const tied = await tx
      .select({ code: candidates.code })
      .from(candidates)
      .where(and(eq(candidates.committeeId, committee.id), eq(candidates.result, 'tied_at_cap')));
    if (tied.length > 0) throw conflict(`${tied.map((t) => t.code).join('、')} 并列于通过率线，请评审委员会先作出决定再公示`, 'TIES_UNDECIDED');
    const meetingDay = beijingDate(locked.ballotClosedAt ?? now);
    const planned = rule?.startsDayAfterMeeting === false ? today : nextDay(meetingDay);
    const startsOn = planned < today ? today : planned;
    const endsOn = calendar.publicityEndDate(startsOn, workingDays);
    await tx.insert(resultPublicities).values({ committeeId: committee.id, startsOn, endsOn, workingDays, publishedBy: actor.userId });
    await tx.update(committees).set({ status: 'results_publicised' }).where(eq(committees.id, committee.id));
    const list = await candidatesOf(tx, committee.id);
    for (const c of list) {
      if (!c.result) continue;
      await recordEvent(tx, c.applicationId, 'committee', 'resultsPublicised', { result: c.result, startsOn, endsOn });
      await notify(
        tx,
        c.applicantId,
        '评审结果公示',
        `您申报的${c.level}职称评审结果：${RESULT_LABELS[c.result as CandidateResult] ?? c.result}。` +
          `评审结果公示期为 ${startsOn} 至 ${endsOn}（${workingDays} 个工作日，${ruleId}）。如有异议，可在公示期内通过平台反映；对结果有疑问的，可在“评审结果”页面申请复查或投诉。`,
      );
    }
    await appendAudit(tx, ctx, { action: 'results.publicise', objectType: 'committee', objectId: committee.id, detail: { startsOn, endsOn, workingDays, ruleId } });
    return { startsOn, endsOn, workingDays };
  });
  return period;
}

/** POST /office/committees/:id/confirm: after the last publicity day, with no objection left open. */
export async function confirmResults(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, now: Date = new Date()): Promise<void> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const today = beijingDate(now);
  await services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['results_publicised'], '只有正在公示的评审结果可以确认', 'WRONG_STAGE');
    const [publicity] = await tx.select().from(resultPublicities).where(eq(resultPublicities.committeeId, committee.id));
    if (!publicity || today <= publicity.endsOn) throw conflict(`评审结果公示期至 ${publicity?.endsOn ?? '—'} 结束，公示期满后方可确认`, 'PUBLICITY_RUNNING');
    const [open] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(resultCases)
      .innerJoin(candidates, eq(candidates.applicationId, resultCases.applicationId))
      .where(and(eq(candidates.committeeId, committee.id), eq(resultCases.kind, 'objection'), inArray(resultCases.status, ['open', 'investigating'])));
    if (open.count > 0) throw conflict(`还有 ${open.count} 件公示异议尚未处理完毕，处理后方可确认评审结果`, 'OPEN_OBJECTIONS');
    await tx.update(committees).set({ status: 'confirmed', confirmedAt: new Date() }).where(eq(committees.id, committee.id));
    await appendAudit(tx, ctx, { action: 'results.confirm', objectType: 'committee', objectId: committee.id, detail: { publicityEndedOn: publicity.endsOn } });
  });
}

/**
 * GET /office/committees/:id/results-notice.pdf: the public notice of the results (评审结果公示) as a
 * PDF, for the units that publicise too (A24-4 unitsPubliciseToo) — the same minimum fields as the
 * public page: those who passed, with name, unit, series, specialty, level and result.
 */
export async function resultsNoticePdf(services: Services, actor: Actor, committeeId: string): Promise<{ pdf: Buffer; name: string }> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const [publicity] = await services.db.select().from(resultPublicities).where(eq(resultPublicities.committeeId, committee.id));
  if (!publicity) throw conflict('评审结果尚未公示', 'NOT_PUBLICISED');
  const { campaign } = await committeeCampaign(services.db, committee);
  const passed = (await candidatesOf(services.db, committee.id)).filter((c) => c.result === 'passed');
  const pdf = await renderResultsNoticePdf({
    title: `${committee.name}评审结果公示`,
    committeeName: committee.name,
    startsOn: publicity.startsOn,
    endsOn: publicity.endsOn,
    contact: [campaign.issuer.name, campaign.issuer.address].filter(Boolean).join('，'),
    rows: passed.map((c) => ({
      name: c.name,
      unitName: c.unitName,
      seriesName: seriesName(campaign, c.seriesId),
      specialtyName: specialtyName(campaign, c.seriesId, c.specialtyId),
      level: c.level,
      result: RESULT_LABELS.passed,
    })),
  });
  return { pdf, name: `${committee.name}评审结果公示.pdf` };
}
