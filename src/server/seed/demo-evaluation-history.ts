// Demo mode only: the declarations of the completed years (bayingol-2021-news, aksu-2024-…), written
// as history. Their windows closed years ago, so no command would take them now (declaration,
// review and payment windows are checked against today); what the commands would have stored then
// is inserted directly, in one transaction per campaign, with the times of the campaign's own
// calendar: the application as submitted (form filled from the archive, the archive snapshot, the
// masking of a blind review, the commitment), the unit's publicity of the campaign's working days
// and its recommendation, the department's batch (a county unit's), 已接收材料, the fee order paid
// with the bank's receipt and confirmed by finance, the paper copies received where the notice asks
// for them (B21-1), the scans in every slot the level requires, and the timeline events of each
// step at its time. No audit rows are back-dated (the chain records when things were written): one
// 'demo.seed' row says what this seed wrote. The 评审表 numbers are then issued by the product's
// command (issueReviewForm), their time set back to the acceptance.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { requiredCount, type ArchiveKind, type ArchiveRecord } from '../../domain/application/index.js';
import { addDays } from '../../domain/campaign/dates.js';
import { applicableSlots, feeFor } from '../../domain/campaign/queries.js';
import type { Campaign, Level } from '../../domain/campaign/index.js';
import type { Calendar } from '../../domain/calendar/calendar.js';
import { appendAudit } from '../audit/append-audit.js';
import { newReference } from '../commands/fees/create-fee-order.js';
import { DEFAULT_RECOMMENDATION_OPINION } from '../commands/review/recommend-application.js';
import { issueReviewForm } from '../commands/review-forms/issue-review-form.js';
import {
  applicationEvents,
  applicationMaterials,
  applications,
  batches,
  feeOrders,
  files,
  organisations,
  publicities,
  reviewForms,
  roleAssignments,
} from '../db/schema.js';
import { systemContext, type Actor, type RequestContext } from '../http/context.js';
import { loadApplicationContext } from '../queries/applications.js';
import type { Services } from '../services.js';
import { demoJpegScans, demoPdfScan, demoReceiptPdf } from './demo-files.js';
import type { EvaluationPerson } from './demo-evaluation-people.js';
import type { Which } from './demo-people.js';

/** An applicant account with the ids of its archive records, by kind. */
export interface SeededPerson {
  person: EvaluationPerson;
  userId: string;
  records: ArchiveRecord[];
  actor: Actor;
}

/** The form as the applicant fills it from the archive: every section, "无" where there is nothing (B21-12). */
export function formOf(p: EvaluationPerson, records: ArchiveRecord[], summary: string): Record<string, Record<string, string | string[]>> {
  const picked = (kind: ArchiveKind) => {
    const ids = records.filter((r) => r.kind === kind).map((r) => r.id);
    return ids.length > 0 ? ids : '无';
  };
  const post = p.specialty === 'reporter' ? '记者' : '编辑';
  return {
    basic: { post, adminPost: p.level === '副高' ? (p.specialty === 'reporter' ? '采访部主任' : '编辑部主任') : '无', politicalStatus: p.politicalStatus },
    education: { records: picked('education') },
    title: { records: picked('title') },
    work: { records: picked('work') },
    performance: { summary },
    achievements: { records: picked('achievement') },
    publications: { records: picked('publication') },
    continuingEducation: { records: picked('continuingEducation') },
    assessments: { records: picked('annualAssessment') },
    mandarin: { records: picked('mandarin') },
    conduct: { records: picked('politicalConduct') },
    grassRoots: { records: '无' },
    other: { note: '无' },
  };
}

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

export interface HistoryPlan {
  which: Which;
  campaign: Campaign;
  calendar: Calendar;
  /** The first applicant's submission date; the others follow a day apart (within the declaration window). */
  firstSubmittedOn: string;
  people: SeededPerson[];
  office: Actor;
  finance: Actor;
  pathId: string;
  summary: (p: EvaluationPerson) => string;
}

/** What was written for one applicant: the application and the day it was accepted. */
export interface HistoricApplication {
  person: SeededPerson;
  applicationId: string;
  acceptedOn: string;
}

