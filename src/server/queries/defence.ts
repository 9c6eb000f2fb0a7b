// Reads of a committee's candidates and their oral defence (答辩, B21-7 / A24-14): who the candidates
// are (for the office, with names), the review and defence averages, the score an exempt candidate
// is given (exemptDefenceScore, with the reason shown), the office's session list and the
// expert's own defence desk. Scope checks are the callers' (officeCommittee / memberCommittee).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Campaign, Level } from '../../domain/campaign/index.js';
import { averageScore, DEFAULT_SCORING_FORM, exemptDefenceScore, type ScoringForm } from '../../domain/evaluation/index.js';
import type { Executor } from '../db/client.js';
import { applications, candidates, committeeMembers, conflicts, defenceSessions, experts, organisations, scores, users } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { loadPublishedCampaign } from './campaigns.js';
import { memberCommittee, type CommitteeRow } from './evaluation-scope.js';

/** The campaign a committee belongs to (its published version). */
export async function committeeCampaign(db: Executor, committee: CommitteeRow) {
  return loadPublishedCampaign(db, committee.campaignId);
}

export function seriesName(campaign: Campaign, seriesId: string): string {
  return campaign.series.find((s) => s.id === seriesId)?.name ?? seriesId;
}

export function specialtyName(campaign: Campaign, seriesId: string, specialtyId: string): string {
  return campaign.series.find((s) => s.id === seriesId)?.specialties.find((s) => s.id === specialtyId)?.name ?? specialtyId;
}

export function titleName(campaign: Campaign, seriesId: string, specialtyId: string, level: string): string {
  return campaign.series.find((s) => s.id === seriesId)?.specialties.find((s) => s.id === specialtyId)?.titles[level as Level] ?? level;
}

/** The scoring form (评分表) of a level: the campaign's, else the platform default. */
export function scoringFormFor(campaign: Campaign, level: string): ScoringForm {
  const form = campaign.evaluation.scoringForms.find((f) => f.levels.includes(level as Level));
  return form ? { items: form.items.map((i) => ({ id: i.id, name: i.name, maxPoints: i.maxPoints })) } : DEFAULT_SCORING_FORM;
}

export interface CandidateView {
  applicationId: string;
  applicantId: string;
  code: string;
  name: string;
  unitId: string;
  unitName: string;
  seriesId: string;
  specialtyId: string;
  level: string;
  packetHeld: boolean;
  defenceRequired: boolean;
  defenceExemptReason: string | null;
  defenceRuleId: string | null;
  defenceSessionId: string | null;
  voters: number | null;
  agree: number | null;
  disagree: number | null;
  abstain: number | null;
  result: string | null;
  rank: number | null;
  tieDecision: string | null;
}

/** The committee's candidates with the applicant's name and unit (office and documents only), by code. */
export async function candidatesOf(db: Executor, committeeId: string): Promise<CandidateView[]> {
  return db
    .select({
      applicationId: candidates.applicationId,
      applicantId: applications.applicantId,
      code: candidates.code,
      name: users.name,
      unitId: applications.unitId,
      unitName: organisations.name,
      seriesId: applications.seriesId,
      specialtyId: applications.specialtyId,
      level: applications.level,
      packetHeld: candidates.packetHeld,
      defenceRequired: candidates.defenceRequired,
      defenceExemptReason: candidates.defenceExemptReason,
      defenceRuleId: candidates.defenceRuleId,
      defenceSessionId: candidates.defenceSessionId,
      voters: candidates.voters,
      agree: candidates.agree,
      disagree: candidates.disagree,
      abstain: candidates.abstain,
      result: candidates.result,
      rank: candidates.rank,
      tieDecision: candidates.tieDecision,
    })
    .from(candidates)
    .innerJoin(applications, eq(applications.id, candidates.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .where(eq(candidates.committeeId, committeeId))
    .orderBy(asc(candidates.code));
}

/** Score sheet totals per candidate of one kind, as numbers with one decimal. */
export async function scoreTotalsOf(db: Executor, committeeId: string, kind: 'review' | 'defence'): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ applicationId: scores.applicationId, totalTenths: scores.totalTenths })
    .from(scores)
    .innerJoin(candidates, eq(candidates.applicationId, scores.applicationId))
    .where(and(eq(candidates.committeeId, committeeId), eq(scores.kind, kind)));
  const totals = new Map<string, number[]>();
  for (const r of rows) {
    const list = totals.get(r.applicationId) ?? [];
    list.push(r.totalTenths / 10);
    totals.set(r.applicationId, list);
  }
  return totals;
}

