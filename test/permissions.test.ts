// THE permission matrix: every non-public route × every role (+ anonymous, + an applicant of another
// unit), each cell called over HTTP with a request that would succeed if allowed, and compared with
// what src/server/policies/permissions.ts says. Deny cells also check that nothing changed.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, ROLES, type Role } from '../src/domain/roles.js';
import { ORG_IMPORT_COLUMNS } from '../src/server/commands/org/import-organisations.js';
import { totpCode } from '../src/server/crypto/totp.js';
import {
  applicationMaterials,
  applications,
  archiveRecords,
  assignments,
  ballotReceipts,
  ballotTallies,
  batches,
  calendarCompleteYears,
  calendarDays,
  candidates,
  certificates,
  committeeMembers,
  committees,
  conflicts,
  defenceSessions,
  experts,
  feeOrders,
  files,
  memberships,
  objections,
  organisations,
  paymentSettings,
  publicities,
  qualificationDocuments,
  resultCases,
  resultPublicities,
  roleAssignments,
  scores,
  users,
} from '../src/server/db/schema.js';
import { beijingDate } from '../src/domain/calendar/calendar.js';
import { addDays } from '../src/domain/campaign/dates.js';
import { parseCampaign, type Campaign, type Level } from '../src/domain/campaign/index.js';
import { insertNewCampaign } from '../src/server/commands/campaign/rules.js';
import { EXPERT_IMPORT_COLUMNS } from '../src/server/commands/evaluation/import-experts.js';
import { newCertificateCode } from '../src/server/commands/results/certificates.js';
import { resultEntryId } from '../src/server/queries/results.js';
import { sampleJpeg } from '../src/server/uploads/hostile-files.js';
import { PERMISSION_ROLES, PERMISSIONS, type RouteAccess } from '../src/server/policies/permissions.js';
import { createOrgTree, createUser, currentTotp, randomPhone, TEST_PASSWORD, type CreatedUser, type TestOrgTree } from './factories.js';
import { createTestApp, TestClient, type TestContext, type TestResponse } from './helpers/app.js';
import { AKSU_2024, BAYINGOL_2021, campaignRow, configFor, freshCampaignId, insertCampaign, prefectureInfo, type PrefectureInfo } from './helpers/campaigns.js';
import { uploadFile, xlsxOf } from './helpers/multipart.js';
import { cleanPdf } from './helpers/declaration.js';
import { defenceSessionFor, formedCommittee, joinCommittee, uniqueMeetingDate } from './helpers/evaluation.js';
import { shortNames } from './helpers/evaluation-results.js';

type Principal = Role | 'anonymous' | 'applicant_of_other_unit';
const PRINCIPALS: Principal[] = [...ROLES, 'anonymous', 'applicant_of_other_unit'];

let t: TestContext;
let org: TestOrgTree;
let countyPath: string;
let prefecture: PrefectureInfo;
const tag = () => randomBytes(4).toString('hex');
const run = promisify(execFile);

