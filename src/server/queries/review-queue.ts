// The reviewers' queues (unit, department, committee office): one query with the filters reviewers
// use in the last weeks — campaign, series, level, status, days waiting — paged, reading only the
// summary columns (never the form or the archive snapshot), and the same rows as an Excel sheet.
import { and, asc, count, eq, inArray, lte, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { STATUS_LABELS, type ApplicationStatus } from '../../domain/application/index.js';
import { LEVELS } from '../../domain/campaign/index.js';
import { maskIdNumber } from '../../domain/id-number.js';
import type { Executor } from '../db/client.js';
import { applications, campaigns, organisations, users } from '../db/schema.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { neutraliseCell } from '../documents/spreadsheet.js';

const slug = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');

export function queueQuerySchema(statuses: readonly [ApplicationStatus, ...ApplicationStatus[]]) {
  return z.strictObject({
    status: z.enum(statuses).default(statuses[0]),
    campaignId: slug.optional(),
    seriesId: slug.optional(),
    level: z.enum(LEVELS).optional(),
    /** Only applications waiting at least this many days since they were last submitted. */
    minDaysWaiting: z.coerce.number().int().min(0).max(3650).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(100),
  });
}
export type QueueQuery = z.infer<ReturnType<typeof queueQuerySchema>>;

/** Which applications a desk's queue draws from. */
export type QueueScope = { unitIds: string[] } | { departmentIds: string[] } | { prefectureIds: string[] };

export const queueItemSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  year: z.number(),
  seriesId: z.string(),
  level: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submissionCount: z.number(),
  submittedAt: z.string().nullable(),
  daysWaiting: z.number().nullable(),
  updatedAt: z.string(),
  applicantName: z.string(),
  unitName: z.string(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

function scopeCondition(scope: QueueScope): SQL | undefined {
  if ('unitIds' in scope) return scope.unitIds.length ? inArray(applications.unitId, scope.unitIds) : undefined;
  if ('departmentIds' in scope) return scope.departmentIds.length ? inArray(organisations.departmentId, scope.departmentIds) : undefined;
  return scope.prefectureIds.length ? inArray(campaigns.prefectureId, scope.prefectureIds) : undefined;
}

function conditions(scope: QueueScope, q: QueueQuery, now: Date): SQL[] | null {
  const inScope = scopeCondition(scope);
  if (!inScope) return null;
  const where: SQL[] = [inScope, eq(applications.status, q.status)];
  // A desk's "returned" tab lists what that desk returned, not what earlier desks did.
  const returnedBy = 'departmentIds' in scope ? 'dept' : 'prefectureIds' in scope ? 'office' : null;
  if (returnedBy && ['returned', 'lapsed', 'not_accepted'].includes(q.status)) where.push(eq(applications.returnedAtStage, returnedBy));
  if (q.campaignId) where.push(eq(applications.campaignId, q.campaignId));
  if (q.seriesId) where.push(eq(applications.seriesId, q.seriesId));
  if (q.level) where.push(eq(applications.level, q.level));
  if (q.minDaysWaiting !== undefined) where.push(lte(applications.submittedAt, new Date(now.getTime() - q.minDaysWaiting * 86_400_000)));
  return where;
}

const columns = {
  id: applications.id,
  campaignId: applications.campaignId,
  year: applications.year,
  seriesId: applications.seriesId,
  level: applications.level,
  status: applications.status,
  submissionCount: applications.submissionCount,
  submittedAt: applications.submittedAt,
  updatedAt: applications.updatedAt,
  applicantName: users.name,
  idNumberEnc: users.idNumberEnc,
  unitName: organisations.name,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantId))
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function present(r: Row, now: Date): QueueItem {
  return {
    id: r.id,
    campaignId: r.campaignId,
    year: r.year,
    seriesId: r.seriesId,
    level: r.level,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status as ApplicationStatus],
    submissionCount: r.submissionCount,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    daysWaiting: r.submittedAt ? Math.floor((now.getTime() - r.submittedAt.getTime()) / 86_400_000) : null,
    updatedAt: r.updatedAt.toISOString(),
    applicantName: r.applicantName,
    unitName: r.unitName,
  };
}

/** One page of a queue, oldest submission first, and the total the filters match. */
export async function loadQueue(db: Executor, scope: QueueScope, q: QueueQuery, now = new Date()): Promise<{ items: QueueItem[]; total: number }> {
  const where = conditions(scope, q, now);
  if (!where) return { items: [], total: 0 };
  // The count joins only what the scope needs: a unit's queue counts from the applications index alone.
  const counted = db.select({ total: count() }).from(applications);
  const countQuery =
    'unitIds' in scope
      ? counted
      : 'departmentIds' in scope
        ? counted.innerJoin(organisations, eq(organisations.id, applications.unitId))
        : counted.innerJoin(campaigns, eq(campaigns.id, applications.campaignId));
  const [rows, [{ total }]] = await Promise.all([
    base(db)
      .where(and(...where))
      .orderBy(asc(applications.submittedAt), asc(applications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    countQuery.where(and(...where)),
  ]);
  return { items: rows.map((r) => present(r, now)), total };
}

const EXPORT_MAX_ROWS = 20_000;

/** The queue's rows (every page, up to 20 000) as .xlsx; ID numbers masked, formulas neutralised. */
export async function queueWorkbook(db: Executor, cipher: FieldCipher, scope: QueueScope, q: QueueQuery, sheetName: string): Promise<Buffer> {
  const now = new Date();
  const where = conditions(scope, q, now);
  const rows = where ? await base(db).where(and(...where)).orderBy(asc(applications.submittedAt), asc(applications.id)).limit(EXPORT_MAX_ROWS) : [];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(['序号', '姓名', '身份证号', '工作单位', '评审活动', '系列', '级别', '状态', '提交次数', '提交时间', '已等待天数']);
  rows.forEach((r, i) => {
    const item = present(r, now);
    sheet.addRow(
      [
        i + 1,
        r.applicantName,
        r.idNumberEnc ? maskIdNumber(cipher.decrypt(r.idNumberEnc)) : '',
        r.unitName,
        r.campaignId,
        r.seriesId,
        r.level,
        item.statusLabel,
        r.submissionCount,
        item.submittedAt?.slice(0, 10) ?? '',
        item.daysWaiting ?? '',
      ].map(neutraliseCell),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
