// Reads after the vote: who passed for good (a passed candidate without an upheld objection), the
// public results page (only publicities running today, only the minimum fields: name, unit,
// series, specialty, level, result — and only those who passed), the office's cases, the
// applicant's own result page, the office's certificate list and the public certificate check.
// A public row is named by an opaque entry id, never the application id: the experts saw
// application ids beside the anonymous codes in every packet, and could match them to the names.
import { and, asc, desc, eq, inArray, lte, gte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { Executor } from '../db/client.js';
import { applications, campaigns, candidates, certificates, committees, qualificationDocuments, resultCases, resultPublicities, users } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { officePrefectureIds } from '../policies/scopes.js';
import {
  caseKindLabel,
  caseStatusLabel,
  resultLabel,
  RESULT_STAGES,
  type CaseKind,
  type CaseStatus,
  type ResultStage,
} from '../presenters/results.js';
import { loadOwnApplication } from './applications.js';
import { loadPublishedCampaign } from './campaigns.js';
import { candidatesOf, seriesName, specialtyName, type CandidateView } from './defence.js';
import { officeCommittee } from './evaluation-scope.js';

export type CertificateRow = typeof certificates.$inferSelect;

/** Candidates who passed and against whom no objection was upheld: those the document names and who get a certificate. */
export async function passedCandidates(db: Executor, committeeId: string): Promise<CandidateView[]> {
  const list = (await candidatesOf(db, committeeId)).filter((c) => c.result === 'passed');
  if (list.length === 0) return [];
  const upheld = await db
    .select({ applicationId: resultCases.applicationId })
    .from(resultCases)
    .where(and(inArray(resultCases.applicationId, list.map((c) => c.applicationId)), eq(resultCases.kind, 'objection'), eq(resultCases.status, 'upheld')));
  const out = new Set(upheld.map((u) => u.applicationId));
  return list.filter((c) => !out.has(c.applicationId));
}

/** A public entry id: 32 lower-case hex digits (URL-safe). */
export const RESULT_ENTRY_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The id of an application's row on the public results page: the HMAC-SM3 (blind-index key, derived
 * from the master key) of the application id in its own domain, 128 bits in hex. Stable, so an
 * objection names the row it was read from; unguessable without the key, so nobody who knows an
 * application id (the experts) can tell whose row it is.
 */
export function resultEntryId(cipher: Pick<FieldCipher, 'blindIndex'>, applicationId: string): string {
  return cipher.blindIndex(`result-entry:${applicationId}`).slice(0, 32);
}

/** GET /public/results: publicities running on `today` (Beijing), optionally of one prefecture. */
export async function publicResults(db: Executor, cipher: Pick<FieldCipher, 'blindIndex'>, today: string, prefectureId?: string) {
  const running = await db
    .select({ committee: committees, startsOn: resultPublicities.startsOn, endsOn: resultPublicities.endsOn })
    .from(resultPublicities)
    .innerJoin(committees, eq(committees.id, resultPublicities.committeeId))
    .innerJoin(campaigns, eq(campaigns.id, committees.campaignId))
    .where(
      and(
        lte(resultPublicities.startsOn, today),
        gte(resultPublicities.endsOn, today),
        inArray(committees.status, ['results_publicised']),
        prefectureId ? eq(campaigns.prefectureId, prefectureId) : undefined,
      ),
    )
    .orderBy(desc(resultPublicities.startsOn), asc(committees.name));
  const out = [];
  for (const r of running) {
    const { campaign } = await loadPublishedCampaign(db, r.committee.campaignId).catch(() => ({ campaign: null }));
    if (!campaign) continue;
    const rows = (await candidatesOf(db, r.committee.id)).filter((c) => c.result === 'passed');
    out.push({
      committeeId: r.committee.id,
      title: `${r.committee.name}评审结果公示`,
      campaignTitle: campaign.title,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      rows: rows.map((c) => ({
        entryId: resultEntryId(cipher, c.applicationId),
        name: c.name,
        unitName: c.unitName,
        seriesName: seriesName(campaign, c.seriesId),
        specialtyName: specialtyName(campaign, c.seriesId, c.specialtyId),
        level: c.level,
        result: resultLabel(c.result) ?? '',
      })),
    });
  }
  return out;
}