export interface DefenceScore {
  /** Sheets handed in for this candidate's defence. */
  sheets: number;
  /** The candidate's defence score: their own average, or the one given to an exempt candidate; null when none. */
  defenceAverage: number | null;
  /** The same in words, with the exemption reason; null when the campaign sets no defence and none took place. */
  defenceScoreText: string | null;
}

const oneDecimal = (n: number) => n.toFixed(1);

/**
 * Every candidate's defence score. A defending candidate has the average of their panel's sheets.
 * An exempt one gets exemptDefenceScore: the average of this committee's participants (all, or of
 * the same specialty where the campaign says so, A24-14), 'passed' where the notice treats the
 * exempt as having passed an unscored defence (B21-7), or nothing where the notice is silent, in
 * which case the text says the office decides. Whether the defence was scored at all is read from
 * the sheets: none handed in means it was not.
 */
export function defenceScores(
  campaign: Campaign,
  list: readonly Pick<CandidateView, 'applicationId' | 'specialtyId' | 'defenceRequired' | 'defenceExemptReason'>[],
  defenceTotals: Map<string, number[]>,
  options: { withReason?: boolean } = {},
): Map<string, DefenceScore> {
  const policy = campaign.rules.defence;
  const participants: { specialtyId: string; score: number }[] = [];
  const own = new Map<string, number | null>();
  for (const c of list) {
    if (!c.defenceRequired) continue;
    const avg = averageScore(defenceTotals.get(c.applicationId) ?? []);
    own.set(c.applicationId, avg);
    if (avg !== null) participants.push({ specialtyId: c.specialtyId, score: avg });
  }
  const scored = participants.length > 0;
  const result = new Map<string, DefenceScore>();
  for (const c of list) {
    const sheets = defenceTotals.get(c.applicationId)?.length ?? 0;
    if (c.defenceRequired) {
      const avg = own.get(c.applicationId) ?? null;
      result.set(c.applicationId, { sheets, defenceAverage: avg, defenceScoreText: avg !== null ? `${oneDecimal(avg)} 分` : '答辩尚未评分' });
      continue;
    }
    // The reason can name where the candidate works (且末县, a county-level unit): experts, who
    // review blind, get only the fact of the exemption.
    const reason = options.withReason === false ? '免于答辩' : (c.defenceExemptReason ?? '免于答辩');
    if (policy === null) {
      result.set(c.applicationId, { sheets, defenceAverage: null, defenceScoreText: null });
      continue;
    }
    const given = exemptDefenceScore(policy, { specialtyId: c.specialtyId }, participants, scored);
    const basis = policy.exemptScoring.whenScored === 'averageOfSameSpecialty' ? '按当年参加同专业答辩人员的平均分赋分' : '按当年参加答辩人员的平均分赋分';
    if (typeof given === 'number') {
      result.set(c.applicationId, { sheets, defenceAverage: given, defenceScoreText: `${oneDecimal(given)} 分（${reason}；${basis}）` });
    } else if (given === 'passed') {
      result.set(c.applicationId, { sheets, defenceAverage: null, defenceScoreText: `按通过答辩对待（${reason}）` });
    } else {
      result.set(c.applicationId, {
        sheets,
        defenceAverage: null,
        defenceScoreText: scored
          ? `${reason}；没有同专业的答辩成绩可参照，由评委会办公室确定`
          : `${reason}；答辩未量化赋分，由评委会办公室确定`,
      });
    }
  }
  return result;
}

/** The defence scores of a committee's candidates, straight from the database. */
export async function defenceScoresOf(
  db: Executor,
  committeeId: string,
  campaign: Campaign,
  list?: CandidateView[],
  options: { withReason?: boolean } = {},
): Promise<Map<string, DefenceScore>> {
  return defenceScores(campaign, list ?? (await candidatesOf(db, committeeId)), await scoreTotalsOf(db, committeeId, 'defence'), options);
}

/** The office's list of a committee's defence sessions, with panel and candidate names. */
export async function officeDefenceSessions(db: Executor, committeeId: string) {
  const sessions = await db.select().from(defenceSessions).where(eq(defenceSessions.committeeId, committeeId)).orderBy(asc(defenceSessions.startsAt));
  if (sessions.length === 0) return [];
  const panelIds = [...new Set(sessions.flatMap((s) => s.panelExpertIds))];
  const names = new Map(
    panelIds.length > 0 ? (await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, panelIds))).map((e) => [e.id, e.name]) : [],
  );
  const list = await candidatesOf(db, committeeId);
  return sessions.map((s) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    place: s.place,
    videoLink: s.videoLink,
    panel: s.panelExpertIds.map((id) => ({ expertId: id, name: names.get(id) ?? '' })),
    candidates: list.filter((c) => c.defenceSessionId === s.id).map((c) => ({ applicationId: c.applicationId, code: c.code, name: c.name })),
  }));
}

