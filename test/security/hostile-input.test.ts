// security.md, "Bad input": a corpus of hostile values sent to every field of every JSON-body route
// in the catalogue (fields read from the route's own schema via /api/openapi.json), plus hostile
// path parameters, query strings and request bodies. No 5xx, no stack trace or SQL in any answer,
// every error `{ error: { code, message } }` in Chinese, and nothing invalid accepted.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_IMPORT_COLUMNS } from '../../src/server/commands/org/import-organisations.js';
import { beijingDate } from '../../src/domain/calendar/calendar.js';
import { addDays } from '../../src/domain/campaign/dates.js';
import type { Level } from '../../src/domain/campaign/index.js';
import { newCertificateCode } from '../../src/server/commands/results/certificates.js';
import { resultEntryId } from '../../src/server/queries/results.js';
import {
  applications,
  archiveRecords,
  assignments,
  ballotTallies,
  candidates,
  certificates,
  committeeMembers,
  committees,
  experts,
  feeOrders,
  files,
  memberships,
  organisations,
  resultCases,
  resultPublicities,
} from '../../src/server/db/schema.js';
import { sampleJpeg } from '../../src/server/uploads/hostile-files.js';
import { BAYINGOL_2021, insertCampaign, prefectureInfo } from '../helpers/campaigns.js';
import { createOrgTree, createUser, randomPhone, TEST_PASSWORD, type CreatedUser, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { cleanPdf } from '../helpers/declaration.js';
import { defenceSessionFor, evaluationCampaign, joinCommittee, uniqueMeetingDate } from '../helpers/evaluation.js';
import { uploadFile, xlsxOf } from '../helpers/multipart.js';
import { CHINESE, clientFor, expectCleanError, expectNoLeak, resetLockout, strongPassword, validRegistration } from './support.js';

let t: TestContext;
let org: TestOrgTree;
let otherTree: TestOrgTree;
let loginUser: CreatedUser;
let openapi: { paths: Record<string, Record<string, Operation>> };
let openCampaign: string;
let smallJpeg: Buffer;
let unitReviewer: TestClient | undefined;

interface JsonSchema {
  type?: string;
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[];
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrgTree(t.services);
  otherTree = await createOrgTree(t.services);
  loginUser = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
  openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  openCampaign = await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: BAYINGOL_2021, publish: true, openNow: true });
  smallJpeg = await sampleJpeg(400, 600);
});
afterAll(() => t.close());

const tag = () => randomBytes(4).toString('hex');
const openapiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');
const operationOf = (method: string, url: string): Operation | undefined => openapi.paths[openapiPath(url)]?.[method.toLowerCase()];
const jsonBodySchema = (op: Operation | undefined) => op?.requestBody?.content?.['application/json']?.schema;

// ---------------------------------------------------------------------------------------------
// The corpus. `textual` values are ordinary text to a free-text field (stored verbatim, never
// interpreted); every other category is invalid for every text field.
type Category = 'textual' | 'oddUnicode' | 'overlong' | 'wrongType';
const CORPUS: { label: string; value: unknown; category: Category }[] = [
  { label: 'SQL: OR 1=1', value: "' OR '1'='1' --", category: 'textual' },
  { label: 'SQL: stacked DROP', value: "1'; DROP TABLE users; --", category: 'textual' },
  { label: 'SQL: UNION', value: "x' UNION SELECT password_hash FROM users --", category: 'textual' },
  { label: 'SQL: pg_sleep', value: "1' AND pg_sleep(5) IS NULL --", category: 'textual' },
  { label: 'script tag', value: '<script>alert(1)</script>', category: 'textual' },
  { label: 'attribute breakout', value: '"><img src=x onerror=alert(1)>', category: 'textual' },
  { label: 'path traversal', value: '../../etc/passwd', category: 'textual' },
  { label: '__proto__ as text', value: '__proto__', category: 'textual' },
  { label: 'template / format string', value: '${7*7}{{7*7}}%s%n', category: 'textual' },
  { label: 'NUL and bell (C0 controls)', value: 'abc\u0000de\u0007f', category: 'oddUnicode' },
  { label: 'RTL override', value: '\u202egnp.exe', category: 'oddUnicode' },
  { label: 'zero-width space', value: '温宿\u200b县', category: 'oddUnicode' },
  { label: 'BOM', value: '\ufeff单位', category: 'oddUnicode' },
  { label: 'lone surrogates', value: 'ab\ud800c\udc00', category: 'oddUnicode' },
  { label: '100k characters', value: 'A'.repeat(100_000), category: 'overlong' },
  { label: 'number', value: 1e308, category: 'wrongType' },
  { label: 'boolean', value: true, category: 'wrongType' },
  { label: 'null', value: null, category: 'wrongType' },
  { label: 'array', value: ['a', 'b'], category: 'wrongType' },
  { label: 'object', value: { $ne: null }, category: 'wrongType' },
];

/**
 * How strictly a field is judged. strict: identifiers, codes, ids, enums, a person's name — every
 * hostile value is invalid. freeText: an organisation's name, a reason — hostile-looking text is
 * data, but control, invisible and bidi characters, lone surrogates, overlong values and wrong
 * types are invalid. secret: passwords and log-in identifiers — any text may be typed; only the
 * length and the type are judged. boolean: only true and false.
 */
type Kind = 'strict' | 'freeText' | 'secret' | 'boolean';
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'initialPassword', 'identifier', 'totpCode']);
// An applicant's name is checked against the ID-card rule; a staff account's name is free text
// (the system administrator types it; audit.test.ts relies on that for its formula-injection case).
const STRICT_FIELDS = new Set(['idNumber', 'phone', 'smsCode', 'username', 'purpose', 'code@POST /api/me/totp/enable', 'name@POST /api/auth/register']);

