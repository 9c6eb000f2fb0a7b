// Fixtures of the meeting, results and certificate suites: a committee put straight into the
// database (members, candidates with codes and defence decisions, review scores) at the stage a
// test starts from, so these suites depend on nothing but the tables. Experts act through the
// commands with their real Actor (loaded like a session would), offices and applicants over HTTP.
//
//   const w = await votingWorld(t, org, { members: 25, candidates: 2 });
//   await attend(t, w, 17); await openMeeting over HTTP; await vote(t, w, expert, [...]);
import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Level } from '../../src/domain/campaign/index.js';
import type { VoteChoice } from '../../src/domain/evaluation/index.js';
import { castVotes } from '../../src/server/commands/results/cast-votes.js';
import { candidates, committeeMembers, committees, scores } from '../../src/server/db/schema.js';
import type { Actor, RequestContext } from '../../src/server/http/context.js';
import { loadActor } from '../../src/server/queries/load-actor.js';
import type { CreatedUser, TestOrgTree } from '../factories.js';
import { signIn, type TestClient, type TestContext } from './app.js';
import { AKSU_2024, BAYINGOL_2021 } from './campaigns.js';
import { acceptedApplications, createExpertPool, evaluationCampaign, type AcceptedApplication, type PoolMember } from './evaluation.js';

const tag = () => randomBytes(3).toString('hex');

export type Base = typeof AKSU_2024 | typeof BAYINGOL_2021;

export const CHOICE: Record<Base, { seriesId: string; specialtyId: string }> = {
  [AKSU_2024]: { seriesId: 'news', specialtyId: 'editor' },
  [BAYINGOL_2021]: { seriesId: 'news', specialtyId: 'reporter' },
};

export interface Member extends PoolMember {
  actor: Actor;
}

export interface Candidate extends AcceptedApplication {
  code: string;
}

export interface World {
  campaignId: string;
  committeeId: string;
  level: Level;
  office: TestClient;
  members: Member[];
  candidates: Candidate[];
}

const GIVEN = '春夏秋冬梅兰竹菊松柏桃李江河湖海山川云雨雪霜风月星辰晨曦';

/** Short distinct names (a table cell in a PDF never wraps them), surnames cycling so no name contains another. */
export function shortNames(n: number): string[] {
  const picked = new Set<string>();
  while (picked.size < n) {
    const pick = () => GIVEN[Math.floor(Math.random() * GIVEN.length)];
    picked.add(`${'赵钱孙李周吴郑王冯陈'[picked.size % 10]}${pick()}${pick()}`);
  }
  return [...picked];
}

/** The Actor a session of `user` would carry. */
export async function actorOf(t: TestContext, user: CreatedUser): Promise<Actor> {
  const actor = await loadActor(t.services.db, user.id, 'test-session', false);
  if (!actor) throw new Error('no actor');
  return actor;
}

/** A request context for a command called directly (as the route would build it). */
export function ctxOf(actor: Actor, role: RequestContext['actingRole'] = 'expert'): RequestContext {
  return { requestId: `test-${tag()}`, ip: '127.0.0.1', actor, actingRole: role, audited: false };
}

/**
 * A published campaign (Aksu 2024 by default), `members` pool experts seated on a committee of
 * `level` (inserted directly, conflicts declared), and `candidates` accepted, paid applications
 * enrolled with codes; the status is 'scoring_closed' unless given. Defence: required where the
 * campaign's defence rule lists the level, else exempt with a reason.
 */
