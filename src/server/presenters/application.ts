// What the applicant's pages, the unit's queue and the blind-review preview show of an
// application. Presenters list their fields; nothing is passed through by accident.
import { z } from 'zod';
import {
  ACTOR_ROLE_LABELS,
  DECLARATION_SECTIONS,
  describeRecord,
  EVENT_LABELS,
  maskingRequired,
  requiredCount,
  STATUS_LABELS,
  type ApplicationStatus,
  type ArchiveData,
  type ArchiveRecord,
  type EventAction,
  type FormProblem,
  type FormValues,
} from '../../domain/application/index.js';
import { formatBeijing, toBeijingDateTime } from '../../domain/campaign/dates.js';
import { applicableSlots, feeFor, titleFor } from '../../domain/campaign/queries.js';
import type { Level } from '../../domain/campaign/index.js';
import type { applicationEvents, files } from '../db/schema.js';
import type { ApplicationContext } from '../queries/applications.js';

type FileRow = typeof files.$inferSelect;
type EventRow = typeof applicationEvents.$inferSelect;

const warningSchema = z.object({ code: z.string(), message: z.string(), measured: z.number() });
const leakHitSchema = z.object({ page: z.number(), item: z.string(), message: z.string() });

export const fileViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['jpg', 'png', 'pdf']),
  originalName: z.string(),
  bytes: z.number(),
  pages: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  warnings: z.array(warningSchema),
  leakStatus: z.enum(['pending', 'done', 'failed']),
  leakHits: z.array(leakHitSchema),
  createdAt: z.string(),
});
export type FileView = z.infer<typeof fileViewSchema>;

export function presentFile(f: FileRow): FileView {
  return {
    id: f.id,
    kind: f.kind as FileView['kind'],
    originalName: f.originalName,
    bytes: f.bytes,
    pages: f.pages,
    width: f.width,
    height: f.height,
    warnings: f.qualityWarnings as FileView['warnings'],
    leakStatus: f.leakStatus as FileView['leakStatus'],
    leakHits: f.leakHits as FileView['leakHits'],
    createdAt: f.createdAt.toISOString(),
  };
}

export const archiveRecordViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  fileIds: z.array(z.string()),
  summary: z.string(),
});

export function presentRecord(r: ArchiveRecord) {
  return { id: r.id, kind: r.kind, data: r.data as Record<string, unknown>, fileIds: r.fileIds, summary: describeRecord(r) };
}

const problemSchema = z.object({ path: z.string(), message: z.string() });

export const applicationSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  year: z.number(),
  level: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submissionCount: z.number(),
  updatedAt: z.string(),
});

export function presentSummary(a: { id: string; campaignId: string; year: number; level: string; status: string; submissionCount: number; updatedAt: Date }) {
  return {
    id: a.id,
    campaignId: a.campaignId,
    year: a.year,
    level: a.level,
    status: a.status,
    statusLabel: STATUS_LABELS[a.status as ApplicationStatus],
    submissionCount: a.submissionCount,
    updatedAt: a.updatedAt.toISOString(),
  };
}

const timelineSchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  label: z.string(),
  reasons: z.array(z.string()),
});

export function presentTimeline(events: EventRow[]) {
  return events.map((e) => {
    const detail = e.detail as { reasons?: string[] };
    return {
      at: e.occurredAt.toISOString(),
      actor: ACTOR_ROLE_LABELS[e.actorRole] ?? e.actorRole,
      action: e.action,
      label: EVENT_LABELS[e.action as EventAction] ?? e.action,
      reasons: detail.reasons ?? [],
    };
  });
}

export const applicationViewSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  year: z.number(),
  series: z.object({ id: z.string(), name: z.string() }),
  specialty: z.object({ id: z.string(), name: z.string() }),
  level: z.string(),
  titleName: z.string(),
  path: z.object({ id: z.string(), name: z.string() }),
  fee: z.number().nullable(),
  unitName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  editable: z.boolean(),
  version: z.number(),
  form: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))),
  emptyFieldText: z.string(),
  masking: z.array(z.string()),
  maskingRequired: z.array(z.string()),
  blindReviewRuleId: z.string().nullable(),
  commitmentSignedAt: z.string().nullable(),
  submissionCount: z.number(),
  maxSubmissions: z.number(),
  submittedAt: z.string().nullable(),
  returnReasons: z.array(z.string()),
  resubmitDeadline: z.string().nullable(),
  declarationWindow: z.object({ opensAt: z.string(), closesAt: z.string(), text: z.string() }),
  records: z.array(archiveRecordViewSchema),
  slots: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fileTypes: z.array(z.string()),
      required: z.number(),
      years: z.array(z.number()).nullable(),
      masked: z.boolean(),
      ruleId: z.string().nullable(),
      materials: z.array(z.object({ id: z.string(), file: fileViewSchema })),
    }),
  ),
  eligibility: z.object({
    eligible: z.boolean(),
    today: z.string(),
    results: z.array(z.object({ ruleId: z.string(), passed: z.boolean(), message: z.string(), fix: z.string().optional() })),
  }),
  problems: z.array(problemSchema),
  timeline: z.array(timelineSchema),
  next: z.object({ label: z.string(), by: z.string().nullable() }),
  review: z.object({
    publicity: z.object({ startsOn: z.string(), endsOn: z.string(), workingDays: z.number() }).nullable(),
    recommendation: z.object({ opinion: z.string(), at: z.string() }).nullable(),
    acceptedAt: z.string().nullable(),
    /** Reviewers only: objections raised during the unit's publicity. */
    objections: z.array(z.object({ id: z.string(), content: z.string(), recordedAt: z.string(), resolution: z.string().nullable(), resolvedAt: z.string().nullable() })),
  }),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