// Calendar samples write global data: they use the year 2100 (days) and 2080–2099 (complete
// years), which no other suite touches, and remove what they wrote afterwards.
const calendarDates: string[] = [];
const calendarYears: number[] = [];
// A new date for every call: the principals run in parallel, and a refused call's "unchanged"
// check must not see the day an allowed call of another principal just wrote (a random pick made
// two of them collide now and then).
const calendarDate = () => {
  const n = calendarDates.length;
  const date = `2100-${String(1 + Math.floor(n / 28) % 12).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  calendarDates.push(date);
  return date;
};
const calendarRows = async (date: string) => (await t.services.db.select().from(calendarDays).where(and(eq(calendarDays.date, date), eq(calendarDays.region, 'national')))).length;

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  const nameOf = async (id: string) => (await t.services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)))[0].name;
  countyPath = [await nameOf(org.regionId), await nameOf(org.prefectureId), await nameOf(org.countyId)].join('/');
  prefecture = await prefectureInfo(t.services, org.prefectureId);
  const open = () => insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true });
  [sharedCampaign, withdrawCampaign, createCampaign] = [await open(), await open(), await open()];
  aksuCampaign = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true });
  pastAksuCampaign = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true });
  aksuCampaignIds.add(aksuCampaign).add(pastAksuCampaign);
  smallJpeg = await sampleJpeg(600, 800);
  // The Aksu notice with a committee minimum of 3 for every level, so committees stay small.
  const notice = configFor(prefecture, AKSU_2024);
  for (const c of notice.evaluation.committees) c.minMembers = 3;
  const parsed = parseCampaign(notice);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  evaluationNotice = parsed.campaign;
});
afterAll(async () => {
  if (calendarDates.length > 0) await t.services.db.delete(calendarDays).where(inArray(calendarDays.date, calendarDates));
  if (calendarYears.length > 0) await t.services.db.delete(calendarCompleteYears).where(inArray(calendarCompleteYears.year, calendarYears));
  await t.close();
});

/** The organisation a role is granted for in this file's tree. */
function orgOfRole(role: Role): string | null {
  switch (role) {
    case 'applicant':
    case 'unit_reviewer':
      return org.unitId;
    case 'dept_reviewer':
      return org.departmentId;
    case 'office_staff':
    case 'finance':
    case 'expert':
    case 'committee_chair':
      return org.prefectureId;
    default:
      return null;
  }
}

interface Session {
  client: TestClient;
  user: CreatedUser | null;
}

/**
 * A signed-in client for the principal. `withTotp: false` makes a staff account that has not yet
 * enrolled its second factor (so it can still run the TOTP set-up routes).
 */
async function sessionFor(principal: Principal, withTotp = true): Promise<Session> {
  if (principal === 'anonymous') return { client: new TestClient(t.app), user: null };
  const role: Role = principal === 'applicant_of_other_unit' ? 'applicant' : principal;
  const orgId = principal === 'applicant_of_other_unit' ? org.otherUnitId : orgOfRole(role);
  const totp = withTotp && role !== 'applicant';
  const user = await createUser(t.services, { role, orgId, totp, membership: role === 'applicant' ? 'confirmed' : undefined });
  const client = new TestClient(t.app);
  const response = await client.login(user.username, user.password, totp ? currentTotp(user) : undefined);
  if (response.statusCode !== 200) throw new Error(`sign-in as ${principal} failed: ${response.statusCode} ${response.body}`);
  return { client, user };
}

async function pendingMembership(unitId = org.unitId): Promise<string> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'pending' });
  const [m] = await t.services.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, applicant.id));
  return m.id;
}
const membershipStatus = async (id: string) => (await t.services.db.select({ s: memberships.status }).from(memberships).where(eq(memberships.id, id)))[0].s;

async function freshUnit(): Promise<string> {
  const [row] = await t.services.db
    .insert(organisations)
    .values({ kind: 'unit', name: `矩阵临时单位${tag()}`, parentId: org.countyId, unitKind: 'enterprise', countyLevelOrBelow: true })
    .returning({ id: organisations.id });
  return row.id;
}
const orgExists = async (where: { id?: string; name?: string }) =>
  (await t.services.db.select({ id: organisations.id }).from(organisations).where(where.id ? eq(organisations.id, where.id) : eq(organisations.name, where.name!)))
    .length > 0;

interface Sample {
  /** Status of a successful call. */
  allow: number;
  /** 'fresh': the call ends or changes the session, so each cell signs in anew; 'no-totp': a staff account before TOTP enrolment. */
  session?: 'fresh' | 'no-totp';
  /**
   * Makes the request. The returned `unchanged` is called after a refused call and must say whether
   * the refused request left the data as it was.
   */
  run(s: Session): Promise<{ response: TestResponse; unchanged?: () => Promise<boolean> }>;
}


// ---- declaration fixtures (issue 4) -------------------------------------------------------------
// Applicant samples act on the caller's own objects when the caller is an applicant (so an allowed
// call succeeds), and otherwise on the objects of a fresh applicant of the unit (so a refused call
// could have done harm, `unchanged` checks that it did not, and the principals running in
// parallel never count each other's rows).
let sharedCampaign: string;
let withdrawCampaign: string;
let createCampaign: string;
/** Aksu sets no paper-materials window, so a paper receipt is possible at any time. */
let aksuCampaign: string;
/** The 2024 Aksu notice as it was: every window, the payment deadline included, is over. */
let pastAksuCampaign: string;
/** Campaigns made from the Aksu notice, whose declaration path is 'directed'. */
const aksuCampaignIds = new Set<string>();
let smallJpeg: Buffer;

async function isApplicant(user: CreatedUser | null): Promise<boolean> {
  if (!user) return false;
  const rows = await t.services.db.select().from(roleAssignments).where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.role, 'applicant')));
  return rows.length > 0;
}
const ownerFor = async (user: CreatedUser | null) =>
  (await isApplicant(user)) ? user! : createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });

async function applicationRow(applicantId: string, campaignId: string, status = 'draft', unitId = org.unitId): Promise<string> {
  const [existing] = await t.services.db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.applicantId, applicantId), eq(applications.campaignId, campaignId)));
  if (existing) return existing.id;
  const [row] = await t.services.db
    .insert(applications)
    .values({ applicantId, unitId, campaignId, campaignVersion: 1, year: new Date().getFullYear(), seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: aksuCampaignIds.has(campaignId) ? 'directed' : 'prefecture', status, submissionCount: status === 'draft' ? 0 : 1 })
    .returning({ id: applications.id });
  return row.id;
}
const applicationOf = async (user: CreatedUser | null) => applicationRow((await ownerFor(user)).id, sharedCampaign);
const applicationField = async (id: string) => (await t.services.db.select().from(applications).where(eq(applications.id, id)))[0];

async function fileOf(ownerId: string): Promise<string> {
  const id = crypto.randomUUID();
  const stored = await t.services.files.put(`scans/${ownerId}/${id}.jpg`, smallJpeg);
  await t.services.db.insert(files).values({ id, ownerId, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'jpg', originalName: '扫描件.jpg', pages: 1, leakStatus: 'done' });
  return id;
}
const fileCount = async (ownerId: string) => (await t.services.db.select({ id: files.id }).from(files).where(eq(files.ownerId, ownerId))).length;

async function recordOf(ownerId: string): Promise<string> {
  const [row] = await t.services.db
    .insert(archiveRecords)
    .values({ userId: ownerId, kind: 'achievement', data: { year: 2024, name: '矩阵奖', grantor: '矩阵协会', grade: '一等奖' } })
    .returning({ id: archiveRecords.id });
  return row.id;
}
const recordData = async (id: string) => (await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.id, id)))[0]?.data;

/** A submitted application of a fresh applicant of this file's unit, with one scan in a slot. */
async function submittedApplication(): Promise<{ id: string; fileId: string }> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
  const id = await applicationRow(applicant.id, sharedCampaign, 'unit_review');
  const fileId = await fileOf(applicant.id);
  await t.services.db.insert(applicationMaterials).values({ applicationId: id, slotId: 'political-conduct', fileId, position: 0 });
  return { id, fileId };
}
/** A fresh applicant's application at `status` in this file's unit (or the prefecture-level unit, which reports to no department). */
async function applicationAt(status: string, unitId = org.unitId, campaignId = sharedCampaign): Promise<{ id: string; fileId: string; applicant: CreatedUser }> {
  const applicant = await createUser(t.services, { role: 'applicant', orgId: unitId, membership: 'confirmed' });
  const id = await applicationRow(applicant.id, campaignId, status, unitId);
  // Past the unit (and the department): the desks downstream see it only once it reached them.
  if (['dept_review', 'office_review', 'accepted'].includes(status)) {
    const batchId = status === 'dept_review' ? null : (await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId }).returning({ id: batches.id }))[0].id;
    await t.services.db.update(applications).set({ recommendedAt: new Date(), batchId, acceptedAt: status === 'accepted' ? new Date() : null }).where(eq(applications.id, id));
  }
  const fileId = await fileOf(applicant.id);
  await t.services.db.insert(applicationMaterials).values({ applicationId: id, slotId: 'political-conduct', fileId, position: 0 });
  return { id, fileId, applicant };
}
const statusOf = async (id: string) => (await applicationField(id)).status;
/** An accepted application of `owner` with its fee order, optionally with a receipt awaiting finance. */
async function feeOrderFor(ownerId: string, options: { receipt?: boolean; campaignId?: string } = {}): Promise<{ applicationId: string; orderId: string }> {
  const applicationId = await applicationRow(ownerId, options.campaignId ?? aksuCampaign, 'accepted');
  const [existing] = await t.services.db.select().from(feeOrders).where(eq(feeOrders.applicationId, applicationId));
  const receiptFileId = options.receipt ? await fileOf(ownerId) : null;
  if (existing) {
    await t.services.db
      .update(feeOrders)
      .set({ status: options.receipt ? 'receipt_uploaded' : 'pending', receiptFileId, receiptUploadedAt: options.receipt ? new Date() : null })
      .where(eq(feeOrders.id, existing.id));
    return { applicationId, orderId: existing.id };
  }
  const [order] = await t.services.db
    .insert(feeOrders)
    .values({
      applicationId,
      amountYuan: 400,
      reference: `ZPMX${tag().toUpperCase()}`,
      status: options.receipt ? 'receipt_uploaded' : 'pending',
      receiptFileId,
      receiptUploadedAt: options.receipt ? new Date() : null,
    })
    .returning({ id: feeOrders.id });
  return { applicationId, orderId: order.id };
}
const orderStatus = async (id: string) => (await t.services.db.select({ s: feeOrders.status }).from(feeOrders).where(eq(feeOrders.id, id)))[0].s;
/** An application of this unit whose publicity (5 working days) ended yesterday, recommended or not. */
async function publicisedApplication(recommended: boolean): Promise<string> {
  const { id } = await applicationAt(recommended ? 'dept_review' : 'unit_publicity');
  await t.services.db.insert(publicities).values({ applicationId: id, startsOn: '2020-01-06', endsOn: '2020-01-10', workingDays: 5 });
  return id;
}
const jpegUpload = (client: TestClient, url: string) => uploadFile(client, url, smallJpeg, '政治表现证明.jpg', 'image/jpeg');

// ---- evaluation fixtures (issue 6) --------------------------------------------------------------
// Each call builds its own committee straight in the database (the routes that form it have their
// own suites) at the stage a sample needs, in this file's prefecture. A campaign holds one committee
// per series and level, so one made from the Aksu notice (committee minimum 3 for every level) gives
// twelve committee slots (three series × four levels); a slot is used once, so no allowed call of one
// principal touches another principal's committee, candidates or pool. 初级 and 中级 behave alike
// here (uncapped, no defence, the same scoring form); 副高 is capped (A24-17).
const EVALUATION_SERIES = [
  ['news', 'editor'],
  ['literature', 'literary-creation'],
  ['publishing', 'publishing-editing'],
] as const;
const UNCAPPED: Level[] = ['中级', '初级'];
interface CommitteeSlot {
  campaignId: string;
  seriesId: string;
  specialtyId: string;
  level: Level;
}
let evaluationNotice: Campaign;
const freeSlots: CommitteeSlot[] = [];

async function evaluationCampaignId(): Promise<string> {
  const id = freshCampaignId('aksu');
  await t.services.db.transaction((tx) => insertNewCampaign(tx, { campaign: { ...evaluationNotice, id }, prefectureId: org.prefectureId, origin: 'created', userId: null, publish: true }));
  aksuCampaignIds.add(id);
  return id;
}
/**
 * A (campaign, series, level) no committee uses yet, of one of `levels`; `own`: in a campaign of its
 * own, for an applicant principal's own application (one per campaign).
 */
async function committeeSlot(levels: Level[] = UNCAPPED, own = false): Promise<CommitteeSlot> {
  const slotsOf = (campaignId: string) =>
    (['中级', '初级', '副高', '正高'] as Level[]).flatMap((level) => EVALUATION_SERIES.map(([seriesId, specialtyId]) => ({ campaignId, seriesId, specialtyId, level })));
  if (own) return slotsOf(await evaluationCampaignId()).find((x) => levels.includes(x.level))!;
  let at = freeSlots.findIndex((x) => levels.includes(x.level));
  if (at < 0) {
    freeSlots.push(...slotsOf(await evaluationCampaignId()));
    at = freeSlots.findIndex((x) => levels.includes(x.level));
  }
  return freeSlots.splice(at, 1)[0];
}

/** `count` pool entries without a log-in; the term (default 2000) keeps them out of every draw unless given. */
async function poolExperts(count: number, options: { seriesId?: string; termStart?: string; termEnd?: string } = {}): Promise<string[]> {
  const rows = await t.services.db
    .insert(experts)
    .values(
      Array.from({ length: count }, () => ({
        prefectureId: org.prefectureId,
        name: `矩阵专家${tag()}`,
        seriesId: options.seriesId ?? 'news',
        level: '正高',
        titleName: '高级编辑',
        unitName: '退休',
        termStart: options.termStart ?? '2000-01-01',
        termEnd: options.termEnd ?? '2000-12-31',
      })),
    )
    .returning({ id: experts.id });
  return rows.map((r) => r.id);
}

/** A PDF in the file store (a clean scan, a generated document, a certificate). */
async function storedPdf(ownerId: string): Promise<{ id: string; sm3: string }> {
  const id = crypto.randomUUID();
  const stored = await t.services.files.put(`scans/${ownerId}/${id}.pdf`, await cleanPdf());
  await t.services.db.insert(files).values({ id, ownerId, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'pdf', originalName: '矩阵文件.pdf', pages: 1, leakStatus: 'done' });
  return { id, sm3: stored.sm3 };
}

/**
 * An application of the slot, accepted with its fee confirmed (as acceptedApplications of
 * helpers/evaluation.ts makes them, without reloading the campaign), by `owner` or a fresh applicant
 * of this file's unit; masking ticked (the notice reviews blind); with `withFile`, one clean scan in
 * a masked slot.
 */
async function acceptedApplication(slot: CommitteeSlot, options: { owner?: CreatedUser; withFile?: boolean } = {}) {
  const name = `矩阵申报人${tag()}`;
  const applicant = options.owner ?? (await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed', name }));
  const now = new Date();
  const [app] = await t.services.db
    .insert(applications)
    .values({
      applicantId: applicant.id,
      unitId: org.unitId,
      campaignId: slot.campaignId,
      campaignVersion: 1,
      year: evaluationNotice.year,
      seriesId: slot.seriesId,
      specialtyId: slot.specialtyId,
      level: slot.level,
      pathId: 'directed',
      status: 'accepted',
      form: { basic: { post: '编辑', adminPost: '无', politicalStatus: '群众' }, performance: { summary: '任现职以来负责重大新闻报道的采写和编辑。' }, other: { note: '无' } },
      masking: evaluationNotice.blindReview!.maskedItems,
      archiveSnapshot: [],
      commitmentSignedAt: now,
      submissionCount: 1,
      submittedAt: now,
      recommendationOpinion: '同意推荐',
      recommendedAt: now,
      acceptedAt: now,
    })
    .returning({ id: applications.id });
  await t.services.db.insert(feeOrders).values({ applicationId: app.id, amountYuan: 400, reference: `ZPMX${tag().toUpperCase()}`, status: 'confirmed', decidedAt: now });
  const fileIds: string[] = [];
  if (options.withFile) {
    const file = await storedPdf(applicant.id);
    await t.services.db.insert(applicationMaterials).values({ applicationId: app.id, slotId: 'achievements', fileId: file.id, position: 0 });
    fileIds.push(file.id);
  }
  return { applicationId: app.id, applicantId: applicant.id, name: options.owner ? '' : name, fileIds };
}

type CommitteeStatus = 'formed' | 'scoring_closed' | 'meeting_open' | 'ballot_closed' | 'results_publicised' | 'confirmed';
const COMMITTEE_STAGES: CommitteeStatus[] = ['formed', 'scoring_closed', 'meeting_open', 'ballot_closed', 'results_publicised', 'confirmed'];
const reached = (status: CommitteeStatus, stage: CommitteeStatus) => COMMITTEE_STAGES.indexOf(status) >= COMMITTEE_STAGES.indexOf(stage);

interface EvaluationOptions {
  level?: Level;
  status?: CommitteeStatus;
  /** Members' attendance (default: not recorded before the meeting, present from its opening on). */
  present?: boolean | null;
  /** Enrolled candidates (default 1). */
  candidates?: number;
  /** Each candidate with a clean scan in a masked slot (blind-safe). */
  withFile?: boolean;
  /** The first candidate's application is this applicant's own (in a campaign of its own). */
  owner?: CreatedUser;
  defenceRequired?: boolean;
  /** Every candidate's result once the ballot closed (default 'passed'), with its counts. */
  result?: 'passed' | 'failed' | 'failed_cap' | 'tied_at_cap';
  publicity?: 'running' | 'over';
  passRatePercent?: string;
  /** Seats the session's user on the committee (joinCommittee), when there is one. */
  seat?: { declared?: boolean; present?: boolean | null };
}

interface EvaluationFixture {
  slot: CommitteeSlot;
  committeeId: string;
  /** Pool entries (no log-in) seated on the committee; the first is its chair. */
  memberIds: string[];
  /** The caller's pool entry when the caller was seated, else null. */
  callerExpertId: string | null;
  candidates: { applicationId: string; applicantId: string; name: string; code: string; fileIds: string[] }[];
}

async function evaluationFixture(s: Session, options: EvaluationOptions = {}): Promise<EvaluationFixture> {
  const db = t.services.db;
  const status = options.status ?? 'formed';
  const slot = await committeeSlot(options.level ? [options.level] : UNCAPPED, options.owner !== undefined);
  const level = slot.level;
  const memberIds = await poolExperts(3, { seriesId: slot.seriesId });
  const now = new Date();
  const [committee] = await db
    .insert(committees)
    .values({
      campaignId: slot.campaignId,
      seriesId: slot.seriesId,
      level,
      name: `矩阵${level}评审委员会${tag()}`,
      size: memberIds.length,
      seed: `matrix-${tag()}`,
      chairExpertId: memberIds[0],
      passRatePercent: options.passRatePercent ?? null,
      meetingPlace: '矩阵会议中心',
      status,
      scoringClosedAt: reached(status, 'scoring_closed') ? now : null,
      meetingOpenedAt: reached(status, 'meeting_open') ? now : null,
      ballotClosedAt: reached(status, 'ballot_closed') ? now : null,
      confirmedAt: reached(status, 'confirmed') ? now : null,
    })
    .returning({ id: committees.id });
  const present = options.present !== undefined ? options.present : reached(status, 'meeting_open') ? true : null;
  await db.insert(committeeMembers).values(memberIds.map((expertId) => ({ committeeId: committee.id, expertId, conflictsDeclaredAt: now, present })));

  const apps: Awaited<ReturnType<typeof acceptedApplication>>[] = [];
  for (let i = 0; i < (options.candidates ?? 1); i++) apps.push(await acceptedApplication(slot, { owner: i === 0 ? options.owner : undefined, withFile: options.withFile }));
  const closed = reached(status, 'ballot_closed');
  const result = options.result ?? 'passed';
  const agree = result === 'failed' ? 0 : memberIds.length;
  const candidateRows = apps.map((a, i) => ({ ...a, code: `MX-${tag().toUpperCase()}-${10 + i}` }));
  if (candidateRows.length > 0) {
    await db.insert(candidates).values(
      candidateRows.map((c) => ({
        applicationId: c.applicationId,
        committeeId: committee.id,
        code: c.code,
        defenceRequired: options.defenceRequired ?? false,
        defenceExemptReason: options.defenceRequired ? null : `申报${level}免于答辩（A24-14）`,
        defenceRuleId: 'A24-14',
        ...(closed ? { voters: memberIds.length, agree, disagree: memberIds.length - agree, abstain: 0, result, rank: result === 'failed' ? null : 1 } : {}),
      })),
    );
    await db.insert(assignments).values(candidateRows.flatMap((c) => memberIds.map((expertId) => ({ committeeId: committee.id, expertId, applicationId: c.applicationId }))));
    if (reached(status, 'meeting_open')) {
      await db.insert(ballotTallies).values(candidateRows.map((c) => ({ applicationId: c.applicationId, committeeId: committee.id, ...(closed ? { agree, disagree: memberIds.length - agree } : {}) })));
    }
  }
  if (options.publicity) {
    const today = beijingDate(new Date());
    const [startsOn, endsOn] = options.publicity === 'running' ? [addDays(today, -1), addDays(today, 6)] : [addDays(today, -10), addDays(today, -1)];
    await db.insert(resultPublicities).values({ committeeId: committee.id, startsOn, endsOn, workingDays: 5 });
  }
  const callerExpertId = s.user && options.seat ? await joinCommittee(t, org, committee.id, s.user.id, options.seat) : null;
  return { slot, committeeId: committee.id, memberIds, callerExpertId, candidates: candidateRows };
}

const committeeField = async (id: string) => (await t.services.db.select().from(committees).where(eq(committees.id, id)))[0];
const candidateField = async (applicationId: string) => (await t.services.db.select().from(candidates).where(eq(candidates.applicationId, applicationId)))[0];
const rowsOf = async (table: typeof conflicts | typeof defenceSessions | typeof ballotReceipts, committeeId: string) =>
  (await t.services.db.select({ committeeId: table.committeeId }).from(table).where(eq(table.committeeId, committeeId))).length;
const scoreRows = async (applicationId: string) => (await t.services.db.select({ id: scores.id }).from(scores).where(eq(scores.applicationId, applicationId))).length;
const caseRows = async (applicationId: string) => (await t.services.db.select({ id: resultCases.id }).from(resultCases).where(eq(resultCases.applicationId, applicationId))).length;
const expertsNamed = async (name: string) => (await t.services.db.select({ id: experts.id }).from(experts).where(eq(experts.name, name))).length;
const qualificationDocument = async (committeeId: string) => (await t.services.db.select().from(qualificationDocuments).where(eq(qualificationDocuments.committeeId, committeeId)))[0];
async function issueDocument(committeeId: string, filed: boolean): Promise<void> {
  const { id } = await storedPdf((await ownerFor(null)).id);
  await t.services.db.insert(qualificationDocuments).values({ committeeId, documentNumber: `矩阵职改〔2024〕${tag()}号`, fileId: id, issuedOn: '2024-12-01', filedAt: filed ? new Date() : null });
}
/** A certificate of the application, as issueCertificates leaves it (the PDF is a plain stored one). */
async function certificateOf(applicationId: string, ownerId: string): Promise<string> {
  const pdf = await storedPdf(ownerId);
  const [row] = await t.services.db
    .insert(certificates)
    .values({
      applicationId,
      number: `MX2024-ZJ-${tag()}`,
      verificationCode: newCertificateCode(),
      payload: JSON.stringify({ name: '矩阵证书', titleName: '编辑' }),
      signature: '00',
      pdfSm3: pdf.sm3,
      fileId: pdf.id,
    })
    .returning({ id: certificates.id });
  return row.id;
}
/** A review score sheet on the 中级 form (84.5 points). */
const SCORE_SHEET = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '矩阵评分' };

/** One request per route that succeeds when the caller holds the route's permission. */
const SAMPLES: Record<string, Sample> = {
  'POST /api/auth/logout': { allow: 204, session: 'fresh', run: async ({ client }) => ({ response: await client.post('/api/auth/logout') }) },
  'GET /api/me': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me') }) },
  'POST /api/me/password': {
    allow: 204,
    session: 'fresh',
    run: async ({ client }) => ({ response: await client.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Lm4$orchard-Tide' }) }),
  },
  'POST /api/me/totp/setup': { allow: 200, session: 'no-totp', run: async ({ client }) => ({ response: await client.post('/api/me/totp/setup') }) },
  'POST /api/me/totp/enable': {
    allow: 204,
    session: 'no-totp',
    run: async ({ client }) => {
      const setup = await client.post('/api/me/totp/setup');
      const code = setup.statusCode === 200 ? totpCode(setup.json().secret, Date.now()) : '123456';
      return { response: await client.post('/api/me/totp/enable', { code }) };
    },
  },
  'GET /api/unit/memberships': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/unit/memberships') }) },
  'POST /api/unit/memberships/:id/confirm': {
    allow: 204,
    run: async ({ client }) => {
      const id = await pendingMembership();
      return { response: await client.post(`/api/unit/memberships/${id}/confirm`), unchanged: async () => (await membershipStatus(id)) === 'pending' };
    },
  },
  'POST /api/unit/memberships/:id/reject': {
    allow: 204,
    run: async ({ client }) => {
      const id = await pendingMembership();
      return {
        response: await client.post(`/api/unit/memberships/${id}/reject`, { reason: '经核实不是本单位职工' }),
        unchanged: async () => (await membershipStatus(id)) === 'pending',
      };
    },
  },
  'GET /api/admin/orgs': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/admin/orgs') }) },
  'POST /api/admin/orgs': {
    allow: 201,
    run: async ({ client }) => {
      const name = `矩阵新单位${tag()}`;
      return {
        response: await client.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name, unitKind: 'enterprise', countyLevelOrBelow: true }),
        unchanged: async () => !(await orgExists({ name })),
      };
    },
  },
  'PATCH /api/admin/orgs/:id': {
    allow: 200,
    run: async ({ client }) => {
      const id = await freshUnit();
      const name = `矩阵改名单位${tag()}`;
      return { response: await client.patch(`/api/admin/orgs/${id}`, { name }), unchanged: async () => !(await orgExists({ name })) };
    },
  },
  'DELETE /api/admin/orgs/:id': {
    allow: 204,
    run: async ({ client }) => {
      const id = await freshUnit();
      return { response: await client.delete(`/api/admin/orgs/${id}`), unchanged: () => orgExists({ id }) };
    },
  },
  'POST /api/admin/orgs/import': {
    allow: 200,
    run: async ({ client }) => {
      const name = `矩阵导入单位${tag()}`;
      const file = await xlsxOf(ORG_IMPORT_COLUMNS, [[countyPath, name, '用人单位', '', '企业', '是', '']]);
      return { response: await uploadFile(client, '/api/admin/orgs/import', file), unchanged: async () => !(await orgExists({ name })) };
    },
  },
  'GET /api/admin/orgs/template.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/admin/orgs/template.xlsx') }) },
  // Filtered to the caller's own account: other test files' accounts are encrypted under other keys.
  'GET /api/admin/users': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/admin/users?q=${user?.username ?? 'nobody'}`) }) },
  'POST /api/admin/users': {
    allow: 201,
    run: async ({ client }) => {
      const username = `mx${tag()}`;
      return {
        response: await client.post('/api/admin/users', { username, name: '矩阵职员', initialPassword: 'Rv8#silent-Creek' }),
        unchanged: async () => (await t.services.db.select({ id: users.id }).from(users).where(eq(users.username, username))).length === 0,
      };
    },
  },
  'GET /api/security/users': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/security/users?q=${user?.username ?? 'nobody'}`) }) },
  'GET /api/security/orgs': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/security/orgs') }) },
  'POST /api/security/role-assignments': {
    allow: 201,
    run: async ({ client }) => {
      const target = await createUser(t.services);
      return {
        response: await client.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId }),
        unchanged: async () => (await t.services.db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id))).length === 0,
      };
    },
  },
  'DELETE /api/security/role-assignments/:id': {
    allow: 204,
    run: async ({ client }) => {
      const target = await createUser(t.services, { role: 'expert', orgId: org.prefectureId });
      const [grant] = await t.services.db.select({ id: roleAssignments.id }).from(roleAssignments).where(eq(roleAssignments.userId, target.id));
      return {
        response: await client.delete(`/api/security/role-assignments/${grant.id}`),
        unchanged: async () => (await t.services.db.select().from(roleAssignments).where(eq(roleAssignments.id, grant.id))).length === 1,
      };
    },
  },
  'POST /api/security/users/:id/unlock': {
    allow: 204,
    run: async ({ client }) => {
      const target = await createUser(t.services);
      const lockedUntil = new Date(Date.now() + 30 * 60_000);
      await t.services.db.update(users).set({ lockedUntil, failedLogins: 0 }).where(eq(users.id, target.id));
      return {
        response: await client.post(`/api/security/users/${target.id}/unlock`),
        unchanged: async () => (await t.services.db.select({ l: users.lockedUntil }).from(users).where(eq(users.id, target.id)))[0].l !== null,
      };
    },
  },
  'GET /api/audit/logs': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/audit/logs?pageSize=5') }) },
  'GET /api/audit/logs.xlsx': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/audit/logs.xlsx?actor=${user?.username ?? 'nobody'}`) }),
  },
  'POST /api/audit/verify': { allow: 200, run: async ({ client }) => ({ response: await client.post('/api/audit/verify') }) },
  'GET /api/office/campaigns': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/campaigns') }) },
  'GET /api/office/campaigns/:id': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/office/campaigns/${await insertCampaign(t.services, prefecture)}`) }),
  },
  'POST /api/office/campaigns': {
    allow: 201,
    run: async ({ client }) => {
      const config = configFor(prefecture);
      return { response: await client.post('/api/office/campaigns', { config }), unchanged: async () => (await campaignRow(t.services, config.id)) === undefined };
    },
  },
  'POST /api/office/campaigns/import': {
    allow: 201,
    run: async ({ client }) => {
      const config = configFor(prefecture);
      return {
        response: await uploadFile(client, '/api/office/campaigns/import', Buffer.from(JSON.stringify(config)), `${config.id}.json`, 'application/json'),
        unchanged: async () => (await campaignRow(t.services, config.id)) === undefined,
      };
    },
  },
  'POST /api/office/campaigns/:id/clone': {
    allow: 201,
    run: async ({ client }) => {
      const source = await insertCampaign(t.services, prefecture, { publish: true });
      const id = freshCampaignId('clone');
      return {
        response: await client.post(`/api/office/campaigns/${source}/clone`, { id, title: '矩阵复制的评审活动', year: 2025 }),
        unchanged: async () => (await campaignRow(t.services, id)) === undefined,
      };
    },
  },
  'PUT /api/office/campaigns/:id': {
    allow: 200,
    run: async ({ client }) => {
      const id = await insertCampaign(t.services, prefecture);
      const config = { ...configFor(prefecture, undefined, id), title: '矩阵修改后的标题' };
      return {
        response: await client.request('PUT', `/api/office/campaigns/${id}`, { body: { config, baseVersion: 1 } }),
        unchanged: async () => (await campaignRow(t.services, id)).currentVersion === 1,
      };
    },
  },
  'POST /api/office/campaigns/:id/publish': {
    allow: 200,
    run: async ({ client }) => {
      const id = await insertCampaign(t.services, prefecture);
      return { response: await client.post(`/api/office/campaigns/${id}/publish`, { version: 1 }), unchanged: async () => (await campaignRow(t.services, id)).status === 'draft' };
    },
  },
  'GET /api/admin/calendar': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/admin/calendar?region=xinjiang&year=2024') }) },
  'GET /api/admin/calendar/working-days': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get('/api/admin/calendar/working-days?region=national&from=2024-01-01&to=2024-01-31') }),
  },
  'PUT /api/admin/calendar/days/:date': {
    allow: 200,
    run: async ({ client }) => {
      const date = calendarDate();
      return {
        response: await client.request('PUT', `/api/admin/calendar/days/${date}`, { body: { region: 'national', kind: 'holiday', name: '矩阵假日' } }),
        unchanged: async () => (await calendarRows(date)) === 0,
      };
    },
  },
  'DELETE /api/admin/calendar/days/:date': {
    allow: 204,
    run: async ({ client }) => {
      const date = calendarDate();
      await t.services.db.insert(calendarDays).values({ date, region: 'national', kind: 'holiday', name: '矩阵假日' }).onConflictDoNothing();
      return { response: await client.delete(`/api/admin/calendar/days/${date}?region=national`), unchanged: async () => (await calendarRows(date)) === 1 };
    },
  },
  'POST /api/admin/calendar/years/:year/complete': {
    allow: 204,
    run: async ({ client }) => {
      const taken = new Set((await t.services.db.select({ year: calendarCompleteYears.year }).from(calendarCompleteYears)).map((r) => r.year));
      const year = Array.from({ length: 20 }, (_, i) => 2080 + i).find((y) => !taken.has(y) && !calendarYears.includes(y))!;
      calendarYears.push(year);
      const date = `${year}-01-01`;
      calendarDates.push(date);
      await t.services.db.insert(calendarDays).values({ date, region: 'national', kind: 'holiday', name: '元旦' }).onConflictDoNothing();
      const marked = async () => (await t.services.db.select().from(calendarCompleteYears).where(and(eq(calendarCompleteYears.year, year), eq(calendarCompleteYears.region, 'national')))).length;
      return { response: await client.post(`/api/admin/calendar/years/${year}/complete`, { region: 'national' }), unchanged: async () => (await marked()) === 0 };
    },
  },
  // ---- declaration (issue 4) ----
  'GET /api/me/archive': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/archive') }) },
  'POST /api/me/archive/:recordKind': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const before = (await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.userId, owner.id))).length;
      return {
        response: await client.post('/api/me/archive/achievement', { data: { year: 2025, name: '矩阵新闻奖', grantor: '矩阵协会', grade: '二等奖' } }),
        unchanged: async () => (await t.services.db.select().from(archiveRecords).where(eq(archiveRecords.userId, owner.id))).length === before,
      };
    },
  },
  'PUT /api/me/archive/records/:id': {
    allow: 200,
    run: async ({ client, user }) => {
      const id = await recordOf((await ownerFor(user)).id);
      return {
        response: await client.request('PUT', `/api/me/archive/records/${id}`, { body: { data: { year: 2024, name: '改过的奖', grantor: '矩阵协会', grade: '一等奖' } } }),
        unchanged: async () => (await recordData(id) as { name: string }).name === '矩阵奖',
      };
    },
  },
  'DELETE /api/me/archive/records/:id': {
    allow: 204,
    run: async ({ client, user }) => {
      const id = await recordOf((await ownerFor(user)).id);
      return { response: await client.delete(`/api/me/archive/records/${id}`), unchanged: async () => (await recordData(id)) !== undefined };
    },
  },
  'POST /api/me/files': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const before = await fileCount(owner.id);
      return { response: await jpegUpload(client, '/api/me/files'), unchanged: async () => (await fileCount(owner.id)) === before };
    },
  },
  'GET /api/me/files/:id': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/files/${await fileOf((await ownerFor(user)).id)}`) }),
  },
  'GET /api/me/files/:id/content': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/files/${await fileOf((await ownerFor(user)).id)}/content`) }),
  },
  'POST /api/me/files/:id/rotate': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await fileOf(owner.id);
      const before = await fileCount(owner.id);
      return { response: await client.post(`/api/me/files/${id}/rotate`, { degrees: 90 }), unchanged: async () => (await fileCount(owner.id)) === before };
    },
  },
  'GET /api/me/campaigns': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/campaigns') }) },
  'GET /api/me/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/applications') }) },
  'POST /api/me/applications': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const mine = async () => (await t.services.db.select().from(applications).where(and(eq(applications.applicantId, owner.id), eq(applications.campaignId, createCampaign)))).length;
      return {
        response: await client.post('/api/me/applications', { campaignId: createCampaign, seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' }),
        unchanged: async () => (await mine()) === 0,
      };
    },
  },
  'GET /api/me/applications/:id': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}`) }) },
  'PUT /api/me/applications/:id/sections/:sectionId': {
    allow: 200,
    run: async ({ client, user }) => {
      const id = await applicationOf(user);
      const before = await applicationField(id);
      return {
        response: await client.request('PUT', `/api/me/applications/${id}/sections/other`, { body: { version: before.version, values: { note: `矩阵${tag()}` } } }),
        unchanged: async () => (await applicationField(id)).version === before.version,
      };
    },
  },
  'POST /api/me/applications/:id/materials/:slotId': {
    allow: 201,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const before = await fileCount(owner.id);
      const id = await applicationOf(user);
      return { response: await jpegUpload(client, `/api/me/applications/${id}/materials/political-conduct`), unchanged: async () => (await fileCount(owner.id)) === before };
    },
  },
  'POST /api/me/applications/:id/materials/:slotId/from-archive': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationOf(user);
      const fileId = await fileOf(owner.id);
      const placed = async () => (await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.fileId, fileId))).length;
      return { response: await client.post(`/api/me/applications/${id}/materials/political-conduct/from-archive`, { fileId }), unchanged: async () => (await placed()) === 0 };
    },
  },
  'DELETE /api/me/applications/:id/materials/:materialId': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationOf(user);
      const [material] = await t.services.db
        .insert(applicationMaterials)
        .values({ applicationId: id, slotId: 'political-conduct', fileId: await fileOf(owner.id), position: 99 })
        .returning({ id: applicationMaterials.id });
      const exists = async () => (await t.services.db.select().from(applicationMaterials).where(eq(applicationMaterials.id, material.id))).length === 1;
      return { response: await client.delete(`/api/me/applications/${id}/materials/${material.id}`), unchanged: exists };
    },
  },
  'PUT /api/me/applications/:id/masking': {
    allow: 204,
    run: async ({ client, user }) => ({ response: await client.request('PUT', `/api/me/applications/${await applicationOf(user)}/masking`, { body: { items: [] } }) }),
  },
  'POST /api/me/applications/:id/commitment': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationOf(user);
      await t.services.db.update(applications).set({ commitmentSignedAt: null }).where(eq(applications.id, id));
      const [{ name }] = await t.services.db.select({ name: users.name }).from(users).where(eq(users.id, owner.id));
      return { response: await client.post(`/api/me/applications/${id}/commitment`, { name }), unchanged: async () => (await applicationField(id)).commitmentSignedAt === null };
    },
  },
  'GET /api/me/applications/:id/commitment.pdf': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/commitment.pdf`) }),
  },
  'GET /api/me/applications/:id/commitment.docx': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/commitment.docx`) }),
  },
  'GET /api/me/applications/:id/blind-preview': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/blind-preview`) }),
  },
  // Allowed means the command ran: the sample application is incomplete, so it answers 422.
  'POST /api/me/applications/:id/submit': {
    allow: 422,
    run: async ({ client, user }) => {
      const id = await applicationOf(user);
      return { response: await client.post(`/api/me/applications/${id}/submit`, {}), unchanged: async () => (await applicationField(id)).status === 'draft' };
    },
  },
  'POST /api/me/applications/:id/withdraw': {
    allow: 204,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationRow(owner.id, withdrawCampaign);
      await t.services.db.update(applications).set({ status: 'draft' }).where(eq(applications.id, id));
      return { response: await client.post(`/api/me/applications/${id}/withdraw`), unchanged: async () => (await applicationField(id)).status === 'draft' };
    },
  },
  'GET /api/me/notifications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/me/notifications') }) },
  'GET /api/unit/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/unit/applications') }) },
  'GET /api/unit/applications.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/unit/applications.xlsx?status=unit_review') }) },
  'GET /api/unit/applications/:id': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${(await submittedApplication()).id}`) }),
  },
  'GET /api/unit/applications/:id/files/:fileId/content': {
    allow: 200,
    run: async ({ client }) => {
      const { id, fileId } = await submittedApplication();
      return { response: await client.get(`/api/unit/applications/${id}/files/${fileId}/content`) };
    },
  },
  'POST /api/unit/applications/:id/return': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await submittedApplication();
      return { response: await client.post(`/api/unit/applications/${id}/return`, { reasons: ['材料不清晰'] }), unchanged: async () => (await applicationField(id)).status === 'unit_review' };
    },
  },
  'POST /api/unit/applications/:id/publicity': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_review');
      return { response: await client.post(`/api/unit/applications/${id}/publicity`, { startsOn: beijingDate(new Date()) }), unchanged: async () => (await statusOf(id)) === 'unit_review' };
    },
  },
  'POST /api/unit/applications/:id/objections': {
    allow: 201,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_publicity');
      const count = async () => (await t.services.db.select().from(objections).where(eq(objections.applicationId, id))).length;
      return { response: await client.post(`/api/unit/applications/${id}/objections`, { content: '反映其代表作品署名有误' }), unchanged: async () => (await count()) === 0 };
    },
  },
  'POST /api/unit/objections/:id/resolve': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_publicity');
      const [objection] = await t.services.db.insert(objections).values({ applicationId: id, content: '异议' }).returning({ id: objections.id });
      const open = async () => (await t.services.db.select().from(objections).where(eq(objections.id, objection.id)))[0].resolvedAt === null;
      return { response: await client.post(`/api/unit/objections/${objection.id}/resolve`, { resolution: '经核实，署名无误' }), unchanged: open };
    },
  },
  'POST /api/unit/applications/:id/recommend': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('unit_publicity');
      await t.services.db.insert(publicities).values({ applicationId: id, startsOn: '2020-01-06', endsOn: '2020-01-10', workingDays: 5 });
      return { response: await client.post(`/api/unit/applications/${id}/recommend`), unchanged: async () => (await statusOf(id)) === 'unit_publicity' };
    },
  },
  'GET /api/dept/applications.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/dept/applications.xlsx') }) },
  'GET /api/dept/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/dept/applications') }) },
  'GET /api/dept/applications/:id': { allow: 200, run: async ({ client }) => ({ response: await client.get(`/api/dept/applications/${(await applicationAt('dept_review')).id}`) }) },
  'GET /api/dept/applications/:id/files/:fileId/content': {
    allow: 200,
    run: async ({ client }) => {
      const { id, fileId } = await applicationAt('dept_review');
      return { response: await client.get(`/api/dept/applications/${id}/files/${fileId}/content`) };
    },
  },
  'POST /api/dept/applications/:id/return': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('dept_review');
      return { response: await client.post(`/api/dept/applications/${id}/return`, { reasons: ['推荐材料不全'] }), unchanged: async () => (await statusOf(id)) === 'dept_review' };
    },
  },
  'POST /api/dept/batches': {
    allow: 201,
    run: async ({ client }) => {
      const { id } = await applicationAt('dept_review');
      return { response: await client.post('/api/dept/batches', { applicationIds: [id] }), unchanged: async () => (await statusOf(id)) === 'dept_review' };
    },
  },
  'GET /api/dept/batches/:id/list.xlsx': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      const [batch] = await t.services.db.insert(batches).values({ departmentId: org.departmentId, campaignId: sharedCampaign }).returning({ id: batches.id });
      await t.services.db.update(applications).set({ batchId: batch.id }).where(eq(applications.id, id));
      return { response: await client.get(`/api/dept/batches/${batch.id}/list.xlsx`) };
    },
  },
  'GET /api/office/applications.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/applications.xlsx') }) },
  'GET /api/office/applications': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/applications') }) },
  'GET /api/office/applications/:id': { allow: 200, run: async ({ client }) => ({ response: await client.get(`/api/office/applications/${(await applicationAt('office_review')).id}`) }) },
  'GET /api/office/applications/:id/files/:fileId/content': {
    allow: 200,
    run: async ({ client }) => {
      const { id, fileId } = await applicationAt('office_review');
      return { response: await client.get(`/api/office/applications/${id}/files/${fileId}/content`) };
    },
  },
  'POST /api/office/applications/:id/return': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      return { response: await client.post(`/api/office/applications/${id}/return`, { reasons: ['学历证书扫描件不清晰'] }), unchanged: async () => (await statusOf(id)) === 'office_review' };
    },
  },
  'POST /api/office/applications/:id/accept': {
    allow: 204,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      return { response: await client.post(`/api/office/applications/${id}/accept`), unchanged: async () => (await statusOf(id)) === 'office_review' };
    },
  },
  'GET /api/me/applications/:id/review-form.pdf': {
    allow: 200,
    run: async ({ client, user }) => {
      const owner = await ownerFor(user);
      const id = await applicationRow(owner.id, aksuCampaign, 'accepted');
      return { response: await client.get(`/api/me/applications/${id}/review-form.pdf`) };
    },
  },
  'GET /api/office/applications/:id/review-form.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/office/applications/${(await applicationAt('accepted')).id}/review-form.pdf`) }),
  },
  'GET /api/office/applications/:id/review-form-blind.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/office/applications/${(await applicationAt('accepted')).id}/review-form-blind.pdf`) }),
  },
  'POST /api/office/applications/:id/paper-received': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('accepted', org.unitId, aksuCampaign);
      return { response: await client.post(`/api/office/applications/${id}/paper-received`, {}), unchanged: async () => (await applicationField(id)).paperReceivedAt === null };
    },
  },
  'GET /api/office/payment-settings': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/payment-settings') }) },
  'PUT /api/office/payment-settings': {
    allow: 200,
    run: async ({ client }) => ({
      response: await client.request('PUT', '/api/office/payment-settings', { body: { payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '3042 0101 0400 1234 5' } }),
    }),
  },
  'POST /api/office/payment-settings/qr': {
    allow: 200,
    run: async ({ client }) => {
      await t.services.db
        .insert(paymentSettings)
        .values({ prefectureId: org.prefectureId, payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '30420101' })
        .onConflictDoNothing();
      return { response: await uploadFile(client, '/api/office/payment-settings/qr', smallJpeg, '收款码.jpg', 'image/jpeg') };
    },
  },
  'GET /api/office/payment-settings/qr': {
    allow: 200,
    run: async ({ client }) => {
      const owner = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
      const qrFileId = await fileOf(owner.id);
      await t.services.db
        .insert(paymentSettings)
        .values({ prefectureId: org.prefectureId, payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '30420101', qrFileId })
        .onConflictDoUpdate({ target: paymentSettings.prefectureId, set: { qrFileId } });
      return { response: await client.get('/api/office/payment-settings/qr') };
    },
  },
  'GET /api/me/applications/:id/fee': {
    allow: 200,
    run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${(await feeOrderFor((await ownerFor(user)).id)).applicationId}/fee`) }),
  },
  'GET /api/me/applications/:id/fee/qr': {
    allow: 200,
    run: async ({ client, user }) => {
      const { applicationId } = await feeOrderFor((await ownerFor(user)).id);
      const qrFileId = await fileOf((await ownerFor(null)).id);
      await t.services.db
        .insert(paymentSettings)
        .values({ prefectureId: org.prefectureId, payeeName: '测试评委会', bankName: '农行测试支行', accountNumber: '30420101', qrFileId })
        .onConflictDoUpdate({ target: paymentSettings.prefectureId, set: { qrFileId } });
      return { response: await client.get(`/api/me/applications/${applicationId}/fee/qr`) };
    },
  },
  'POST /api/me/applications/:id/fee/receipt': {
    allow: 201,
    run: async ({ client, user }) => {
      const { applicationId, orderId } = await feeOrderFor((await ownerFor(user)).id);
      return { response: await jpegUpload(client, `/api/me/applications/${applicationId}/fee/receipt`), unchanged: async () => (await orderStatus(orderId)) === 'pending' };
    },
  },
  'GET /api/finance/fee-orders': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/finance/fee-orders') }) },
  'GET /api/finance/fee-orders/:id/receipt': {
    allow: 200,
    run: async ({ client }) => {
      const { orderId } = await feeOrderFor((await ownerFor(null)).id, { receipt: true });
      return { response: await client.get(`/api/finance/fee-orders/${orderId}/receipt`) };
    },
  },
  'POST /api/finance/fee-orders/:id/confirm': {
    allow: 204,
    run: async ({ client }) => {
      const { orderId } = await feeOrderFor((await ownerFor(null)).id, { receipt: true });
      return { response: await client.post(`/api/finance/fee-orders/${orderId}/confirm`), unchanged: async () => (await orderStatus(orderId)) === 'receipt_uploaded' };
    },
  },
  'POST /api/finance/fee-orders/:id/reject': {
    allow: 204,
    run: async ({ client }) => {
      const { orderId } = await feeOrderFor((await ownerFor(null)).id, { receipt: true });
      return { response: await client.post(`/api/finance/fee-orders/${orderId}/reject`, { reason: '金额不符' }), unchanged: async () => (await orderStatus(orderId)) === 'receipt_uploaded' };
    },
  },
  'GET /api/finance/campaigns/:campaignId/reconciliation.xlsx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/finance/campaigns/${aksuCampaign}/reconciliation.xlsx`) }),
  },
  'GET /api/finance/campaigns/:campaignId/unpaid': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/finance/campaigns/${aksuCampaign}/unpaid`) }),
  },
  // The real 2024 notice: its payment deadline (2024-09-15) is over, so unpaid applications can be
  // closed. Each call gets its own campaign: finance's allowed call closes every unpaid application
  // of the campaign, which must not be another principal's "unchanged" witness.
  'POST /api/finance/campaigns/:campaignId/close-unpaid': {
    allow: 200,
    run: async ({ client }) => {
      const campaignId = await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true });
      aksuCampaignIds.add(campaignId);
      const owner = await ownerFor(null);
      const { applicationId } = await feeOrderFor(owner.id, { campaignId });
      return { response: await client.post(`/api/finance/campaigns/${campaignId}/close-unpaid`), unchanged: async () => (await applicationField(applicationId)).status === 'accepted' };
    },
  },
  'GET /api/unit/applications/:id/publicity-notice.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-notice.pdf`) }),
  },
  'GET /api/unit/applications/:id/publicity-notice.docx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-notice.docx`) }),
  },
  'GET /api/unit/applications/:id/publicity-result.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-result.pdf`) }),
  },
  'GET /api/unit/applications/:id/publicity-result.docx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(false)}/publicity-result.docx`) }),
  },
  'GET /api/unit/applications/:id/recommendation-report.pdf': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(true)}/recommendation-report.pdf`) }),
  },
  'GET /api/unit/applications/:id/recommendation-report.docx': {
    allow: 200,
    run: async ({ client }) => ({ response: await client.get(`/api/unit/applications/${await publicisedApplication(true)}/recommendation-report.docx`) }),
  },
  'POST /api/unit/applications/:id/publicity/sealed-copies/:which': {
    allow: 201,
    run: async ({ client }) => {
      const id = await publicisedApplication(false);
      const stored = async () => (await t.services.db.select().from(publicities).where(eq(publicities.applicationId, id)))[0].noticeFileId;
      return { response: await uploadFile(client, `/api/unit/applications/${id}/publicity/sealed-copies/notice`, smallJpeg, '公示通知盖章件.jpg', 'image/jpeg'), unchanged: async () => (await stored()) === null };
    },
  },
  'GET /api/unit/applications/:id/publicity/sealed-copies/:which': {
    allow: 200,
    run: async ({ client }) => {
      const id = await publicisedApplication(false);
      const owner = await ownerFor(null);
      await t.services.db.update(publicities).set({ noticeFileId: await fileOf(owner.id) }).where(eq(publicities.applicationId, id));
      return { response: await client.get(`/api/unit/applications/${id}/publicity/sealed-copies/notice`) };
    },
  },
  'GET /api/dept/batches/:id/list.pdf': {
    allow: 200,
    run: async ({ client }) => {
      const { id } = await applicationAt('office_review');
      const [{ batchId }] = await t.services.db.select({ batchId: applications.batchId }).from(applications).where(eq(applications.id, id));
      return { response: await client.get(`/api/dept/batches/${batchId}/list.pdf`) };
    },
  },
  // ---- evaluation (issue 6): the office's pool, committees, meeting, results and certificates; the expert's desk ----
  // Expert samples seat the caller on the committee (for an expert or a chair that is what makes the
  // call allowed; for any other role it shows the refusal comes from the role, before any scope).
  'GET /api/office/experts': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/experts?seriesId=news&q=矩阵') }) },
  'GET /api/office/expert-accounts': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/expert-accounts') }) },
  'POST /api/office/experts': {
    allow: 201,
    run: async ({ client }) => {
      const name = `矩阵新专家${tag()}`;
      const body = { name, seriesId: 'news', specialtyIds: ['editor'], level: '正高', titleName: '高级编辑', unitId: null, unitName: '退休', phone: randomPhone(), termStart: '2020-01-01', termEnd: '2022-12-31', userId: null };
      return { response: await client.post('/api/office/experts', body), unchanged: async () => (await expertsNamed(name)) === 0 };
    },
  },
  'PATCH /api/office/experts/:id': {
    allow: 200,
    run: async ({ client }) => {
      const [id] = await poolExperts(1);
      const titleName = async () => (await t.services.db.select({ v: experts.titleName }).from(experts).where(eq(experts.id, id)))[0].v;
      return { response: await client.patch(`/api/office/experts/${id}`, { titleName: '主任编辑' }), unchanged: async () => (await titleName()) === '高级编辑' };
    },
  },
  'GET /api/office/experts/template.xlsx': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/office/experts/template.xlsx') }) },
  'POST /api/office/experts/import': {
    allow: 200,
    run: async ({ client }) => {
      const name = `矩阵导入专家${tag()}`;
      const file = await xlsxOf(EXPERT_IMPORT_COLUMNS, [[name, 'news', 'editor', '正高', '高级编辑', '退休', '', '2020-01-01', '2022-12-31', '']]);
      return { response: await uploadFile(client, '/api/office/experts/import', file, 'experts.xlsx'), unchanged: async () => (await expertsNamed(name)) === 0 };
    },
  },
  'GET /api/office/campaigns/:campaignId/committees': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/campaigns/${(await evaluationFixture(s)).slot.campaignId}/committees`) }),
  },
  // A pool of three on a meeting date of this call alone: the draw takes exactly them.
  'POST /api/office/campaigns/:campaignId/committees': {
    allow: 201,
    run: async ({ client }) => {
      const slot = await committeeSlot(['中级']);
      const meetingDate = uniqueMeetingDate();
      await poolExperts(3, { seriesId: slot.seriesId, termStart: meetingDate, termEnd: meetingDate });
      const formed = async () =>
        (await t.services.db.select({ id: committees.id }).from(committees).where(and(eq(committees.campaignId, slot.campaignId), eq(committees.seriesId, slot.seriesId), eq(committees.level, slot.level)))).length;
      return {
        response: await client.post(`/api/office/campaigns/${slot.campaignId}/committees`, { seriesId: slot.seriesId, level: slot.level, size: 3, seed: `matrix-${tag()}`, requiredSpecialtyIds: [], meetingDate }),
        unchanged: async () => (await formed()) === 0,
      };
    },
  },
  'GET /api/office/committees/:id': { allow: 200, run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s)).committeeId}`) }) },
  'PATCH /api/office/committees/:id': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s);
      return {
        response: await s.client.patch(`/api/office/committees/${f.committeeId}`, { meetingPlace: '矩阵改后的会议室' }),
        unchanged: async () => (await committeeField(f.committeeId)).meetingPlace === '矩阵会议中心',
      };
    },
  },
  'POST /api/office/committees/:id/enrol': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { candidates: 0 });
      const app = await acceptedApplication(f.slot);
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/enrol`), unchanged: async () => (await candidateField(app.applicationId)) === undefined };
    },
  },
  'POST /api/office/committees/:id/conflicts': {
    allow: 201,
    run: async (s) => {
      const f = await evaluationFixture(s);
      const body = { expertId: f.memberIds[1], applicationId: f.candidates[0].applicationId, kind: 'other', note: '矩阵登记的回避' };
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/conflicts`, body), unchanged: async () => (await rowsOf(conflicts, f.committeeId)) === 0 };
    },
  },
  'POST /api/office/committees/:id/candidates/:applicationId/hold': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s);
      const app = f.candidates[0].applicationId;
      return {
        response: await s.client.post(`/api/office/committees/${f.committeeId}/candidates/${app}/hold`, { held: true, reason: '盲评检查发现姓名' }),
        unchanged: async () => !(await candidateField(app)).packetHeld,
      };
    },
  },
  'GET /api/office/committees/:id/progress': { allow: 200, run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s)).committeeId}/progress`) }) },
  'POST /api/office/committees/:id/close-scoring': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s);
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/close-scoring`), unchanged: async () => (await committeeField(f.committeeId)).status === 'formed' };
    },
  },
  'GET /api/expert/committees': { allow: 200, run: async ({ client }) => ({ response: await client.get('/api/expert/committees') }) },
  'POST /api/expert/committees/:id/conflicts': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { seat: { declared: false } });
      // The caller names a candidate: allowed, that records a conflict; refused, nothing.
      const persons = [{ name: f.candidates[0].name, kind: 'relation', note: '' }];
      const declaredAt = async () =>
        f.callerExpertId === null
          ? null
          : (await t.services.db.select().from(committeeMembers).where(and(eq(committeeMembers.committeeId, f.committeeId), eq(committeeMembers.expertId, f.callerExpertId))))[0].conflictsDeclaredAt;
      return {
        response: await s.client.post(`/api/expert/committees/${f.committeeId}/conflicts`, { persons }),
        unchanged: async () => (await rowsOf(conflicts, f.committeeId)) === 0 && (await declaredAt()) === null,
      };
    },
  },
  'GET /api/expert/committees/:id/packets': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/expert/committees/${(await evaluationFixture(s, { seat: {} })).committeeId}/packets`) }),
  },
  'GET /api/expert/committees/:id/packets/:applicationId': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { seat: {} });
      return { response: await s.client.get(`/api/expert/committees/${f.committeeId}/packets/${f.candidates[0].applicationId}`) };
    },
  },
  'GET /api/expert/committees/:id/packets/:applicationId/files/:fileId': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { seat: {}, withFile: true });
      const [c] = f.candidates;
      return { response: await s.client.get(`/api/expert/committees/${f.committeeId}/packets/${c.applicationId}/files/${c.fileIds[0]}`) };
    },
  },
  'GET /api/expert/committees/:id/packets/:applicationId/review-form.pdf': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { seat: {} });
      return { response: await s.client.get(`/api/expert/committees/${f.committeeId}/packets/${f.candidates[0].applicationId}/review-form.pdf`) };
    },
  },
  'PUT /api/expert/committees/:id/packets/:applicationId/score': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { seat: {} });
      const app = f.candidates[0].applicationId;
      return {
        response: await s.client.request('PUT', `/api/expert/committees/${f.committeeId}/packets/${app}/score`, { body: SCORE_SHEET }),
        unchanged: async () => (await scoreRows(app)) === 0,
      };
    },
  },
  'GET /api/expert/committees/:id/defence': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/expert/committees/${(await evaluationFixture(s, { seat: {} })).committeeId}/defence`) }),
  },
  // The caller sits on the panel of a session that began an hour ago.
  'PUT /api/expert/committees/:id/defence/:applicationId/score': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { seat: {}, defenceRequired: true });
      const app = f.candidates[0].applicationId;
      await defenceSessionFor(t, f.committeeId, [f.callerExpertId ?? f.memberIds[0]], [app]);
      return {
        response: await s.client.request('PUT', `/api/expert/committees/${f.committeeId}/defence/${app}/score`, { body: SCORE_SHEET }),
        unchanged: async () => (await scoreRows(app)) === 0,
      };
    },
  },
  'GET /api/expert/committees/:id/ballot': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/expert/committees/${(await evaluationFixture(s, { seat: {} })).committeeId}/ballot`) }),
  },
  'POST /api/expert/committees/:id/ballot': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'meeting_open', seat: { present: true } });
      const app = f.candidates[0].applicationId;
      const untouched = async () => {
        const [tally] = await t.services.db.select().from(ballotTallies).where(eq(ballotTallies.applicationId, app));
        return tally.agree + tally.disagree + tally.abstain === 0 && (await rowsOf(ballotReceipts, f.committeeId)) === 0;
      };
      return { response: await s.client.post(`/api/expert/committees/${f.committeeId}/ballot`, { votes: [{ applicationId: app, choice: 'agree' }] }), unchanged: untouched };
    },
  },
  'GET /api/office/committees/:id/defence-sessions': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s)).committeeId}/defence-sessions`) }),
  },
  'POST /api/office/committees/:id/defence-sessions': {
    allow: 201,
    run: async (s) => {
      const f = await evaluationFixture(s, { defenceRequired: true });
      const body = { startsAt: new Date().toISOString(), place: '矩阵答辩室', videoLink: null, panelExpertIds: f.memberIds, applicationIds: [f.candidates[0].applicationId] };
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/defence-sessions`, body), unchanged: async () => (await rowsOf(defenceSessions, f.committeeId)) === 0 };
    },
  },
  'GET /api/office/committees/:id/defence-scores': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s)).committeeId}/defence-scores`) }),
  },
  'PUT /api/office/committees/:id/attendance': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s);
      const recorded = async () => (await t.services.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, f.committeeId))).some((m) => m.present !== null);
      return {
        response: await s.client.request('PUT', `/api/office/committees/${f.committeeId}/attendance`, { body: { presentExpertIds: f.memberIds } }),
        unchanged: async () => !(await recorded()),
      };
    },
  },
  'POST /api/office/committees/:id/open-meeting': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'scoring_closed', present: true });
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/open-meeting`), unchanged: async () => (await committeeField(f.committeeId)).status === 'scoring_closed' };
    },
  },
  'POST /api/office/committees/:id/close-ballot': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'meeting_open' });
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/close-ballot`, { closeEarly: true, reason: '矩阵测试：未投票者按未同意计' }), unchanged: async () => (await committeeField(f.committeeId)).status === 'meeting_open' };
    },
  },
  // 副高 is capped (A24-17, the rate set by the committee): a candidate tied at the line.
  'POST /api/office/committees/:id/candidates/:applicationId/tie-decision': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { level: '副高', status: 'ballot_closed', result: 'tied_at_cap', passRatePercent: '50' });
      const app = f.candidates[0].applicationId;
      return {
        response: await s.client.post(`/api/office/committees/${f.committeeId}/candidates/${app}/tie-decision`, { passed: false, reason: '评审委员会复议，按代表作质量排序' }),
        unchanged: async () => (await candidateField(app)).result === 'tied_at_cap',
      };
    },
  },
  'GET /api/office/committees/:id/minutes.pdf': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s, { status: 'ballot_closed' })).committeeId}/minutes.pdf`) }),
  },
  'POST /api/office/committees/:id/results-publicity': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'ballot_closed' });
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/results-publicity`), unchanged: async () => (await committeeField(f.committeeId)).status === 'ballot_closed' };
    },
  },
  'GET /api/office/committees/:id/results-notice.pdf': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'results_publicised', publicity: 'running' });
      return { response: await s.client.get(`/api/office/committees/${f.committeeId}/results-notice.pdf`) };
    },
  },
  // A real-name (applicant) account may object to a publicised result while the publicity runs.
  'POST /api/results/:entryId/objections': {
    allow: 201,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'results_publicised', publicity: 'running' });
      const app = f.candidates[0].applicationId;
      // The public page's opaque entry id (GET /api/public/results), never the application id.
      const entryId = resultEntryId(t.services.cipher, app);
      return { response: await s.client.post(`/api/results/${entryId}/objections`, { content: '反映其代表作存在署名争议' }), unchanged: async () => (await caseRows(app)) === 0 };
    },
  },
  'GET /api/office/cases': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/cases?campaignId=${(await evaluationFixture(s)).slot.campaignId}`) }),
  },
  'POST /api/office/cases/:id/decision': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'results_publicised', publicity: 'running' });
      const [c] = f.candidates;
      const [kase] = await t.services.db.insert(resultCases).values({ applicationId: c.applicationId, kind: 'objection', content: '署名争议', filedBy: c.applicantId }).returning({ id: resultCases.id });
      const status = async () => (await t.services.db.select({ s: resultCases.status }).from(resultCases).where(eq(resultCases.id, kase.id)))[0].s;
      return {
        response: await s.client.post(`/api/office/cases/${kase.id}/decision`, { status: 'investigating', investigation: '已调取原始发表记录', outcome: null }),
        unchanged: async () => (await status()) === 'open',
      };
    },
  },
  'POST /api/office/committees/:id/confirm': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'results_publicised', publicity: 'over' });
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/confirm`), unchanged: async () => (await committeeField(f.committeeId)).status === 'results_publicised' };
    },
  },
  'GET /api/me/applications/:id/result': { allow: 200, run: async ({ client, user }) => ({ response: await client.get(`/api/me/applications/${await applicationOf(user)}/result`) }) },
  'POST /api/me/applications/:id/cases': {
    allow: 201,
    run: async (s) => {
      const f = await evaluationFixture(s, { owner: await ownerFor(s.user), status: 'results_publicised', publicity: 'running', result: 'failed' });
      const app = f.candidates[0].applicationId;
      return { response: await s.client.post(`/api/me/applications/${app}/cases`, { kind: 'review_request', content: '申请复查代表作评分' }), unchanged: async () => (await caseRows(app)) === 0 };
    },
  },
  'POST /api/office/committees/:id/qualification-document': {
    allow: 201,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'confirmed', publicity: 'over' });
      return {
        response: await s.client.post(`/api/office/committees/${f.committeeId}/qualification-document`, { documentNumber: `矩阵职改〔2024〕${tag()}号`, issuedOn: '2024-12-01' }),
        unchanged: async () => (await qualificationDocument(f.committeeId)) === undefined,
      };
    },
  },
  'GET /api/office/committees/:id/qualification-document': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s)).committeeId}/qualification-document`) }),
  },
  'GET /api/office/committees/:id/qualification-document.pdf': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'confirmed', publicity: 'over' });
      await issueDocument(f.committeeId, false);
      return { response: await s.client.get(`/api/office/committees/${f.committeeId}/qualification-document.pdf`) };
    },
  },
  'POST /api/office/committees/:id/qualification-document/filed': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'confirmed', publicity: 'over' });
      await issueDocument(f.committeeId, false);
      return {
        response: await s.client.post(`/api/office/committees/${f.committeeId}/qualification-document/filed`),
        unchanged: async () => (await qualificationDocument(f.committeeId)).filedAt === null,
      };
    },
  },
  'POST /api/office/committees/:id/certificates': {
    allow: 200,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'confirmed', publicity: 'over' });
      await issueDocument(f.committeeId, true);
      const app = f.candidates[0].applicationId;
      const issued = async () => (await t.services.db.select({ id: certificates.id }).from(certificates).where(eq(certificates.applicationId, app))).length;
      return { response: await s.client.post(`/api/office/committees/${f.committeeId}/certificates`), unchanged: async () => (await issued()) === 0 };
    },
  },
  'GET /api/office/committees/:id/certificates': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/committees/${(await evaluationFixture(s)).committeeId}/certificates`) }),
  },
  'POST /api/office/certificates/:id/revoke': {
    allow: 204,
    run: async (s) => {
      const f = await evaluationFixture(s, { status: 'confirmed', publicity: 'over' });
      const [c] = f.candidates;
      const id = await certificateOf(c.applicationId, c.applicantId);
      const revokedAt = async () => (await t.services.db.select({ v: certificates.revokedAt }).from(certificates).where(eq(certificates.id, id)))[0].v;
      return { response: await s.client.post(`/api/office/certificates/${id}/revoke`, { reason: '经查实伪造业绩证明材料', fraud: false }), unchanged: async () => (await revokedAt()) === null };
    },
  },
  'GET /api/me/applications/:id/certificate.pdf': {
    allow: 200,
    run: async (s) => {
      const owner = await ownerFor(s.user);
      const f = await evaluationFixture(s, { owner, status: 'confirmed', publicity: 'over' });
      const app = f.candidates[0].applicationId;
      await certificateOf(app, owner.id);
      return { response: await s.client.get(`/api/me/applications/${app}/certificate.pdf`) };
    },
  },
  'GET /api/office/campaigns/:campaignId/statistics': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/campaigns/${(await evaluationFixture(s, { status: 'ballot_closed' })).slot.campaignId}/statistics?by=level`) }),
  },
  'GET /api/office/campaigns/:campaignId/statistics.xlsx': {
    allow: 200,
    run: async (s) => ({ response: await s.client.get(`/api/office/campaigns/${(await evaluationFixture(s, { status: 'ballot_closed' })).slot.campaignId}/statistics.xlsx`) }),
  },
};

