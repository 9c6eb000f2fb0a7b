// After confirmation (A24-4): the qualification document (任职资格文件) as a stored PDF and its
// filing (备案); then the electronic certificates (电子职称证书) of everyone who passed for good:
// numbered in order per committee under a lock (e.g. AKS2024-FG-000001), a 12-character
// verification code, the SM2 signature over the canonical payload, the PDF stored and its SM3
// recorded. Revocation with its reason; for fraud (B21-10) a fraud_findings row that the
// eligibility engine turns into the campaign's ban.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { beijingDate } from '../../../domain/calendar/calendar.js';
import { maskIdNumber, validateIdNumber } from '../../../domain/id-number.js';
import { VERIFICATION_ALPHABET } from '../../../domain/review-form.js';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { certificates, files, fraudFindings, qualificationDocuments, users } from '../../db/schema.js';
import { certificatePayload, readCertificatePdf, renderCertificatePdf } from '../../documents/certificate.js';
import { sm3Hex } from '../../crypto/sm.js';
import { renderQualificationDocumentPdf } from '../../documents/evaluation-docs.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { committeeCampaign, seriesName, specialtyName, titleName } from '../../queries/defence.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import { certificateByCode, certificateOfApplication, officeCertificate, passedCandidates, publicCertificate, qualificationDocumentOf } from '../../queries/results.js';
import { loadOwnApplication } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { assertCommitteeStatus, lockCommittee, storeGeneratedPdf } from './common.js';

// Serialises certificate numbering of one prefix across requests and instances.
const NUMBER_LOCK = 7370006;
export const CERTIFICATE_CODE_LENGTH = 12;
const LEVEL_CODES: Record<string, string> = { 初级: 'CJ', 中级: 'ZJ', 副高: 'FG', 正高: 'ZG' };

/** 12 characters of the unambiguous alphabet (no 0/O, 1/I): 60 random bits. */
export function newCertificateCode(): string {
  const bytes = randomBytes(CERTIFICATE_CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += VERIFICATION_ALPHABET[b & 31];
  return code;
}

const CODE_PATTERN = new RegExp(`^[${VERIFICATION_ALPHABET}]{${CERTIFICATE_CODE_LENGTH}}$`);

/** What someone typed ('abcd-2345-wxyz', with spaces) as the stored code, or null. */
export function parseCertificateCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** The public verification page of a certificate, printed on it and in its QR code. */
export function certificateVerifyUrl(portalHost: string, code: string): string {
  return `https://${portalHost}/verify?certificate=${code}`;
}

/** The meeting's Beijing date: the date the titles are held from (资格取得时间). */
function qualificationDate(ballotClosedAt: Date | null): string {
  return beijingDate(ballotClosedAt ?? new Date());
}

/** POST /office/committees/:id/qualification-document (confirmed results only). */
export async function issueQualificationDocument(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, input: { documentNumber: string; issuedOn: string }) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const { campaign } = await committeeCampaign(services.db, committee);
  const passed = await passedCandidates(services.db, committee.id);
  const series = seriesName(campaign, committee.seriesId);
  const pdf = await renderQualificationDocumentPdf({
    documentNumber: input.documentNumber,
    title: `关于${committee.name}评审通过人员取得${series}系列${committee.level}专业技术资格的通知`,
    issuer: campaign.issuer.name,
    issuedOn: input.issuedOn,
    committeeName: committee.name,
    levelTitle: `${series}系列${committee.level}`,
    rows: passed.map((c) => ({
      name: c.name,
      unitName: c.unitName,
      specialtyName: specialtyName(campaign, c.seriesId, c.specialtyId),
      titleName: titleName(campaign, c.seriesId, c.specialtyId, c.level),
      qualificationDate: qualificationDate(committee.ballotClosedAt),
    })),
  });
  try {
    return await services.db.transaction(async (tx) => {
      const locked = await lockCommittee(tx, committee.id);
      assertCommitteeStatus(locked, ['confirmed'], '评审结果确认后方可印发任职资格文件', 'NOT_CONFIRMED');
      if (await qualificationDocumentOf(tx, committee.id)) throw conflict('该评审委员会的任职资格文件已印发', 'ALREADY_ISSUED');
      const file = await storeGeneratedPdf(services, tx, actor.userId, 'documents/qualification', `${input.documentNumber}任职资格文件.pdf`, pdf);
      const [row] = await tx
        .insert(qualificationDocuments)
        .values({ committeeId: committee.id, documentNumber: input.documentNumber, fileId: file.id, issuedOn: input.issuedOn, issuedBy: actor.userId })
        .returning();
      await appendAudit(tx, ctx, {
        action: 'qualification_document.issue',
        objectType: 'committee',
        objectId: committee.id,
        detail: { documentNumber: input.documentNumber, issuedOn: input.issuedOn, persons: passed.length, fileId: file.id, sm3: file.sm3 },
      });
      return { documentNumber: row.documentNumber, issuedOn: row.issuedOn, filedAt: null };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'qualification_documents_document_number_unique') throw conflict(`文号“${input.documentNumber}”已被使用`, 'DOCUMENT_NUMBER_TAKEN');
    throw error;
  }
}

/** POST /office/committees/:id/qualification-document/filed: the filing (备案) is recorded once. */
export async function fileQualificationDocument(services: Services, ctx: RequestContext, actor: Actor, committeeId: string): Promise<void> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(qualificationDocuments)
      .set({ filedAt: new Date(), filedBy: actor.userId })
      .where(and(eq(qualificationDocuments.committeeId, committee.id), isNull(qualificationDocuments.filedAt)))
      .returning({ documentNumber: qualificationDocuments.documentNumber });
    if (updated.length === 0) {
      throw (await qualificationDocumentOf(tx, committee.id)) ? conflict('任职资格文件已备案', 'ALREADY_FILED') : conflict('尚未印发任职资格文件', 'NO_DOCUMENT');
    }
    await appendAudit(tx, ctx, { action: 'qualification_document.file', objectType: 'committee', objectId: committee.id, detail: { documentNumber: updated[0].documentNumber } });
  });
}