function nextStep(c: ApplicationContext, review: ReviewFacts): ApplicationView['next'] {
  const { app, campaign } = c;
  const declaration = campaign.windows.declaration;
  switch (app.status as ApplicationStatus) {
    case 'draft':
      return { label: '完成填写并提交，提交后进入单位审核', by: formatBeijing(declaration.closesAt) };
    case 'returned':
      return {
        label: '按退回原因修改后重新提交，逾期不予受理',
        by: app.resubmitDeadline ? formatBeijing(toBeijingDateTime(app.resubmitDeadline.getTime())) : null,
      };
    case 'unit_review': {
      const w = campaign.windows.unitReview;
      return { label: `所在单位审核并公示（不少于 ${campaign.unitReview.publicityWorkingDays} 个工作日）后推荐上报`, by: w ? formatBeijing(w.closesAt) : null };
    }
    case 'unit_publicity':
      return { label: '单位内部公示期满、异议处理完毕后推荐上报', by: review.publicity ? `${review.publicity.endsOn} 公示期满` : null };
    case 'dept_review':
      return { label: '主管部门审核后批量报送评委会办公室', by: null };
    case 'office_review': {
      const w = campaign.windows.committeeReview;
      return { label: '评委会办公室形式审查，通过后接收材料', by: w ? formatBeijing(w.closesAt) : null };
    }
    case 'accepted': {
      const deadline = campaign.windows.paymentDeadline;
      return { label: '按通知缴纳评审费', by: deadline ? formatBeijing(deadline.at) : null };
    }
    default:
      return { label: '无', by: null };
  }
}

export interface ReviewFacts {
  publicity: { startsOn: string; endsOn: string; workingDays: number } | null;
  objections: { id: string; content: string; recordedAt: Date; resolution: string | null; resolvedAt: Date | null }[] | null;
}