const filer = alias(users, 'filer');
const applicant = alias(users, 'applicant');

/** GET /office/cases: the cases of the office's prefecture(s), optionally of one campaign, newest first. */
export async function officeCases(db: Executor, actor: Actor, campaignId?: string) {
  const prefectures = officePrefectureIds(actor);
  if (prefectures.length === 0) return [];
  const rows = await db
    .select({ kase: resultCases, code: candidates.code, name: applicant.name, filedByName: filer.name })
    .from(resultCases)
    .innerJoin(candidates, eq(candidates.applicationId, resultCases.applicationId))
    .innerJoin(committees, eq(committees.id, candidates.committeeId))
    .innerJoin(campaigns, eq(campaigns.id, committees.campaignId))
    .innerJoin(applications, eq(applications.id, resultCases.applicationId))
    .innerJoin(applicant, eq(applicant.id, applications.applicantId))
    .innerJoin(filer, eq(filer.id, resultCases.filedBy))
    .where(and(inArray(campaigns.prefectureId, prefectures), campaignId ? eq(campaigns.id, campaignId) : undefined))
    .orderBy(desc(resultCases.createdAt));
  return rows.map((r) => ({
    id: r.kase.id,
    kind: r.kase.kind as CaseKind,
    kindLabel: caseKindLabel(r.kase.kind),
    applicationId: r.kase.applicationId,
    code: r.code,
    name: r.name,
    content: r.kase.content,
    filedByName: r.filedByName,
    createdAt: r.kase.createdAt.toISOString(),
    status: r.kase.status as CaseStatus,
    statusLabel: caseStatusLabel(r.kase.status),
    investigation: r.kase.investigation,
    outcome: r.kase.outcome,
    decidedAt: r.kase.decidedAt?.toISOString() ?? null,
  }));
}

export async function certificateOfApplication(db: Executor, applicationId: string): Promise<CertificateRow | null> {
  const [row] = await db.select().from(certificates).where(eq(certificates.applicationId, applicationId));
  return row ?? null;
}

/** GET /me/applications/:id/result: the owner's own view (others 404). Result shown from the publicity on. */
export async function applicantResult(db: Executor, actor: Actor, applicationId: string, today: string) {
  const app = await loadOwnApplication(db, actor, applicationId);
  const [entry] = await db
    .select({ candidate: candidates, status: committees.status, startsOn: resultPublicities.startsOn, endsOn: resultPublicities.endsOn })
    .from(candidates)
    .innerJoin(committees, eq(committees.id, candidates.committeeId))
    .leftJoin(resultPublicities, eq(resultPublicities.committeeId, candidates.committeeId))
    .where(eq(candidates.applicationId, app.id));
  const certificate = await certificateOfApplication(db, app.id);
  const cases = await db
    .select()
    .from(resultCases)
    .where(and(eq(resultCases.applicationId, app.id), eq(resultCases.filedBy, actor.userId)))
    .orderBy(asc(resultCases.createdAt));

  let stage: ResultStage = 'not_in_evaluation';
  const published = entry && (entry.status === 'results_publicised' || entry.status === 'confirmed');
  if (entry) {
    if (['formed', 'scoring_closed', 'meeting_open'].includes(entry.status)) stage = 'evaluating';
    else if (entry.status === 'ballot_closed') stage = 'awaiting_publicity';
    else if (entry.status === 'results_publicised') stage = entry.endsOn && today > entry.endsOn ? 'publicity_ended' : 'publicity';
    else if (entry.status === 'confirmed') stage = 'confirmed';
  }
  if (certificate) stage = certificate.revokedAt ? 'certificate_revoked' : 'certificate_issued';
  const result = published ? entry.candidate.result : null;
  return {
    stage,
    stageLabel: RESULT_STAGES[stage],
    result,
    resultLabel: resultLabel(result),
    publicity: published && entry.startsOn && entry.endsOn ? { startsOn: entry.startsOn, endsOn: entry.endsOn } : null,
    certificate: certificate
      ? {
          number: certificate.number,
          verificationCode: certificate.verificationCode,
          issuedAt: certificate.issuedAt.toISOString(),
          revoked: certificate.revokedAt !== null,
          revokeReason: certificate.revokeReason,
        }
      : null,
    cases: cases.map((c) => ({
      id: c.id,
      kind: c.kind as CaseKind,
      kindLabel: caseKindLabel(c.kind),
      content: c.content,
      status: c.status as CaseStatus,
      statusLabel: caseStatusLabel(c.status),
      outcome: c.outcome,
    })),
  };
}

