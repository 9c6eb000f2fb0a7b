// Loading an application with everything its checks need: the campaign, the archive records it
// uses (live while the applicant edits, the snapshot once submitted), the eligibility verdict,
// the materials and the blind-review leak hits. Scope: an applicant sees only their own
// applications and files; anything else is 404, never 403, so ids reveal nothing.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { beijingDate } from '../../domain/calendar/calendar.js';
import type { Campaign, Level } from '../../domain/campaign/index.js';
import {
  archiveForEligibility,
  holdsPath,
  pickedRecordIds,
  type ApplicantUnit,
  type ApplicationStatus,
  type ArchiveRecord,
  type FormProblem,
  type FormValues,
} from '../../domain/application/index.js';
import { validateIdNumber } from '../../domain/id-number.js';
import { applicationFacts, checkEligibility, type EligibilityVerdict, type PriorApplication } from '../../domain/eligibility/index.js';
import type { UnitKind } from '../../domain/organisations.js';
import type { Facts } from '../../domain/campaign/conditions.js';
import type { Executor } from '../db/client.js';
import { applicationMaterials, applications, archiveRecords, files, memberships, organisations, users } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { loadPublishedCampaign } from './campaigns.js';
import { fraudRecordsOf } from './eligibility.js';

export type ApplicationRow = typeof applications.$inferSelect;
export type FileRow = typeof files.$inferSelect;

export interface LeakHitView {
  page: number;
  item: string;
  message: string;
}

export async function loadOwnApplication(db: Executor, actor: Actor, id: string): Promise<ApplicationRow> {
  const [row] = await db.select().from(applications).where(and(eq(applications.id, id), eq(applications.applicantId, actor.userId)));
  if (!row) throw notFound('未找到该申报');
  return row;
}

export async function loadOwnFile(db: Executor, actor: Actor, id: string): Promise<FileRow> {
  const [row] = await db.select().from(files).where(and(eq(files.id, id), eq(files.ownerId, actor.userId)));
  if (!row) throw notFound('未找到该文件');
  return row;
}

/** The applicant's confirmed unit, with the facts the rules need (B21-5, B21-7). */
export async function loadApplicantUnit(db: Executor, userId: string): Promise<{ id: string; name: string; unit: ApplicantUnit }> {
  const [row] = await db
    .select({ unit: organisations, status: memberships.status })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.unitId))
    .where(eq(memberships.userId, userId));
  if (!row || row.status !== 'confirmed') throw conflict('您的工作单位尚未确认，请等待单位审核人员确认后再申报', 'MEMBERSHIP_NOT_CONFIRMED');
  let countyName: string | null = null;
  if (row.unit.countyLevelOrBelow && row.unit.parentId) {
    const [parent] = await db.select().from(organisations).where(eq(organisations.id, row.unit.parentId));
    countyName = parent?.kind === 'county' ? parent.name : null;
  }
  return {
    id: row.unit.id,
    name: row.unit.name,
    unit: { kind: (row.unit.unitKind ?? 'public_institution') as UnitKind, countyLevelOrBelow: row.unit.countyLevelOrBelow, countyName },
  };
}

/** Sex and birth date from the applicant's ID number (GB 11643). */
export async function loadIdentity(db: Executor, cipher: FieldCipher, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const idNumber = user?.idNumberEnc ? cipher.decrypt(user.idNumberEnc) : null;
  const checked = idNumber ? validateIdNumber(idNumber) : null;
  if (!user || !checked?.ok) throw conflict('账号缺少有效的身份证号码，无法申报', 'IDENTITY_MISSING');
  return {
    name: user.name,
    idNumber: checked.value,
    phone: user.phoneEnc ? cipher.decrypt(user.phoneEnc) : '',
    sex: checked.sex === 'M' ? ('male' as const) : ('female' as const),
    birthDate: checked.birthDate,
  };
}

export async function listArchive(db: Executor, userId: string): Promise<ArchiveRecord[]> {
  const rows = await db.select().from(archiveRecords).where(eq(archiveRecords.userId, userId)).orderBy(asc(archiveRecords.createdAt));
  return rows.map((r) => ({ id: r.id, kind: r.kind, data: r.data, fileIds: r.fileIds }) as ArchiveRecord);
}

/** The records an application uses: the profile and the picked ones (snapshot once submitted). */
export async function recordsOfApplication(db: Executor, app: ApplicationRow): Promise<ArchiveRecord[]> {
  if (app.archiveSnapshot && app.status !== 'draft' && app.status !== 'returned') return app.archiveSnapshot as ArchiveRecord[];
  const all = await listArchive(db, app.applicantId);
  const picked = new Set(pickedRecordIds(app.form as FormValues));
  return all.filter((r) => r.kind === 'profile' || picked.has(r.id));
}