export function presentApplication(c: ApplicationContext, problems: FormProblem[], events: EventRow[], review: ReviewFacts): ApplicationView {
  const { app, campaign } = c;
  const series = campaign.series.find((s) => s.id === app.seriesId)!;
  const specialty = series.specialties.find((s) => s.id === app.specialtyId)!;
  const path = campaign.paths.find((p) => p.id === app.pathId)!;
  const level = app.level as Level;
  const applicable = new Set(applicableSlots(campaign, c.facts).map((s) => s.id));
  const declaration = campaign.windows.declaration;
  return {
    id: app.id,
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    year: app.year,
    series: { id: series.id, name: series.name },
    specialty: { id: specialty.id, name: specialty.name },
    level,
    titleName: titleFor(campaign, series.id, specialty.id, level) ?? '',
    path: { id: path.id, name: path.name },
    fee: feeFor(campaign, level) ?? null,
    unitName: c.unitName,
    status: app.status,
    statusLabel: STATUS_LABELS[app.status as ApplicationStatus],
    editable: app.status === 'draft' || app.status === 'returned',
    version: app.version,
    form: app.form as FormValues,
    emptyFieldText: campaign.declarationForm.emptyFieldText ?? '无',
    masking: app.masking,
    maskingRequired: maskingRequired(campaign, level),
    blindReviewRuleId: campaign.blindReview?.ruleId ?? null,
    commitmentSignedAt: app.commitmentSignedAt?.toISOString() ?? null,
    submissionCount: app.submissionCount,
    maxSubmissions: campaign.submission.maxSubmissions,
    submittedAt: app.submittedAt?.toISOString() ?? null,
    returnReasons: app.returnReasons,
    resubmitDeadline: app.resubmitDeadline?.toISOString() ?? null,
    declarationWindow: {
      opensAt: declaration.opensAt,
      closesAt: declaration.closesAt,
      text: `${formatBeijing(declaration.opensAt)} 至 ${formatBeijing(declaration.closesAt)}`,
    },
    records: c.records.map(presentRecord),
    slots: campaign.materials
      .filter((s) => applicable.has(s.id))
      .map((s) => ({
        id: s.id,
        name: s.name,
        fileTypes: s.fileTypes,
        required: requiredCount(s),
        years: s.years ?? null,
        masked: s.masked,
        ruleId: s.ruleId ?? null,
        materials: c.materials.filter((m) => m.slotId === s.id).map((m) => ({ id: m.id, file: presentFile(m.file) })),
      })),
    eligibility: c.eligibility,
    problems,
    timeline: presentTimeline(events),
    next: nextStep(c, review),
    review: {
      publicity: review.publicity,
      recommendation: app.recommendationOpinion && app.recommendedAt ? { opinion: app.recommendationOpinion, at: app.recommendedAt.toISOString() } : null,
      acceptedAt: app.acceptedAt?.toISOString() ?? null,
      objections: (review.objections ?? []).map((o) => ({
        id: o.id,
        content: o.content,
        recordedAt: o.recordedAt.toISOString(),
        resolution: o.resolution,
        resolvedAt: o.resolvedAt?.toISOString() ?? null,
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Blind-review preview (A24-7): what an expert sees — no name, photo, unit, ID number or phone.

export const MASK = '■■■';

/** Replaces every occurrence of the identifying strings in a text. */
export function maskText(text: string, identifying: readonly string[]): string {
  return identifying.filter((s) => s.length >= 2).reduce((t, s) => t.split(s).join(MASK), text);
}

/** A record's one-line summary as an expert sees it: employers and issuers always hidden, other text masked. */
export function maskedRecord(r: ArchiveRecord, identifying: readonly string[]): string {
  if (r.kind === 'work') {
    const d = r.data as ArchiveData['work'];
    return `${d.from} 至 ${d.to ?? '今'} ${MASK} ${d.post}`;
  }
  if (r.kind === 'politicalConduct') {
    const d = r.data as ArchiveData['politicalConduct'];
    return `${MASK} ${d.issuedOn} 出具`;
  }
  if (r.kind === 'publication') {
    // Co-authors are mostly colleagues: their names point to the applicant's unit (A24-7). The
    // count stays, so the expert still knows the work was not written alone.
    const d = r.data as ArchiveData['publication'];
    const count = d.coAuthors?.length ?? 0;
    const withoutNames = describeRecord({ ...r, data: { ...d, coAuthors: [] } } as ArchiveRecord);
    return maskText(withoutNames, identifying) + (count > 0 ? `（另有合作者 ${count} 人）` : '');
  }
  return maskText(describeRecord(r), identifying);
}

/** What blind review hides wherever the applicant wrote it: name (and each part of a 'A·B' name), ID, phone, unit. */
export function identifyingStrings(identity: { name: string; idNumber: string; phone: string }, unitName: string): string[] {
  return [identity.name, identity.idNumber, identity.phone, unitName, ...identity.name.split(/[·・.]/)];
}

export const blindPreviewSchema = z.object({
  heading: z.string(),
  sections: z.array(z.object({ title: z.string(), items: z.array(z.object({ label: z.string(), lines: z.array(z.string()) })) })),
  materials: z.array(z.object({ slotName: z.string(), masked: z.boolean(), files: z.array(fileViewSchema) })),
});

export function presentBlindPreview(c: ApplicationContext, identity: { name: string; idNumber: string; phone: string }) {
  const { app, campaign } = c;
  const identifying = identifyingStrings(identity, c.unitName);
  const form = app.form as FormValues;
  const byId = new Map(c.records.map((r) => [r.id, r]));
  const series = campaign.series.find((s) => s.id === app.seriesId)!;
  const specialty = series.specialties.find((s) => s.id === app.specialtyId)!;
  return {
    heading: `申报人 ${MASK}：${series.name}系列 ${specialty.name}专业 ${app.level}（${titleFor(campaign, series.id, specialty.id, app.level as Level) ?? ''}）`,
    sections: DECLARATION_SECTIONS.map((section) => ({
      title: section.title,
      items: section.fields.map((field) => {
        const v = form[section.id]?.[field.id];
        const lines = Array.isArray(v)
          ? v.map((id) => byId.get(id)).filter((r): r is ArchiveRecord => r !== undefined).map((r) => maskedRecord(r, identifying))
          : [maskText(typeof v === 'string' && v.trim() !== '' ? v : '（未填写）', identifying)];
        return { label: field.label, lines: lines.length > 0 ? lines : ['无'] };
      }),
    })),
    materials: applicableSlots(campaign, c.facts)
      .filter((s) => c.materials.some((m) => m.slotId === s.id))
      .map((s) => ({
        slotName: s.name,
        masked: s.masked,
        // File names are the applicant's own text too ("张三-学历证书.jpg"): masked like the form.
        files: c.materials
          .filter((m) => m.slotId === s.id)
          .map((m) => presentFile(m.file))
          .map((f) => ({ ...f, originalName: maskText(f.originalName, identifying) })),
      })),
  };
}
