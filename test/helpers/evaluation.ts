// Fixtures of the evaluation stage (issue 6), for the committee, blind-review, results and
// certificate suites. They put the database where the evaluation starts — a published campaign,
// an expert pool with log-ins, accepted and fee-confirmed applications — by direct inserts (the
// declaration and review chain have their own suites), and then use the real API for the rest:
// drawing the committee, enrolling, declaring conflicts.
//
//   const t = await createTestApp();
//   const org = await createOrgTree(t.services);
//   const c = await formedCommittee(t, org, { size: 3, candidates: 2 });
//   c.office                      // logged-in committee office of org's prefecture
//   c.experts[0].client           // logged-in member, conflicts declared (packets visible)
//   c.candidates[0].applicationId // enrolled, with its anonymous code in c.candidates[0].code
//
// Every call makes fresh people and campaigns, so suites can share the database and run in parallel.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { addDays } from '../../src/domain/campaign/dates.js';
import { parseCampaign, type Campaign, type Level } from '../../src/domain/campaign/index.js';
import { insertNewCampaign } from '../../src/server/commands/campaign/rules.js';
import { loadPublishedCampaign } from '../../src/server/queries/campaigns.js';
import { practiceCampaign } from '../../src/server/seed/practice-campaigns.js';
import { and, eq } from 'drizzle-orm';
import {
  applicationMaterials,
  applications,
  assignments,
  ballotTallies,
  batches,
  candidates,
  committeeMembers,
  committees,
  conflicts,
  defenceSessions,
  experts,
  feeOrders,
  files,
  users,
} from '../../src/server/db/schema.js';
import { createUser, currentTotp, type CreatedUser, type TestOrgTree } from '../factories.js';
import { signIn, TestClient, type TestContext } from './app.js';
import { AKSU_2024, BAYINGOL_2021, configFor, prefectureInfo } from './campaigns.js';
import { cleanPdf } from './declaration.js';

const tag = () => randomBytes(4).toString('hex');

export type CampaignBase = typeof AKSU_2024 | typeof BAYINGOL_2021;

/** The default choice of each shipped notice: its news series, a specialty and the path. */
export const BASE_CHOICE: Record<CampaignBase, { seriesId: string; specialtyId: string; pathId: string; level: Level }> = {
  [AKSU_2024]: { seriesId: 'news', specialtyId: 'editor', pathId: 'directed', level: '中级' },
  [BAYINGOL_2021]: { seriesId: 'news', specialtyId: 'reporter', pathId: 'prefecture', level: '中级' },
};

/**
 * A published campaign of org's prefecture from a shipped notice (Aksu 2024 by default). With
 * `minMembers` every level's committee minimum is set to it (odd, ≥ 3), so tests can draw small
 * committees; without it the notice's own minimum applies (11 for 中级, 25 for 副高).
 */
export async function evaluationCampaign(
  t: TestContext,
  org: TestOrgTree,
  options: { base?: CampaignBase; minMembers?: number; /** The demo's practice copy: this year's notice, declaration open now. */ openNow?: boolean } = {},
): Promise<string> {
  const base = options.base ?? AKSU_2024;
  const config = configFor(await prefectureInfo(t.services, org.prefectureId), base);
  if (options.minMembers !== undefined) {
    for (const c of config.evaluation.committees) c.minMembers = options.minMembers;
  }
  const parsed = parseCampaign(config);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  let campaign: Campaign = parsed.campaign;
  if (options.openNow) {
    const practice = practiceCampaign(campaign, new Date());
    if (!practice) throw new Error('the practice copy of the campaign is invalid');
    campaign = { ...practice, id: campaign.id };
  }
  await t.services.db.transaction((tx) => insertNewCampaign(tx, { campaign, prefectureId: org.prefectureId, origin: 'created', userId: null, publish: true }));
  return campaign.id;
}

/** The published configuration of a campaign (its year, blind review, committees …). */
export async function publishedConfig(t: TestContext, campaignId: string): Promise<Campaign> {
  return (await loadPublishedCampaign(t.services.db, campaignId)).campaign;
}

export interface PoolMember {
  /** experts.id */
  expertId: string;
  /** The linked log-in (role `expert` at the prefecture, TOTP enabled). */
  user: CreatedUser;
  name: string;
  unitId: string | null;
}

/**
 * `count` experts in org's prefecture pool, each with an expert account (TOTP) linked. Units cycle
 * through `unitIds` (default: none, so no automatic recusal). The term is 2023-01-01 to 2025-12-31
 * unless given (≤ 3 years, N40-COMMITTEE): draw with a meeting date inside it.
 */
