// Demo mode only: applications at every stage of the review chain in both prefectures' practice
// campaigns (practice-bz-<year>, practice-aks-<year>), so every desk of the demo shows work: a
// draft being filled, one submitted to the unit, one returned with reasons, one in the unit's
// publicity, one whose publicity is over (ready to recommend), one at the county department, one
// forwarded in a batch to the committee office, one accepted with the fee unpaid, one with a
// receipt waiting for finance, and accepted ones with the fee confirmed and the 评审表 issued —
// in Aksu eight 副高 and four 中级, in Bayingol six 中级, enough for the committee stage.
//
// Who and what (demo-people.ts): synthetic applicants at units of the demo tree, with accounts
// (password Zhiping#Demo2026), confirmed memberships and archives; reviewers for the units that
// have no demo reviewer. Everything after the accounts is done with the product's own commands,
// each as the demo account whose desk it is (its Actor, as load-actor builds it for a session,
// in a request context of the system's, request id "demo-seed"), so applications, timelines,
// notifications, fee orders, files and audit rows are what the same clicks would have made.
//
// One thing cannot be done by a command: time passing. A unit's publicity runs five working days
// and the command starts it today at the earliest, so for the applications past their publicity
// its history is written directly (letPublicityRun): the publicities row (and the timeline
// event's detail) is moved to the latest period of the campaign's working days, on the campaign's
// calendar, that ended before today — what the server would have stored had the unit started it
// then. The applications' other times stay those of the seed.
//
// Idempotent: nothing happens when the first demo applicant exists. Demo applications never stop
// start-up: when a practice campaign's declaration window is no longer open (a demo database
// started weeks ago) or the calendar does not cover the dates, nothing is written and the console
// says why; a failure half-way is reported the same way and what was done before it stays.
//
// Time: about 1,100 audited transactions (every command writes its audit row under the chain's
// lock), ~10–12 s on a 2-core machine; applicants are handled a few at a time per prefecture.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { applicableSlots, windowStatus } from '../../domain/campaign/queries.js';
import { addDays } from '../../domain/campaign/dates.js';
import type { Campaign } from '../../domain/campaign/index.js';
import { beijingDate } from '../../domain/calendar/calendar.js';
import { requiredCount, type ArchiveKind } from '../../domain/application/index.js';
import { makeIdNumber } from '../../domain/id-number.js';
import type { Role } from '../../domain/roles.js';
import { appendAudit } from '../audit/append-audit.js';
import { createApplication } from '../commands/application/create-application.js';
import { setMasking, signCommitment } from '../commands/application/masking-and-commitment.js';
import { addArchiveFileToSlot, uploadMaterial } from '../commands/application/materials.js';
import { returnApplication } from '../commands/application/return-application.js';
import { saveSection } from '../commands/application/save-section.js';
import { submitApplication } from '../commands/application/submit-application.js';
import { confirmFee } from '../commands/fees/confirm-fee.js';
import { savePaymentSettings } from '../commands/fees/save-payment-settings.js';
import { uploadPayeeQr } from '../commands/fees/upload-payee-qr.js';
import { uploadReceipt } from '../commands/fees/upload-receipt.js';
import { issueReviewForm } from '../commands/review-forms/issue-review-form.js';
import { acceptApplication } from '../commands/review/accept-application.js';
import { forwardBatch } from '../commands/review/forward-batch.js';
import { recordObjection, resolveObjection, startPublicity } from '../commands/review/publicity.js';
import { recommendApplication } from '../commands/review/recommend-application.js';
import { hashPassword } from '../crypto/password-hash.js';
import { applicationEvents, applications, archiveRecords, memberships, organisations, publicities, roleAssignments, users } from '../db/schema.js';
import { systemContext, type Actor, type RequestContext } from '../http/context.js';
import { createJobHandlers } from '../jobs/handlers.js';
import { loadApplicationContext } from '../queries/applications.js';
import { loadPublishedCampaign } from '../queries/campaigns.js';
import { feeOrderOf, paymentSettingsOf } from '../queries/fees.js';
import { loadActor } from '../queries/load-actor.js';
import { loadCalendar } from '../rules/calendar.js';
import type { Services } from '../services.js';
import { DEMO_PASSWORD } from './demo.js';
import { demoJpegScans, demoPayeeQr, demoPdfScan, demoReceiptPdf } from './demo-files.js';
import { DEMO_EXTRA_STAFF, DEMO_PEOPLE, DEMO_STAGES, demoPhone, idPrefix17, performanceSummary, personArchive, type DemoPerson, type DemoStage, type Which } from './demo-people.js';