export async function writeHistoricApplications(services: Services, plan: HistoryPlan): Promise<HistoricApplication[]> {
  const { campaign, calendar, which } = plan;
  const next = (date: string, n = 1) => calendar.addWorkingDays(addDays(date, 1), n - 1);
  const unitNames = [...new Set(plan.people.map((p) => p.person.unit))];
  const units = await services.db.select().from(organisations).where(inArray(organisations.name, unitNames));
  const unitOf = new Map(units.map((u) => [u.name, u]));
  const missing = unitNames.filter((n) => !unitOf.has(n));
  if (missing.length > 0) throw new Error(`organisations of the demo tree not found: ${missing.join('、')}`);
  // The reviewer accounts of those units and their departments, where the demo has one.
  const orgIds = [...units.map((u) => u.id), ...units.flatMap((u) => (u.departmentId ? [u.departmentId] : []))];
  const grants = await services.db
    .select({ userId: roleAssignments.userId, orgId: roleAssignments.orgId, role: roleAssignments.role })
    .from(roleAssignments)
    .where(inArray(roleAssignments.orgId, orgIds));
  const reviewerOf = (orgId: string, role: string) => grants.find((g) => g.orgId === orgId && g.role === role)?.userId ?? null;

  const workingDays = campaign.unitReview.publicityWorkingDays;
  const paper = campaign.windows.paperMaterials?.opensAt.slice(0, 10) ?? null;
  const blind = campaign.blindReview;
  const opinion = campaign.unitReview.recommendationOpinion ?? DEFAULT_RECOMMENDATION_OPINION;
  const scanKind = which === 'bz' ? 'jpg' : 'pdf';
  const scans = which === 'bz' ? await demoJpegScans() : [await demoPdfScan()];

  // Files first (durable put, then the rows in the transaction: an interruption leaves orphans the
  // start-up sweep removes), like the upload commands.
  const stored = async (ownerId: string, folder: string, ext: string, bytes: Buffer, name: string, createdAt: Date) => {
    const id = randomUUID();
    const put = await services.files.put(`${folder}/${ownerId}/${id}.${ext}`, bytes);
    return {
      id,
      ownerId,
      storageKey: put.key,
      sm3: put.sm3,
      bytes: put.bytes,
      kind: ext,
      originalName: name,
      pages: 1,
      width: ext === 'jpg' ? 827 : null,
      height: ext === 'jpg' ? 1169 : null,
      leakStatus: 'done',
      createdAt,
    };
  };

  const written = await services.db.transaction(async (tx) => {
    const batchOf = new Map<string, { id: string; number: number }>();
    const out: HistoricApplication[] = [];
    for (const [i, sp] of plan.people.entries()) {
      const p = sp.person;
      const unit = unitOf.get(p.unit)!;
      // The year's dates, on the campaign's calendar: submitted, a publicity of the campaign's
      // working days from the next working day, recommended after it, forwarded by the county
      // department, accepted, paid and confirmed, the paper copies in the notice's window.
      const submittedOn = calendar.addWorkingDays(plan.firstSubmittedOn, i % 3);
      const publicity = { startsOn: next(submittedOn), endsOn: '' };
      publicity.endsOn = calendar.publicityEndDate(publicity.startsOn, workingDays);
      const recommendedOn = next(publicity.endsOn);
      const forwardedOn = unit.departmentId ? next(recommendedOn) : null;
      const acceptedOn = next(forwardedOn ?? recommendedOn, 2);
      const paidOn = next(acceptedOn);
      const confirmedOn = next(paidOn);
      const paperOn = paper ? calendar.addWorkingDays(paper, i % 2) : null;

      // Every record of the archive is picked (formOf), so the snapshot is the whole archive.
      const snapshot = sp.records;
      const form = formOf(p, sp.records, plan.summary(p));
      const [app] = await tx
        .insert(applications)
        .values({
          applicantId: sp.userId,
          unitId: unit.id,
          campaignId: campaign.id,
          campaignVersion: 1,
          year: campaign.year,
          seriesId: 'news',
          specialtyId: p.specialty,
          level: p.level,
          pathId: plan.pathId,
          status: 'accepted',
          form,
          masking: blind && blind.levels.includes(p.level as Level) ? blind.maskedItems : [],
          archiveSnapshot: snapshot,
          commitmentSignedAt: at(submittedOn, '09:30'),
          submissionCount: 1,
          submittedAt: at(submittedOn, '10:00'),
          recommendationOpinion: opinion,
          recommendedAt: at(recommendedOn, '11:00'),
          recommendedBy: reviewerOf(unit.id, 'unit_reviewer'),
          acceptedAt: at(acceptedOn, '15:00'),
          paperReceivedAt: paperOn ? at(paperOn, '16:00') : null,
          paperReceivedBy: paperOn ? plan.office.userId : null,
          createdAt: at(addDays(submittedOn, -3), '20:00'),
          updatedAt: at(confirmedOn, '10:30'),
        })
        .returning();

      if (unit.departmentId && forwardedOn) {
        let batch = batchOf.get(unit.departmentId);
        if (!batch) {
          const [row] = await tx
            .insert(batches)
            .values({ departmentId: unit.departmentId, campaignId: campaign.id, createdBy: reviewerOf(unit.departmentId, 'dept_reviewer'), createdAt: at(forwardedOn, '10:00') })
            .returning({ id: batches.id, number: batches.number });
          batch = row;
          batchOf.set(unit.departmentId, batch);
        }
        await tx.update(applications).set({ batchId: batch.id }).where(eq(applications.id, app.id));
      }
      await tx.insert(publicities).values({ applicationId: app.id, ...publicity, workingDays, startedBy: reviewerOf(unit.id, 'unit_reviewer'), createdAt: at(publicity.startsOn, '09:00') });

      // Scans in every slot the level requires (slots share the applicant's scans, as the
      // from-archive route allows), and the bank's receipt.
      const context = await loadApplicationContext(tx, services.cipher, app, at(submittedOn));
      const slots = applicableSlots(context.campaign, context.facts)
        .map((s) => ({ id: s.id, required: requiredCount(s) }))
        .filter((s) => s.required > 0);
      const needed = Math.max(0, ...slots.map((s) => s.required));
      const scanRows: Awaited<ReturnType<typeof stored>>[] = [];
      for (let k = 0; k < needed; k++) {
        const name = scanKind === 'jpg' ? `扫描件${k + 1}.jpg` : `扫描件${k + 1}（已遮盖）.pdf`;
        scanRows.push(await stored(sp.userId, 'scans', scanKind, scans[k % scans.length], name, at(addDays(submittedOn, -1), '21:00')));
      }
      if (scanRows.length > 0) await tx.insert(files).values(scanRows);
      const materials = slots.flatMap((s) => scanRows.slice(0, s.required).map((f, position) => ({ applicationId: app.id, slotId: s.id, fileId: f.id, position, createdAt: at(addDays(submittedOn, -1), '21:10') })));
      if (materials.length > 0) await tx.insert(applicationMaterials).values(materials);

      const reference = newReference(campaign.year);
      const amountYuan = feeFor(campaign, p.level as Level)!;
      const receipt = await stored(sp.userId, 'scans', 'pdf', await demoReceiptPdf(reference, amountYuan, paidOn), `电子回单-${reference}.pdf`, at(paidOn, '12:00'));
      await tx.insert(files).values(receipt);
      await tx.insert(feeOrders).values({
        applicationId: app.id,
        amountYuan,
        reference,
        status: 'confirmed',
        receiptFileId: receipt.id,
        receiptUploadedAt: at(paidOn, '12:00'),
        decidedBy: plan.finance.userId,
        decidedAt: at(confirmedOn, '10:30'),
        createdAt: at(acceptedOn, '15:00'),
      });

      const event = (date: Date, actorRole: string, action: string, detail: Record<string, unknown> = {}) => ({ applicationId: app.id, occurredAt: date, actorRole, action, detail });
      await tx.insert(applicationEvents).values([
        event(at(addDays(submittedOn, -3), '20:00'), 'applicant', 'created'),
        event(at(submittedOn, '09:30'), 'applicant', 'commitmentSigned'),
        event(at(submittedOn, '10:00'), 'applicant', 'submitted', { submissionNumber: 1 }),
        event(at(publicity.startsOn, '09:00'), 'unit_reviewer', 'publicityStarted', { ...publicity, workingDays, ruleId: campaign.unitReview.ruleId }),
        event(at(recommendedOn, '11:00'), 'unit_reviewer', 'recommended', { opinion }),
        ...(forwardedOn ? [event(at(forwardedOn, '10:00'), 'dept_reviewer', 'forwarded', { batchNumber: batchOf.get(unit.departmentId!)!.number })] : []),
        event(at(acceptedOn, '15:00'), 'office_staff', 'accepted'),
        event(at(paidOn, '12:00'), 'applicant', 'receiptUploaded', { reference }),
        event(at(confirmedOn, '10:30'), 'finance', 'feeConfirmed', { reference }),
        ...(paperOn ? [event(at(paperOn, '16:00'), 'office_staff', 'paperReceived')] : []),
      ]);
      out.push({ person: sp, applicationId: app.id, acceptedOn });
    }
    await appendAudit(tx, systemContext('demo-seed'), {
      action: 'demo.seed',
      objectType: 'campaign',
      objectId: campaign.id,
      detail: { historicApplications: out.length, applicationIds: out.map((o) => o.applicationId) },
    });
    return out;
  });

  // The 评审表 of each (B21-6), numbered by the command; issued the working day after acceptance.
  const ctx: RequestContext = { ...systemContext('demo-seed'), actor: plan.office, actingRole: 'office_staff' };
  for (const h of written) {
    const [row] = await services.db.select().from(applications).where(eq(applications.id, h.applicationId));
    await issueReviewForm(services, ctx, row, campaign);
    await services.db.update(reviewForms).set({ generatedAt: at(next(h.acceptedOn), '09:00') }).where(eq(reviewForms.applicationId, h.applicationId));
  }
  return written;
}