function kindOf(route: string, field: string, schema: JsonSchema): Kind {
  if (schema.type === 'boolean') return 'boolean';
  if (SECRET_FIELDS.has(field)) return 'secret';
  if (schema.enum || schema.format || schema.pattern || schema.type !== 'string') return 'strict';
  if (STRICT_FIELDS.has(field) || STRICT_FIELDS.has(`${field}@${route}`)) return 'strict';
  return 'freeText';
}

function isInvalid(kind: Kind, schema: JsonSchema, payload: (typeof CORPUS)[number]): boolean {
  if (payload.category === 'wrongType') {
    if (payload.value === null) return !schema.nullable;
    // A list of short texts is a valid value of a list field (return reasons, masking items).
    if (Array.isArray(payload.value)) return schema.type !== 'array';
    if (typeof payload.value === 'boolean') return kind !== 'boolean';
    return true;
  }
  if (kind === 'boolean' || kind === 'strict') return true;
  if (payload.category === 'overlong') return true;
  if (payload.category === 'oddUnicode') return kind === 'freeText';
  return false;
}

// ---------------------------------------------------------------------------------------------
// A valid request per route: the corpus replaces one field at a time, so an acceptance or a refusal
// is about that field. Routes not listed get a body derived from their schema.
interface Baseline {
  url?: string;
  body: Record<string, unknown>;
  client?: TestClient;
  /** Whether this baseline, unchanged, is accepted (checked once per route). */
  accepted?: boolean;
}

let passwordClient: TestClient | undefined;