const REQUEST_ID = 'demo-seed';
/** Applications declared (and later handled) at the same time, per prefecture. */
const PARALLEL = 4;

const PATH: Record<Which, string> = { bz: 'prefecture', aks: 'directed' };

const RETURN_REASONS: Record<Which, (year: number) => string[]> = {
  bz: (year) => ['代表作品只上传了正文，请补充封面、目录和版权页的扫描件（B21-5）', `${year - 1} 年度考核登记表扫描件不清晰，请重新扫描后上传`],
  aks: (year) => [`继续教育合格证书缺少 ${year - 1} 年度公需课证书，请补充上传（A24-15）`, '推荐报告未加盖单位公章，请盖章后重新扫描上传'],
};

const OBJECTION = {
  content: '有群众反映申报人代表作品之一系与同事合作采写，署名顺序存疑',
  resolution: '经核实，该作品由申报人独立采写，编辑部已出具情况说明并存档，异议不成立',
};

const PAYEES: Record<Which, { payeeName: string; bankName: string; accountNumber: string; qr: string | null }> = {
  bz: { payeeName: '巴州新闻系列职称评审委员会办公室（演示账户）', bankName: '中国农业银行库尔勒分行营业部', accountNumber: '3045 0101 0400 0000 1', qr: null },
  aks: {
    payeeName: '阿克苏地区新闻、文学创作、出版系列评审委员会（演示账户）',
    bankName: '中国工商银行阿克苏分行营业部',
    accountNumber: '3006 0201 0920 0000 002',
    qr: '职评演示收款码：阿克苏地区新闻、文学创作、出版系列职称评审费（非真实账户）',
  },
};

interface Applicant {
  person: DemoPerson;
  userId: string;
  actor: Actor;
  archive: Partial<Record<ArchiveKind, string[]>>;
}

interface Declared extends Applicant {
  applicationId: string;
  unitId: string;
}

/** A request context of the seed's, carrying the demo account that acts (audit rows name it). */
function asActor(actor: Actor, role: Role): RequestContext {
  return { ...systemContext(REQUEST_ID), actor, actingRole: role };
}

/** Runs `fn` over `items`, at most `limit` at a time, in order of start. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Whether `stage` is `from` or a later stage of the chain. */
const atOrAfter = (stage: DemoStage, from: DemoStage) => DEMO_STAGES.indexOf(stage) >= DEMO_STAGES.indexOf(from);

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

/**
 * Accounts, role grants, confirmed memberships and archives of the demo applicants, and the extra
 * reviewers, in one transaction (like demo.ts's accounts), with one audit row.
 */