export async function votingWorld(
  t: TestContext,
  org: TestOrgTree,
  options: {
    base?: Base;
    campaignId?: string;
    level?: Level;
    members?: number;
    candidates?: number;
    candidateNames?: string[];
    status?: string;
    passRatePercent?: string | null;
    office?: TestClient;
    meetingPlace?: string | null;
  } = {},
): Promise<World> {
  const base = options.base ?? AKSU_2024;
  const choice = CHOICE[base];
  const level = options.level ?? '中级';
  const campaignId = options.campaignId ?? (await evaluationCampaign(t, org, { base, minMembers: 3 }));
  const office = options.office ?? (await signIn(t, 'office_staff', org.prefectureId)).client;
  const pool = await createExpertPool(t, org, { count: options.members ?? 3, seriesId: choice.seriesId, level: '正高' });
  const members: Member[] = [];
  for (const p of pool) members.push({ ...p, actor: await actorOf(t, p.user) });

  const [committee] = await t.services.db
    .insert(committees)
    .values({
      campaignId,
      seriesId: choice.seriesId,
      level,
      name: `测试${level}评审委员会${tag()}`,
      size: members.length,
      seed: `seed-${tag()}`,
      passRatePercent: options.passRatePercent ?? null,
      meetingPlace: options.meetingPlace === undefined ? '测试地州会议中心 301 会议室' : options.meetingPlace,
      chairExpertId: members[0]?.expertId ?? null,
      status: options.status ?? 'scoring_closed',
      scoringClosedAt: new Date(),
    })
    .returning({ id: committees.id });
  if (members.length > 0) {
    await t.services.db.insert(committeeMembers).values(members.map((m) => ({ committeeId: committee.id, expertId: m.expertId, conflictsDeclaredAt: new Date() })));
  }

  const count = options.candidates ?? 2;
  const apps =
    count > 0
      ? await acceptedApplications(t, org, campaignId, { count, seriesId: choice.seriesId, level, specialtyId: choice.specialtyId, names: options.candidateNames, withFile: false })
      : [];
  const defends = base === AKSU_2024 ? level === '副高' || level === '正高' : level === '中级';
  const levelCode = { 初级: 'CJ', 中级: 'ZJ', 副高: 'FG', 正高: 'ZG' }[level];
  const enrolled: Candidate[] = [];
  for (const [i, a] of apps.entries()) {
    const code = `T${tag().toUpperCase()}-${levelCode}-${String(i + 1).padStart(2, '0')}`;
    await t.services.db.insert(candidates).values({
      applicationId: a.applicationId,
      committeeId: committee.id,
      code,
      defenceRequired: defends,
      defenceExemptReason: defends ? null : base === AKSU_2024 ? `申报${level}免于答辩（A24-14）` : '申报初级免于答辩（B21-7）',
      defenceRuleId: base === AKSU_2024 ? 'A24-14' : 'B21-7',
    });
    enrolled.push({ ...a, code });
  }
  return { campaignId, committeeId: committee.id, level, office, members, candidates: enrolled };
}

/** Records the first `present` members present and the rest absent (directly, as attendance would). */
export async function markPresent(t: TestContext, w: World, present: number): Promise<Member[]> {
  const here = w.members.slice(0, present);
  await t.services.db.update(committeeMembers).set({ present: false }).where(eq(committeeMembers.committeeId, w.committeeId));
  if (here.length > 0) {
    await t.services.db
      .update(committeeMembers)
      .set({ present: true })
      .where(inArray(committeeMembers.expertId, here.map((m) => m.expertId)));
  }
  return here;
}

/** One review score sheet per expert for a candidate, with the given totals (tenths kept exact). */
export async function reviewScores(t: TestContext, applicationId: string, sheets: { expertId: string; total: number }[]): Promise<void> {
  if (sheets.length === 0) return;
  await t.services.db
    .insert(scores)
    .values(sheets.map((s) => ({ applicationId, expertId: s.expertId, kind: 'review', items: { achievements: s.total }, totalTenths: Math.round(s.total * 10), comment: '' })));
}

/** Casts one expert's votes through the command, as the expert's ballot route would. */
export function vote(t: TestContext, member: Member, committeeId: string, votes: { applicationId: string; choice: VoteChoice }[]) {
  return castVotes(t.services, ctxOf(member.actor), member.actor, committeeId, votes);
}

/** `agree` of the voters agree on the candidate, the rest disagree. */
export async function voteOn(t: TestContext, voters: Member[], committeeId: string, applicationId: string, agree: number): Promise<void> {
  for (const [i, m] of voters.entries()) await vote(t, m, committeeId, [{ applicationId, choice: i < agree ? 'agree' : 'disagree' }]);
}

/** The error a command threw, as { statusCode, code, message }. */
export async function refusal(promise: Promise<unknown>): Promise<{ statusCode: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { statusCode?: number; code?: string; message: string };
    return { statusCode: e.statusCode ?? 500, code: e.code ?? 'ERROR', message: e.message };
  }
  throw new Error('expected the command to be refused');
}

export async function committeeRow(t: TestContext, committeeId: string) {
  const [row] = await t.services.db.select().from(committees).where(eq(committees.id, committeeId));
  return row;
}

export async function candidateOf(t: TestContext, applicationId: string) {
  const [row] = await t.services.db.select().from(candidates).where(eq(candidates.applicationId, applicationId));
  return row;
}