/** What permissions.ts says a principal gets on a route: allowed, 401 or 403. */
function expectedOutcome(access: RouteAccess, principal: Principal): 'allow' | 401 | 403 {
  if (access === 'public') return 'allow';
  if (principal === 'anonymous') return 401;
  if (access === 'authenticated') return 'allow';
  const role: Role = principal === 'applicant_of_other_unit' ? 'applicant' : principal;
  return (PERMISSION_ROLES[access] as readonly Role[]).includes(role) ? 'allow' : 403;
}

interface CellResult {
  route: string;
  access: RouteAccess;
  principal: Principal;
  expected: 'allow' | 401 | 403;
  status: number;
  mismatch: string | null;
}

const protectedRoutes = () =>
  t.app.routeCatalogue.filter((r) => r.access !== 'public').map((r) => ({ key: `${r.method} ${r.url}`, access: r.access }));

describe('permission matrix', () => {
  it('has a sample request for every protected route, and no sample for a route that does not exist', () => {
    const keys = protectedRoutes().map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !(k in SAMPLES)), 'protected routes without a matrix sample').toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !keys.includes(k)), 'samples for routes that are gone or public').toEqual([]);
  });

  it('every cell (role × route) matches permissions.ts over HTTP', async () => {
    const routes = protectedRoutes().filter((r) => r.key in SAMPLES);
    const results: CellResult[] = [];

    await Promise.all(
      PRINCIPALS.map(async (principal) => {
        const shared = await sessionFor(principal);
        for (const route of routes) {
          const sample = SAMPLES[route.key];
          const expected = expectedOutcome(route.access, principal);
          const session =
            sample.session === 'fresh' ? await sessionFor(principal) : sample.session === 'no-totp' ? await sessionFor(principal, false) : shared;
          const { response, unchanged } = await sample.run(session);
          let mismatch: string | null = null;
          if (expected === 'allow') {
            if (response.statusCode !== sample.allow) mismatch = `expected ${sample.allow}, got ${response.statusCode} ${response.body.slice(0, 200)}`;
          } else if (response.statusCode !== expected) {
            mismatch = `expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 200)}`;
          } else {
            const code = response.json().error?.code;
            const wanted = expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
            if (code !== wanted) mismatch = `expected error code ${wanted}, got ${code}`;
            else if (unchanged && !(await unchanged())) mismatch = 'refused request changed data';
          }
          results.push({ route: route.key, access: route.access, principal, expected, status: response.statusCode, mismatch });
        }
      }),
    );

    const mismatches = results.filter((r) => r.mismatch);
    console.log(`[cells / mismatches = ${results.length} / ${mismatches.length}]`);
    for (const m of mismatches) console.log(`  mismatch: ${m.principal} ${m.route}: ${m.mismatch}`);
    // The mismatches go into the assertion message too, so a CI summary that shows only the
    // failure message still names the cell.
    const mismatchLines = mismatches.map((m) => `${m.principal} ${m.route}: ${m.mismatch}`);
    expect(mismatchLines, mismatchLines.join('\n')).toEqual([]);
    expect(results.length).toBe(routes.length * PRINCIPALS.length);

    // Every permission (and 'authenticated') is shown both granted and refused over HTTP.
    for (const access of [...PERMISSIONS, 'authenticated'] as RouteAccess[]) {
      const cells = results.filter((r) => r.access === access);
      expect(cells.filter((c) => c.expected === 'allow').length, `${access}: allow cells`).toBeGreaterThan(0);
      expect(cells.filter((c) => c.expected !== 'allow').length, `${access}: deny cells`).toBeGreaterThan(0);
    }
    // Every permission has at least one route, so none is dead configuration.
    for (const permission of PERMISSIONS) expect(routes.some((r) => r.access === permission), permission).toBe(true);
    // Every route × twelve principals, each cell with its own fixture: nearly two thousand calls, and
    // more with every route added, on CI's two shared cores.
  }, 120_000);
});