async function insertAccounts(services: Services, thisYear: number, today: string): Promise<Map<string, Applicant>> {
  const people = [...DEMO_PEOPLE.bz.map((p) => ({ p, which: 'bz' as const })), ...DEMO_PEOPLE.aks.map((p) => ({ p, which: 'aks' as const }))];
  const staff = [...DEMO_EXTRA_STAFF.bz, ...DEMO_EXTRA_STAFF.aks];
  const orgNames = [...new Set([...people.map(({ p }) => p.unit), ...staff.map((s) => s.org)])];
  const orgRows = await services.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.name, orgNames));
  const orgIds = new Map(orgRows.map((o) => [o.name, o.id]));
  const missing = orgNames.filter((name) => !orgIds.has(name));
  if (missing.length > 0) throw new Error(`organisations of the demo tree not found: ${missing.join('、')}`);
  // One PBKDF2 hash (with its own random salt) for all these accounts: their password is the
  // published demo password anyway, and 44 hashes of 120,000 iterations would add ~4 s to the
  // first start on a 2-core machine. Changing an account's password gives it its own hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const created = await services.db.transaction(async (tx) => {
    const userRows = await tx
      .insert(users)
      .values([
        ...people.map(({ p, which }) => {
          const idNumber = makeIdNumber(idPrefix17(p, which));
          const phone = demoPhone(p, which);
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
        ...staff.map((s) => ({ username: s.username, name: s.name, passwordHash, isDemo: true })),
      ])
      .returning({ id: users.id, username: users.username });
    const userIds = new Map(userRows.map((u) => [u.username!, u.id]));
    await tx.insert(roleAssignments).values([
      ...people.map(({ p }) => ({ userId: userIds.get(p.username)!, role: 'applicant', orgId: orgIds.get(p.unit)! })),
      ...staff.map((s) => ({ userId: userIds.get(s.username)!, role: s.role, orgId: orgIds.get(s.org)! })),
    ]);
    await tx.insert(memberships).values(people.map(({ p }) => ({ userId: userIds.get(p.username)!, unitId: orgIds.get(p.unit)!, status: 'confirmed', decidedAt: new Date() })));
    const records = await tx
      .insert(archiveRecords)
      .values(people.flatMap(({ p, which }) => personArchive(p, which, thisYear, today).map((r) => ({ userId: userIds.get(p.username)!, kind: r.kind, data: r.data }))))
      .returning({ id: archiveRecords.id, userId: archiveRecords.userId, kind: archiveRecords.kind });
    await appendAudit(tx, systemContext(REQUEST_ID), {
      action: 'demo.seed',
      objectType: 'system',
      detail: { demoApplicants: people.length, demoReviewers: staff.length },
    });
    return { userIds, records };
  });

  const applicants = new Map<string, Applicant>();
  for (const { p } of people) {
    const userId = created.userIds.get(p.username)!;
    const archive: Applicant['archive'] = {};
    for (const r of created.records) if (r.userId === userId) (archive[r.kind as ArchiveKind] ??= []).push(r.id);
    applicants.set(p.username, { person: p, userId, actor: await actorOf(services, userId), archive });
  }
  return applicants;
}

/** The form as the applicant fills it from the archive: every section, "无" where there is nothing. */
function sectionsOf(a: Applicant): [string, Record<string, string | string[]>][] {
  const picked = (kind: ArchiveKind) => a.archive[kind] ?? '无';
  const p = a.person;
  return [
    ['basic', { post: p.specialty === 'reporter' ? '记者' : '编辑', adminPost: p.level === '副高' ? (p.specialty === 'reporter' ? '采访部副主任' : '编辑部副主任') : '无', politicalStatus: p.politicalStatus }],
    ['education', { records: picked('education') }],
    ['title', { records: picked('title') }],
    ['work', { records: picked('work') }],
    ['performance', { summary: performanceSummary(p) }],
    ['achievements', { records: picked('achievement') }],
    ['publications', { records: picked('publication') }],
    ['continuingEducation', { records: picked('continuingEducation') }],
    ['assessments', { records: picked('annualAssessment') }],
    ['mandarin', { records: picked('mandarin') }],
    ['conduct', { records: picked('politicalConduct') }],
    ['grassRoots', { records: '无' }],
    ['other', { note: '无' }],
  ];
}

/**
 * The applicant's part: the application created and filled from the archive, the scans uploaded
 * (each applicable slot gets as many as it asks for; slots share the uploaded scans, as the
 * from-archive route lets an applicant do), on a blind-review campaign the masking ticked and the
 * scans leak-checked (the job's own handler, as the worker would run it), the commitment signed and
 * the application submitted. A draft stops half-way: part of the form, one scan.
 */