/** The qualification document of a committee, or null. */
export async function qualificationDocumentOf(db: Executor, committeeId: string) {
  const [row] = await db.select().from(qualificationDocuments).where(eq(qualificationDocuments.committeeId, committeeId));
  return row ?? null;
}

/** The fields a certificate states, from its signed payload. */
export function payloadFields(payload: string): Record<string, string | null> {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : null]));
  } catch {
    return {};
  }
}

/** GET /office/committees/:id/certificates. */
export async function officeCertificates(db: Executor, actor: Actor, committeeId: string) {
  const { committee } = await officeCommittee(db, actor, committeeId);
  const rows = await db
    .select({ certificate: certificates, name: users.name })
    .from(certificates)
    .innerJoin(candidates, eq(candidates.applicationId, certificates.applicationId))
    .innerJoin(applications, eq(applications.id, certificates.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .where(eq(candidates.committeeId, committee.id))
    .orderBy(asc(certificates.number));
  return rows.map((r) => ({
    id: r.certificate.id,
    applicationId: r.certificate.applicationId,
    number: r.certificate.number,
    name: r.name,
    titleName: payloadFields(r.certificate.payload).titleName ?? '',
    issuedAt: r.certificate.issuedAt.toISOString(),
    revokedAt: r.certificate.revokedAt?.toISOString() ?? null,
    revokeReason: r.certificate.revokeReason,
  }));
}

/** The office's certificate (of its own prefecture), else 404. */
export async function officeCertificate(db: Executor, actor: Actor, certificateId: string) {
  const [row] = await db
    .select({ certificate: certificates, applicantId: applications.applicantId, prefectureId: campaigns.prefectureId, campaignId: campaigns.id })
    .from(certificates)
    .innerJoin(applications, eq(applications.id, certificates.applicationId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .where(eq(certificates.id, certificateId));
  if (!row || !officePrefectureIds(actor).includes(row.prefectureId)) throw notFound('未找到该证书');
  return row;
}

/** What anyone may see of a certificate: the minimum, from the signed payload, and the revocation. */
export function publicCertificate(row: CertificateRow) {
  const f = payloadFields(row.payload);
  return {
    number: row.number,
    name: f.name ?? '',
    unitName: f.unitName ?? '',
    seriesName: f.seriesName ?? '',
    level: f.level ?? '',
    titleName: f.titleName ?? '',
    qualificationDate: f.qualificationDate ?? '',
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function certificateByCode(db: Executor, code: string): Promise<CertificateRow | null> {
  const [row] = await db.select().from(certificates).where(eq(certificates.verificationCode, code));
  return row ?? null;
}

/** GET /public/certificates/verify?code=: genuine, revoked or unknown. */
export async function verifyCertificateCode(db: Executor, code: string) {
  const row = await certificateByCode(db, code);
  if (!row) return { status: 'unknown' as const, certificate: null };
  return { status: row.revokedAt ? ('revoked' as const) : ('genuine' as const), certificate: publicCertificate(row) };
}