/**
 * POST /office/committees/:id/certificates: a certificate for everyone who passed for good and has
 * none yet, numbered in order under the prefix lock. Returns how many were issued now.
 */
export async function issueCertificates(services: Services, ctx: RequestContext, actor: Actor, committeeId: string): Promise<{ issued: number }> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const { campaign } = await committeeCampaign(services.db, committee);
  const key = services.signingKey;
  const prefix = `${campaign.prefecture.code.toUpperCase()}${campaign.year}-${LEVEL_CODES[committee.level] ?? 'XX'}`;

  return services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['confirmed'], '评审结果确认后方可签发电子证书', 'NOT_CONFIRMED');
    const document = await qualificationDocumentOf(tx, committee.id);
    if (!document) throw conflict('请先印发任职资格文件', 'NO_DOCUMENT');
    if (!document.filedAt) throw conflict('任职资格文件备案后方可签发电子证书', 'DOCUMENT_NOT_FILED');
    const passed = await passedCandidates(tx, committee.id);
    await tx.execute(sql`select pg_advisory_xact_lock(${NUMBER_LOCK}::int, hashtext(${prefix}))`);
    const last = await tx.execute<{ last: number | null }>(
      sql`select max(substring(${certificates.number} from '[0-9]+$')::int) as last from ${certificates} where ${certificates.number} like ${`${prefix}-%`}`,
    );
    let next = (last.rows[0]?.last ?? 0) + 1;
    let issued = 0;
    for (const c of passed) {
      if (await certificateOfApplication(tx, c.applicationId)) continue;
      const [user] = await tx.select({ idNumberEnc: users.idNumberEnc }).from(users).where(eq(users.id, c.applicantId));
      const idNumber = user?.idNumberEnc ? services.cipher.decrypt(user.idNumberEnc) : null;
      const checked = idNumber ? validateIdNumber(idNumber) : null;
      const number = `${prefix}-${String(next).padStart(6, '0')}`;
      const code = newCertificateCode();
      const issuedAt = new Date();
      const rendered = await renderCertificatePdf(
        {
          number,
          verificationCode: code,
          name: c.name,
          gender: checked?.ok ? (checked.sex === 'M' ? '男' : '女') : null,
          idNumberMasked: checked?.ok ? maskIdNumber(checked.value) : '—',
          unitName: c.unitName,
          seriesName: seriesName(campaign, c.seriesId),
          specialtyName: specialtyName(campaign, c.seriesId, c.specialtyId),
          level: c.level,
          titleName: titleName(campaign, c.seriesId, c.specialtyId, c.level),
          committeeName: committee.name,
          qualificationDate: qualificationDate(locked.ballotClosedAt),
          documentNumber: document.documentNumber,
          issuedAt: issuedAt.toISOString(),
          issuer: campaign.issuer.name,
          verifyUrl: certificateVerifyUrl(campaign.prefecture.portalHost, code),
        },
        key,
      );
      const file = await storeGeneratedPdf(services, tx, c.applicantId, 'documents/certificates', `${number}电子职称证书.pdf`, rendered.pdf);
      const [row] = await tx
        .insert(certificates)
        .values({
          applicationId: c.applicationId,
          number,
          verificationCode: code,
          payload: rendered.payload,
          signature: rendered.signature,
          pdfSm3: rendered.pdfSm3,
          fileId: file.id,
          issuedAt,
          issuedBy: actor.userId,
        })
        .returning({ id: certificates.id });
      await recordEvent(tx, c.applicationId, 'office_staff', 'certificateIssued', { number });
      await notify(
        tx,
        c.applicantId,
        '电子职称证书已签发',
        `您的${titleName(campaign, c.seriesId, c.specialtyId, c.level)}（${c.level}）电子职称证书已签发，证书编号 ${number}。可在“评审结果”页面下载，任何人可凭证书编号和核验码查验真伪。`,
      );
      await appendAudit(tx, ctx, { action: 'certificate.issue', objectType: 'certificate', objectId: row.id, detail: { number, applicationId: c.applicationId, pdfSm3: rendered.pdfSm3 } });
      next += 1;
      issued += 1;
    }
    return { issued };
  });
}