async function declare(services: Services, which: Which, campaign: Campaign, a: Applicant): Promise<Declared> {
  const ctx = () => asActor(a.actor, 'applicant');
  const p = a.person;
  const created = await createApplication(services, ctx(), a.actor, { campaignId: campaign.id, seriesId: 'news', specialtyId: p.specialty, level: p.level, pathId: PATH[which] });
  const draft = p.stage === 'draft';
  const sections = sectionsOf(a);
  let version = created.version;
  for (const [sectionId, values] of draft ? sections.slice(0, 6) : sections) {
    ({ version } = await saveSection(services, ctx(), a.actor, created.id, { version, sectionId, values }));
  }

  const [row] = await services.db.select().from(applications).where(eq(applications.id, created.id));
  const context = await loadApplicationContext(services.db, services.cipher, row, new Date());
  const slots = applicableSlots(context.campaign, context.facts)
    .map((s) => ({ id: s.id, required: requiredCount(s) }))
    .filter((s) => s.required > 0);
  const jpegs = which === 'bz' ? await demoJpegScans() : [];
  const uploaded: string[] = [];
  for (const slot of draft ? slots.slice(0, 1) : slots) {
    for (let i = 0; i < (draft ? 1 : slot.required); i++) {
      if (i < uploaded.length) {
        await addArchiveFileToSlot(services, ctx(), a.actor, created.id, slot.id, uploaded[i]);
      } else {
        const upload =
          which === 'bz' ? { bytes: jpegs[i % jpegs.length], name: `扫描件${i + 1}.jpg` } : { bytes: await demoPdfScan(), name: `扫描件${i + 1}（已遮盖）.pdf` };
        uploaded.push((await uploadMaterial(services, ctx(), a.actor, created.id, slot.id, upload)).id);
      }
    }
  }
  if (!draft) {
    const blind = campaign.blindReview;
    if (blind && blind.levels.includes(p.level)) {
      await setMasking(services, ctx(), a.actor, created.id, blind.maskedItems);
      // Submission waits for the scans' leak check (A24-7); the worker would run it in seconds.
      const leakCheck = createJobHandlers(services)['leak-check'];
      for (const fileId of uploaded) await leakCheck({ fileId });
    }
    await signCommitment(services, ctx(), a.actor, created.id, p.name);
    await submitApplication(services, ctx(), a.actor, created.id, { acknowledgeLeaks: false });
  }
  return { ...a, applicationId: created.id, unitId: created.unitId };
}

/** A publicity period of the campaign's working days: what the unit's command would store. */
interface Period {
  startsOn: string;
  endsOn: string;
  workingDays: number;
}

/**
 * The latest period of the campaign's number of working days, on its calendar, that ended before
 * today, starting on a working day as the command's does. Also checks that the calendar covers
 * the publicity that starts today. Throws when the calendar does not cover the dates.
 */
async function endedPublicityPeriod(services: Services, campaign: Campaign, today: string): Promise<Period> {
  const workingDays = campaign.unitReview.publicityWorkingDays;
  const calendar = await loadCalendar(services.db, campaign.prefecture.calendarRegion);
  calendar.publicityEndDate(today, workingDays);
  for (let back = 1; back <= 60; back++) {
    const startsOn = calendar.addWorkingDays(addDays(today, -back), 0);
    const endsOn = calendar.publicityEndDate(startsOn, workingDays);
    if (endsOn < today) return { startsOn, endsOn, workingDays };
  }
  throw new Error(`no ${workingDays}-working-day period ending before ${today} in the last 60 days`);
}

/**
 * The history a command cannot write: the publicity ran its working days. Moves the publicities
 * rows (and the detail of their timeline events) that the unit's command stored today to `period`.
 */