// Declaration routes act on the caller's own objects: one applicant per route (memoised), objects
// made fresh where a call changes them.
const applicantClients = new Map<string, Promise<{ client: TestClient; user: CreatedUser }>>();
function applicantFor(route: string) {
  if (!applicantClients.has(route)) {
    applicantClients.set(
      route,
      (async () => {
        const user = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed', name: '艾力·测试' });
        const client = new TestClient(t.app);
        await client.login(user.username, user.password);
        return { client, user };
      })(),
    );
  }
  return applicantClients.get(route)!;
}
async function draftOf(userId: string) {
  const [existing] = await t.services.db.select().from(applications).where(and(eq(applications.applicantId, userId), eq(applications.campaignId, openCampaign)));
  if (existing) return existing;
  const [row] = await t.services.db
    .insert(applications)
    .values({ applicantId: userId, unitId: org.unitId, campaignId: openCampaign, campaignVersion: 1, year: new Date().getFullYear(), seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' })
    .returning();
  return row;
}
async function jpegOf(userId: string): Promise<string> {
  const id = crypto.randomUUID();
  const stored = await t.services.files.put(`scans/${userId}/${id}.jpg`, smallJpeg);
  await t.services.db.insert(files).values({ id, ownerId: userId, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'jpg', originalName: 'a.jpg', pages: 1, leakStatus: 'done' });
  return id;
}
const ACHIEVEMENT = { year: 2024, name: '新闻奖', grantor: '记协', grade: '一等奖' };

// ---- evaluation (issue 6) ------------------------------------------------------------------------
// Committees put straight into the database at the stage each route needs, in this file's
// prefecture. Where an accepted request changes what the next one needs (a tie decided, a ballot
// cast, a document issued, a certificate revoked, a conflict recorded, a candidate scheduled, a
// committee drawn), every request gets its own committee; elsewhere one per route is reused.
const EVALUATION_SERIES = [
  ['news', 'editor'],
  ['literature', 'literary-creation'],
  ['publishing', 'publishing-editing'],
] as const;
interface CommitteeSlot {
  campaignId: string;
  seriesId: string;
  specialtyId: string;
  level: Level;
}
const freeSlots: CommitteeSlot[] = [];
/** A campaign, series and level without a committee (a campaign holds one per series and level). */
async function committeeSlot(levels: Level[] = ['中级', '初级']): Promise<CommitteeSlot> {
  let at = freeSlots.findIndex((s) => levels.includes(s.level));
  if (at < 0) {
    const campaignId = await evaluationCampaign(t, org, { minMembers: 3 });
    for (const level of ['中级', '初级', '副高', '正高'] as Level[]) for (const [seriesId, specialtyId] of EVALUATION_SERIES) freeSlots.push({ campaignId, seriesId, specialtyId, level });
    at = freeSlots.findIndex((s) => levels.includes(s.level));
  }
  return freeSlots.splice(at, 1)[0];
}

async function poolExperts(count: number, options: { seriesId?: string; termStart?: string; termEnd?: string; prefectureId?: string } = {}): Promise<string[]> {
  const rows = await t.services.db
    .insert(experts)
    .values(
      Array.from({ length: count }, () => ({
        prefectureId: options.prefectureId ?? org.prefectureId,
        name: `安全测试专家${tag()}`,
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

type CommitteeStatus = 'formed' | 'scoring_closed' | 'meeting_open' | 'ballot_closed' | 'results_publicised' | 'confirmed';
const STAGES: CommitteeStatus[] = ['formed', 'scoring_closed', 'meeting_open', 'ballot_closed', 'results_publicised', 'confirmed'];
const reached = (status: CommitteeStatus, stage: CommitteeStatus) => STAGES.indexOf(status) >= STAGES.indexOf(stage);

interface EvaluationFixture {
  committeeId: string;
  memberIds: string[];
  applicationId: string;
  applicantId: string;
  /** The seated expert's pool entry, if one was seated. */
  seatedExpertId: string | null;
}

/** A committee of three pool experts with one accepted, paid candidate, at `status`. */
async function evaluationFixture(
  options: {
    level?: Level;
    status?: CommitteeStatus;
    owner?: CreatedUser;
    defenceRequired?: boolean;
    result?: 'passed' | 'failed' | 'tied_at_cap';
    publicity?: 'running' | 'over';
    passRatePercent?: string;
    /** An expert account to seat on the committee (conflicts declared unless said otherwise). */
    seat?: CreatedUser;
    seatAs?: { declared?: boolean; present?: boolean | null };
  } = {},
): Promise<EvaluationFixture> {
  const db = t.services.db;
  const status = options.status ?? 'formed';
  const slot = await committeeSlot(options.level ? [options.level] : undefined);
  const memberIds = await poolExperts(3, { seriesId: slot.seriesId });
  const now = new Date();
  const [committee] = await db
    .insert(committees)
    .values({
      campaignId: slot.campaignId,
      seriesId: slot.seriesId,
      level: slot.level,
      name: `安全测试评审委员会${tag()}`,
      size: 3,
      seed: `seed-${tag()}`,
      chairExpertId: memberIds[0],
      passRatePercent: options.passRatePercent ?? null,
      status,
      scoringClosedAt: reached(status, 'scoring_closed') ? now : null,
      meetingOpenedAt: reached(status, 'meeting_open') ? now : null,
      ballotClosedAt: reached(status, 'ballot_closed') ? now : null,
      confirmedAt: reached(status, 'confirmed') ? now : null,
    })
    .returning({ id: committees.id });
  const present = reached(status, 'meeting_open') ? true : null;
  await db.insert(committeeMembers).values(memberIds.map((expertId) => ({ committeeId: committee.id, expertId, conflictsDeclaredAt: now, present })));
  const applicant = options.owner ?? (await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' }));
  const [app] = await db
    .insert(applications)
    .values({
      applicantId: applicant.id,
      unitId: org.unitId,
      campaignId: slot.campaignId,
      campaignVersion: 1,
      year: 2024,
      seriesId: slot.seriesId,
      specialtyId: slot.specialtyId,
      level: slot.level,
      pathId: 'directed',
      status: 'accepted',
      form: { basic: { post: '编辑', adminPost: '无', politicalStatus: '群众' }, performance: { summary: '任现职以来负责新闻报道。' }, other: { note: '无' } },
      masking: ['本人姓名', '照片', '工作单位'],
      submissionCount: 1,
      submittedAt: now,
      acceptedAt: now,
    })
    .returning({ id: applications.id });
  await db.insert(feeOrders).values({ applicationId: app.id, amountYuan: 400, reference: `ZPHI${tag().toUpperCase()}`, status: 'confirmed', decidedAt: now });
  const closed = reached(status, 'ballot_closed');
  const result = options.result ?? 'passed';
  await db.insert(candidates).values({
    applicationId: app.id,
    committeeId: committee.id,
    code: `HI-${tag().toUpperCase()}-10`,
    defenceRequired: options.defenceRequired ?? false,
    defenceExemptReason: options.defenceRequired ? null : '免于答辩（A24-14）',
    defenceRuleId: 'A24-14',
    ...(closed ? { voters: 3, agree: result === 'failed' ? 0 : 3, disagree: result === 'failed' ? 3 : 0, abstain: 0, result, rank: result === 'failed' ? null : 1 } : {}),
  });
  await db.insert(assignments).values(memberIds.map((expertId) => ({ committeeId: committee.id, expertId, applicationId: app.id })));
  if (reached(status, 'meeting_open')) await db.insert(ballotTallies).values({ applicationId: app.id, committeeId: committee.id });
  if (options.publicity) {
    const today = beijingDate(new Date());
    const [startsOn, endsOn] = options.publicity === 'running' ? [addDays(today, -1), addDays(today, 6)] : [addDays(today, -10), addDays(today, -1)];
    await db.insert(resultPublicities).values({ committeeId: committee.id, startsOn, endsOn, workingDays: 5 });
  }
  const seatedExpertId = options.seat ? await joinCommittee(t, org, committee.id, options.seat.id, options.seatAs ?? {}) : null;
  return { committeeId: committee.id, memberIds, applicationId: app.id, applicantId: applicant.id, seatedExpertId };
}

const memos = new Map<string, Promise<unknown>>();
/** One value per key, made once (the baselines of a route are asked for once per request). */
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!memos.has(key)) memos.set(key, make());
  return memos.get(key) as Promise<T>;
}
/** The committee office of the other tree's prefecture. */
const otherOffice = () => once('other-office', async () => (await signIn(t, 'office_staff', otherTree.prefectureId)).client);
/** One signed-in expert per route (joinCommittee links an account to one pool entry, made on first use). */
const expertFor = (route: string) => once(`expert:${route}`, () => signIn(t, 'expert', org.prefectureId));
/** A review or defence score sheet on the 初级/中级 form. */
const SCORE_SHEET = { items: { achievements: 35, competence: 25.5, works: 15, ethics: 9 }, comment: '业绩突出' };

/** A clean PDF in the file store (a certificate's file). */
async function pdfOf(ownerId: string): Promise<string> {
  const id = crypto.randomUUID();
  const stored = await t.services.files.put(`scans/${ownerId}/${id}.pdf`, await cleanPdf());
  await t.services.db.insert(files).values({ id, ownerId, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'pdf', originalName: 'a.pdf', pages: 1, leakStatus: 'done' });
  return id;
}

const EVALUATION_BASELINES: Record<string, () => Promise<Baseline>> = {
  // The pool entries these two store or change carry hostile names: they are kept in the other
  // tree's prefecture, out of this prefecture's draws and of the expert list the query test reads.
  'POST /api/office/experts': async () => ({
    body: { name: '艾力·测试专家', seriesId: 'news', specialtyIds: ['editor'], level: '正高', titleName: '高级编辑', unitId: null, unitName: '退休', phone: randomPhone(), termStart: '2020-01-01', termEnd: '2022-12-31', userId: null },
    client: await otherOffice(),
  }),
  'PATCH /api/office/experts/:id': async () => ({
    url: `/api/office/experts/${await once('patch-expert', async () => (await poolExperts(1, { prefectureId: otherTree.prefectureId }))[0])}`,
    body: { titleName: '主任编辑' },
    client: await otherOffice(),
  }),
  // Each draw on a campaign, series and level of its own, from a pool of three on a meeting date of its own.
  'POST /api/office/campaigns/:campaignId/committees': async () => {
    const slot = await committeeSlot(['中级']);
    const meetingDate = uniqueMeetingDate();
    await poolExperts(3, { seriesId: slot.seriesId, termStart: meetingDate, termEnd: meetingDate });
    return { url: `/api/office/campaigns/${slot.campaignId}/committees`, body: { seriesId: slot.seriesId, level: '中级', size: 3, seed: 'seed-1', requiredSpecialtyIds: [], meetingDate } };
  },
  'PATCH /api/office/committees/:id': async () => ({ url: `/api/office/committees/${(await once('patch-committee', () => evaluationFixture())).committeeId}`, body: { meetingPlace: '评审会议室' } }),
  'POST /api/office/committees/:id/conflicts': async () => {
    const f = await evaluationFixture();
    return { url: `/api/office/committees/${f.committeeId}/conflicts`, body: { expertId: f.memberIds[0], applicationId: f.applicationId, kind: 'other', note: '同一课题组' } };
  },
  'POST /api/office/committees/:id/candidates/:applicationId/hold': async () => {
    const f = await once('hold', () => evaluationFixture());
    return { url: `/api/office/committees/${f.committeeId}/candidates/${f.applicationId}/hold`, body: { held: true, reason: '盲评检查发现姓名' } };
  },
  'POST /api/expert/committees/:id/conflicts': async () => {
    // One declaration per expert and committee (a second is 409): a fresh seat for every request.
    const expert = await expertFor('declare');
    const f = await evaluationFixture({ seat: expert.user, seatAs: { declared: false } });
    return { url: `/api/expert/committees/${f.committeeId}/conflicts`, body: { persons: [{ name: '某某', kind: 'other', note: '' }] }, client: expert.client };
  },
  'PUT /api/expert/committees/:id/packets/:applicationId/score': async () => {
    const expert = await expertFor('score');
    const f = await once('score', () => evaluationFixture({ seat: expert.user }));
    return { url: `/api/expert/committees/${f.committeeId}/packets/${f.applicationId}/score`, body: SCORE_SHEET, client: expert.client };
  },
  'PUT /api/expert/committees/:id/defence/:applicationId/score': async () => {
    const expert = await expertFor('defence-score');
    const f = await once('defence-score', async () => {
      const made = await evaluationFixture({ seat: expert.user, defenceRequired: true });
      await defenceSessionFor(t, made.committeeId, [made.seatedExpertId!], [made.applicationId]);
      return made;
    });
    return { url: `/api/expert/committees/${f.committeeId}/defence/${f.applicationId}/score`, body: SCORE_SHEET, client: expert.client };
  },
  'POST /api/expert/committees/:id/ballot': async () => {
    const expert = await expertFor('ballot');
    const f = await evaluationFixture({ status: 'meeting_open', seat: expert.user, seatAs: { present: true } });
    return { url: `/api/expert/committees/${f.committeeId}/ballot`, body: { votes: [{ applicationId: f.applicationId, choice: 'agree' }] }, client: expert.client };
  },
  'POST /api/office/committees/:id/defence-sessions': async () => {
    const f = await evaluationFixture({ defenceRequired: true });
    return {
      url: `/api/office/committees/${f.committeeId}/defence-sessions`,
      body: { startsAt: new Date().toISOString(), place: '答辩室', videoLink: null, panelExpertIds: f.memberIds, applicationIds: [f.applicationId] },
    };
  },
  'PUT /api/office/committees/:id/attendance': async () => {
    const f = await once('attendance', () => evaluationFixture());
    return { url: `/api/office/committees/${f.committeeId}/attendance`, body: { presentExpertIds: f.memberIds } };
  },
  // 副高 is capped (A24-17): a candidate tied at the line, the rate set by the committee.
  'POST /api/office/committees/:id/candidates/:applicationId/tie-decision': async () => {
    const f = await evaluationFixture({ level: '副高', status: 'ballot_closed', result: 'tied_at_cap', passRatePercent: '50' });
    return { url: `/api/office/committees/${f.committeeId}/candidates/${f.applicationId}/tie-decision`, body: { passed: false, reason: '评审委员会复议决定' } };
  },
  // A real-name account objects while the publicity runs; ten objections an hour per account, so a fresh one each time.
  'POST /api/results/:entryId/objections': async () => {
    const f = await once('objections', () => evaluationFixture({ status: 'results_publicised', publicity: 'running' }));
    return { url: `/api/results/${resultEntryId(t.services.cipher, f.applicationId)}/objections`, body: { content: '代表作署名有争议' }, client: (await signIn(t, 'applicant', org.otherUnitId)).client };
  },
  'POST /api/office/cases/:id/decision': async () => {
    const caseId = await once('case', async () => {
      const f = await evaluationFixture({ status: 'results_publicised', publicity: 'running' });
      const [row] = await t.services.db.insert(resultCases).values({ applicationId: f.applicationId, kind: 'objection', content: '署名争议', filedBy: f.applicantId }).returning({ id: resultCases.id });
      return row.id;
    });
    return { url: `/api/office/cases/${caseId}/decision`, body: { status: 'investigating', investigation: '已调取原始发表记录', outcome: null } };
  },
  'POST /api/me/applications/:id/cases': async () => {
    const { client, user } = await applicantFor('result-cases');
    const f = await once('result-cases', () => evaluationFixture({ owner: user, status: 'results_publicised', publicity: 'running', result: 'failed' }));
    return { url: `/api/me/applications/${f.applicationId}/cases`, body: { kind: 'review_request', content: '申请复查代表作评分' }, client };
  },
  'POST /api/office/committees/:id/qualification-document': async () => {
    const f = await evaluationFixture({ status: 'confirmed', publicity: 'over' });
    return { url: `/api/office/committees/${f.committeeId}/qualification-document`, body: { documentNumber: `测试职改〔2024〕${tag()}号`, issuedOn: '2024-12-01' } };
  },
  'POST /api/office/certificates/:id/revoke': async () => {
    const f = await evaluationFixture({ status: 'confirmed', publicity: 'over' });
    const fileId = await pdfOf(f.applicantId);
    const [{ sm3 }] = await t.services.db.select({ sm3: files.sm3 }).from(files).where(eq(files.id, fileId));
    const [row] = await t.services.db
      .insert(certificates)
      .values({ applicationId: f.applicationId, number: `HI2024-ZJ-${tag()}`, verificationCode: newCertificateCode(), payload: '{}', signature: '00', pdfSm3: sm3, fileId })
      .returning({ id: certificates.id });
    return { url: `/api/office/certificates/${row.id}/revoke`, body: { reason: '经查实伪造业绩证明', fraud: false } };
  },
};

const BASELINES: Record<string, () => Promise<Baseline>> = {
  'POST /api/me/archive/:recordKind': async () => ({ url: '/api/me/archive/achievement', body: { data: ACHIEVEMENT, fileIds: [] }, client: (await applicantFor('archive-post')).client }),
  'PUT /api/me/archive/records/:id': async () => {
    const { client, user } = await applicantFor('archive-put');
    const [row] = await t.services.db.insert(archiveRecords).values({ userId: user.id, kind: 'achievement', data: ACHIEVEMENT }).returning({ id: archiveRecords.id });
    return { url: `/api/me/archive/records/${row.id}`, body: { data: ACHIEVEMENT, fileIds: [] }, client };
  },
  'POST /api/me/files/:id/rotate': async () => {
    const { client, user } = await applicantFor('rotate');
    return { url: `/api/me/files/${await jpegOf(user.id)}/rotate`, body: { degrees: 90 }, client };
  },
  // The applicant already has an application in the campaign: even a clean request is refused (409).
  'POST /api/me/applications': async () => {
    const { client, user } = await applicantFor('create');
    await draftOf(user.id);
    return { body: { campaignId: openCampaign, seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' }, client, accepted: false };
  },
  'PUT /api/me/applications/:id/sections/:sectionId': async () => {
    const { client, user } = await applicantFor('sections');
    const app = await draftOf(user.id);
    return { url: `/api/me/applications/${app.id}/sections/other`, body: { version: app.version, values: { note: '无' } }, client };
  },
  'POST /api/me/applications/:id/materials/:slotId/from-archive': async () => {
    const { client, user } = await applicantFor('from-archive');
    const app = await draftOf(user.id);
    return { url: `/api/me/applications/${app.id}/materials/political-conduct/from-archive`, body: { fileId: await jpegOf(user.id) }, client };
  },
  'PUT /api/me/applications/:id/masking': async () => {
    const { client, user } = await applicantFor('masking');
    return { url: `/api/me/applications/${(await draftOf(user.id)).id}/masking`, body: { items: [] }, client };
  },
  'POST /api/me/applications/:id/commitment': async () => {
    const { client, user } = await applicantFor('commitment');
    return { url: `/api/me/applications/${(await draftOf(user.id)).id}/commitment`, body: { name: '艾力·测试' }, client };
  },
  // An empty draft: submitting is refused with the list of what is missing (422).
  'POST /api/me/applications/:id/submit': async () => {
    const { client, user } = await applicantFor('submit');
    return { url: `/api/me/applications/${(await draftOf(user.id)).id}/submit`, body: { acknowledgeLeaks: false }, client, accepted: false };
  },
  'POST /api/unit/applications/:id/return': async () => {
    const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'confirmed' });
    const app = await draftOf(applicant.id);
    await t.services.db.update(applications).set({ status: 'unit_review', submissionCount: 1 }).where(eq(applications.id, app.id));
    unitReviewer ??= (await signIn(t, 'unit_reviewer', org.unitId)).client;
    return { url: `/api/unit/applications/${app.id}/return`, body: { reasons: ['材料不清晰'] }, client: unitReviewer };
  },
  'POST /api/auth/sms-code': async () => ({ body: { phone: randomPhone(), purpose: 'register' } }),
  'POST /api/auth/register': async () => ({ body: { ...(await validRegistration(t, org.unitId)) } }),
  'POST /api/auth/login': async () => {
    await resetLockout(t, loginUser.id);
    return { body: { identifier: loginUser.username, password: loginUser.password } };
  },
  'POST /api/me/password': async () => {
    // An accepted change ends the session; a fresh account then takes over.
    if (!passwordClient || (await passwordClient.get('/api/me')).statusCode !== 200) passwordClient = (await signIn(t, 'applicant', org.unitId)).client;
    return { body: { currentPassword: TEST_PASSWORD, newPassword: strongPassword() }, client: passwordClient };
  },
  // No TOTP secret was set up, so even a well-formed code is refused: nothing here can be accepted.
  'POST /api/me/totp/enable': async () => ({ body: { code: '123456' }, accepted: false }),
  'POST /api/unit/memberships/:id/reject': async () => {
    const applicant = await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'pending' });
    const [m] = await t.services.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, applicant.id));
    return { url: `/api/unit/memberships/${m.id}/reject`, body: { reason: '经核实不是本单位职工' } };
  },
  'POST /api/admin/orgs': async () => ({
    body: { parentId: org.countyId, kind: 'department', name: `测试部门${tag()}`, code: null, unitKind: null, countyLevelOrBelow: true, departmentId: null },
  }),
  'PATCH /api/admin/orgs/:id': async () => {
    const [target] = await t.services.db
      .insert(organisations)
      .values({ kind: 'department', name: `待改名部门${tag()}`, parentId: otherTree.countyId })
      .returning({ id: organisations.id });
    return { url: `/api/admin/orgs/${target.id}`, body: { name: `已改名部门${tag()}` } };
  },
  'POST /api/admin/users': async () => ({ body: { username: `staff${tag()}`, name: '王小明', phone: randomPhone(), initialPassword: strongPassword() } }),
  'PUT /api/admin/calendar/days/:date': async () => ({ url: `/api/admin/calendar/days/${farDate()}`, body: { region: 'national', kind: 'holiday', name: '安全测试假日' } }),
  'POST /api/security/role-assignments': async () => {
    const user = await createUser(t.services);
    return { body: { userId: user.id, role: 'unit_reviewer', orgId: org.unitId } };
  },  ...EVALUATION_BASELINES,
};

/** A calendar date far from any date another test may read (the calendar is shared by all files). */
const farDate = () => `2097-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;

/** The route's URL with a valid value for each path parameter, read from its schema. */
function concretePath(method: string, url: string): string {
  const params = operationOf(method, url)?.parameters?.filter((p) => p.in === 'path') ?? [];
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const schema = params.find((p) => p.name === name)?.schema;
    if (schema?.format === 'uuid' || name === 'id') return '00000000-0000-4000-8000-000000000000';
    if (name === 'date') return farDate();
    if (name === 'year' || schema?.type === 'integer' || schema?.type === 'number') return '2097';
    return 'x';
  });
}

function valueFromSchema(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'boolean') return false;
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.format === 'uuid') return org.unitId;
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.pattern === '^\\d{6}$') return '123456';
  return 'abcdefgh'.slice(0, Math.max(schema.minLength ?? 1, Math.min(8, schema.maxLength ?? 8)));
}

function baselineFor(key: string, schema: JsonSchema): () => Promise<Baseline> {
  return (
    BASELINES[key] ??
    (async () => ({
      body: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => schema.required?.includes(name)).map(([name, s]) => [name, valueFromSchema(s)])),
      accepted: false,
    }))
  );
}

interface BodyRoute {
  key: string;
  method: string;
  url: string;
  access: Parameters<typeof clientFor>[1];
  schema: JsonSchema;
}

function jsonBodyRoutes(): BodyRoute[] {
  return t.app.routeCatalogue
    .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
    .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url, access: r.access, schema: jsonBodySchema(operationOf(r.method, r.url))! }))
    .filter((r) => r.schema?.properties && Object.keys(r.schema.properties).length > 0);
}

async function send(route: BodyRoute, baseline: Baseline, body: unknown, clients: Map<string, TestClient>): Promise<TestResponse> {
  let client = baseline.client ?? clients.get(route.access);
  if (!client) {
    client = await clientFor(t, route.access, org);
    clients.set(route.access, client);
  }
  return client.request(route.method, baseline.url ?? concretePath(route.method, route.url), { body });
}

describe('hostile values in every field of every JSON-body route', () => {
  it('no 5xx, no leak, clean Chinese errors, nothing invalid accepted [payloads × fields / 5xx = 0 / accepted invalid = 0]', async () => {
    const routes = jsonBodyRoutes();
    expect(routes.length, 'JSON-body routes found in the catalogue').toBeGreaterThanOrEqual(10);
    let requests = 0;
    let fields = 0;
    const serverErrors: string[] = [];
    const acceptedInvalid: string[] = [];
    const unclean: string[] = [];
    const baselinesRefused: string[] = [];

    await Promise.all(
      routes.map(async (route) => {
        const clients = new Map<string, TestClient>();
        const makeBaseline = baselineFor(route.key, route.schema);
        // The unchanged baseline is accepted, so a refusal below is about the hostile value.
        const control = await makeBaseline();
        const controlResponse = await send(route, control, control.body, clients);
        if ((control.accepted ?? true) && (controlResponse.statusCode < 200 || controlResponse.statusCode > 299)) {
          baselinesRefused.push(`${route.key}: ${controlResponse.statusCode} ${controlResponse.body.slice(0, 200)}`);
        }
        for (const [field, fieldSchema] of Object.entries(route.schema.properties!)) {
          fields++;
          const kind = kindOf(route.key, field, fieldSchema);
          for (const payload of CORPUS) {
            const baseline = await makeBaseline();
            const label = `${route.key} ${field}=${payload.label}`;
            const response = await send(route, baseline, { ...baseline.body, [field]: payload.value }, clients);
            requests++;
            if (response.statusCode >= 500) serverErrors.push(`${label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
            try {
              // A value is echoed back as data — stored (an organisation named "… SELECT …" is fine) or
              // quoted in the message refusing it (评审系列代码“…”格式不正确): leaks are looked for in
              // the rest of the body.
              const echo = typeof payload.value === 'string' ? JSON.stringify(payload.value.trim()).slice(1, -1) : null;
              const rest = echo ? response.body.replaceAll(echo, '') : response.body;
              expectNoLeak(rest, label);
              if (response.statusCode >= 400) expectCleanError({ ...response, body: rest, json: () => JSON.parse(rest) }, label);
            } catch (error) {
              unclean.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
            }
            const accepted = response.statusCode >= 200 && response.statusCode < 300;
            if (accepted && isInvalid(kind, fieldSchema, payload)) acceptedInvalid.push(`${label} (${kind}) → ${response.statusCode}`);
            // Accepted text comes back exactly as sent (stored as data, not interpreted).
            if (accepted && typeof payload.value === 'string' && response.body.startsWith('{')) {
              const echoed = response.json()[field];
              if (typeof echoed === 'string' && echoed !== payload.value.trim()) unclean.push(`${label}: stored as ${JSON.stringify(echoed)}`);
            }
          }
        }
      }),
    );
    console.log(
      `[payloads × fields / 5xx = ${CORPUS.length} × ${fields} (${requests} requests over ${routes.length} routes) / ${serverErrors.length} / accepted invalid = ${acceptedInvalid.length}]`,
    );
    expect.soft(baselinesRefused, 'unchanged baselines must be accepted').toEqual([]);
    expect.soft(serverErrors, '5xx').toEqual([]);
    expect.soft(unclean, 'leaks, unclean errors, altered storage').toEqual([]);
    expect(acceptedInvalid, 'accepted invalid').toEqual([]);
    // Twenty payloads into every field of every JSON-body route: over two thousand requests, and
    // more with every route added, on CI's two shared cores.
  }, 180_000);

  it('refuses unknown fields with 400 naming them, on every JSON-body route', async () => {
    for (const route of jsonBodyRoutes()) {
      const baseline = await baselineFor(route.key, route.schema)();
      const response = await send(route, baseline, { ...baseline.body, isAdmin: true, role_override: 'system_admin' }, new Map());
      expect(response.statusCode, route.key).toBe(400);
      const error = expectCleanError(response, route.key);
      expect(error.message, route.key).toContain('不认识的字段');
      expect(error.message, route.key).toContain('isAdmin');
      expect(error.message, route.key).toContain('role_override');
    }
  });

  it('refuses __proto__ and constructor.prototype keys in raw JSON (prototype pollution)', async () => {
    const client = new TestClient(t.app);
    const raw = [
      '{"identifier":"a","password":"b","__proto__":{"isAdmin":true}}',
      '{"identifier":"a","password":"b","constructor":{"prototype":{"isAdmin":true}}}',
      '{"identifier":"a","password":"b","nested":{"__proto__":{"x":1}}}',
    ];
    for (const payload of raw) {
      const response = await client.request('POST', '/api/auth/login', { payload, headers: { 'content-type': 'application/json' } });
      expect(response.statusCode, payload).toBe(400);
      expectCleanError(response, payload);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers malformed, mistyped and oversized bodies with a clean 4xx', async () => {
    const client = new TestClient(t.app);
    const cases: { label: string; payload: string | Buffer; type: string; status: number }[] = [
      { label: 'truncated JSON', payload: '{"identifier":', type: 'application/json', status: 400 },
      { label: 'not JSON', payload: "identifier=a' OR 1=1", type: 'application/json', status: 400 },
      { label: 'JSON array', payload: '[1,2,3]', type: 'application/json', status: 400 },
      { label: 'JSON null', payload: 'null', type: 'application/json', status: 400 },
      { label: 'JSON string', payload: '"x"', type: 'application/json', status: 400 },
      { label: 'deeply nested', payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/json', status: 400 },
      { label: 'text/plain (parsed as a string, not an object)', payload: 'hello', type: 'text/plain', status: 400 },
      { label: 'form-encoded', payload: 'identifier=a&password=b', type: 'application/x-www-form-urlencoded', status: 415 },
      { label: 'XML', payload: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', type: 'application/xml', status: 415 },
      { label: '2 MB body', payload: JSON.stringify({ identifier: 'a', password: 'b'.repeat(2 * 1024 * 1024) }), type: 'application/json', status: 413 },
    ];
    for (const c of cases) {
      const response = await client.request('POST', '/api/auth/login', { payload: c.payload, headers: { 'content-type': c.type } });
      expect(response.statusCode, c.label).toBe(c.status);
      expectCleanError(response, c.label);
    }
  });
});

describe('hostile organisation names through the Excel import', () => {
  it('refuses the invisible and bidi characters the API refuses, so no look-alike of an existing name gets in', async () => {
    const client = await clientFor(t, 'org.manage', org);
    const names = await t.services.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.parentId, org.prefectureId));
    const [region] = await t.services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org.regionId));
    const [prefecture] = await t.services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org.prefectureId));
    const county = names.find((n) => n.id === org.countyId)!;
    const parentPath = `${region.name}/${prefecture.name}`;
    const lookalikes = [`${county.name.slice(0, 2)}\u200b${county.name.slice(2)}`, `\u202e${county.name}`, `${county.name.slice(0, 2)}\ufeff${county.name.slice(2)}`];
    for (const name of lookalikes) {
      const file = await xlsxOf(ORG_IMPORT_COLUMNS, [[parentPath, name, '县市', '', '', '是', '']]);
      const response = await uploadFile(client, '/api/admin/orgs/import', file);
      expect(response.statusCode, JSON.stringify(name)).toBe(200);
      const result = response.json();
      expect(result.created, JSON.stringify(name)).toBe(0);
      expect(result.errors.map((e: { message: string }) => e.message).join(''), JSON.stringify(name)).toMatch(/不可见字符|控制字符/);
    }
    const after = await t.services.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.parentId, org.prefectureId));
    expect(after).toHaveLength(names.length);
  });
});

