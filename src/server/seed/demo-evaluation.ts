// Demo mode only: the committee stages of both prefectures, so `npm start` shows a committee at
// every stage of the evaluation (after demo-applications.ts has brought applications to "paid"):
//
//   practice-aks-<year>  news 副高  NOT formed: the office forms it (the browser journey does); its
//                                   eight paid candidates wait for it.
//   practice-aks-<year>  news 中级  formed from the pool (11), four candidates enrolled, most
//                                   experts have declared their conflicts (one a relation, by name)
//                                   and scored some packets: expert review in progress.
//                                   demo-expert-aks-01 sits on it and has not declared yet.
//   practice-bz-<year>   news 中级  formed, scored, the two candidates B21-7 does not exempt (巴音郭楞
//                                   日报社 is a prefecture-level unit) defended the working day
//                                   before, scoring closed, attendance recorded, the meeting OPEN and
//                                   some ballots cast (the office sees 已投 n / m, never a choice).
//                                   demo-expert-bz-01 is present and has not voted yet.
//   practice-bz-<year>   news 初级  three young staff of 巴音郭楞日报社 declared through the commands
//                                   (demo-junior-bz-01…03); formed, scored, the meeting held and the
//                                   ballot closed on the last working day, the results publicity
//                                   running from today (the public page /portal/bz/results).
//   bayingol-2021-news   news 中级  and
//   aksu-2024-…          news 副高  completed years: historic candidates (demo-history-<bz|aks>-NN),
//                                   results confirmed, the qualification document issued and filed,
//                                   certificates issued and verifiable at /verify; in Aksu the pass
//                                   rate (A24-17) capped the passes, an objection was dismissed, and
//                                   one certificate was revoked for fraud (B21-10's revocation; the
//                                   Aksu configuration's ban is N40-FRAUD, 3 years).
//
// How: every step a command can take is the command's (src/server/commands/evaluation/*,
// src/server/commands/results/*), called with the Actor of the demo account whose desk it is (the
// office, the finance desk, each expert), in a request context of the seed's (request id
// "demo-seed"), so audit rows, timelines, notifications, files and signatures are what the same
// clicks would have made. What no command can do is written directly, each with its reason:
// - time passing: a meeting "yesterday", a publicity that ended years ago. The commands stamp "now"
//   (or take a clock, as publiciseResults, confirmResults and fileObjection do: those get the
//   historic day), so the times that must lie in the past are set back afterwards — meeting day in
//   the campaign's meetingAndPublicity window, publicity over, confirmation, filing — together with
//   the timeline events and rows the commands wrote at those steps. Certificates keep the time of
//   the seed: their issue time is inside the SM2-signed payload, and issueCertificates takes no
//   clock (the qualification date on them is the historic meeting day).
// - the historic declarations (demo-evaluation-history.ts: closed windows refuse every command);
// - the historic committees and their members: the demo pool's terms cover the current year ±1
//   (demo-experts.ts), not 2021 or 2024, so the draw would refuse them; they are inserted as the
//   draw would have stored them, with a 'demo.seed' audit row, and everything after is commands.
// The practice draws are the command's with a recorded seed; the seed is picked (the first of
// "demo-<campaign>-<level>-<n>" whose draw seats the accounts the README names) by replaying the
// pure draw first, so the demo can say which account to log in as.
//
// Calendar: the 初级 publicity starts today and runs the campaign's working days, so it needs the
// calendar to cover them. The built-in calendar ends with 2026: from about 24 December 2026 a
// five-working-day period from today runs into 2027, which only the system administrator's entries
// can cover — then this stage writes nothing and says why (the unit publicities of
// demo-applications.ts are refused the same way, so the other practice stages lack candidates too).
//
// Idempotent per committee: a stage whose committee exists is left alone (a failure half-way
// leaves what was done, like demo-applications.ts). Fails soft: a missing precondition (practice
// campaign, paid candidates, pool, demo accounts, calendar) skips that stage with a warning.
//
// Time: about 600 audited commands (each appends to the audit chain under its lock), in two lanes
// (one per prefecture): ~5–6 s added to a fresh `npm start` on a 2-core machine.
import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Campaign, Level } from '../../domain/campaign/index.js';
import { addDays } from '../../domain/campaign/dates.js';
import { beijingDate, type Calendar } from '../../domain/calendar/calendar.js';
import { applicableSlots } from '../../domain/campaign/queries.js';
import { requiredCount, type ArchiveRecord } from '../../domain/application/index.js';
import { agreeNeeded, drawCommittee, type PoolExpert, type ScoringForm, type VoteChoice } from '../../domain/evaluation/index.js';
import { makeIdNumber } from '../../domain/id-number.js';
import type { Role } from '../../domain/roles.js';
import { appendAudit } from '../audit/append-audit.js';
import { createApplication } from '../commands/application/create-application.js';
import { signCommitment } from '../commands/application/masking-and-commitment.js';
import { addArchiveFileToSlot, uploadMaterial } from '../commands/application/materials.js';
import { saveSection } from '../commands/application/save-section.js';
import { submitApplication } from '../commands/application/submit-application.js';
import { closeScoring } from '../commands/evaluation/close-scoring.js';
import { declareConflicts, type DeclaredPerson } from '../commands/evaluation/declare-conflicts.js';
import { drawCommitteeCommand } from '../commands/evaluation/draw-committee.js';
import { enrolCandidates } from '../commands/evaluation/enrol-candidates.js';
import { submitReviewScore } from '../commands/evaluation/submit-review-score.js';
import { updateCommittee } from '../commands/evaluation/update-committee.js';
import { confirmFee } from '../commands/fees/confirm-fee.js';
import { uploadReceipt } from '../commands/fees/upload-receipt.js';
import { decideCase, fileObjection } from '../commands/results/cases.js';
import { resultEntryId } from '../queries/results.js';
import { castVotes } from '../commands/results/cast-votes.js';
import { fileQualificationDocument, issueCertificates, issueQualificationDocument, revokeCertificate } from '../commands/results/certificates.js';
import { closeBallot, openMeeting, recordAttendance } from '../commands/results/meeting.js';
import { confirmResults, publiciseResults } from '../commands/results/publicity.js';
import { scheduleDefence } from '../commands/results/schedule-defence.js';
import { submitDefenceScore } from '../commands/results/submit-defence-score.js';
import { issueReviewForm } from '../commands/review-forms/issue-review-form.js';
import { acceptApplication } from '../commands/review/accept-application.js';
import { startPublicity } from '../commands/review/publicity.js';
import { recommendApplication } from '../commands/review/recommend-application.js';
import { hashPassword } from '../crypto/password-hash.js';
import {
  applicationEvents,
  applications,
  archiveRecords,
  assignments,
  candidates,
  certificates,
  committeeMembers,
  committees,
  conflicts,
  defenceSessions,
  experts,
  feeOrders,
  memberships,
  notifications,
  organisations,
  publicities,
  qualificationDocuments,
  resultCases,
  resultPublicities,
  roleAssignments,
  scores,
  users,
} from '../db/schema.js';
import { systemContext, type Actor, type RequestContext } from '../http/context.js';
import { loadApplicationContext } from '../queries/applications.js';
import { loadPublishedCampaign } from '../queries/campaigns.js';
import { committeeRuleFor, scoringFormFor } from '../queries/evaluation.js';
import { feeOrderOf } from '../queries/fees.js';
import { loadActor } from '../queries/load-actor.js';
import { loadCalendar } from '../rules/calendar.js';
import type { Services } from '../services.js';
import { DEMO_PASSWORD } from './demo.js';
import { demoJpegScans, demoReceiptPdf } from './demo-files.js';
import { formOf, writeHistoricApplications, type SeededPerson } from './demo-evaluation-history.js';
import { evaluationArchive, HISTORY_PEOPLE, JUNIOR_PEOPLE, type EvaluationPerson } from './demo-evaluation-people.js';
import { demoPhone, idPrefix17, type Which } from './demo-people.js';