async function letPublicityRun(services: Services, period: Period, applicationIds: string[]): Promise<void> {
  if (applicationIds.length === 0) return;
  const { startsOn, endsOn, workingDays } = period;
  await services.db.transaction(async (tx) => {
    const moved = await tx
      .update(publicities)
      .set({ startsOn, endsOn })
      .where(and(inArray(publicities.applicationId, applicationIds), eq(publicities.workingDays, workingDays)))
      .returning({ id: publicities.applicationId });
    if (moved.length !== applicationIds.length) throw new Error(`moved ${moved.length} of ${applicationIds.length} publicities`);
    await tx
      .update(applicationEvents)
      .set({ detail: sql`${applicationEvents.detail} || ${JSON.stringify({ startsOn, endsOn })}::jsonb` })
      .where(and(inArray(applicationEvents.applicationId, applicationIds), eq(applicationEvents.action, 'publicityStarted')));
  });
}

interface Prepared {
  which: Which;
  campaign: Campaign;
  prefectureId: string;
  ended: Period;
  /** The prefecture's demo accounts at the desks: unit and department reviewers, office, finance. */
  desks: { reviewers: Actor[]; office: Actor; finance: Actor };
}

/**
 * What a prefecture's seeding needs, checked before anything is written: its practice campaign
 * open for declarations, a calendar that covers the publicity dates, the demo staff accounts.
 */
async function prepare(services: Services, which: Which, thisYear: number, today: string): Promise<Prepared> {
  const id = `practice-${which}-${thisYear}`;
  const { campaign, prefecture } = await loadPublishedCampaign(services.db, id).catch((error: Error) => {
    throw new Error(`practice campaign ${id}: ${error.message}`);
  });
  const window = windowStatus(campaign, 'declaration', Date.now());
  if (window.state !== 'open') throw new Error(`${campaign.id}: the declaration window is not open (${window.message})`);
  const ended = await endedPublicityPeriod(services, campaign, today);
  const [unit, dept, office, finance] = await Promise.all(['unit', 'dept', 'office', 'finance'].map((desk) => actorByUsername(services, `demo-${desk}-${which}`)));
  return { which, campaign, prefectureId: prefecture.id, ended, desks: { reviewers: [unit, dept], office, finance } };
}