describe('object scope', () => {
  it('a unit reviewer of unit A cannot confirm or reject a membership of unit B: 404, and it stays pending', async () => {
    const { client } = await sessionFor('unit_reviewer');
    const otherId = await pendingMembership(org.otherUnitId);
    const confirm = await client.post(`/api/unit/memberships/${otherId}/confirm`);
    expect(confirm.statusCode).toBe(404);
    const reject = await client.post(`/api/unit/memberships/${otherId}/reject`, { reason: '不是本单位职工' });
    expect(reject.statusCode).toBe(404);
    expect(await membershipStatus(otherId)).toBe('pending');
    // The answer is the same as for an id that does not exist, so it reveals nothing.
    const missing = await client.post(`/api/unit/memberships/${crypto.randomUUID()}/confirm`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual(confirm.json());
    // Nor does unit B's membership appear in unit A's queue.
    const queue = (await client.get('/api/unit/memberships')).json<{ id: string; unitId: string }[]>();
    expect(queue.map((m) => m.id)).not.toContain(otherId);
    expect(queue.every((m) => m.unitId === org.unitId)).toBe(true);
  });

  it('a unit reviewer granted for a prefecture-level unit cannot reach a county unit either', async () => {
    const reviewer = await createUser(t.services, { role: 'unit_reviewer', orgId: org.prefectureUnitId, totp: true });
    const client = new TestClient(t.app);
    expect((await client.login(reviewer.username, reviewer.password, currentTotp(reviewer))).statusCode).toBe(200);
    const id = await pendingMembership(org.unitId);
    expect((await client.post(`/api/unit/memberships/${id}/confirm`)).statusCode).toBe(404);
    expect(await membershipStatus(id)).toBe('pending');
  });

  it('applicants (of this unit or another) cannot reach any staff route', async () => {
    for (const principal of ['applicant', 'applicant_of_other_unit'] as const) {
      const { client } = await sessionFor(principal);
      const id = await pendingMembership(org.unitId);
      for (const [method, url] of [
        ['GET', '/api/unit/memberships'],
        ['POST', `/api/unit/memberships/${id}/confirm`],
        ['GET', '/api/admin/orgs'],
        ['GET', '/api/admin/users'],
        ['GET', '/api/security/users'],
        ['GET', '/api/audit/logs'],
      ]) {
        const response = await client.request(method, url, method === 'POST' ? { body: {} } : {});
        expect(response.statusCode, `${principal} ${method} ${url}`).toBe(403);
      }
      expect(await membershipStatus(id)).toBe('pending');
    }
  });

  it('staff who have not enrolled their second factor are refused everything but the enrolment routes', async () => {
    for (const role of ['unit_reviewer', 'system_admin', 'security_admin', 'audit_admin'] as const) {
      const { client } = await sessionFor(role, false);
      const own = { unit_reviewer: '/api/unit/memberships', system_admin: '/api/admin/orgs', security_admin: '/api/security/users', audit_admin: '/api/audit/logs' }[role];
      const refused = await client.get(own);
      expect(refused.statusCode, role).toBe(403);
      expect(refused.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
      expect((await client.get('/api/me')).statusCode).toBe(200);
    }
  });
});

describe('三员分立 over HTTP', () => {
  const membershipRoutes = (id: string): [string, string, unknown][] => [
    ['GET', '/api/unit/memberships', undefined],
    ['POST', `/api/unit/memberships/${id}/confirm`, {}],
    ['POST', `/api/unit/memberships/${id}/reject`, { reason: '管理员不得审核' }],
  ];

  it('no administrator can act on memberships (403), and the membership stays pending', async () => {
    for (const role of ADMIN_ROLES) {
      const { client } = await sessionFor(role);
      const id = await pendingMembership();
      for (const [method, url, body] of membershipRoutes(id)) {
        const response = await client.request(method, url, body === undefined ? {} : { body });
        expect(response.statusCode, `${role} ${method} ${url}`).toBe(403);
      }
      expect(await membershipStatus(id)).toBe('pending');
    }
  });

  it('each administrator reaches only its own area', async () => {
    const area: Record<(typeof ADMIN_ROLES)[number], RouteAccess[]> = {
      system_admin: ['org.manage', 'user.manage', 'calendar.manage'],
      security_admin: ['role.assign'],
      audit_admin: ['audit.read'],
    };
    for (const role of ADMIN_ROLES) {
      const granted = PERMISSIONS.filter((p) => (PERMISSION_ROLES[p] as readonly Role[]).includes(role));
      expect(granted.sort(), role).toEqual([...area[role]].sort());
    }
    // The areas do not overlap, and no admin holds a business permission (membership review).
    expect(PERMISSION_ROLES['membership.review'].some((r) => (ADMIN_ROLES as readonly string[]).includes(r))).toBe(false);

    const { client: sys } = await sessionFor('system_admin');
    const { client: sec } = await sessionFor('security_admin');
    const { client: aud } = await sessionFor('audit_admin');
    const target = await createUser(t.services);
    const leaf = await freshUnit();

    // System admin: organisations and accounts, but no role grants and no audit log.
    expect((await sys.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId })).statusCode).toBe(403);
    expect((await sys.get('/api/audit/logs')).statusCode).toBe(403);
    expect((await sys.post('/api/audit/verify')).statusCode).toBe(403);
    expect((await sys.get('/api/admin/orgs')).statusCode).toBe(200);

    // Security admin: role grants and unlocks, but no organisations, no accounts, no audit log.
    expect((await sec.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name: `安全员不能建${tag()}`, unitKind: 'enterprise' })).statusCode).toBe(403);
    expect((await sec.delete(`/api/admin/orgs/${leaf}`)).statusCode).toBe(403);
    expect((await sec.post('/api/admin/users', { username: `sx${tag()}`, name: '某人', initialPassword: 'Rv8#silent-Creek' })).statusCode).toBe(403);
    expect((await sec.get('/api/audit/logs')).statusCode).toBe(403);
    expect((await sec.get('/api/audit/logs.xlsx')).statusCode).toBe(403);
    expect((await sec.post(`/api/security/users/${target.id}/unlock`)).statusCode).toBe(204);

    // Audit admin: reads, exports and verifies the log, changes nothing else.
    expect((await aud.post('/api/security/role-assignments', { userId: target.id, role: 'expert', orgId: org.prefectureId })).statusCode).toBe(403);
    expect((await aud.post(`/api/security/users/${target.id}/unlock`)).statusCode).toBe(403);
    expect((await aud.patch(`/api/admin/orgs/${leaf}`, { name: `审计员不能改${tag()}` })).statusCode).toBe(403);
    expect((await aud.delete(`/api/admin/orgs/${leaf}`)).statusCode).toBe(403);
    expect(await orgExists({ id: leaf })).toBe(true);
    expect((await aud.get('/api/audit/logs?pageSize=1')).statusCode).toBe(200);
    expect((await aud.post('/api/audit/verify')).statusCode).toBe(200);
    expect(
      (await t.services.db.select().from(roleAssignments).where(eq(roleAssignments.userId, target.id))).length,
      'no grant slipped through',
    ).toBe(0);
  });

  it('the state-changing routes open to the audit admin are only verify/export and its own account', () => {
    const ownAccount = new Set(['POST /api/auth/logout', 'POST /api/me/password', 'POST /api/me/totp/setup', 'POST /api/me/totp/enable']);
    const changing = protectedRoutes()
      .filter((r) => !r.key.startsWith('GET '))
      .filter((r) => expectedOutcome(r.access, 'audit_admin') === 'allow')
      .map((r) => r.key)
      .filter((k) => !ownAccount.has(k));
    expect(changing).toEqual(['POST /api/audit/verify']);
  });
});