describe('hostile path parameters and query strings', () => {
  it('a non-uuid id in the path is 400 (never 500) on every route with an id [routes × bad ids / 5xx = N / 0]', async () => {
    // Routes whose path parameters are all uuids (a route keyed by, say, a certificate number takes text).
    const routes = t.app.routeCatalogue.filter((r) => {
      const params = (operationOf(r.method, r.url)?.parameters ?? []).filter((p) => p.in === 'path');
      return r.url.startsWith('/api/') && params.length > 0 && params.every((p) => p.schema.format === 'uuid');
    });
    expect(routes.length).toBeGreaterThanOrEqual(6);
    const badIds = ['not-a-uuid', "1'%20OR%20'1'='1", '..%2F..%2Fetc%2Fpasswd', '%00', '%3Cscript%3E', '00000000-0000-0000-0000-00000000000g', '12345', '%E2%80%AE'];
    let tried = 0;
    let serverErrors = 0;
    for (const route of routes) {
      const client = await clientFor(t, route.access, org);
      for (const id of badIds) {
        const response = await client.request(route.method, route.url.replace(/:[A-Za-z]+/g, id), { body: ['POST', 'PATCH'].includes(route.method) ? { reason: '理由' } : undefined });
        tried++;
        if (response.statusCode >= 500) serverErrors++;
        expect(response.statusCode, `${route.method} ${route.url} id=${id}`).toBe(400);
        const error = expectCleanError(response, `${route.method} ${route.url} id=${id}`);
        expect(error.code).toBe('VALIDATION');
        if (route.url.includes(':id')) expect(error.message).toContain('编号');
      }
      // Longer than the router allows for a parameter: still a clean client error.
      const long = await client.request(route.method, route.url.replace(/:[A-Za-z]+/g, 'a'.repeat(300)), { body: ['POST', 'PATCH'].includes(route.method) ? {} : undefined });
      tried++;
      expect(long.statusCode, `${route.url} 300-char id`).toBeGreaterThanOrEqual(400);
      expectCleanError(long, `${route.url} 300-char id`);
    }
    console.log(`[path params: routes × bad ids / 5xx = ${routes.length} × ${badIds.length + 1} (${tried}) / ${serverErrors}]`);
  });

  it('bad query values and unknown query keys are 400 on every route with a query schema', async () => {
    const routes = t.app.routeCatalogue.filter((r) => r.method === 'GET' && (operationOf(r.method, r.url)?.parameters ?? []).some((p) => p.in === 'query'));
    expect(routes.length).toBeGreaterThanOrEqual(4);
    let tried = 0;
    const marker = tag();
    for (const route of routes) {
      const client = await clientFor(t, route.access, org);
      const params = operationOf(route.method, route.url)!.parameters!.filter((p) => p.in === 'query');
      const path = concretePath(route.method, route.url);
      const unknown = await client.get(`${path}?evil=1&__proto__=x`);
      expect(unknown.statusCode, `${route.url} unknown key`).toBe(400);
      expect(expectCleanError(unknown).message).toContain('evil');
      for (const p of params) {
        const values = ['', 'abc', '-1', '1e999', "1' OR '1'='1", '<script>', 'x'.repeat(5000), '%00'];
        for (const raw of values) {
          // A user search is scoped with a marker no account has: the run's database holds accounts
          // of other test files, encrypted under their own master keys, which this app cannot decrypt.
          const v = p.name === 'q' && raw.length < 40 ? `${raw}~${marker}` : raw;
          const response = await client.get(`${path}?${p.name}=${encodeURIComponent(v)}`);
          tried++;
          const label = `${route.url}?${p.name}=${v.slice(0, 20)}`;
          expect(response.statusCode, label).toBeLessThan(500);
          if (response.statusCode >= 400) expectCleanError(response, label);
          else expectNoLeak(response.body, label);
          const constrained = p.schema.enum || p.schema.type === 'integer' || p.schema.format;
          if (constrained && v !== '') expect(response.statusCode, `${label} is not a valid ${p.schema.type}`).toBe(400);
          if (p.schema.maxLength && v.length > p.schema.maxLength) expect(response.statusCode, label).toBe(400);
        }
        const repeated = await client.get(`${path}?${p.name}=1&${p.name}=2`);
        tried++;
        expect(repeated.statusCode, `${route.url} repeated ${p.name}`).toBeLessThan(500);
      }
    }
    console.log(`[query strings: requests / 5xx = ${tried} / 0]`);
  });
});