async function seedPrefecture(services: Services, prepared: Prepared, applicants: Map<string, Applicant>, today: string, thisYear: number): Promise<number> {
  const { which, campaign, prefectureId, ended } = prepared;
  const { office, finance } = prepared.desks;
  const reviewers = [...prepared.desks.reviewers, ...(await Promise.all(DEMO_EXTRA_STAFF[which].map((s) => actorByUsername(services, s.username))))];
  const grantOf = (role: Role) => new Map(reviewers.flatMap((r) => r.roles.filter((g) => g.role === role && g.orgId).map((g) => [g.orgId!, r] as const)));
  const unitReviewers = grantOf('unit_reviewer');
  const deptReviewers = grantOf('dept_reviewer');
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no demo ${what}`);
    return value;
  };

  // The office sets the payee (and, in Aksu, whose notice offers it, the payment code) — unless it already has.
  if (!(await paymentSettingsOf(services.db, prefectureId))) {
    const { qr, ...payee } = PAYEES[which];
    await savePaymentSettings(services, asActor(office, 'office_staff'), office, prefectureId, payee);
    if (qr) await uploadPayeeQr(services, asActor(office, 'office_staff'), office, prefectureId, { bytes: await demoPayeeQr(qr), name: '收款码.png' });
  }

  // Applicants declare and submit.
  const declared: Declared[] = [];
  await eachLimited(DEMO_PEOPLE[which], PARALLEL, async (person) => {
    declared.push(await declare(services, which, campaign, applicants.get(person.username)!));
  });
  const at = (from: DemoStage) => declared.filter((d) => atOrAfter(d.person.stage, from));
  const only = (stage: DemoStage) => declared.filter((d) => d.person.stage === stage);
  const unitOf = (d: Declared) => need(unitReviewers.get(d.unitId), `unit reviewer for ${d.person.unit}`);
  const unitCtx = (d: Declared) => asActor(unitOf(d), 'unit_reviewer');

  // The units: a return with reasons, publicities started (today), one objection recorded and resolved.
  for (const d of only('returned')) await returnApplication(services, unitCtx(d), unitOf(d), d.applicationId, RETURN_REASONS[which](thisYear), 'unit');
  await eachLimited(at('publicity'), PARALLEL, async (d) => {
    await startPublicity(services, unitCtx(d), unitOf(d), d.applicationId, today);
  });
  for (const d of only('publicityEnded')) {
    const objection = await recordObjection(services, unitCtx(d), unitOf(d), d.applicationId, OBJECTION.content);
    await resolveObjection(services, unitCtx(d), unitOf(d), objection.id, OBJECTION.resolution);
  }
  await letPublicityRun(services, ended, at('publicityEnded').map((d) => d.applicationId));
  // … and recommend: to the county department, or (a unit without one) to the committee office.
  await eachLimited(at('deptReview'), PARALLEL, async (d) => {
    await recommendApplication(services, unitCtx(d), unitOf(d), d.applicationId);
  });

  // The departments forward what their units recommended, one batch each.
  const toForward = new Map<string, Declared[]>();
  for (const d of at('officeReview')) {
    const [row] = await services.db.select({ status: applications.status }).from(applications).where(eq(applications.id, d.applicationId));
    if (row.status !== 'dept_review') continue; // its unit reports to no department
    const [unit] = await services.db.select({ departmentId: organisations.departmentId }).from(organisations).where(eq(organisations.id, d.unitId));
    toForward.set(unit.departmentId!, [...(toForward.get(unit.departmentId!) ?? []), d]);
  }
  for (const [departmentId, batch] of toForward) {
    const dept = need(deptReviewers.get(departmentId), `department reviewer for ${batch[0].person.unit}`);
    await forwardBatch(services, asActor(dept, 'dept_reviewer'), dept, batch.map((d) => d.applicationId));
  }

  // The committee office: 已接收材料 (the fee order is created with it).
  await eachLimited(at('feeUnpaid'), PARALLEL, async (d) => {
    await acceptApplication(services, asActor(office, 'office_staff'), office, d.applicationId);
  });
  // The applicants pay and upload the bank's receipt; finance confirms; the office issues the 评审表.
  await eachLimited(at('receiptUploaded'), PARALLEL, async (d) => {
    const order = (await feeOrderOf(services.db, d.applicationId))!;
    const receipt = await demoReceiptPdf(order.reference, order.amountYuan, today);
    await uploadReceipt(services, asActor(d.actor, 'applicant'), d.actor, d.applicationId, { bytes: receipt, name: `电子回单-${order.reference}.pdf` });
  });
  await eachLimited(at('paid'), PARALLEL, async (d) => {
    const order = (await feeOrderOf(services.db, d.applicationId))!;
    await confirmFee(services, asActor(finance, 'finance'), finance, order.id);
    const [row] = await services.db.select().from(applications).where(eq(applications.id, d.applicationId));
    await issueReviewForm(services, asActor(office, 'office_staff'), row, campaign);
  });
  return declared.length;
}

export async function seedDemoApplications(services: Services): Promise<void> {
  const [present] = await services.db.select({ id: users.id }).from(users).where(eq(users.username, DEMO_PEOPLE.bz[0].username));
  if (present) return;
  const started = Date.now();
  const today = beijingDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  let prepared: Prepared[];
  let applicants: Map<string, Applicant>;
  try {
    prepared = await Promise.all((['bz', 'aks'] as const).map((which) => prepare(services, which, thisYear, today)));
    applicants = await insertAccounts(services, thisYear, today);
  } catch (error) {
    console.warn(`[zhiping] demo applications not loaded: ${(error as Error).message}`);
    return;
  }
  const results = await Promise.allSettled(prepared.map((p) => seedPrefecture(services, p, applicants, today, thisYear)));
  let seeded = 0;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') seeded += result.value;
    else console.warn(`[zhiping] demo applications of ${prepared[i].campaign.id} not completed: ${(result.reason as Error).stack ?? String(result.reason)}`);
  });
  console.log(`[zhiping] ${seeded} demo applications at every review stage loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
