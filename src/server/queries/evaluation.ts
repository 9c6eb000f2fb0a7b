// Reads of the evaluation stage (issue 6): the expert pool, committees with their members,
// candidates, conflicts and scores, the expert's desk (packets, defence, ballot). The callers have
// already checked scope (src/server/queries/evaluation-scope.ts); nothing here decides who may see
// what, except that the expert's packet is assembled only from blind-safe parts.
import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Campaign, Level } from '../../domain/campaign/index.js';
import { applicableSlots } from '../../domain/campaign/queries.js';
import { DECLARATION_SECTIONS, archiveForEligibility, type ArchiveRecord, type FormValues } from '../../domain/application/index.js';
import type { ApplicantArchive } from '../../domain/eligibility/archive.js';
import { DEFAULT_SCORING_FORM, averageScore, exemptDefenceScore, quorumNeeded, type ScoringForm } from '../../domain/evaluation/index.js';
import type { UnitKind } from '../../domain/organisations.js';
import type { Executor } from '../db/client.js';
import {
  applicationMaterials,
  applications,
  assignments,
  ballotReceipts,
  candidates,
  committeeMembers,
  committees,
  conflicts,
  experts,
  feeOrders,
  files,
  organisations,
  roleAssignments,
  scores,
  users,
} from '../db/schema.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { maskedRecord, maskText, identifyingStrings } from '../presenters/application.js';
import {
  RESULT_LABELS,
  presentConflict,
  presentMyScore,
  type CommitteeDetail,
  type CommitteeSummary,
  type OfficeCandidate,
  type Packet,
} from '../presenters/evaluation.js';
import { loadApplicationContext, loadIdentity, recordsOfApplication, type ApplicationRow, type FileRow } from './applications.js';
import { loadPublishedCampaign } from './campaigns.js';
import type { CandidateRow, CommitteeRow, ExpertRow } from './evaluation-scope.js';

/** Statuses from which the ballot has been counted (tallies may be shown). */
export const BALLOT_COUNTED_STATUSES = ['ballot_closed', 'results_publicised', 'confirmed'];
/** Statuses from which the meeting has opened (receipts may be counted). */
export const MEETING_STARTED_STATUSES = ['meeting_open', ...BALLOT_COUNTED_STATUSES];

// ---------------------------------------------------------------------------------------------
// Campaign facts.

/** The campaign's scoring form (评分表) for a level; the platform's default when it sets none. */
export function scoringFormFor(campaign: Campaign, level: string): ScoringForm {
  const form = campaign.evaluation.scoringForms.find((f) => f.levels.includes(level as Level));
  return form ? { items: form.items.map((i) => ({ id: i.id, name: i.name, maxPoints: i.maxPoints })) } : DEFAULT_SCORING_FORM;
}

/** A24-17: whether the level's passes are capped, and the rate the notice itself sets (null: the committee sets it). */
export function passRatePolicyOf(campaign: Campaign, level: string): { policy: 'capped' | 'uncapped'; campaignRate: number | null; ruleId: string | null } {
  const entry = campaign.passRates.find((p) => p.level === level);
  if (!entry || entry.policy === 'uncapped') return { policy: 'uncapped', campaignRate: null, ruleId: entry?.ruleId ?? null };
  return { policy: 'capped', campaignRate: entry.ratePercent, ruleId: entry.ruleId };
}

/** N40-COMMITTEE: the campaign's rule for a level's committee, or undefined. */
export function committeeRuleFor(campaign: Campaign, level: string) {
  return campaign.evaluation.committees.find((c) => c.level === level);
}

export function seriesNameOf(campaign: Campaign, seriesId: string): string {
  return campaign.series.find((s) => s.id === seriesId)?.name ?? seriesId;
}

export function specialtyNameOf(campaign: Campaign, seriesId: string, specialtyId: string): string {
  return campaign.series.find((s) => s.id === seriesId)?.specialties.find((s) => s.id === specialtyId)?.name ?? specialtyId;
}

export async function campaignOfCommittee(db: Executor, committee: CommitteeRow): Promise<Campaign> {
  return (await loadPublishedCampaign(db, committee.campaignId)).campaign;
}

// ---------------------------------------------------------------------------------------------
// Expert pool.