export async function createExpertPool(
  t: TestContext,
  org: TestOrgTree,
  options: { count: number; seriesId: string; level: Level; unitIds?: (string | null)[]; specialtyIds?: string[]; termStart?: string; termEnd?: string; namePrefix?: string },
): Promise<PoolMember[]> {
  const pool: PoolMember[] = [];
  for (let i = 0; i < options.count; i++) {
    const name = `${options.namePrefix ?? '测试专家'}${tag()}`;
    const user = await createUser(t.services, { role: 'expert', orgId: org.prefectureId, totp: true, name });
    const unitId = options.unitIds && options.unitIds.length > 0 ? options.unitIds[i % options.unitIds.length] : null;
    const [row] = await t.services.db
      .insert(experts)
      .values({
        prefectureId: org.prefectureId,
        userId: user.id,
        name,
        seriesId: options.seriesId,
        specialtyIds: options.specialtyIds ?? [],
        level: options.level,
        titleName: '高级编辑',
        unitId,
        unitName: unitId ? '（组织机构中的单位）' : '退休',
        termStart: options.termStart ?? '2023-01-01',
        termEnd: options.termEnd ?? '2025-12-31',
      })
      .returning({ id: experts.id });
    pool.push({ expertId: row.id, user, name, unitId });
  }
  return pool;
}

/** A logged-in client of an expert (or any TOTP account). Each account can log in once per TOTP step. */
export async function loginWithTotp(t: TestContext, user: CreatedUser): Promise<TestClient> {
  const client = new TestClient(t.app);
  const r = await client.login(user.username, user.password, currentTotp(user));
  expect(r.statusCode, r.body).toBe(200);
  return client;
}

export interface AcceptedApplication {
  applicationId: string;
  applicant: CreatedUser;
  name: string;
  unitId: string;
  /** The clean scan placed in a masked slot (Aksu only; blind-safe: leak check done, no hit). */
  fileIds: string[];
}

/**
 * `count` applications of `campaignId` in status 'accepted' (recommended, forwarded in a batch,
 * 已接收材料) with a confirmed fee order, by fresh applicants of `unitId` (default org.unitId).
 * On a blind-review campaign (Aksu) each has every masking item ticked and one clean PDF, leak
 * check done without a hit and stored under the name "<applicant>-业绩材料.pdf", in the slot
 * `slotId` (default 'achievements'). The year is the campaign's, the path its first. `names` gives the
 * applicants' names (default random); `summary` the 业绩 text (may mention the name: it is masked).
 */
export async function acceptedApplications(
  t: TestContext,
  org: TestOrgTree,
  campaignId: string,
  options: { count: number; seriesId: string; level: Level; specialtyId: string; pathId?: string; unitId?: string; names?: string[]; summary?: (name: string) => string; slotId?: string; withFile?: boolean },
): Promise<AcceptedApplication[]> {
  const unitId = options.unitId ?? org.unitId;
  const campaign = await publishedConfig(t, campaignId);
  const blind = campaign.blindReview !== null && campaign.blindReview.levels.includes(options.level);
  const pathId = options.pathId ?? campaign.paths[0].id;
  const [batch] = await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId }).returning({ id: batches.id });
  const out: AcceptedApplication[] = [];
  for (let i = 0; i < options.count; i++) {
    const name = options.names?.[i] ?? `测试申报人${tag()}`;
    const applicant = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'confirmed', name });
    const now = new Date();
    const [app] = await t.services.db
      .insert(applications)
      .values({
        applicantId: applicant.id,
        unitId,
        campaignId,
        campaignVersion: 1,
        year: campaign.year,
        seriesId: options.seriesId,
        specialtyId: options.specialtyId,
        level: options.level,
        pathId,
        status: 'accepted',
        form: {
          basic: { post: '编辑', adminPost: '无', politicalStatus: '群众' },
          performance: { summary: options.summary ? options.summary(name) : '任现职以来负责重大新闻报道的采写和编辑。' },
          other: { note: '无' },
        },
        masking: blind ? campaign.blindReview!.maskedItems : [],
        archiveSnapshot: [],
        commitmentSignedAt: now,
        submissionCount: 1,
        submittedAt: now,
        recommendationOpinion: '同意推荐',
        recommendedAt: now,
        batchId: batch.id,
        acceptedAt: now,
      })
      .returning({ id: applications.id });
    await t.services.db.insert(feeOrders).values({ applicationId: app.id, amountYuan: 400, reference: `ZPEV${tag().toUpperCase()}`, status: 'confirmed', decidedAt: now });
    const fileIds: string[] = [];
    if (blind && options.withFile !== false) {
      const id = crypto.randomUUID();
      const stored = await t.services.files.put(`scans/${applicant.id}/${id}.pdf`, await cleanPdf());
      await t.services.db.insert(files).values({
        id,
        ownerId: applicant.id,
        storageKey: stored.key,
        sm3: stored.sm3,
        bytes: stored.bytes,
        kind: 'pdf',
        originalName: `${name}-业绩材料.pdf`,
        pages: 1,
        leakStatus: 'done',
      });
      await t.services.db.insert(applicationMaterials).values({ applicationId: app.id, slotId: options.slotId ?? 'achievements', fileId: id, position: 0 });
      fileIds.push(id);
    }
    out.push({ applicationId: app.id, applicant, name, unitId, fileIds });
  }
  return out;
}