const REQUEST_ID = 'demo-seed';
/** Experts scoring at the same time, per committee. */
const PARALLEL = 3;

export const HISTORIC_CAMPAIGNS: Record<Which, { id: string; level: Level }> = {
  bz: { id: 'bayingol-2021-news', level: '中级' },
  aks: { id: 'aksu-2024-news-literature-publishing', level: '副高' },
};

/** A request context of the seed's, carrying the demo account that acts (audit rows name it). */
function asActor(actor: Actor, role: Role): RequestContext {
  return { ...systemContext(REQUEST_ID), actor, actingRole: role };
}

/** A Beijing date and time as an instant. */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

async function actorOf(services: Services, userId: string): Promise<Actor> {
  const actor = await loadActor(services.db, userId, '', true);
  if (!actor) throw new Error(`demo account ${userId} cannot act (missing or disabled)`);
  return actor;
}

async function actorByUsername(services: Services, username: string): Promise<Actor> {
  const [user] = await services.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo account ${username} is missing`);
  return actorOf(services, user.id);
}

// ---------------------------------------------------------------------------------------------
// The prefecture: its office and finance accounts and its news pool (each expert's account).

interface PoolEntry {
  expert: typeof experts.$inferSelect;
  username: string;
  actor: Actor;
}

interface Prefecture {
  which: Which;
  prefectureId: string;
  office: Actor;
  finance: Actor;
  /** The news pool, in the order of the demo accounts (demo-expert-…-01 … 25, then the chair). */
  pool: PoolEntry[];
}

async function loadPrefecture(services: Services, which: Which): Promise<Prefecture> {
  const [office, finance] = await Promise.all([actorByUsername(services, `demo-office-${which}`), actorByUsername(services, `demo-finance-${which}`)]);
  const prefectureId = office.roles.find((g) => g.role === 'office_staff')?.orgId;
  if (!prefectureId) throw new Error(`demo-office-${which} holds no office grant`);
  const rows = await services.db
    .select({ expert: experts, username: users.username })
    .from(experts)
    .innerJoin(users, eq(users.id, experts.userId))
    .where(and(eq(experts.prefectureId, prefectureId), eq(experts.seriesId, 'news'), eq(experts.active, true)));
  const demo = rows.filter((r) => r.username?.startsWith('demo-')).sort((a, b) => (a.username! < b.username! ? -1 : 1));
  // demo-chair-… sorts before demo-expert-…: put it last, as demo-experts.ts lists it.
  const ordered = [...demo.filter((r) => !r.username!.startsWith('demo-chair')), ...demo.filter((r) => r.username!.startsWith('demo-chair'))];
  if (ordered.length < 25) throw new Error(`the ${which} news expert pool has ${ordered.length} demo experts, 25 needed (demo-experts.ts)`);
  const pool = await Promise.all(ordered.map(async (r) => ({ expert: r.expert, username: r.username!, actor: await actorOf(services, r.expert.userId!) })));
  return { which, prefectureId, office, finance, pool };
}

/** The campaign's working-day calendar (its region's, with the administrator's entries). */
const calendarOf = (services: Services, campaign: Campaign) => loadCalendar(services.db, campaign.prefecture.calendarRegion);

/** The published campaign, or an error that says which one is missing. */
async function campaignOf(services: Services, campaignId: string): Promise<Campaign> {
  return (await loadPublishedCampaign(services.db, campaignId).catch(() => Promise.reject(new Error(`campaign ${campaignId} is not published`)))).campaign;
}

// ---------------------------------------------------------------------------------------------
// The synthetic people: accounts, memberships and archives in one transaction (like
// demo-applications.ts insertAccounts), with one audit row; loaded again on a later start.

async function seedPeople(services: Services, thisYear: number, today: string): Promise<Map<string, SeededPerson>> {
  const entries: { p: EvaluationPerson; which: Which; year: number; on: string }[] = [
    ...HISTORY_PEOPLE.bz.map((p) => ({ p, which: 'bz' as const, year: 2021, on: '2021-09-01' })),
    ...HISTORY_PEOPLE.aks.map((p) => ({ p, which: 'aks' as const, year: 2024, on: '2024-07-25' })),
    ...JUNIOR_PEOPLE.map((p) => ({ p, which: 'bz' as const, year: thisYear, on: today })),
  ];
  const usernames = entries.map((e) => e.p.username);
  let rows = await services.db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
  if (rows.length === 0) {
    const orgNames = [...new Set(entries.map((e) => e.p.unit))];
    const orgs = await services.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, orgNames));
    const orgId = new Map(orgs.map((o) => [o.name, o.id]));
    const missing = orgNames.filter((n) => !orgId.has(n));
    if (missing.length > 0) throw new Error(`organisations of the demo tree not found: ${missing.join('、')}`);
    // One PBKDF2 hash for these accounts (as demo-applications.ts does): the password is public anyway.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    rows = await services.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(users)
        .values(
          entries.map(({ p, which }) => {
            const idNumber = makeIdNumber(idPrefix17({ ...p, level: '中级', stage: 'paid' }, which));
            const phone = demoPhone({ ...p, level: '中级', stage: 'paid' }, which);
            return {
              username: p.username,
              name: p.name,
              idNumberEnc: services.cipher.encrypt(idNumber),
              idNumberIndex: services.cipher.blindIndex(idNumber),
              phoneEnc: services.cipher.encrypt(phone),
              phoneIndex: services.cipher.blindIndex(phone),
              passwordHash,
              isDemo: true,
            };
          }),
        )
        .returning({ id: users.id, username: users.username });
      const idOf = new Map(inserted.map((u) => [u.username!, u.id]));
      await tx.insert(roleAssignments).values(entries.map(({ p }) => ({ userId: idOf.get(p.username)!, role: 'applicant', orgId: orgId.get(p.unit)! })));
      await tx.insert(memberships).values(entries.map(({ p }) => ({ userId: idOf.get(p.username)!, unitId: orgId.get(p.unit)!, status: 'confirmed', decidedAt: new Date() })));
      await tx
        .insert(archiveRecords)
        .values(entries.flatMap(({ p, which, year, on }) => evaluationArchive(p, which, year, on).map((r) => ({ userId: idOf.get(p.username)!, kind: r.kind, data: r.data }))));
      await appendAudit(tx, systemContext(REQUEST_ID), { action: 'demo.seed', objectType: 'system', detail: { demoCandidates: entries.length } });
      return inserted;
    });
  }
  const ids = rows.map((r) => r.id);
  const records = await services.db.select().from(archiveRecords).where(inArray(archiveRecords.userId, ids)).orderBy(archiveRecords.createdAt, archiveRecords.id);
  const out = new Map<string, SeededPerson>();
  for (const { p } of entries) {
    const row = rows.find((r) => r.username === p.username);
    if (!row) throw new Error(`demo account ${p.username} is missing (a partial earlier seed?)`);
    const mine: ArchiveRecord[] = records.filter((r) => r.userId === row.id).map((r) => ({ id: r.id, kind: r.kind, data: r.data, fileIds: r.fileIds }) as ArchiveRecord);
    out.set(p.username, { person: p, userId: row.id, records: mine, actor: await actorOf(services, row.id) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Committee steps, each through its command.

async function existingCommittee(services: Services, campaignId: string, level: Level) {
  const [row] = await services.db
    .select()
    .from(committees)
    .where(and(eq(committees.campaignId, campaignId), eq(committees.seriesId, 'news'), eq(committees.level, level)));
  return row;
}

/** Accepted, fee-confirmed applications of the campaign and level not yet before a committee. */
async function paidWaiting(services: Services, campaignId: string, level: Level): Promise<number> {
  const [row] = await services.db
    .select({ n: sql<number>`count(*)::int` })
    .from(applications)
    .innerJoin(feeOrders, and(eq(feeOrders.applicationId, applications.id), eq(feeOrders.status, 'confirmed')))
    .leftJoin(candidates, eq(candidates.applicationId, applications.id))
    .where(and(eq(applications.campaignId, campaignId), eq(applications.seriesId, 'news'), eq(applications.level, level), eq(applications.status, 'accepted'), isNull(candidates.applicationId)));
  return row.n;
}

/**
 * The office draws the committee (drawCommitteeCommand) with a seed whose draw seats `wanted`
 * (usernames) and only members the seed can act as (the demo accounts), found by replaying the pure
 * draw (drawCommittee) on the same pool and rules.
 */
async function draw(services: Services, pref: Prefecture, campaign: Campaign, level: Level, size: number, meetingDate: string, wanted: string[]): Promise<string> {
  const rule = committeeRuleFor(campaign, level);
  if (!rule) throw new Error(`${campaign.id} has no ${level} committee rule`);
  const pool: PoolExpert[] = (await services.db.select().from(experts).where(and(eq(experts.prefectureId, pref.prefectureId), eq(experts.seriesId, 'news'), eq(experts.active, true)))).map(
    (e) => ({ id: e.id, name: e.name, seriesId: e.seriesId, specialtyIds: e.specialtyIds, level: e.level as Level, unitId: e.unitId, termStart: e.termStart, termEnd: e.termEnd }),
  );
  const wantedIds = pref.pool.filter((p) => wanted.includes(p.username)).map((p) => p.expert.id);
  const actionable = new Set(pref.pool.map((p) => p.expert.id));
  const rules = { seriesId: 'news', level, size, minMembers: rule.minMembers, maxPerUnit: rule.maxPerUnit, requiredSpecialtyIds: [], meetingDate };
  let seed = `demo-${campaign.id}-${level}-1`;
  for (let n = 1; n <= 500; n++) {
    const candidate = `demo-${campaign.id}-${level}-${n}`;
    const result = drawCommittee(pool, rules, candidate);
    if (result.ok && wantedIds.every((id) => result.memberIds.includes(id)) && result.memberIds.every((id) => actionable.has(id))) {
      seed = candidate;
      break;
    }
  }
  const outcome = await drawCommitteeCommand(services, asActor(pref.office, 'office_staff'), pref.office, campaign.id, {
    seriesId: 'news',
    level,
    size,
    seed,
    requiredSpecialtyIds: [],
    meetingDate,
  });
  if (!outcome.ok) throw new Error(`the draw failed: ${outcome.problems.join('; ')}`);
  return outcome.committee.id;
}

/** The committee's members as pool entries, in pool order. */
async function membersOf(services: Services, pref: Prefecture, committeeId: string): Promise<PoolEntry[]> {
  const ids = new Set((await services.db.select({ id: committeeMembers.expertId }).from(committeeMembers).where(eq(committeeMembers.committeeId, committeeId))).map((m) => m.id));
  return pref.pool.filter((p) => ids.has(p.expert.id));
}

/** The chair (the demo chair account where it sits on the committee) and the meeting place. */
async function settle(services: Services, pref: Prefecture, committeeId: string, members: PoolEntry[], meetingPlace: string): Promise<void> {
  const chair = members.find((m) => m.username.startsWith('demo-chair')) ?? members[0];
  await updateCommittee(services, asActor(pref.office, 'office_staff'), pref.office, committeeId, { chairExpertId: chair.expert.id, meetingPlace });
}

/** Each expert's declaration of conflicts (回避申报): none, or the persons given. */
async function declare(services: Services, committeeId: string, members: PoolEntry[], persons: Map<string, DeclaredPerson[]> = new Map()): Promise<void> {
  await eachLimited(members, PARALLEL, async (m) => {
    await declareConflicts(services, asActor(m.actor, 'expert'), m.actor, committeeId, persons.get(m.username) ?? []);
  });
}

/** Which (expert, candidate) pairs are recused, as "expertId|applicationId". */
async function recusals(services: Services, committeeId: string): Promise<Set<string>> {
  const rows = await services.db.select({ e: conflicts.expertId, a: conflicts.applicationId }).from(conflicts).where(eq(conflicts.committeeId, committeeId));
  return new Set(rows.map((r) => `${r.e}|${r.a}`));
}

const COMMENTS = ['业绩突出，代表作品质量较高', '专业基础扎实，作品有一定影响', '能独立承担采编任务，成果较为丰富', '工作量饱满，业务能力较强', '作品选题有新意，表达规范'];

/** A score sheet of the form adding up to about `total` (each item in half points, within its maximum). */
function sheet(form: ScoringForm, total: number, comment: string): { items: Record<string, number>; comment: string } {
  const f = Math.min(1, Math.max(0, total / form.items.reduce((n, i) => n + i.maxPoints, 0)));
  const items: Record<string, number> = {};
  for (const item of form.items) items[item.id] = Math.min(item.maxPoints, Math.round(item.maxPoints * f * 2) / 2);
  return { items, comment };
}

/**
 * Each member scores the packets assigned to them (submitReviewScore), at most `limit(member index)`
 * of them; `target` gives the candidate's level of merit, varied a little per expert.
 */
async function scoreReviews(
  services: Services,
  campaign: Campaign,
  level: Level,
  committeeId: string,
  members: PoolEntry[],
  target: (applicationId: string) => number,
  limit: (memberIndex: number) => number = () => Infinity,
): Promise<void> {
  const form = scoringFormFor(campaign, level);
  const assigned = await services.db.select().from(assignments).where(eq(assignments.committeeId, committeeId)).orderBy(assignments.applicationId);
  await eachLimited(members, PARALLEL, async (m, i) => {
    const mine = assigned.filter((a) => a.expertId === m.expert.id).slice(0, limit(i));
    for (const [k, a] of mine.entries()) {
      const jitter = ((i * 7 + k * 3) % 7) - 3;
      await submitReviewScore(services, asActor(m.actor, 'expert'), m.actor, committeeId, a.applicationId, sheet(form, target(a.applicationId) + jitter, COMMENTS[(i + k) % COMMENTS.length]));
    }
  });
}

/**
 * The oral defence (答辩) of the candidates the campaign's rule does not exempt: the office schedules
 * one session with a panel, the panel members score each candidate they are not recused from.
 */
async function holdDefence(
  services: Services,
  pref: Prefecture,
  campaign: Campaign,
  level: Level,
  committeeId: string,
  panel: PoolEntry[],
  session: { startsAt: Date; place: string; videoLink: string | null },
  target: (applicationId: string) => number,
): Promise<string[]> {
  const defending = (await services.db.select({ id: candidates.applicationId }).from(candidates).where(and(eq(candidates.committeeId, committeeId), eq(candidates.defenceRequired, true)))).map(
    (c) => c.id,
  );
  if (defending.length === 0) return [];
  await scheduleDefence(services, asActor(pref.office, 'office_staff'), pref.office, committeeId, {
    startsAt: session.startsAt.toISOString(),
    place: session.place,
    videoLink: session.videoLink,
    panelExpertIds: panel.map((p) => p.expert.id),
    applicationIds: defending,
  });
  const recused = await recusals(services, committeeId);
  const form = scoringFormFor(campaign, level);
  await eachLimited(panel, PARALLEL, async (m, i) => {
    for (const [k, id] of defending.entries()) {
      if (recused.has(`${m.expert.id}|${id}`)) continue;
      await submitDefenceScore(services, asActor(m.actor, 'expert'), m.actor, committeeId, id, sheet(form, target(id) - 2 + ((i + k) % 4), '答辩思路清晰，回答问题准确'));
    }
  });
  return defending;
}

/**
 * The ballot each present member casts (castVotes), planned so the results come out as `order`
 * says: candidates to pass, best first, get the 2/3 of their voters (N40-MEETING) — with `strict`,
 * strictly fewer agree votes each than the one before (A24-17 ranks by agree votes), so the cap
 * line falls between two of them — and the others fall short.
 */
function planVotes(order: { applicationId: string; pass: boolean }[], present: PoolEntry[], recused: Set<string>, strict: boolean) {
  const ballots = new Map<string, { applicationId: string; choice: VoteChoice }[]>();
  let last = Infinity;
  order.forEach((c, ci) => {
    const voters = present.filter((m) => !recused.has(`${m.expert.id}|${c.applicationId}`));
    if (voters.length === 0) return;
    const need = agreeNeeded(voters.length);
    let agree: number;
    if (!c.pass) agree = Math.max(0, need - 2);
    else if (strict) agree = Math.max(need, Math.min(voters.length, last - 1));
    else agree = Math.max(need, voters.length - (ci % 2));
    if (c.pass) last = agree;
    // Rotate who agrees, so no expert is the one who always disagrees.
    const rotated = [...voters.slice(ci % voters.length), ...voters.slice(0, ci % voters.length)];
    rotated.forEach((m, i) => {
      const choice: VoteChoice = i < agree ? 'agree' : i === agree && !c.pass ? 'abstain' : 'disagree';
      ballots.set(m.expert.id, [...(ballots.get(m.expert.id) ?? []), { applicationId: c.applicationId, choice }]);
    });
  });
  return ballots;
}

async function castBallots(services: Services, committeeId: string, voters: PoolEntry[], ballots: Map<string, { applicationId: string; choice: VoteChoice }[]>): Promise<void> {
  await eachLimited(voters, PARALLEL, async (m) => {
    const votes = ballots.get(m.expert.id);
    if (votes && votes.length > 0) await castVotes(services, asActor(m.actor, 'expert'), m.actor, committeeId, votes);
  });
}

async function candidateIds(services: Services, committeeId: string): Promise<{ applicationId: string; applicantId: string; code: string }[]> {
  return services.db
    .select({ applicationId: candidates.applicationId, applicantId: applications.applicantId, code: candidates.code })
    .from(candidates)
    .innerJoin(applications, eq(applications.id, candidates.applicationId))
    .where(eq(candidates.committeeId, committeeId))
    .orderBy(candidates.code);
}

/** The last working day before `date` on the calendar (the day before, where the calendar has no data). */
function workingDayBefore(calendar: Calendar, date: string): string {
  try {
    for (let back = 1; back <= 14; back++) {
      const day = addDays(date, -back);
      if (calendar.isWorkingDay(day)) return day;
    }
  } catch {
    // not covered: fall through
  }
  return addDays(date, -1);
}

// ---------------------------------------------------------------------------------------------
// The stages.

/** practice-aks news 中级: expert review in progress. */
async function seedExpertReview(services: Services, pref: Prefecture, year: number, today: string): Promise<string> {
  const campaignId = `practice-${pref.which}-${year}`;
  const campaign = await campaignOf(services, campaignId);
  const waiting = await paidWaiting(services, campaignId, '中级');
  if (waiting < 2) throw new Error(`${campaignId} has ${waiting} paid 中级 applications (demo-applications.ts not loaded?)`);
  let meetingDate = addDays(today, 14);
  try {
    meetingDate = (await calendarOf(services, campaign)).addWorkingDays(meetingDate, 0);
  } catch {
    // a date past the calendar's years: keep the plain date
  }
  const id = await draw(services, pref, campaign, '中级', 11, meetingDate, [`demo-expert-${pref.which}-01`, `demo-chair-${pref.which}`]);
  const members = await membersOf(services, pref, id);
  await settle(services, pref, id, members, '阿克苏地区党委宣传部 3 楼会议室');
  await enrolCandidates(services, asActor(pref.office, 'office_staff'), pref.office, id);
  // Most members declare (demo-expert-aks-01 and two others not yet); one names a candidate as a relative.
  const declaring = members.filter((m) => m.username !== `demo-expert-${pref.which}-01`).slice(0, members.length - 3);
  const [named] = await services.db
    .select({ name: users.name })
    .from(candidates)
    .innerJoin(applications, eq(applications.id, candidates.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .where(eq(candidates.committeeId, id))
    .orderBy(candidates.code)
    .limit(1);
  const relative = declaring.find((m) => !m.username.startsWith('demo-chair'));
  const persons = new Map<string, DeclaredPerson[]>();
  if (named && relative) persons.set(relative.username, [{ name: named.name, kind: 'relation', note: '申报人系本人配偶的表妹' }]);
  await declare(services, id, declaring, persons);
  // … and have scored some of their packets: one, two or three each.
  await scoreReviews(services, campaign, '中级', id, declaring, () => 82, (i) => (i % 3) + 1);
  return `${campaignId} 中级: expert review (${declaring.length}/${members.length} declared)`;
}

/** practice-bz news 中级: meeting open, some ballots cast. */
async function seedMeetingOpen(services: Services, pref: Prefecture, year: number, today: string): Promise<string> {
  const campaignId = `practice-${pref.which}-${year}`;
  const campaign = await campaignOf(services, campaignId);
  const waiting = await paidWaiting(services, campaignId, '中级');
  if (waiting < 2) throw new Error(`${campaignId} has ${waiting} paid 中级 applications (demo-applications.ts not loaded?)`);
  const id = await draw(services, pref, campaign, '中级', 11, today, [`demo-expert-${pref.which}-01`, `demo-chair-${pref.which}`]);
  const members = await membersOf(services, pref, id);
  await settle(services, pref, id, members, '自治州党委宣传部 508 会议室');
  await enrolCandidates(services, asActor(pref.office, 'office_staff'), pref.office, id);
  await declare(services, id, members);
  const list = await candidateIds(services, id);
  const merit = new Map(list.map((c, i) => [c.applicationId, 88 - i * 2]));
  await scoreReviews(services, campaign, '中级', id, members, (a) => merit.get(a) ?? 80);
  // B21-7 exempts the county-level units; whoever it does not exempt defended on the last working day.
  const recused = await recusals(services, id);
  const defending = (await services.db.select({ id: candidates.applicationId }).from(candidates).where(and(eq(candidates.committeeId, id), eq(candidates.defenceRequired, true)))).map((c) => c.id);
  const panel = members.filter((m) => defending.every((d) => !recused.has(`${m.expert.id}|${d}`))).slice(0, 5);
  const before = workingDayBefore(await calendarOf(services, campaign), today);
  await holdDefence(services, pref, campaign, '中级', id, panel.length >= 3 ? panel : members.slice(0, 5), { startsAt: at(before, '10:00'), place: '自治州党委宣传部 508 会议室', videoLink: null }, (a) => merit.get(a) ?? 80);
  await closeScoring(services, asActor(pref.office, 'office_staff'), pref.office, id);
  // Ten of eleven present (demo-expert-bz-01 among them); the meeting opens.
  const absent = members.filter((m) => m.username !== `demo-expert-${pref.which}-01` && !m.username.startsWith('demo-chair')).at(-1)!;
  const present = members.filter((m) => m !== absent);
  await recordAttendance(services, asActor(pref.office, 'office_staff'), pref.office, id, present.map((m) => m.expert.id));
  await openMeeting(services, asActor(pref.office, 'office_staff'), pref.office, id);
  // Some ballots are in: all present members but demo-expert-bz-01 and two others have voted.
  const ballots = planVotes(list.map((c) => ({ applicationId: c.applicationId, pass: true })), present, recused, false);
  const waitingVoters = new Set([`demo-expert-${pref.which}-01`, ...present.filter((m) => !m.username.startsWith('demo-chair') && m.username !== `demo-expert-${pref.which}-01`).slice(0, 2).map((m) => m.username)]);
  const voted = present.filter((m) => !waitingVoters.has(m.username));
  await castBallots(services, id, voted, ballots);
  return `${campaignId} 中级: meeting open (${voted.length}/${present.length} voted)`;
}

/** A publicity period of the campaign's working days that ended before today (what the unit's command would have stored). */
function endedPublicity(calendar: Calendar, campaign: Campaign, today: string) {
  const workingDays = campaign.unitReview.publicityWorkingDays;
  for (let back = 1; back <= 60; back++) {
    const startsOn = calendar.addWorkingDays(addDays(today, -back), 0);
    const endsOn = calendar.publicityEndDate(startsOn, workingDays);
    if (endsOn < today) return { startsOn, endsOn, workingDays };
  }
  throw new Error(`no ${workingDays}-working-day period ending before ${today} in the last 60 days`);
}

/**
 * The three 初级 applicants of the practice campaign, through the product's commands as
 * demo-applications.ts does it: declared from the archive with scans, submitted, publicised by the
 * unit (demo-unit-bz-daily), recommended straight to the office (a prefecture-level unit), accepted,
 * paid and confirmed, the 评审表 issued. Time passing is history, as there: the unit's publicity
 * row (and its timeline event) is moved to the last period of the campaign's working days that
 * ended before today.
 */
async function declareJuniors(services: Services, pref: Prefecture, campaign: Campaign, calendar: Calendar, people: SeededPerson[], today: string): Promise<void> {
  const reviewer = await actorByUsername(services, 'demo-unit-bz-daily');
  const ended = endedPublicity(calendar, campaign, today);
  const jpegs = await demoJpegScans();
  const ids: string[] = [];
  await eachLimited(people, PARALLEL, async (sp, index) => {
    const ctx = () => asActor(sp.actor, 'applicant');
    const p = sp.person;
    const created = await createApplication(services, ctx(), sp.actor, { campaignId: campaign.id, seriesId: 'news', specialtyId: p.specialty, level: '初级', pathId: campaign.paths[0].id });
    let version = created.version;
    const summary = `任现职以来，参与日常新闻${p.specialty === 'reporter' ? '采写' : '编辑'}工作，完成稿件 ${180 + p.n * 7} 篇，参与重大主题宣传报道 ${4 + (p.n % 3)} 组。`;
    for (const [sectionId, values] of Object.entries(formOf(p, sp.records, summary))) {
      ({ version } = await saveSection(services, ctx(), sp.actor, created.id, { version, sectionId, values }));
    }
    const [row] = await services.db.select().from(applications).where(eq(applications.id, created.id));
    const context = await loadApplicationContext(services.db, services.cipher, row, new Date());
    const slots = applicableSlots(context.campaign, context.facts)
      .map((s) => ({ id: s.id, required: requiredCount(s) }))
      .filter((s) => s.required > 0);
    const uploaded: string[] = [];
    for (const slot of slots) {
      for (let i = 0; i < slot.required; i++) {
        if (i < uploaded.length) await addArchiveFileToSlot(services, ctx(), sp.actor, created.id, slot.id, uploaded[i]);
        else uploaded.push((await uploadMaterial(services, ctx(), sp.actor, created.id, slot.id, { bytes: jpegs[i % jpegs.length], name: `扫描件${i + 1}.jpg` })).id);
      }
    }
    await signCommitment(services, ctx(), sp.actor, created.id, p.name);
    await submitApplication(services, ctx(), sp.actor, created.id, { acknowledgeLeaks: false });
    await startPublicity(services, asActor(reviewer, 'unit_reviewer'), reviewer, created.id, today);
    ids[index] = created.id;
  });
  // History: the publicity ran its working days.
  await services.db.transaction(async (tx) => {
    await tx.update(publicities).set({ startsOn: ended.startsOn, endsOn: ended.endsOn }).where(inArray(publicities.applicationId, ids));
    await tx
      .update(applicationEvents)
      .set({ detail: sql`${applicationEvents.detail} || ${JSON.stringify({ startsOn: ended.startsOn, endsOn: ended.endsOn })}::jsonb` })
      .where(and(inArray(applicationEvents.applicationId, ids), eq(applicationEvents.action, 'publicityStarted')));
  });
  const office = pref.office;
  await eachLimited(people, PARALLEL, async (sp, i) => {
    const id = ids[i];
    await recommendApplication(services, asActor(reviewer, 'unit_reviewer'), reviewer, id);
    await acceptApplication(services, asActor(office, 'office_staff'), office, id);
    const order = (await feeOrderOf(services.db, id))!;
    await uploadReceipt(services, asActor(sp.actor, 'applicant'), sp.actor, id, { bytes: await demoReceiptPdf(order.reference, order.amountYuan, today), name: `电子回单-${order.reference}.pdf` });
    await confirmFee(services, asActor(pref.finance, 'finance'), pref.finance, order.id);
    const [row] = await services.db.select().from(applications).where(eq(applications.id, id));
    await issueReviewForm(services, asActor(office, 'office_staff'), row, campaign);
  });
}

/** practice-bz news 初级: the ballot closed on the last working day, the results publicity running from today. */
async function seedPublicityRunning(services: Services, pref: Prefecture, year: number, today: string, people: Map<string, SeededPerson>): Promise<string> {
  const campaignId = `practice-${pref.which}-${year}`;
  const campaign = await campaignOf(services, campaignId);
  const calendar = await calendarOf(services, campaign);
  // The unit publicity the command starts today and the results publicity from today must lie in
  // years the calendar covers (the built-in one ends with 2026; later years are the system
  // administrator's entries): else nothing is written and the console says why.
  for (const days of [campaign.unitReview.publicityWorkingDays, campaign.resultsPublicity?.workingDays ?? 5]) {
    try {
      calendar.publicityEndDate(today, days);
    } catch (error) {
      throw new Error(`no publicity of ${days} working days can start today: ${(error as Error).message}`);
    }
  }
  const juniors = JUNIOR_PEOPLE.map((p) => people.get(p.username)!);
  const [started] = await services.db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), inArray(applications.applicantId, juniors.map((j) => j.userId))))
    .limit(1);
  if (started) throw new Error(`the 初级 applicants already have applications in ${campaignId} (an interrupted earlier seed): left alone`);
  await declareJuniors(services, pref, campaign, calendar, juniors, today);

  const meetingDay = workingDayBefore(calendar, today);
  const id = await draw(services, pref, campaign, '初级', 11, meetingDay, [`demo-chair-${pref.which}`]);
  const members = await membersOf(services, pref, id);
  await settle(services, pref, id, members, '自治州党委宣传部 508 会议室');
  await enrolCandidates(services, asActor(pref.office, 'office_staff'), pref.office, id);
  await declare(services, id, members);
  const list = await candidateIds(services, id);
  await scoreReviews(services, campaign, '初级', id, members, (a) => 86 - list.findIndex((c) => c.applicationId === a) * 3);
  await closeScoring(services, asActor(pref.office, 'office_staff'), pref.office, id);
  const present = members.slice(0, members.length - 1);
  await recordAttendance(services, asActor(pref.office, 'office_staff'), pref.office, id, present.map((m) => m.expert.id));
  await openMeeting(services, asActor(pref.office, 'office_staff'), pref.office, id);
  await castBallots(services, id, present, planVotes(list.map((c) => ({ applicationId: c.applicationId, pass: true })), present, await recusals(services, id), false));
  await closeBallot(services, asActor(pref.office, 'office_staff'), pref.office, id);
  // History: the meeting was held, and the ballot closed, on the last working day.
  await services.db
    .update(committees)
    .set({ scoringClosedAt: at(meetingDay, '08:30'), meetingOpenedAt: at(meetingDay, '09:30'), ballotClosedAt: at(meetingDay, '17:00') })
    .where(eq(committees.id, id));
  // The results publicity starts today (Bayingol publishes on the day the office does; a campaign
  // whose publicity starts the day after the meeting would start today too) for its working days.
  const period = await publiciseResults(services, asActor(pref.office, 'office_staff'), pref.office, id);
  return `${campaignId} 初级: results publicity ${period.startsOn}–${period.endsOn}`;
}

// ---------------------------------------------------------------------------------------------
// The completed years.

interface HistoryYear {
  which: Which;
  size: number;
  /** Members by demo username (the pool's order: demo-expert-…-NN, demo-chair-…). */
  members: string[];
  absent: string[];
  panel: number;
  place: string;
  firstSubmittedOn: string;
  enrolOn: string;
  defenceOn: string;
  meetingOn: string;
  /** The day the office publishes the results (the campaign says whether the publicity starts the day after the meeting). */
  publishOn: string;
  passRatePercent: number | null;
  documentNumber: string;
  documentOn: string;
  filedOn: string;
  objection: { by: number; against: number; content: string; investigation: string; outcome: string } | null;
  revoke: { who: number; reason: string } | null;
  summary: (p: EvaluationPerson) => string;
}

const expertNames = (which: Which, numbers: number[]) => numbers.map((n) => `demo-expert-${which}-${String(n).padStart(2, '0')}`);

const HISTORY: Record<Which, HistoryYear> = {
  // One expert of each unit of the tree and four from outside, with the chair: eleven (中级 minimum).
  bz: {
    which: 'bz',
    size: 11,
    members: [...expertNames('bz', [1, 3, 5, 7, 9, 11, 13, 14, 15, 16]), 'demo-chair-bz'],
    absent: ['demo-expert-bz-16'],
    panel: 5,
    place: '自治州党委宣传部 508 会议室',
    firstSubmittedOn: '2021-09-06',
    enrolOn: '2021-10-12',
    defenceOn: '2021-10-20',
    meetingOn: '2021-10-22',
    publishOn: '2021-10-25',
    passRatePercent: null,
    documentNumber: '巴新职称字〔2021〕5号',
    documentOn: '2021-11-15',
    filedOn: '2021-11-22',
    objection: null,
    revoke: null,
    summary: (p) =>
      `任现职以来，${p.specialty === 'reporter' ? '承担县域重大主题宣传和乡村振兴报道，采写稿件 260 余篇' : '负责新闻版面和新媒体稿件编辑，编发稿件 1800 余篇'}，多篇作品获巴州新闻奖。`,
  },
  // Twenty-five (副高 minimum, N40-COMMITTEE): the whole pool but one.
  aks: {
    which: 'aks',
    size: 25,
    members: [...expertNames('aks', Array.from({ length: 24 }, (_, i) => i + 1)), 'demo-chair-aks'],
    absent: expertNames('aks', [20, 21, 22, 23]),
    panel: 5,
    place: '阿克苏地区党委宣传部 3 楼会议室',
    firstSubmittedOn: '2024-08-05',
    enrolOn: '2024-09-16',
    defenceOn: '2024-09-23',
    meetingOn: '2024-09-24',
    publishOn: '2024-09-24',
    passRatePercent: 70,
    documentNumber: '阿地职改字〔2024〕12号',
    documentOn: '2024-12-10',
    filedOn: '2024-12-20',
    objection: {
      by: 5,
      against: 0,
      content: '反映该同志代表作品《天山神木园的守护者》系与他人合作采写，署名顺序存疑',
      investigation: '调取原始采访记录和编辑部审稿单，并向合作记者核实，该作品由其本人独立采写',
      outcome: '异议不成立，维持评审结果',
    },
    revoke: {
      who: 1,
      reason: '经群众举报并核查，该同志申报材料中两篇代表作品系他人采写后冒署本人姓名，属于弄虚作假，撤销其取得的副高级职称',
    },
    summary: (p) =>
      `任现职以来，${p.specialty === 'reporter' ? '牵头策划重大主题报道 8 组，采写深度报道 120 余篇，多篇获新疆新闻奖' : '主持要闻版和专题版编辑工作，策划专题 30 余组，主持修订采编流程规范'}，带教青年${p.specialty === 'reporter' ? '记者' : '编辑'} 6 名。`,
  },
};

async function seedHistory(services: Services, pref: Prefecture, people: Map<string, SeededPerson>): Promise<string> {
  const which = pref.which;
  const plan = HISTORY[which];
  const { id: campaignId, level } = HISTORIC_CAMPAIGNS[which];
  const campaign = await campaignOf(services, campaignId);
  const calendar = await calendarOf(services, campaign);
  const office = () => asActor(pref.office, 'office_staff');
  const since = new Date();

  // The declarations, as history (demo-evaluation-history.ts) — unless an earlier start wrote them.
  const roster = HISTORY_PEOPLE[which].map((p) => people.get(p.username)!);
  const existing = await services.db
    .select({ id: applications.id, applicantId: applications.applicantId })
    .from(applications)
    .where(and(eq(applications.campaignId, campaignId), inArray(applications.applicantId, roster.map((r) => r.userId))));
  if (existing.length === 0) {
    await writeHistoricApplications(services, {
      which,
      campaign,
      calendar,
      firstSubmittedOn: plan.firstSubmittedOn,
      people: roster,
      office: pref.office,
      finance: pref.finance,
      pathId: campaign.paths[0].id,
      summary: plan.summary,
    });
  }

  // The committee, as the draw would have stored it: inserted, because the pool's current terms do
  // not cover that year's meeting (the draw would exclude every expert).
  const members = plan.members.map((u) => pref.pool.find((p) => p.username === u)).filter((m): m is PoolEntry => m !== undefined);
  if (members.length !== plan.size) throw new Error(`the ${which} pool lacks members for the ${campaign.year} committee`);
  const series = campaign.series.find((s) => s.id === 'news')!;
  const chair = members.find((m) => m.username.startsWith('demo-chair'))!;
  const id = await services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(committees)
      .values({
        campaignId,
        seriesId: 'news',
        level,
        name: `${campaign.prefecture.shortName}${series.name}系列${level}职称评审委员会（${campaign.year}年度）`,
        size: plan.size,
        seed: `history-${campaignId}-${level}`,
        drawnBy: pref.office.userId,
        chairExpertId: chair.expert.id,
        meetingPlace: plan.place,
        createdAt: at(addDays(plan.enrolOn, -5)),
      })
      .returning({ id: committees.id });
    await tx.insert(committeeMembers).values(members.map((m) => ({ committeeId: row.id, expertId: m.expert.id })));
    await appendAudit(tx, asActor(pref.office, 'office_staff'), {
      action: 'demo.seed',
      objectType: 'committee',
      objectId: row.id,
      detail: { campaignId, level, historic: true, memberIds: members.map((m) => m.expert.id), note: 'historic committee inserted: the pool terms do not cover its meeting date' },
    });
    return row.id;
  });

  // Everything after is the commands'. The committee sets its pass rate where the level is capped (A24-17).
  await enrolCandidates(services, office(), pref.office, id);
  if (plan.passRatePercent !== null) await updateCommittee(services, office(), pref.office, id, { passRatePercent: plan.passRatePercent });
  await declare(services, id, members);
  const list = await candidateIds(services, id);
  const personOf = (applicationId: string) => roster.find((r) => r.userId === list.find((c) => c.applicationId === applicationId)?.applicantId)!;
  const rank = (applicationId: string) => HISTORY_PEOPLE[which].indexOf(personOf(applicationId).person);
  const merit = (applicationId: string) => (personOf(applicationId).person.outcome === 'failed' ? 70 : 90 - rank(applicationId) * 3);
  await scoreReviews(services, campaign, level, id, members, merit);
  const present = members.filter((m) => !plan.absent.includes(m.username));
  const recusedBefore = await recusals(services, id);
  const panel = present.filter((m) => !m.username.startsWith('demo-chair')).sort((a, b) => [...recusedBefore].filter((r) => r.startsWith(a.expert.id)).length - [...recusedBefore].filter((r) => r.startsWith(b.expert.id)).length).slice(0, plan.panel);
  await holdDefence(
    services,
    pref,
    campaign,
    level,
    id,
    panel,
    { startsAt: at(plan.defenceOn, '09:30'), place: plan.place, videoLink: null },
    merit,
  );
  await closeScoring(services, office(), pref.office, id);
  await recordAttendance(services, office(), pref.office, id, present.map((m) => m.expert.id));
  await openMeeting(services, office(), pref.office, id);
  const order = [...list]
    .sort((a, b) => rank(a.applicationId) - rank(b.applicationId))
    .map((c) => ({ applicationId: c.applicationId, pass: personOf(c.applicationId).person.outcome !== 'failed' }));
  await castBallots(services, id, present, planVotes(order, present, await recusals(services, id), plan.passRatePercent !== null));
  const results = await closeBallot(services, office(), pref.office, id);

  // History: the year's days — scoring closed before the meeting, the meeting in the campaign's
  // meetingAndPublicity window — then the publicity published with that day's clock.
  await services.db
    .update(committees)
    .set({ scoringClosedAt: at(addDays(plan.meetingOn, -1), '18:00'), meetingOpenedAt: at(plan.meetingOn, '09:00'), ballotClosedAt: at(plan.meetingOn, '17:30') })
    .where(eq(committees.id, id));
  const period = await publiciseResults(services, office(), pref.office, id, at(plan.publishOn, '18:00'));
  if (plan.objection) {
    const o = plan.objection;
    const objector = people.get(HISTORY_PEOPLE[which][o.by].username)!;
    const against = list.find((c) => c.applicantId === people.get(HISTORY_PEOPLE[which][o.against].username)!.userId)!;
    const filedOn = calendar.addWorkingDays(period.startsOn, 1);
    const kase = await fileObjection(services, asActor(objector.actor, 'applicant'), objector.actor, resultEntryId(services.cipher, against.applicationId), o.content, at(filedOn, '11:00'));
    await decideCase(services, office(), pref.office, kase.id, { status: 'dismissed', investigation: o.investigation, outcome: o.outcome });
    await services.db
      .update(resultCases)
      .set({ createdAt: at(filedOn, '11:00'), decidedAt: at(period.endsOn, '16:00') })
      .where(eq(resultCases.id, kase.id));
  }
  const confirmOn = calendar.addWorkingDays(addDays(period.endsOn, 1), 1);
  await confirmResults(services, office(), pref.office, id, at(confirmOn, '10:00'));
  await services.db.update(committees).set({ confirmedAt: at(confirmOn, '10:00') }).where(eq(committees.id, id));

  // The qualification document and its filing (A24-4), then the certificates (see the header: their time is the seed's).
  await issueQualificationDocument(services, office(), pref.office, id, { documentNumber: plan.documentNumber, issuedOn: plan.documentOn });
  await fileQualificationDocument(services, office(), pref.office, id);
  await services.db
    .update(qualificationDocuments)
    .set({ createdAt: at(plan.documentOn, '10:00'), filedAt: at(plan.filedOn, '15:00') })
    .where(eq(qualificationDocuments.committeeId, id));
  const { issued } = await issueCertificates(services, office(), pref.office, id);
  if (plan.revoke) {
    const who = people.get(HISTORY_PEOPLE[which][plan.revoke.who].username)!;
    const [cert] = await services.db
      .select({ id: certificates.id })
      .from(certificates)
      .innerJoin(applications, eq(applications.id, certificates.applicationId))
      .where(and(eq(applications.applicantId, who.userId), eq(applications.campaignId, campaignId)));
    await revokeCertificate(services, office(), pref.office, cert.id, { reason: plan.revoke.reason, fraud: true });
  }

  // History: the rows the commands stamped with today's time, set back to their day of that year.
  const ids = list.map((c) => c.applicationId);
  await services.db.transaction(async (tx) => {
    await tx.update(candidates).set({ createdAt: at(plan.enrolOn, '10:00') }).where(eq(candidates.committeeId, id));
    await tx.update(conflicts).set({ createdAt: at(plan.enrolOn, '10:00') }).where(and(eq(conflicts.committeeId, id), gte(conflicts.createdAt, since)));
    await tx.update(committeeMembers).set({ conflictsDeclaredAt: at(addDays(plan.enrolOn, 1), '09:00') }).where(eq(committeeMembers.committeeId, id));
    await tx.update(scores).set({ submittedAt: at(addDays(plan.enrolOn, 3), '15:00'), updatedAt: at(addDays(plan.enrolOn, 3), '15:00') }).where(and(inArray(scores.applicationId, ids), eq(scores.kind, 'review')));
    await tx.update(scores).set({ submittedAt: at(plan.defenceOn, '12:00'), updatedAt: at(plan.defenceOn, '12:00') }).where(and(inArray(scores.applicationId, ids), eq(scores.kind, 'defence')));
    await tx.update(defenceSessions).set({ createdAt: at(addDays(plan.defenceOn, -7), '10:00') }).where(eq(defenceSessions.committeeId, id));
    await tx.update(resultPublicities).set({ createdAt: at(plan.publishOn, '18:00') }).where(eq(resultPublicities.committeeId, id));
    const times: Record<string, Date> = {
      enrolled: at(plan.enrolOn, '10:00'),
      defenceScheduled: at(addDays(plan.defenceOn, -7), '10:00'),
      resultsPublicised: at(plan.publishOn, '18:00'),
    };
    for (const [action, time] of Object.entries(times)) {
      await tx
        .update(applicationEvents)
        .set({ occurredAt: time })
        .where(and(inArray(applicationEvents.applicationId, ids), eq(applicationEvents.action, action), gte(applicationEvents.occurredAt, since)));
    }
    // The messages of that year (read then); those about the certificates are of today.
    const messages: Record<string, Date> = {
      答辩安排通知: times.defenceScheduled,
      评审结果公示: times.resultsPublicised,
      公示异议处理结果: at(period.endsOn, '16:00'),
    };
    const persons = roster.map((r) => r.userId);
    for (const [title, time] of Object.entries(messages)) {
      await tx
        .update(notifications)
        .set({ createdAt: time, readAt: at(addDays(beijingDate(time), 1), '09:00') })
        .where(and(inArray(notifications.userId, persons), eq(notifications.title, title), gte(notifications.createdAt, since)));
    }
  });
  const passed = results.filter((r) => r.result === 'passed').length;
  return `${campaignId} ${level}: confirmed (${passed}/${results.length} passed, ${issued} certificates${plan.revoke ? ', 1 revoked' : ''})`;
}

// ---------------------------------------------------------------------------------------------

export async function seedDemoEvaluation(services: Services): Promise<void> {
  const started = Date.now();
  const today = beijingDate(new Date());
  const year = Number(today.slice(0, 4));
  let prefectures: Record<Which, Prefecture>;
  let people: Map<string, SeededPerson>;

  // Each stage is its committee: present → left alone. On a later start that is all there is to do.
  type Stage = { which: Which; campaignId: string; level: Level; run: () => Promise<string> };
  const stages: Stage[] = [
    { which: 'aks', campaignId: `practice-aks-${year}`, level: '中级', run: () => seedExpertReview(services, prefectures.aks, year, today) },
    { which: 'aks', campaignId: HISTORIC_CAMPAIGNS.aks.id, level: HISTORIC_CAMPAIGNS.aks.level, run: () => seedHistory(services, prefectures.aks, people) },
    { which: 'bz', campaignId: `practice-bz-${year}`, level: '中级', run: () => seedMeetingOpen(services, prefectures.bz, year, today) },
    { which: 'bz', campaignId: `practice-bz-${year}`, level: '初级', run: () => seedPublicityRunning(services, prefectures.bz, year, today, people) },
    { which: 'bz', campaignId: HISTORIC_CAMPAIGNS.bz.id, level: HISTORIC_CAMPAIGNS.bz.level, run: () => seedHistory(services, prefectures.bz, people) },
  ];
  const todo: Stage[] = [];
  for (const s of stages) if (!(await existingCommittee(services, s.campaignId, s.level))) todo.push(s);
  if (todo.length === 0) return;

  // What every stage needs: the demo office, finance and expert accounts, the pools, the candidates' accounts.
  try {
    const [bz, aks] = await Promise.all([loadPrefecture(services, 'bz'), loadPrefecture(services, 'aks')]);
    prefectures = { bz, aks };
    people = await seedPeople(services, year, today);
  } catch (error) {
    console.warn(`[zhiping] demo committees not loaded: ${(error as Error).message}`);
    return;
  }

  // The two prefectures side by side; within one, a stage after the other (every command appends
  // to the one audit chain under its lock, so more lanes only queue there).
  const done: string[] = [];
  await Promise.all(
    (['aks', 'bz'] as const).map(async (which) => {
      for (const s of todo.filter((t) => t.which === which)) {
        const stageStarted = Date.now();
        try {
          done.push(`${await s.run()} [${((Date.now() - stageStarted) / 1000).toFixed(1)} s]`);
        } catch (error) {
          console.warn(`[zhiping] demo committee ${s.campaignId} ${s.level} not completed: ${(error as Error).stack ?? String(error)}`);
        }
      }
    }),
  );
  if (done.length > 0) console.log(`[zhiping] demo committees loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${done.join('; ')}`);
}