/** Escapes LIKE wildcards so a search for "50%" looks for those characters. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listExperts(db: Executor, prefectureId: string, filter: { seriesId?: string; q?: string }) {
  const where = [eq(experts.prefectureId, prefectureId)];
  if (filter.seriesId) where.push(eq(experts.seriesId, filter.seriesId));
  const q = filter.q?.trim();
  if (q) where.push(or(ilike(experts.name, likePattern(q)), ilike(experts.unitName, likePattern(q)), ilike(experts.titleName, likePattern(q)))!);
  return db
    .select({ expert: experts, username: users.username })
    .from(experts)
    .leftJoin(users, eq(users.id, experts.userId))
    .where(and(...where))
    .orderBy(asc(experts.seriesId), asc(experts.name), asc(experts.id));
}

export async function usernameOf(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ username: users.username }).from(users).where(eq(users.id, userId));
  return row?.username ?? null;
}

/** Accounts holding the expert or committee-chair role for the prefecture, for linking pool entries. */
export async function expertAccounts(db: Executor, prefectureId: string) {
  const rows = await db
    .selectDistinct({ userId: users.id, name: users.name, username: users.username })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.orgId, prefectureId), inArray(roleAssignments.role, ['expert', 'committee_chair']), eq(users.disabled, false)))
    .orderBy(asc(users.name), asc(users.id));
  return rows;
}

/** A unit of the prefecture's tree (directly under it or under one of its counties), or undefined. */
export async function unitOfPrefecture(db: Executor, prefectureId: string, unitId: string) {
  const [unit] = await db.select().from(organisations).where(and(eq(organisations.id, unitId), eq(organisations.kind, 'unit')));
  if (!unit?.parentId) return undefined;
  if (unit.parentId === prefectureId) return unit;
  const [parent] = await db.select({ parentId: organisations.parentId }).from(organisations).where(eq(organisations.id, unit.parentId));
  return parent?.parentId === prefectureId ? unit : undefined;
}

// ---------------------------------------------------------------------------------------------
// Committees (office).

export async function committeesOfCampaign(db: Executor, campaignId: string): Promise<CommitteeRow[]> {
  return db.select().from(committees).where(eq(committees.campaignId, campaignId)).orderBy(asc(committees.seriesId), asc(committees.level), asc(committees.createdAt));
}

async function countsByCommittee(db: Executor, ids: string[]) {
  if (ids.length === 0) return { members: new Map<string, number>(), candidates: new Map<string, number>() };
  const m = await db.select({ id: committeeMembers.committeeId, n: count() }).from(committeeMembers).where(inArray(committeeMembers.committeeId, ids)).groupBy(committeeMembers.committeeId);
  const c = await db.select({ id: candidates.committeeId, n: count() }).from(candidates).where(inArray(candidates.committeeId, ids)).groupBy(candidates.committeeId);
  return { members: new Map(m.map((r) => [r.id, r.n])), candidates: new Map(c.map((r) => [r.id, r.n])) };
}

async function expertNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function committeeSummaries(db: Executor, campaign: Campaign, rows: CommitteeRow[]): Promise<CommitteeSummary[]> {
  const counts = await countsByCommittee(
    db,
    rows.map((r) => r.id),
  );
  const chairs = await expertNames(
    db,
    rows.map((r) => r.chairExpertId),
  );
  return rows.map((r) => summaryOf(campaign, r, counts.members.get(r.id) ?? 0, counts.candidates.get(r.id) ?? 0, r.chairExpertId ? (chairs.get(r.chairExpertId) ?? null) : null));
}

function summaryOf(campaign: Campaign, r: CommitteeRow, memberCount: number, candidateCount: number, chairName: string | null): CommitteeSummary {
  const rate = passRatePolicyOf(campaign, r.level);
  const committeeRate = r.passRatePercent === null ? null : Number(r.passRatePercent);
  return {
    id: r.id,
    campaignId: r.campaignId,
    seriesId: r.seriesId,
    seriesName: seriesNameOf(campaign, r.seriesId),
    level: r.level as Level,
    name: r.name,
    size: r.size,
    status: r.status,
    chairExpertId: r.chairExpertId,
    chairName,
    passRatePolicy: rate.policy,
    passRatePercent: rate.policy === 'capped' ? (committeeRate ?? rate.campaignRate) : null,
    memberCount,
    candidateCount,
    scoringClosedAt: r.scoringClosedAt?.toISOString() ?? null,
    meetingOpenedAt: r.meetingOpenedAt?.toISOString() ?? null,
    ballotClosedAt: r.ballotClosedAt?.toISOString() ?? null,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
  };
}