describe('validation messages', () => {
  it('name the missing or wrong field in Chinese', async () => {
    const client = new TestClient(t.app);
    const body = await validRegistration(t, org.unitId);
    const cases: { label: string; url: string; body: Record<string, unknown>; field: string; says: string }[] = [
      { label: 'register without idNumber', url: '/api/auth/register', body: { ...body, idNumber: undefined }, field: 'idNumber', says: '身份证号' },
      { label: 'register without name', url: '/api/auth/register', body: { ...body, name: undefined }, field: 'name', says: '姓名' },
      { label: 'register with a non-uuid unitId', url: '/api/auth/register', body: { ...body, unitId: 'abc' }, field: 'unitId', says: '工作单位' },
      { label: 'register with a 25-character ID', url: '/api/auth/register', body: { ...body, idNumber: '6'.repeat(25) }, field: 'idNumber', says: '身份证号' },
      { label: 'login without password', url: '/api/auth/login', body: { identifier: 'someone' }, field: 'password', says: '密码' },
      { label: 'sms-code with an unknown purpose', url: '/api/auth/sms-code', body: { phone: randomPhone(), purpose: 'reset' }, field: 'purpose', says: '用途' },
    ];
    for (const c of cases) {
      const response = await client.post(c.url, JSON.parse(JSON.stringify(c.body)));
      expect(response.statusCode, c.label).toBe(400);
      const error = expectCleanError(response, c.label);
      expect(error.code, c.label).toBe('VALIDATION');
      expect(error.message, c.label).toContain(c.says);
      expect(error.fields?.map((f) => f.path), c.label).toContain(c.field);
      for (const f of error.fields ?? []) expect(f.message, c.label).toMatch(CHINESE);
    }
  });

  it('a value of the wrong type is called malformed, not missing', async () => {
    const response = await new TestClient(t.app).post('/api/auth/sms-code', { phone: 13912345678, purpose: 'register' });
    expect(response.statusCode).toBe(400);
    const error = expectCleanError(response);
    expect(error.message).toContain('手机号');
    expect(error.message).not.toContain('不能为空');
  });

  it('semantic checks answer in Chinese too: ID check digit, birth date, phone format', async () => {
    const client = new TestClient(t.app);
    const body = await validRegistration(t, org.unitId);
    const wrongCheck = body.idNumber.slice(0, 17) + (body.idNumber.endsWith('X') ? '0' : 'X');
    for (const [idNumber, says] of [
      [wrongCheck, '校验位'],
      ['650102199902300011', '出生日期'],
      ['650102209901010011', '出生日期'],
    ] as const) {
      const response = await client.post('/api/auth/register', { ...body, idNumber });
      expect(response.statusCode, idNumber).toBe(400);
      expect(expectCleanError(response).message, idNumber).toContain(says);
    }
    const phone = await client.post('/api/auth/register', { ...body, phone: '12345' });
    expect(expectCleanError(phone).message).toContain('手机号码');
  });
});