// ---- the secret ballot over every route (issue 6: "a vote is not readable by any role over any route") ----

/** Text of a download: pdftotext's lines for a PDF, the cells for an .xlsx; null for anything else binary. */
async function downloadText(response: TestResponse): Promise<string | null> {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('application/pdf')) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zp-matrix-'));
    try {
      await writeFile(path.join(dir, 'x.pdf'), response.rawBody);
      return (await run('pdftotext', ['-layout', path.join(dir, 'x.pdf'), '-'])).stdout;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawBody as unknown as ArrayBuffer);
    const lines: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => void lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('\t'))));
    return lines.join('\n');
  }
  if (type.startsWith('text/') || type.includes('csv')) return response.body;
  return null;
}

const CHOICE_TOKENS = /agree|disagree|abstain|choice|同意|不同意|弃权/i;
/** A choice or a count written as data: 'agree', '弃权', '同意 3 票' (a blank form's '同意　　票' is not). */
const VOTE_AS_DATA = /^(agree|disagree|abstain|同意|不同意|弃权)$|(同意|不同意|弃权)\s*[:：]?\s*\d+\s*票/i;

interface VoteFindings {
  /** A "choice" field or word: there is no such thing to read back. */
  choice: string[];
  /** Something naming a voter next to a choice. */
  link: string[];
  /** Counts: agree/disagree/abstain fields, a non-null tally, a label with a number, a row of the known counts (the minutes' vote table). */
  tally: string[];
}