let meetings = 0;
/** A meeting date no other formedCommittee call of this process uses (from 2040-01-01 on). */
export function uniqueMeetingDate(): string {
  return addDays('2040-01-01', meetings++);
}

export interface FormedCommittee {
  campaignId: string;
  committeeId: string;
  seed: string;
  office: TestClient;
  /** The members (logged in), in the order of the API's member list. */
  experts: (PoolMember & { client: TestClient })[];
  /** The whole pool drawn from (members and the rest). */
  pool: PoolMember[];
  /** Enrolled candidates with their codes (empty when `enrol: false`). */
  candidates: (AcceptedApplication & { code: string })[];
}

/**
 * A committee drawn over the API from a fresh pool, with accepted and paid applications enrolled
 * and (unless `declare: false`) every member's conflict declaration made ("none"), so packets are
 * visible. Defaults: Aksu 2024, news, 中级, committee minimum 3, size 3, pool = size, 2 candidates,
 * experts without a unit (no automatic recusal). The pool's experts hold a one-day term on the
 * meeting date, a date of this call alone (uniqueMeetingDate, from 2040 on) unless `meetingDate`
 * is given, so that a prefecture's other experts never enter the draw and the members are exactly
 * `pool` (poolSize = size by default: every one of them is drawn).
 */
export async function formedCommittee(
  t: TestContext,
  org: TestOrgTree,
  options: {
    base?: CampaignBase;
    campaignId?: string;
    level?: Level;
    size?: number;
    poolSize?: number;
    expertUnitIds?: (string | null)[];
    candidates?: number;
    candidateNames?: string[];
    candidateUnitId?: string;
    seed?: string | null;
    meetingDate?: string;
    enrol?: boolean;
    declare?: boolean;
    office?: TestClient;
  } = {},
): Promise<FormedCommittee> {
  const base = options.base ?? AKSU_2024;
  const choice = BASE_CHOICE[base];
  const level = options.level ?? choice.level;
  const size = options.size ?? 3;
  const campaignId = options.campaignId ?? (await evaluationCampaign(t, org, { base, minMembers: 3 }));
  const office = options.office ?? (await signIn(t, 'office_staff', org.prefectureId)).client;
  const meetingDate = options.meetingDate ?? uniqueMeetingDate();
  // A one-day term on this call's own meeting date: the prefecture's other pools (earlier calls,
  // experts made by the test itself) never qualify for this draw, so the members are this pool's.
  const term = { termStart: meetingDate, termEnd: meetingDate };
  const pool = await createExpertPool(t, org, { count: options.poolSize ?? size, seriesId: choice.seriesId, level: '正高', unitIds: options.expertUnitIds, ...term });

  const drawn = await office.post(`/api/office/campaigns/${campaignId}/committees`, {
    seriesId: choice.seriesId,
    level,
    size,
    seed: options.seed === undefined ? `seed-${tag()}` : options.seed,
    requiredSpecialtyIds: [],
    meetingDate,
  });
  expect(drawn.statusCode, drawn.body).toBe(201);
  const committeeId: string = drawn.json().committee.id;

  const apps =
    (options.candidates ?? 2) > 0
      ? await acceptedApplications(t, org, campaignId, {
          count: options.candidates ?? 2,
          seriesId: choice.seriesId,
          level,
          specialtyId: choice.specialtyId,
          pathId: choice.pathId,
          unitId: options.candidateUnitId,
          names: options.candidateNames,
        })
      : [];
  if (options.enrol !== false) {
    const enrolled = await office.post(`/api/office/committees/${committeeId}/enrol`);
    expect(enrolled.statusCode, enrolled.body).toBe(200);
  }

  const detail = await office.get(`/api/office/committees/${committeeId}`);
  expect(detail.statusCode, detail.body).toBe(200);
  const body = detail.json();
  const byExpertId = new Map(pool.map((p) => [p.expertId, p]));
  const members: FormedCommittee['experts'] = [];
  for (const m of body.members as { expertId: string }[]) {
    const p = byExpertId.get(m.expertId);
    if (!p) throw new Error(`formedCommittee: member ${m.expertId} is not of this call's pool — another active expert of the prefecture holds a term covering ${meetingDate}`);
    const client = await loginWithTotp(t, p.user);
    if (options.declare !== false) {
      const r = await client.post(`/api/expert/committees/${committeeId}/conflicts`, { persons: [] });
      expect(r.statusCode, r.body).toBe(204);
    }
    members.push({ ...p, client });
  }
  const codes = new Map((body.candidates as { applicationId: string; code: string }[]).map((c) => [c.applicationId, c.code]));
  return {
    campaignId,
    committeeId,
    seed: body.seed,
    office,
    experts: members,
    pool,
    candidates: apps.filter((a) => codes.has(a.applicationId)).map((a) => ({ ...a, code: codes.get(a.applicationId)! })),
  };
}