export interface MaterialView {
  id: string;
  slotId: string;
  position: number;
  file: FileRow;
}

export async function materialsOf(db: Executor, applicationId: string): Promise<MaterialView[]> {
  const rows = await db
    .select({ m: applicationMaterials, f: files })
    .from(applicationMaterials)
    .innerJoin(files, eq(files.id, applicationMaterials.fileId))
    .where(eq(applicationMaterials.applicationId, applicationId))
    .orderBy(asc(applicationMaterials.slotId), asc(applicationMaterials.position));
  return rows.map((r) => ({ id: r.m.id, slotId: r.m.slotId, position: r.m.position, file: r.f }));
}

/** The applicant's other applications of the campaign year that still hold a path (A24-3). */
async function priorApplications(db: Executor, app: ApplicationRow): Promise<PriorApplication[]> {
  const others = await db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantId, app.applicantId), ne(applications.id, app.id), inArray(applications.year, [app.year])));
  const result: PriorApplication[] = [];
  for (const o of others) {
    const { campaign } = await loadPublishedCampaign(db, o.campaignId).catch(() => ({ campaign: null }));
    const pathKind = campaign?.paths.find((p) => p.id === o.pathId)?.kind ?? 'prefecture';
    result.push({
      campaignId: o.campaignId,
      year: o.year,
      seriesId: o.seriesId,
      level: o.level as Level,
      pathKind,
      withdrawn: !holdsPath(o.status as ApplicationStatus),
    });
  }
  return result;
}

export interface ApplicationContext {
  app: ApplicationRow;
  campaign: Campaign;
  campaignVersion: number;
  unitName: string;
  records: ArchiveRecord[];
  facts: Facts;
  eligibility: EligibilityVerdict & { today: string };
  materials: MaterialView[];
  countsBySlot: Record<string, number>;
  /** Leak-check hits of masked slots' files, as submit problems. */
  leakProblems: FormProblem[];
}

export async function loadApplicationContext(db: Executor, cipher: FieldCipher, app: ApplicationRow, now: Date): Promise<ApplicationContext> {
  const { campaign, version } = await loadPublishedCampaign(db, app.campaignId);
  const identity = await loadIdentity(db, cipher, app.applicantId);
  const [unitOrg] = await db.select().from(organisations).where(eq(organisations.id, app.unitId));
  const unit = await loadApplicantUnit(db, app.applicantId).catch(() => ({
    id: app.unitId,
    name: unitOrg?.name ?? '',
    unit: { kind: (unitOrg?.unitKind ?? 'public_institution') as UnitKind, countyLevelOrBelow: unitOrg?.countyLevelOrBelow ?? false, countyName: null },
  }));
  const records = await recordsOfApplication(db, app);
  const archive = archiveForEligibility(identity, unit.unit, records);
  const choice = { campaign, seriesId: app.seriesId, specialtyId: app.specialtyId, level: app.level as Level, path: app.pathId, archive };
  const today = beijingDate(now);
  const verdict = checkEligibility({ ...choice, today, priorApplications: await priorApplications(db, app), fraudRecords: await fraudRecordsOf(db, app.applicantId) });
  const materials = await materialsOf(db, app.id);
  const countsBySlot: Record<string, number> = {};
  for (const m of materials) countsBySlot[m.slotId] = (countsBySlot[m.slotId] ?? 0) + 1;
  const maskedSlots = new Set(campaign.materials.filter((s) => s.masked).map((s) => s.id));
  const blind = campaign.blindReview && campaign.blindReview.levels.includes(app.level as Level);
  const leakProblems: FormProblem[] = blind
    ? materials
        .filter((m) => maskedSlots.has(m.slotId))
        .flatMap((m) =>
          (m.file.leakHits as LeakHitView[]).map((hit) => ({
            path: `materials.${m.slotId}`,
            message: `“${m.file.originalName}”${hit.message}（${campaign.blindReview!.ruleId}）`,
          })),
        )
    : [];
  return {
    app,
    campaign,
    campaignVersion: version,
    unitName: unit.name,
    records,
    facts: applicationFacts(choice),
    eligibility: { ...verdict, today },
    materials,
    countsBySlot,
    leakProblems,
  };
}

/** A scan placed in one of the application's slots, or 404 (a reviewer reads only the application's own files). */
export async function materialFile(db: Executor, applicationId: string, fileId: string): Promise<FileRow> {
  const [material] = await db
    .select({ f: files })
    .from(applicationMaterials)
    .innerJoin(files, eq(files.id, applicationMaterials.fileId))
    .where(and(eq(applicationMaterials.applicationId, applicationId), eq(applicationMaterials.fileId, fileId)));
  if (!material) throw notFound('未找到该文件');
  return material.f;
}