/**
 * What a response says about votes. `voters`: each voting expert's identifying strings (ids, name,
 * user name); `counts`: the candidates' known counts as a document would print them in a row
 * (voters, agree, disagree, abstain).
 */
async function voteFindings(response: TestResponse, voters: string[][], counts: number[][]): Promise<VoteFindings> {
  const found: VoteFindings = { choice: [], link: [], tally: [] };
  const names = voters.flat();
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('json')) {
    const walk = (value: unknown, at: string) => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${at}[${i}]`));
      if (typeof value === 'string') {
        if (VOTE_AS_DATA.test(value.trim())) found.tally.push(`${at} = ${value}`);
        if (/choice/i.test(value)) found.choice.push(`${at} = ${value}`);
        return;
      }
      if (value === null || typeof value !== 'object') return;
      const node = value as Record<string, unknown>;
      for (const [key, v] of Object.entries(node)) {
        if (/choice/i.test(key)) found.choice.push(`${at}.${key}`);
        if (['agree', 'disagree', 'abstain'].includes(key)) found.tally.push(`${at}.${key} = ${String(v)}`);
        if (key === 'tally' && v !== null) found.tally.push(`${at}.tally`);
        walk(v, `${at}.${key}`);
      }
      // An object that names a voter says nothing about a choice: not in its own fields, nor in an
      // object under it (a list under it holds other things, e.g. a committee's candidates, its chair named beside them).
      const own = Object.fromEntries(Object.entries(node).filter(([, v]) => !Array.isArray(v)));
      if (Object.values(own).some((v) => typeof v === 'string' && names.includes(v)) && CHOICE_TOKENS.test(JSON.stringify(own))) {
        found.link.push(`${at}: ${JSON.stringify(own).slice(0, 200)}`);
      }
    };
    walk(JSON.parse(response.body), '$');
    return found;
  }
  const text = await downloadText(response);
  if (text === null) return found;
  if (/choice/i.test(text)) found.choice.push('text mentions "choice"');
  for (const line of text.split('\n')) {
    if (names.some((n) => line.includes(n)) && CHOICE_TOKENS.test(line)) found.link.push(line.trim().slice(0, 200));
    const row = counts.some((n) => new RegExp(`(^|\\D)${n.join('\\s+')}(\\D|$)`).test(line));
    if (row || VOTE_AS_DATA.test(line.trim()) || /(同意|不同意|弃权)\s*[:：]?\s*\d+\s*票/.test(line)) found.tally.push(line.trim().slice(0, 200));
  }
  return found;
}

describe('the secret ballot over every route', () => {
  it('a vote is not readable by any role over any route [GET routes × principals / responses with a vote = N × M / 0]', async () => {
    // A committee of three drawn experts and a committee chair, two candidates; each member votes a
    // pattern no other member votes, so a response tying anyone to a choice would show.
    const office = await sessionFor('office_staff');
    const c = await formedCommittee(t, org, { size: 3, candidates: 2, candidateNames: shortNames(2), office: office.client });
    const [a, b] = c.candidates;
    const chair = await sessionFor('committee_chair');
    const chairExpertId = await joinCommittee(t, org, c.committeeId, chair.user!.id);
    const base = `/api/office/committees/${c.committeeId}`;
    expect((await office.client.patch(base, { chairExpertId, meetingPlace: '矩阵评审会议室' })).statusCode).toBe(200);
    const voters = [
      { client: chair.client, expertId: chairExpertId, user: chair.user!, choices: ['agree', 'agree'] },
      ...c.experts.map((e, i) => ({ client: e.client, expertId: e.expertId, user: e.user, choices: [['disagree', 'agree'], ['abstain', 'agree'], ['agree', 'disagree']][i] })),
    ];
    for (const v of voters) {
      const r = await v.client.request('PUT', `/api/expert/committees/${c.committeeId}/packets/${a.applicationId}/score`, { body: SCORE_SHEET });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await office.client.post(`${base}/close-scoring`)).statusCode).toBe(204);
    const attendance = await office.client.request('PUT', `${base}/attendance`, { body: { presentExpertIds: voters.map((v) => v.expertId) } });
    expect(attendance.json()).toMatchObject({ present: 4, quorate: true });
    expect((await office.client.post(`${base}/open-meeting`)).statusCode).toBe(204);
    for (const v of voters) {
      const votes = [a, b].map((x, i) => ({ applicationId: x.applicationId, choice: v.choices[i] }));
      const r = await v.client.post(`/api/expert/committees/${c.committeeId}/ballot`, { votes });
      expect(r.statusCode, r.body).toBe(204);
    }
    const identities = await Promise.all(
      voters.map(async (v) => {
        const [row] = await t.services.db.select({ name: users.name, username: users.username }).from(users).where(eq(users.id, v.user.id));
        const [pool] = await t.services.db.select({ name: experts.name }).from(experts).where(eq(experts.id, v.expertId));
        return [v.expertId, v.user.id, row.name, row.username!, pool.name];
      }),
    );

    // a: 2 agree, 1 disagree, 1 abstain; b: 3 agree, 1 disagree — of 4 voters.
    const COUNTS = [
      [4, 2, 1, 1],
      [4, 3, 1, 0],
    ];

    // Every principal of the matrix, the four voters themselves and the candidate a's applicant.
    const principals: { label: string; client: TestClient }[] = [
      ...(await Promise.all(PRINCIPALS.map(async (p) => ({ label: p, client: p === 'office_staff' ? office.client : (await sessionFor(p)).client })))),
      ...voters.map((v, i) => ({ label: i === 0 ? 'voting chair' : `voting expert ${i}`, client: v.client })),
      { label: 'candidate', client: new TestClient(t.app) },
    ];
    expect((await principals.at(-1)!.client.login(a.applicant.username, a.applicant.password)).statusCode).toBe(200);

    // Path parameters from this committee: its id, campaign, a voted candidate, its scan, its batch.
    const [appRow] = await t.services.db.select({ batchId: applications.batchId }).from(applications).where(eq(applications.id, a.applicationId));
    const [order] = await t.services.db.select({ id: feeOrders.id }).from(feeOrders).where(eq(feeOrders.applicationId, a.applicationId));
    const idFor = (url: string) =>
      /\/committees\/:id/.test(url)
        ? c.committeeId
        : /\/campaigns\/:id/.test(url)
          ? c.campaignId
          : /\/batches\/:id/.test(url)
            ? appRow.batchId!
            : /\/fee-orders\/:id/.test(url)
              ? order.id
              : /\/prefectures\/:id/.test(url)
                ? org.prefectureId
                : /\/files\/:id/.test(url)
                  ? a.fileIds[0]
                  : a.applicationId;
    const QUERIES: Record<string, string> = {
      '/api/office/cases': `?campaignId=${c.campaignId}`,
      '/api/public/results': `?prefectureId=${org.prefectureId}`,
      '/api/audit/logs': '?action=ballot.cast&pageSize=200',
      '/api/audit/logs.xlsx': '?action=ballot.cast',
    };
    const urlOf = (url: string) =>
      url
        .replace(':id', idFor(url))
        .replace(':campaignId', c.campaignId)
        .replace(':applicationId', a.applicationId)
        .replace(':fileId', a.fileIds[0])
        .replace(':which', 'notice')
        .replace(/:[A-Za-z]+/g, 'x') + (QUERIES[url] ?? '');
    // The API's own description (/api/openapi.json, /api/docs) names the fields; it holds no data.
    const gets = t.app.routeCatalogue.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');

    async function sweep() {
      const seen: { who: string; route: string; status: number; findings: VoteFindings }[] = [];
      await Promise.all(
        principals.map(async (p) => {
          for (const route of gets) {
            const response = await p.client.get(urlOf(route.url));
            expect(response.statusCode, `${p.label} ${route.url}`).toBeLessThan(500);
            seen.push({ who: p.label, route: route.url, status: response.statusCode, findings: await voteFindings(response, identities, COUNTS) });
          }
        }),
      );
      return seen;
    }
    const describeAll = (list: { who: string; route: string; findings: VoteFindings }[], kind: keyof VoteFindings) =>
      list.filter((s) => s.findings[kind].length > 0).map((s) => `${s.who} ${s.route}: ${s.findings[kind].slice(0, 3).join(' | ')}`);

    // While the ballot is open: no choice, no link, and no count anywhere, not even for the office.
    const open = await sweep();
    expect(describeAll(open, 'choice'), 'open: a choice').toEqual([]);
    expect(describeAll(open, 'link'), 'open: a voter tied to a choice').toEqual([]);
    expect(describeAll(open, 'tally'), 'open: a count').toEqual([]);
    // The sweep did reach the committee: the office's detail and the voters' ballots answered.
    const reached = (s: { who: string; route: string; status: number }[], who: string, route: string) => s.find((x) => x.who === who && x.route === route)?.status;
    expect(reached(open, 'office_staff', '/api/office/committees/:id')).toBe(200);
    expect(reached(open, 'voting chair', '/api/expert/committees/:id/ballot')).toBe(200);
    expect(reached(open, 'voting expert 1', '/api/expert/committees/:id/packets/:applicationId')).toBe(200);
    expect(reached(open, 'audit_admin', '/api/audit/logs')).toBe(200);

    // The office closes the ballot: its answer carries the counts, never a choice or a voter.
    const closed = await office.client.post(`${base}/close-ballot`);
    expect(closed.statusCode, closed.body).toBe(200);
    const closeFindings = await voteFindings(closed, identities, COUNTS);
    expect([closeFindings.choice, closeFindings.link]).toEqual([[], []]);
    expect(closed.json().results.find((r: { applicationId: string }) => r.applicationId === a.applicationId)).toMatchObject({ voters: 4, agree: 2, disagree: 1, abstain: 1 });
    expect(closed.json().results.find((r: { applicationId: string }) => r.applicationId === b.applicationId)).toMatchObject({ voters: 4, agree: 3, disagree: 1, abstain: 0 });

    // After the close: counts only in the office's committee detail and minutes; still no choice.
    const after = await sweep();
    expect(describeAll(after, 'choice'), 'closed: a choice').toEqual([]);
    expect(describeAll(after, 'link'), 'closed: a voter tied to a choice').toEqual([]);
    const counted = after.filter((s) => s.findings.tally.length > 0).map((s) => `${s.who} ${s.route}`);
    expect(counted.sort()).toEqual(['office_staff /api/office/committees/:id', 'office_staff /api/office/committees/:id/minutes.pdf']);
    const detail = (await office.client.get(base)).json();
    expect(detail.candidates.find((x: { applicationId: string }) => x.applicationId === a.applicationId).tally).toEqual({ voters: 4, agree: 2, disagree: 1, abstain: 1 });

    const responses = open.length + after.length;
    const withVote = [...open, ...after].filter((s) => s.findings.choice.length + s.findings.link.length > 0).length;
    console.log(`[GET routes × principals / responses with a vote = ${gets.length} × ${principals.length} (${responses} responses, ballot open and closed) / ${withVote}]`);
    expect(withVote).toBe(0);
  }, 120_000);
});