/** The office's defence table: every candidate, defending or exempt, with the score they carry into the meeting. */
export async function officeDefenceScores(db: Executor, committee: CommitteeRow) {
  const { campaign } = await committeeCampaign(db, committee);
  const list = await candidatesOf(db, committee.id);
  const scoresBy = await defenceScoresOf(db, committee.id, campaign, list);
  return list.map((c) => {
    const s = scoresBy.get(c.applicationId)!;
    return {
      applicationId: c.applicationId,
      code: c.code,
      name: c.name,
      specialtyName: specialtyName(campaign, c.seriesId, c.specialtyId),
      defenceRequired: c.defenceRequired,
      defenceExemptReason: c.defenceExemptReason,
      defenceRuleId: c.defenceRuleId,
      defenceSessionId: c.defenceSessionId,
      sheets: s.sheets,
      defenceAverage: s.defenceAverage,
      defenceScoreText: s.defenceScoreText,
    };
  });
}

/** The expert's recusals within a committee, as a set of application ids. */
export async function recusedApplicationIds(db: Executor, committeeId: string, expertId: string): Promise<Set<string>> {
  const rows = await db
    .select({ applicationId: conflicts.applicationId })
    .from(conflicts)
    .where(and(eq(conflicts.committeeId, committeeId), eq(conflicts.expertId, expertId)));
  return new Set(rows.map((r) => r.applicationId));
}

/**
 * GET /expert/committees/:id/defence: the sessions on whose panel the expert sits, with the
 * candidates by anonymous code (recused ones left out) and the expert's own sheet for each.
 */
export async function expertDefence(db: Executor, actor: Actor, committeeId: string) {
  const { committee, expert } = await memberCommittee(db, actor, committeeId);
  const { campaign } = await committeeCampaign(db, committee);
  const sessions = (await db.select().from(defenceSessions).where(eq(defenceSessions.committeeId, committeeId)).orderBy(asc(defenceSessions.startsAt))).filter((s) =>
    s.panelExpertIds.includes(expert.id),
  );
  const recused = await recusedApplicationIds(db, committeeId, expert.id);
  const rows =
    sessions.length === 0
      ? []
      : await db
          .select({
            applicationId: candidates.applicationId,
            code: candidates.code,
            sessionId: candidates.defenceSessionId,
            seriesId: applications.seriesId,
            specialtyId: applications.specialtyId,
          })
          .from(candidates)
          .innerJoin(applications, eq(applications.id, candidates.applicationId))
          .where(and(eq(candidates.committeeId, committeeId), inArray(candidates.defenceSessionId, sessions.map((s) => s.id))))
          .orderBy(asc(candidates.code));
  const mine = await db
    .select()
    .from(scores)
    .where(and(eq(scores.expertId, expert.id), eq(scores.kind, 'defence'), inArray(scores.applicationId, rows.length > 0 ? rows.map((r) => r.applicationId) : ['00000000-0000-0000-0000-000000000000'])));
  const sheetOf = new Map(mine.map((s) => [s.applicationId, s]));
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      place: s.place,
      videoLink: s.videoLink,
      candidates: rows
        .filter((r) => r.sessionId === s.id && !recused.has(r.applicationId))
        .map((r) => {
          const sheet = sheetOf.get(r.applicationId);
          return {
            applicationId: r.applicationId,
            code: r.code,
            specialtyName: specialtyName(campaign, r.seriesId, r.specialtyId),
            myScore: sheet ? { items: sheet.items, total: sheet.totalTenths / 10, comment: sheet.comment } : null,
          };
        }),
    })),
    scoringForm: scoringFormFor(campaign, committee.level),
  };
}

/** Present members of a committee (attendance recorded true). */
export async function presentExpertIds(db: Executor, committeeId: string): Promise<Set<string>> {
  const rows = await db
    .select({ expertId: committeeMembers.expertId })
    .from(committeeMembers)
    .where(and(eq(committeeMembers.committeeId, committeeId), eq(committeeMembers.present, true)));
  return new Set(rows.map((r) => r.expertId));
}