/** POST /office/certificates/:id/revoke: with the reason; `fraud` records the finding (B21-10). */
export async function revokeCertificate(services: Services, ctx: RequestContext, actor: Actor, certificateId: string, input: { reason: string; fraud: boolean }): Promise<void> {
  const found = await officeCertificate(services.db, actor, certificateId);
  const { campaign } = await loadPublishedCampaign(services.db, found.campaignId);
  const today = beijingDate(new Date());
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(certificates)
      .set({ revokedAt: new Date(), revokedBy: actor.userId, revokeReason: input.reason })
      .where(and(eq(certificates.id, certificateId), isNull(certificates.revokedAt)))
      .returning({ number: certificates.number });
    if (updated.length === 0) throw conflict('该证书已撤销', 'ALREADY_REVOKED');
    if (input.fraud) {
      await tx.insert(fraudFindings).values({ userId: found.applicantId, foundOn: today, description: input.reason, certificateId, recordedBy: actor.userId });
    }
    const ban = campaign.rules.fraudBan;
    await recordEvent(tx, found.certificate.applicationId, 'office_staff', 'certificateRevoked', { number: updated[0].number, reason: input.reason });
    await notify(
      tx,
      found.applicantId,
      '职称及电子证书已撤销',
      `您的电子职称证书（编号 ${updated[0].number}）已被撤销。原因：${input.reason}` +
        (input.fraud && ban ? `。经查实存在弄虚作假行为，自 ${today} 起 ${ban.years} 年内不得申报职称（${ban.ruleId}）。` : '。'),
    );
    await appendAudit(tx, ctx, { action: 'certificate.revoke', objectType: 'certificate', objectId: certificateId, detail: { number: updated[0].number, fraud: input.fraud } });
  });
}

/** GET /me/applications/:id/certificate.pdf: the owner's certificate file (a revoked one is not served). */
export async function ownCertificatePdf(services: Services, ctx: RequestContext, actor: Actor, applicationId: string) {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  const certificate = await certificateOfApplication(services.db, app.id);
  if (!certificate) throw notFound('电子证书尚未签发');
  if (certificate.revokedAt) throw conflict(`该证书已于 ${beijingDate(certificate.revokedAt)} 撤销，不能再下载`, 'CERTIFICATE_REVOKED');
  const [file] = await services.db.select().from(files).where(eq(files.id, certificate.fileId));
  const pdf = await services.files.get(file.storageKey, file.sm3);
  await appendAudit(services.db, ctx, { action: 'certificate.download', objectType: 'certificate', objectId: certificate.id, detail: { number: certificate.number } });
  return { pdf, number: certificate.number };
}

/** GET /office/committees/:id/qualification-document.pdf: the stored document, checked against its SM3. */
export async function qualificationDocumentPdf(services: Services, actor: Actor, committeeId: string) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const document = await qualificationDocumentOf(services.db, committee.id);
  if (!document) throw notFound('尚未印发任职资格文件');
  const [file] = await services.db.select().from(files).where(eq(files.id, document.fileId));
  return { pdf: await services.files.get(file.storageKey, file.sm3), documentNumber: document.documentNumber };
}

export type PdfVerdict = 'genuine' | 'revoked' | 'tampered' | 'unknown';

/**
 * POST /public/certificates/verify-pdf: the signature over the embedded payload with the platform's
 * key (never the key in the file), then the certificate on record by its number and code, then
 * the whole file against the SM3 recorded at issue (a change to the drawn page shows there).
 */
export async function verifyCertificatePdf(services: Services, pdf: Buffer) {
  const key = services.signingKey;
  const read = await readCertificatePdf(pdf, key.publicKeyHex);
  if (!read.ok) return { status: (read.reason === 'bad_signature' ? 'tampered' : 'unknown') as PdfVerdict, certificate: null };
  const row = await certificateByCode(services.db, read.data.verificationCode);
  if (!row || row.number !== read.data.number) return { status: 'unknown' as PdfVerdict, certificate: null };
  if (sm3Hex(pdf) !== row.pdfSm3 || row.payload !== certificatePayload(read.data)) return { status: 'tampered' as PdfVerdict, certificate: publicCertificate(row) };
  return { status: (row.revokedAt ? 'revoked' : 'genuine') as PdfVerdict, certificate: publicCertificate(row) };
}