export async function committeeSummary(db: Executor, committee: CommitteeRow): Promise<CommitteeSummary> {
  const campaign = await campaignOfCommittee(db, committee);
  return (await committeeSummaries(db, campaign, [committee]))[0];
}

export async function membersOf(db: Executor, committeeId: string) {
  return db
    .select({ expert: experts, declaredAt: committeeMembers.conflictsDeclaredAt, present: committeeMembers.present })
    .from(committeeMembers)
    .innerJoin(experts, eq(experts.id, committeeMembers.expertId))
    .where(eq(committeeMembers.committeeId, committeeId))
    .orderBy(asc(experts.name), asc(experts.id));
}

export async function candidatesOf(db: Executor, committeeId: string) {
  return db
    .select({ candidate: candidates, app: applications, name: users.name, unitName: organisations.name })
    .from(candidates)
    .innerJoin(applications, eq(applications.id, candidates.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .where(eq(candidates.committeeId, committeeId))
    .orderBy(asc(candidates.code));
}

export async function conflictsOf(db: Executor, committeeId: string) {
  const rows = await db
    .select({ conflict: conflicts, expertName: experts.name, code: candidates.code })
    .from(conflicts)
    .innerJoin(experts, eq(experts.id, conflicts.expertId))
    .innerJoin(candidates, eq(candidates.applicationId, conflicts.applicationId))
    .where(eq(conflicts.committeeId, committeeId))
    .orderBy(asc(candidates.code), asc(experts.name), asc(conflicts.createdAt));
  return rows.map((r) =>
    presentConflict({
      id: r.conflict.id,
      expertId: r.conflict.expertId,
      expertName: r.expertName,
      applicationId: r.conflict.applicationId,
      code: r.code,
      kind: r.conflict.kind,
      source: r.conflict.source,
      note: r.conflict.note,
    }),
  );
}

/** Leak-check hits (files.leak_hits) over every scan of each application. */
async function leakHitsOf(db: Executor, applicationIds: string[]): Promise<Map<string, number>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: applicationMaterials.applicationId, n: sql<string>`coalesce(sum(jsonb_array_length(${files.leakHits})), 0)` })
    .from(applicationMaterials)
    .innerJoin(files, eq(files.id, applicationMaterials.fileId))
    .where(inArray(applicationMaterials.applicationId, applicationIds))
    .groupBy(applicationMaterials.applicationId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Score totals per candidate and kind, in points (one decimal). */
async function scoreTotalsOf(db: Executor, applicationIds: string[]) {
  const review = new Map<string, number[]>();
  const defence = new Map<string, number[]>();
  if (applicationIds.length === 0) return { review, defence };
  const rows = await db
    .select({ applicationId: scores.applicationId, kind: scores.kind, totalTenths: scores.totalTenths })
    .from(scores)
    .where(inArray(scores.applicationId, applicationIds));
  for (const r of rows) {
    const map = r.kind === 'review' ? review : defence;
    const list = map.get(r.applicationId) ?? [];
    list.push(r.totalTenths / 10);
    map.set(r.applicationId, list);
  }
  return { review, defence };
}

/**
 * The defence score as the meeting reads it: the panel's average for a candidate who defended;
 * for an exempt one what the notice gives them (B21-7, A24-14) — the participants' average, “按
 * 通过答辩对待”, or nothing until the committee decides.
 */
export function defenceScoreText(
  campaign: Campaign,
  candidate: { defenceRequired: boolean; specialtyId: string },
  ownAverage: number | null,
  participants: readonly { specialtyId: string; score: number }[],
): string | null {
  if (candidate.defenceRequired) return ownAverage === null ? null : ownAverage.toFixed(1);
  const policy = campaign.rules.defence;
  if (policy === null) return '不设答辩';
  const scored = participants.length > 0;
  const given = exemptDefenceScore(policy, { specialtyId: candidate.specialtyId }, participants, scored);
  if (given === 'passed') return '免于答辩，按通过答辩对待';
  if (given === null) return scored ? '免于答辩，赋分待评审委员会确定' : '免于答辩';
  return `免于答辩，按平均分 ${given.toFixed(1)} 赋分`;
}

export interface CandidateScores {
  reviewScores: number;
  reviewAverage: number | null;
  defenceAverage: number | null;
  defenceScoreText: string | null;
}

/** Review and defence figures of every candidate of a committee (the office's and the ballot's view). */
export async function candidateScoreFacts(
  db: Executor,
  campaign: Campaign,
  rows: { applicationId: string; specialtyId: string; defenceRequired: boolean }[],
): Promise<Map<string, CandidateScores>> {
  const totals = await scoreTotalsOf(
    db,
    rows.map((r) => r.applicationId),
  );
  const defenceAverages = new Map(rows.map((r) => [r.applicationId, averageScore(totals.defence.get(r.applicationId) ?? [])]));
  const participants = rows
    .filter((r) => r.defenceRequired && defenceAverages.get(r.applicationId) !== null)
    .map((r) => ({ specialtyId: r.specialtyId, score: defenceAverages.get(r.applicationId)! }));
  return new Map(
    rows.map((r) => {
      const review = totals.review.get(r.applicationId) ?? [];
      const defenceAverage = defenceAverages.get(r.applicationId) ?? null;
      return [
        r.applicationId,
        {
          reviewScores: review.length,
          reviewAverage: averageScore(review),
          defenceAverage,
          defenceScoreText: defenceScoreText(campaign, r, defenceAverage, participants),
        },
      ];
    }),
  );
}

async function receiptCounts(db: Executor, committeeId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: ballotReceipts.applicationId, n: count() })
    .from(ballotReceipts)
    .where(eq(ballotReceipts.committeeId, committeeId))
    .groupBy(ballotReceipts.applicationId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function committeeDetail(db: Executor, committee: CommitteeRow): Promise<CommitteeDetail> {
  const campaign = await campaignOfCommittee(db, committee);
  const members = await membersOf(db, committee.id);
  const rows = await candidatesOf(db, committee.id);
  const [summary] = await committeeSummaries(db, campaign, [committee]);
  const ids = rows.map((r) => r.candidate.applicationId);
  const leaks = await leakHitsOf(db, ids);
  const facts = await candidateScoreFacts(
    db,
    campaign,
    rows.map((r) => ({ applicationId: r.candidate.applicationId, specialtyId: r.app.specialtyId, defenceRequired: r.candidate.defenceRequired })),
  );
  const meetingStarted = MEETING_STARTED_STATUSES.includes(committee.status);
  const counted = BALLOT_COUNTED_STATUSES.includes(committee.status);
  const receipts = meetingStarted ? await receiptCounts(db, committee.id) : new Map<string, number>();
  const candidateViews: OfficeCandidate[] = rows.map((r) => {
    const c = r.candidate;
    const f = facts.get(c.applicationId)!;
    return {
      applicationId: c.applicationId,
      code: c.code,
      name: r.name,
      unitName: r.unitName,
      specialtyId: r.app.specialtyId,
      specialtyName: specialtyNameOf(campaign, r.app.seriesId, r.app.specialtyId),
      packetHeld: c.packetHeld,
      heldReason: c.heldReason,
      leakHits: leaks.get(c.applicationId) ?? 0,
      defenceRequired: c.defenceRequired,
      defenceExemptReason: c.defenceExemptReason,
      defenceRuleId: c.defenceRuleId,
      defenceSessionId: c.defenceSessionId,
      reviewScores: f.reviewScores,
      reviewAverage: f.reviewAverage,
      defenceAverage: f.defenceAverage,
      defenceScoreText: f.defenceScoreText,
      voted: receipts.get(c.applicationId) ?? 0,
      tally:
        counted && c.voters !== null
          ? { voters: c.voters, agree: c.agree ?? 0, disagree: c.disagree ?? 0, abstain: c.abstain ?? 0 }
          : null,
      result: (c.result as OfficeCandidate['result']) ?? null,
      resultLabel: c.result ? (RESULT_LABELS[c.result] ?? c.result) : null,
      rank: c.rank,
    };
  });
  return {
    ...summary,
    seed: committee.seed,
    meetingPlace: committee.meetingPlace,
    minMembers: committeeRuleFor(campaign, committee.level)?.minMembers ?? null,
    quorumNeeded: quorumNeeded(members.length),
    members: members.map((m) => ({
      expertId: m.expert.id,
      name: m.expert.name,
      unitName: m.expert.unitName,
      level: m.expert.level as Level,
      titleName: m.expert.titleName,
      isChair: committee.chairExpertId === m.expert.id,
      conflictsDeclared: m.declaredAt !== null,
      present: m.present,
    })),
    candidates: candidateViews,
    conflicts: await conflictsOf(db, committee.id),
  };
}

export async function scoringProgress(db: Executor, committee: CommitteeRow) {
  const members = await membersOf(db, committee.id);
  const rows = await candidatesOf(db, committee.id);
  const assigned = await db
    .select({ expertId: assignments.expertId, applicationId: assignments.applicationId, scored: sql<boolean>`${scores.id} is not null` })
    .from(assignments)
    .leftJoin(scores, and(eq(scores.applicationId, assignments.applicationId), eq(scores.expertId, assignments.expertId), eq(scores.kind, 'review')))
    .where(eq(assignments.committeeId, committee.id));
  const tally = (key: 'expertId' | 'applicationId', id: string) => {
    const mine = assigned.filter((a) => a[key] === id);
    return { assigned: mine.length, scored: mine.filter((a) => a.scored).length };
  };
  return {
    experts: members.map((m) => ({ expertId: m.expert.id, name: m.expert.name, ...tally('expertId', m.expert.id) })),
    candidates: rows.map((r) => ({ applicationId: r.candidate.applicationId, code: r.candidate.code, ...tally('applicationId', r.candidate.applicationId) })),
    scoringClosed: committee.status !== 'formed',
  };
}

// ---------------------------------------------------------------------------------------------
// Enrolment.

/** Accepted, fee-confirmed applications of the committee's campaign, series and level not yet before any committee. */
export async function enrolableApplications(db: Executor, committee: CommitteeRow): Promise<ApplicationRow[]> {
  const rows = await db
    .select({ app: applications })
    .from(applications)
    .innerJoin(feeOrders, and(eq(feeOrders.applicationId, applications.id), eq(feeOrders.status, 'confirmed')))
    .leftJoin(candidates, eq(candidates.applicationId, applications.id))
    .where(
      and(
        eq(applications.campaignId, committee.campaignId),
        eq(applications.seriesId, committee.seriesId),
        eq(applications.level, committee.level),
        eq(applications.status, 'accepted'),
        isNull(candidates.applicationId),
      ),
    )
    .orderBy(asc(applications.id));
  return rows.map((r) => r.app);
}

/** The unit (and the competent department it reports through) of organisation ids. */
export async function unitFacts(db: Executor, unitIds: (string | null)[]) {
  const wanted = [...new Set(unitIds.filter((id): id is string => id !== null))];
  const map = new Map<string, typeof organisations.$inferSelect>();
  if (wanted.length === 0) return map;
  for (const row of await db.select().from(organisations).where(inArray(organisations.id, wanted))) map.set(row.id, row);
  return map;
}

/**
 * The applicant's archive as the eligibility engine takes it, for the defence decision (B21-7,
 * A24-14): the submitted records, the identity from the ID number, and the unit the application
 * was made from (its county for the 且末县 / 若羌县 exemption).
 */
export async function defenceFactsOf(db: Executor, cipher: FieldCipher, app: ApplicationRow): Promise<ApplicantArchive> {
  const identity = await loadIdentity(db, cipher, app.applicantId);
  const [unit] = await db.select().from(organisations).where(eq(organisations.id, app.unitId));
  let countyName: string | null = null;
  if (unit?.countyLevelOrBelow && unit.parentId) {
    const [parent] = await db.select({ kind: organisations.kind, name: organisations.name }).from(organisations).where(eq(organisations.id, unit.parentId));
    countyName = parent?.kind === 'county' ? parent.name : null;
  }
  const records = await recordsOfApplication(db, app);
  return archiveForEligibility(identity, { kind: (unit?.unitKind ?? 'public_institution') as UnitKind, countyLevelOrBelow: unit?.countyLevelOrBelow ?? false, countyName }, records);
}

// ---------------------------------------------------------------------------------------------
// The expert's desk.

/** The committees the user sits on, with their pool entry, newest first. */
export async function expertCommittees(db: Executor, userId: string) {
  const rows = await db
    .select({ committee: committees, expertId: experts.id, declaredAt: committeeMembers.conflictsDeclaredAt })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .innerJoin(experts, eq(experts.id, committeeMembers.expertId))
    .where(and(eq(experts.userId, userId), eq(experts.active, true)))
    .orderBy(sql`${committees.createdAt} desc`, asc(committees.id));
  const out = [];
  for (const r of rows) {
    const campaign = await campaignOfCommittee(db, r.committee);
    const [{ assigned }] = await db
      .select({ assigned: count() })
      .from(assignments)
      .where(and(eq(assignments.committeeId, r.committee.id), eq(assignments.expertId, r.expertId)));
    const [{ scored }] = await db
      .select({ scored: count() })
      .from(assignments)
      .innerJoin(scores, and(eq(scores.applicationId, assignments.applicationId), eq(scores.expertId, assignments.expertId), eq(scores.kind, 'review')))
      .where(and(eq(assignments.committeeId, r.committee.id), eq(assignments.expertId, r.expertId)));
    out.push({
      id: r.committee.id,
      name: r.committee.name,
      seriesName: seriesNameOf(campaign, r.committee.seriesId),
      level: r.committee.level as Level,
      status: r.committee.status,
      conflictsDeclared: r.declaredAt !== null,
      assigned,
      scored,
      isChair: r.committee.chairExpertId === r.expertId,
    });
  }
  return out;
}

async function myScores(db: Executor, expertId: string, applicationIds: string[], kind: 'review' | 'defence') {
  if (applicationIds.length === 0) return new Map<string, typeof scores.$inferSelect>();
  const rows = await db
    .select()
    .from(scores)
    .where(and(eq(scores.expertId, expertId), eq(scores.kind, kind), inArray(scores.applicationId, applicationIds)));
  return new Map(rows.map((r) => [r.applicationId, r]));
}

async function recusedSet(db: Executor, expertId: string, applicationIds: string[]): Promise<Set<string>> {
  if (applicationIds.length === 0) return new Set();
  const rows = await db
    .select({ id: conflicts.applicationId })
    .from(conflicts)
    .where(and(eq(conflicts.expertId, expertId), inArray(conflicts.applicationId, applicationIds)));
  return new Set(rows.map((r) => r.id));
}

/** The packets the expert may open: assigned, not recused, not held by the office; in code order. */
export async function packetList(db: Executor, committee: CommitteeRow, expert: ExpertRow) {
  const campaign = await campaignOfCommittee(db, committee);
  const rows = await db
    .select({ candidate: candidates, app: applications })
    .from(assignments)
    .innerJoin(candidates, eq(candidates.applicationId, assignments.applicationId))
    .innerJoin(applications, eq(applications.id, assignments.applicationId))
    .where(and(eq(assignments.committeeId, committee.id), eq(assignments.expertId, expert.id), eq(candidates.committeeId, committee.id), eq(candidates.packetHeld, false)))
    .orderBy(asc(candidates.code));
  const ids = rows.map((r) => r.app.id);
  const recused = await recusedSet(db, expert.id, ids);
  const mine = await myScores(db, expert.id, ids, 'review');
  return rows
    .filter((r) => !recused.has(r.app.id))
    .map((r) => ({
      applicationId: r.app.id,
      code: r.candidate.code,
      level: r.app.level as Level,
      seriesName: seriesNameOf(campaign, r.app.seriesId),
      specialtyName: specialtyNameOf(campaign, r.app.seriesId, r.app.specialtyId),
      myScore: presentMyScore(mine.get(r.app.id)),
    }));
}

export interface PacketFile {
  slotId: string;
  slotName: string;
  file: FileRow;
}

/**
 * A24-7: the scans an expert may see. Only where the campaign runs blind review for the level, the
 * applicant ticked every masking item, and the slot is one whose scans the applicant masked
 * (campaign.materials[].masked); and of those only the files whose leak check finished without a
 * hit (a file still pending, failed or naming the applicant stays with the office). Anything
 * else carries identity: a campaign without blind review (B21) gives the experts the masked form
 * and the blind 评审表, but no scan.
 */
export async function blindSafeFiles(db: Executor, campaign: Campaign, app: ApplicationRow): Promise<PacketFile[]> {
  const blind = campaign.blindReview;
  if (!blind || !blind.levels.includes(app.level as Level)) return [];
  if (!blind.maskedItems.every((item) => app.masking.includes(item))) return [];
  const slots = campaign.materials.filter((s) => s.masked);
  if (slots.length === 0) return [];
  const rows = await db
    .select({ slotId: applicationMaterials.slotId, position: applicationMaterials.position, file: files })
    .from(applicationMaterials)
    .innerJoin(files, eq(files.id, applicationMaterials.fileId))
    .where(
      and(
        eq(applicationMaterials.applicationId, app.id),
        inArray(
          applicationMaterials.slotId,
          slots.map((s) => s.id),
        ),
      ),
    )
    .orderBy(asc(applicationMaterials.slotId), asc(applicationMaterials.position));
  const order = new Map(slots.map((s, i) => [s.id, i]));
  return rows
    .filter((r) => r.file.leakStatus === 'done' && Array.isArray(r.file.leakHits) && r.file.leakHits.length === 0)
    .sort((a, b) => order.get(a.slotId)! - order.get(b.slotId)! || a.position - b.position)
    .map((r) => ({ slotId: r.slotId, slotName: slots.find((s) => s.id === r.slotId)!.name, file: r.file }));
}

/**
 * The blind packet: the declaration form as the blind preview shows it (name, ID and phone number,
 * unit blotted out wherever the applicant wrote them; employers and issuers always hidden), the
 * blind-safe scans by slot (id, type and pages only — never a file name), the scoring form and the
 * expert's own sheet.
 */
export async function buildPacket(
  db: Executor,
  cipher: FieldCipher,
  committee: CommitteeRow,
  expert: ExpertRow,
  candidate: CandidateRow,
): Promise<Packet> {
  const [app] = await db.select().from(applications).where(eq(applications.id, candidate.applicationId));
  const context = await loadApplicationContext(db, cipher, app, new Date());
  const { campaign } = context;
  const identity = await loadIdentity(db, cipher, app.applicantId);
  const [unit] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.unitId));
  // The unit the application was made from and the applicant's present one (they may differ).
  const identifying = [...identifyingStrings(identity, context.unitName), ...(unit ? [unit.name] : [])];
  const form = app.form as FormValues;
  const byId = new Map(context.records.map((r) => [r.id, r]));
  const sections = DECLARATION_SECTIONS.map((section) => ({
    title: section.title,
    rows: section.fields.map((field) => {
      const v = form[section.id]?.[field.id];
      const lines = Array.isArray(v)
        ? v
            .map((id) => byId.get(id))
            .filter((r): r is ArchiveRecord => r !== undefined)
            .map((r) => maskedRecord(r, identifying))
        : [maskText(typeof v === 'string' && v.trim() !== '' ? v : '（未填写）', identifying)];
      return { label: field.label, value: lines.length > 0 ? lines.join('\n') : '无' };
    }),
  }));
  const applicable = new Set(applicableSlots(campaign, context.facts).map((s) => s.id));
  const packetFiles = (await blindSafeFiles(db, campaign, app)).filter((f) => applicable.has(f.slotId));
  const materials: Packet['materials'] = [];
  for (const f of packetFiles) {
    let group = materials.find((m) => m.slotName === f.slotName);
    if (!group) materials.push((group = { slotName: f.slotName, files: [] }));
    group.files.push({ id: f.file.id, kind: f.file.kind as 'jpg' | 'png' | 'pdf', pages: f.file.pages });
  }
  const mine = await myScores(db, expert.id, [app.id], 'review');
  return {
    applicationId: app.id,
    code: candidate.code,
    level: app.level as Level,
    seriesName: seriesNameOf(campaign, app.seriesId),
    specialtyName: specialtyNameOf(campaign, app.seriesId, app.specialtyId),
    sections,
    materials,
    scoringForm: scoringFormFor(campaign, app.level),
    myScore: presentMyScore(mine.get(app.id)),
    scoringOpen: committee.status === 'formed',
  };
}