/** The candidate row as stored (code, defence decision, hold, results). */
export async function candidateRow(t: TestContext, applicationId: string) {
  const [row] = await t.services.db.select().from(candidates).where(eq(candidates.applicationId, applicationId));
  return row;
}

/**
 * Makes an existing account (e.g. a permission-matrix principal holding the expert role) a member
 * of the committee: a pool entry linked to it (reused if the account has one in the prefecture),
 * the membership (conflicts declared unless `declared: false`; attendance `present`), and an
 * assignment to every candidate it is not recused from. Returns the pool entry's id.
 */
export async function joinCommittee(
  t: TestContext,
  org: TestOrgTree,
  committeeId: string,
  userId: string,
  options: { declared?: boolean; present?: boolean | null } = {},
): Promise<string> {
  const [committee] = await t.services.db.select().from(committees).where(eq(committees.id, committeeId));
  let [entry] = await t.services.db.select({ id: experts.id }).from(experts).where(and(eq(experts.prefectureId, org.prefectureId), eq(experts.userId, userId)));
  if (!entry) {
    const [user] = await t.services.db.select({ name: users.name }).from(users).where(eq(users.id, userId));
    [entry] = await t.services.db
      .insert(experts)
      // Active (an inactive entry no longer reaches the expert's desk), but its term is long over:
      // it never enters another call's draw.
      .values({ prefectureId: org.prefectureId, userId, name: user.name, seriesId: committee.seriesId, level: '正高', titleName: '高级编辑', unitId: null, unitName: '退休', termStart: '2000-01-01', termEnd: '2000-12-31', active: true })
      .returning({ id: experts.id });
  }
  await t.services.db
    .insert(committeeMembers)
    .values({ committeeId, expertId: entry.id, conflictsDeclaredAt: options.declared === false ? null : new Date(), present: options.present ?? null })
    .onConflictDoNothing();
  const rows = await t.services.db.select({ applicationId: candidates.applicationId }).from(candidates).where(eq(candidates.committeeId, committeeId));
  for (const r of rows) {
    const recused = await t.services.db.select({ id: conflicts.id }).from(conflicts).where(and(eq(conflicts.expertId, entry.id), eq(conflicts.applicationId, r.applicationId)));
    if (recused.length === 0) await t.services.db.insert(assignments).values({ committeeId, expertId: entry.id, applicationId: r.applicationId }).onConflictDoNothing();
  }
  return entry.id;
}

/**
 * A defence session (section C's table, written directly) with its panel and candidates; it began
 * an hour ago unless `startsAt` says otherwise, so the panel may score.
 */
export async function defenceSessionFor(t: TestContext, committeeId: string, panelExpertIds: string[], applicationIds: string[], startsAt = new Date(Date.now() - 3600_000)) {
  const [session] = await t.services.db
    .insert(defenceSessions)
    .values({ committeeId, startsAt, place: '答辩室一', videoLink: null, panelExpertIds })
    .returning();
  for (const id of applicationIds) await t.services.db.update(candidates).set({ defenceSessionId: session.id }).where(eq(candidates.applicationId, id));
  return session;
}

/**
 * The meeting as section C's routes leave it, written directly: scoring closed, attendance recorded
 * (the listed members present, the others absent), a zero tally per candidate, voting open.
 */
export async function openMeetingForVoting(t: TestContext, committeeId: string, presentExpertIds: string[]): Promise<void> {
  await t.services.db.update(committees).set({ status: 'scoring_closed', scoringClosedAt: new Date() }).where(eq(committees.id, committeeId));
  const members = await t.services.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, committeeId));
  for (const m of members) {
    await t.services.db
      .update(committeeMembers)
      .set({ present: presentExpertIds.includes(m.expertId) })
      .where(and(eq(committeeMembers.committeeId, committeeId), eq(committeeMembers.expertId, m.expertId)));
  }
  const rows = await t.services.db.select().from(candidates).where(eq(candidates.committeeId, committeeId));
  if (rows.length > 0) await t.services.db.insert(ballotTallies).values(rows.map((r) => ({ applicationId: r.applicationId, committeeId }))).onConflictDoNothing();
  await t.services.db.update(committees).set({ status: 'meeting_open', meetingOpenedAt: new Date() }).where(eq(committees.id, committeeId));
}
