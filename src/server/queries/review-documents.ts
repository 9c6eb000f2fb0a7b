// What the unit's review documents (publicity notice, publicity result, recommendation report) and
// the department's covering list say, read from the application, its publicity and its campaign.
// Each document exists only once its step has happened: 409 otherwise, in Chinese.
import { asc, eq } from 'drizzle-orm';
import { describeRecord, STATUS_LABELS, type ApplicationStatus, type ArchiveData } from '../../domain/application/index.js';
import { beijingDate } from '../../domain/calendar/calendar.js';
import type { Level } from '../../domain/campaign/vocabulary.js';
import { DEFAULT_RECOMMENDATION_OPINION } from '../commands/review/recommend-application.js';
import { departmentIds } from '../commands/review/reviewable.js';
import type { Executor } from '../db/client.js';
import { applications, batches, objections, organisations, publicities, users } from '../db/schema.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import type { ApplicantLine, BatchListData, PublicityNoticeData, PublicityResultData, RecommendationReportData } from '../documents/unit-review-docs.js';
import { loadIdentity, recordsOfApplication, type ApplicationRow } from './applications.js';
import { loadPublishedCampaign } from './campaigns.js';

export type PublicityRow = typeof publicities.$inferSelect;

/** The application's publicity, or 409 when the unit has not started one. */
export async function publicityOf(db: Executor, app: ApplicationRow): Promise<PublicityRow> {
  const [publicity] = await db.select().from(publicities).where(eq(publicities.applicationId, app.id));
  if (!publicity) throw conflict('该申报尚未开始公示', 'NO_PUBLICITY');
  return publicity;
}

/** 409 until the publicity has run its last day (Beijing time). */
export function assertPublicityEnded(publicity: PublicityRow, now: Date): void {
  if (beijingDate(now) <= publicity.endsOn) {
    throw conflict(`公示期为 ${publicity.startsOn} 至 ${publicity.endsOn}（${publicity.workingDays} 个工作日），公示期满后方可出具公示结果`, 'PUBLICITY_RUNNING');
  }
}

async function applicantLine(db: Executor, app: ApplicationRow) {
  const { campaign } = await loadPublishedCampaign(db, app.campaignId);
  const [unit] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.unitId));
  const [applicant] = await db.select({ name: users.name }).from(users).where(eq(users.id, app.applicantId));
  const series = campaign.series.find((s) => s.id === app.seriesId);
  const specialty = series?.specialties.find((s) => s.id === app.specialtyId);
  const line: ApplicantLine = {
    applicationId: app.id,
    unitName: unit?.name ?? '',
    applicantName: applicant?.name ?? '',
    seriesName: series?.name ?? app.seriesId,
    specialtyName: specialty?.name ?? app.specialtyId,
    level: app.level,
    titleName: specialty?.titles[app.level as Level] ?? '',
  };
  return { campaign, line };
}

const period = (p: PublicityRow) => ({ startsOn: p.startsOn, endsOn: p.endsOn, workingDays: p.workingDays });

export async function publicityNoticeData(db: Executor, cipher: FieldCipher, app: ApplicationRow): Promise<PublicityNoticeData> {
  const publicity = await publicityOf(db, app);
  const { line } = await applicantLine(db, app);
  const identity = await loadIdentity(db, cipher, app.applicantId);
  const records = await recordsOfApplication(db, app);
  const profile = records.find((r) => r.kind === 'profile')?.data as ArchiveData['profile'] | undefined;
  const conduct = records.find((r) => r.kind === 'politicalConduct')?.data as ArchiveData['politicalConduct'] | undefined;
  return {
    ...line,
    ...period(publicity),
    sex: identity.sex,
    post: profile?.post ?? null,
    politicalStatus: profile?.politicalStatus ?? null,
    politicalConduct: conduct ? { issuedBy: conduct.issuedBy, issuedOn: conduct.issuedOn } : null,
    achievements: records.filter((r) => r.kind === 'achievement' || r.kind === 'publication').map(describeRecord),
  };
}

export async function publicityResultData(db: Executor, app: ApplicationRow, now: Date): Promise<PublicityResultData> {
  const publicity = await publicityOf(db, app);
  assertPublicityEnded(publicity, now);
  const { line } = await applicantLine(db, app);
  const raised = await db.select({ resolvedAt: objections.resolvedAt }).from(objections).where(eq(objections.applicationId, app.id));
  return {
    ...line,
    ...period(publicity),
    objectionsReceived: raised.length,
    objectionsResolved: raised.filter((o) => o.resolvedAt !== null).length,
    issuedOn: beijingDate(now),
  };
}

export async function recommendationReportData(db: Executor, app: ApplicationRow): Promise<RecommendationReportData> {
  if (!app.recommendedAt) throw conflict('该申报尚未推荐，推荐后方可出具推荐报告', 'NOT_RECOMMENDED');
  const { campaign, line } = await applicantLine(db, app);
  const [publicity] = await db.select().from(publicities).where(eq(publicities.applicationId, app.id));
  const [reviewer] = app.recommendedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, app.recommendedBy)) : [];
  return {
    ...line,
    campaignTitle: campaign.title,
    issuer: campaign.issuer.name,
    publicity: publicity ? period(publicity) : null,
    checks: campaign.unitReview.checks,
    // The opinion stored at recommendation is the one the unit gave; the campaign's is its source.
    opinion: app.recommendationOpinion ?? campaign.unitReview.recommendationOpinion ?? DEFAULT_RECOMMENDATION_OPINION,
    reviewerName: reviewer?.name ?? '',
    recommendedOn: beijingDate(app.recommendedAt),
  };
}

/** A department's batch with its applications, in the order of the covering list; 404 for another department's. */
export async function loadBatchList(db: Executor, actor: Actor, batchId: string): Promise<BatchListData> {
  const [batch] = await db.select().from(batches).where(eq(batches.id, batchId));
  if (!batch || !departmentIds(actor).includes(batch.departmentId)) throw notFound('未找到该批次');
  const [department] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, batch.departmentId));
  const { campaign } = await loadPublishedCampaign(db, batch.campaignId);
  const rows = await db
    .select({ a: applications, name: users.name, unitName: organisations.name })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantId))
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .where(eq(applications.batchId, batch.id))
    .orderBy(asc(organisations.name), asc(users.name));
  return {
    number: batch.number,
    departmentName: department?.name ?? '',
    campaignTitle: campaign.title,
    rows: rows.map((r) => ({
      name: r.name,
      unitName: r.unitName,
      level: r.a.level,
      status: STATUS_LABELS[r.a.status as ApplicationStatus],
      recommendedOn: r.a.recommendedAt ? beijingDate(r.a.recommendedAt) : '',
    })),
  };
}
