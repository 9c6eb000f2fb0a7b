// The qualification document, filing and electronic certificates (A24-4), and revocation for fraud
// (B21-10): certificates only for a confirmed committee with a filed document, numbered in order,
// SM2-signed with the standard id, stored with their SM3; the public check by code (genuine,
// revoked, unknown; minimum fields; rate-limited) and by the PDF itself (a changed file is
// 'tampered'); after a revocation for fraud the person's eligibility fails rule B21-10.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, fromDayNumber, toDayNumber } from '../../src/domain/calendar/calendar.js';
import { sm3Hex } from '../../src/server/crypto/sm.js';
import { SM2_USER_ID, sm2Verify } from '../../src/server/crypto/sm2.js';
import { certificates, files, fraudFindings, resultPublicities } from '../../src/server/db/schema.js';
import { INFO_PAYLOAD, readCertificatePdf } from '../../src/server/documents/certificate.js';
import { createOrgTree, type CreatedUser, type TestOrgTree } from '../factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from '../helpers/app.js';
import { BAYINGOL_2021 } from '../helpers/campaigns.js';
import { errorOf } from '../helpers/declaration.js';
import { multipartFile } from '../helpers/multipart.js';
import { markPresent, shortNames, voteOn, votingWorld, type World } from '../helpers/evaluation-results.js';

const run = promisify(execFile);

let t: TestContext;
let org: TestOrgTree;
let other: TestOrgTree;
let office: TestClient;
let otherOffice: TestClient;
let expertClient: TestClient;

const today = () => beijingDate(new Date());
const plus = (date: string, n: number) => fromDayNumber(toDayNumber(date) + n);

beforeAll(async () => {
  t = await createTestApp();
  [org, other] = await Promise.all([createOrgTree(t.services), createOrgTree(t.services)]);
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  otherOffice = (await signIn(t, 'office_staff', other.prefectureId)).client;
  expertClient = (await signIn(t, 'expert', org.prefectureId)).client;
});
afterAll(async () => {
  await t?.close();
});

async function login(user: CreatedUser): Promise<TestClient> {
  const client = new TestClient(t.app);
  const r = await client.login(user.username, user.password);
  expect(r.statusCode, r.body).toBe(200);
  return client;
}

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zp-cert-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    return (await run('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function verifyPdf(client: TestClient, pdf: Buffer): Promise<TestResponse> {
  const body = multipartFile('file', 'certificate.pdf', 'application/pdf', pdf);
  return client.request('POST', '/api/public/certificates/verify-pdf', { payload: body.payload, headers: { 'content-type': body.contentType } });
}

/**
 * A Bayingol 2021 中级 committee (B21-10: five-year ban) whose results are confirmed: the first
 * `passing` candidates passed, the last one failed; the publicity ran from the day after the meeting.
 */
async function confirmedWorld(passing: number): Promise<World> {
  const w = await votingWorld(t, org, { base: BAYINGOL_2021, members: 3, candidates: passing + 1, candidateNames: shortNames(passing + 1), office });
  await markPresent(t, w, 3);
  expect((await office.post(`/api/office/committees/${w.committeeId}/open-meeting`)).statusCode).toBe(204);
  for (const [i, c] of w.candidates.entries()) await voteOn(t, w.members, w.committeeId, c.applicationId, i < passing ? 3 : 0);
  expect((await office.post(`/api/office/committees/${w.committeeId}/close-ballot`)).statusCode).toBe(200);
  expect((await office.post(`/api/office/committees/${w.committeeId}/results-publicity`)).statusCode).toBe(200);
  await t.services.db.update(resultPublicities).set({ startsOn: plus(today(), -9), endsOn: plus(today(), -1) }).where(eq(resultPublicities.committeeId, w.committeeId));
  expect((await office.post(`/api/office/committees/${w.committeeId}/confirm`)).statusCode).toBe(204);
  return w;
}

const docNumber = () => `巴州职改〔2021〕${Math.floor(Math.random() * 1e9)}号`;

describe('qualification document, filing and certificates', () => {
  it('issues a signed, numbered certificate to each who passed, after the document is issued and filed; verifiable by code and by PDF', async () => {
    const w = await confirmedWorld(3);
    const passed = w.candidates.slice(0, 3);
    const failed = w.candidates[3];
    const base = `/api/office/committees/${w.committeeId}`;

    expect(errorOf(await office.post(`${base}/certificates`)).code).toBe('NO_DOCUMENT');
    const badDate = await office.post(`${base}/qualification-document`, { documentNumber: '巴州职改〔2021〕1号', issuedOn: '2021-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(errorOf(badDate).message).toMatch(/有效日期/);
    expect((await otherOffice.post(`${base}/qualification-document`, { documentNumber: docNumber(), issuedOn: '2021-12-01' })).statusCode).toBe(404);
    expect((await expertClient.post(`${base}/qualification-document`, { documentNumber: docNumber(), issuedOn: '2021-12-01' })).statusCode).toBe(403);
    const number = docNumber();
    const issued = await office.post(`${base}/qualification-document`, { documentNumber: number, issuedOn: '2021-12-01' });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toEqual({ documentNumber: number, issuedOn: '2021-12-01', filedAt: null });
    expect(errorOf(await office.post(`${base}/qualification-document`, { documentNumber: docNumber(), issuedOn: '2021-12-01' })).code).toBe('ALREADY_ISSUED');
    const pdf = await office.get(`${base}/qualification-document.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawBody);
    for (const c of passed) expect(text).toContain(c.name);
    expect(text).not.toContain(failed.name);
    expect(text).toContain('任职资格');
    expect((await otherOffice.get(`${base}/qualification-document.pdf`)).statusCode).toBe(404);

    // The same number cannot be used twice.
    const second = await confirmedWorld(1);
    const taken = await office.post(`/api/office/committees/${second.committeeId}/qualification-document`, { documentNumber: number, issuedOn: '2021-12-02' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('DOCUMENT_NUMBER_TAKEN');

    expect(errorOf(await office.post(`${base}/certificates`)).code).toBe('DOCUMENT_NOT_FILED');
    expect((await office.post(`${base}/qualification-document/filed`)).statusCode).toBe(204);
    expect(errorOf(await office.post(`${base}/qualification-document/filed`)).code).toBe('ALREADY_FILED');
    expect((await office.get(`${base}/qualification-document`)).json().filedAt).not.toBeNull();

    expect((await expertClient.post(`${base}/certificates`)).statusCode).toBe(403);
    expect((await otherOffice.post(`${base}/certificates`)).statusCode).toBe(404);
    const made = await office.post(`${base}/certificates`);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toEqual({ issued: 3 });
    expect((await office.post(`${base}/certificates`)).json()).toEqual({ issued: 0 });

    const list = await office.get(`${base}/certificates`);
    expect(list.statusCode).toBe(200);
    const rows = list.json() as { id: string; applicationId: string; number: string; name: string; titleName: string; revokedAt: string | null }[];
    expect(rows.map((r) => r.applicationId).sort()).toEqual(passed.map((c) => c.applicationId).sort());
    expect(rows.every((r) => r.titleName === '记者' && r.revokedAt === null)).toBe(true);
    // In order, one after another, under the prefecture's prefix.
    const seq = rows.map((r) => Number(r.number.slice(-6)));
    expect(seq[1] - seq[0]).toBe(1);
    expect(seq[2] - seq[1]).toBe(1);
    expect(rows[0].number).toMatch(/^[A-Z]+2021-ZJ-\d{6}$/);
    expect((await otherOffice.get(`${base}/certificates`)).statusCode).toBe(404);

    // The applicant downloads their own; a stranger and the office cannot use the applicant route.
    const holder = passed[0];
    const holderClient = await login(holder.applicant);
    const download = await holderClient.get(`/api/me/applications/${holder.applicationId}/certificate.pdf`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('application/pdf');
    expect((await (await login(failed.applicant)).get(`/api/me/applications/${holder.applicationId}/certificate.pdf`)).statusCode).toBe(404);
    expect((await (await login(failed.applicant)).get(`/api/me/applications/${failed.applicationId}/certificate.pdf`)).statusCode).toBe(404);
    expect((await office.get(`/api/me/applications/${holder.applicationId}/certificate.pdf`)).statusCode).toBe(403);

    // SM2 with the standard id, against the published key; the stored SM3 is the file's.
    const key = await new TestClient(t.app).get('/api/public/certificates/public-key');
    expect(key.json()).toMatchObject({ algorithm: 'SM2', userId: SM2_USER_ID });
    const read = await readCertificatePdf(download.rawBody, key.json().publicKeyHex);
    expect(read.ok).toBe(true);
    const [stored] = await t.services.db.select().from(certificates).where(eq(certificates.applicationId, holder.applicationId));
    expect(sm2Verify(stored.payload, stored.signature, key.json().publicKeyHex)).toBe(true);
    expect(sm3Hex(download.rawBody)).toBe(stored.pdfSm3);
    expect(stored.verificationCode).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    const [file] = await t.services.db.select().from(files).where(eq(files.id, stored.fileId));
    expect(file.sm3).toBe(stored.pdfSm3);
    if (read.ok) {
      expect(read.data).toMatchObject({ name: holder.name, number: stored.number, titleName: '记者', level: '中级', documentNumber: number });
      expect(read.data.verifyUrl).toBe(`https://bz.xjzcsq.com/verify?certificate=${stored.verificationCode}`);
      expect(read.data.idNumberMasked).toMatch(/^\d{6}\*+[\dX]{4}$/);
    }
    const certText = await pdfText(download.rawBody);
    expect(certText).toContain(holder.name);
    expect(certText).not.toContain(holder.applicant.idNumber);

    // The applicant's result page names it.
    const result = (await holderClient.get(`/api/me/applications/${holder.applicationId}/result`)).json();
    expect(result).toMatchObject({ stage: 'certificate_issued', result: 'passed', certificate: { number: stored.number, verificationCode: stored.verificationCode, revoked: false } });
    // …and so does the application's timeline, stage by stage, without the anonymous code.
    const timeline = (await holderClient.get(`/api/me/applications/${holder.applicationId}`)).json().timeline as { label: string }[];
    expect(timeline.map((e) => e.label)).toEqual(expect.arrayContaining(['评审结果公示', '电子职称证书签发']));

    // Public check by code: the minimum fields; typed with dashes and lower case too.
    const anyone = new TestClient(t.app);
    const typed = stored.verificationCode.toLowerCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3');
    const genuine = await anyone.get(`/api/public/certificates/verify?code=${typed}`);
    expect(genuine.statusCode, genuine.body).toBe(200);
    expect(genuine.json().status).toBe('genuine');
    expect(Object.keys(genuine.json().certificate).sort()).toEqual(['level', 'name', 'number', 'qualificationDate', 'revokedAt', 'seriesName', 'titleName', 'unitName']);
    expect(genuine.json().certificate).toMatchObject({ number: stored.number, name: holder.name, titleName: '记者', revokedAt: null });
    expect(genuine.body).not.toContain(holder.applicant.idNumber.slice(-4) + '"');
    const unknown = await anyone.get('/api/public/certificates/verify?code=ABCD2345WXYZ');
    expect(unknown.json()).toEqual({ status: 'unknown', certificate: null });
    const malformed = await anyone.get('/api/public/certificates/verify?code=0000');
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).message).toContain('核验码格式不正确');

    // Public check by PDF: the issued file is genuine; a re-signed payload or a changed file is tampered.
    expect((await verifyPdf(anyone, download.rawBody)).json().status).toBe('genuine');
    const doc = await PDFDocument.load(new Uint8Array(download.rawBody), { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info) as import('pdf-lib').PDFDict;
    const forged = (info.lookup(PDFName.of(INFO_PAYLOAD)) as PDFString).decodeText().replace(holder.name, '冒名顶替');
    info.set(PDFName.of(INFO_PAYLOAD), PDFString.of(forged));
    const forgedPdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    const forgedAnswer = await verifyPdf(anyone, forgedPdf);
    expect(forgedAnswer.statusCode).toBe(200);
    expect(forgedAnswer.json()).toEqual({ status: 'tampered', certificate: null });
    // Same signed payload, but the file itself changed (an incremental update appended).
    const appended = Buffer.concat([download.rawBody, Buffer.from('\n% edited\n')]);
    expect((await verifyPdf(anyone, appended)).json().status).toBe('tampered');
    expect((await verifyPdf(anyone, Buffer.from('not a pdf at all'))).json()).toEqual({ status: 'unknown', certificate: null });
  });

  it('B21-10: a certificate revoked for fraud verifies as revoked, and the person may not declare for the ban years', async () => {
    const w = await confirmedWorld(1);
    const base = `/api/office/committees/${w.committeeId}`;
    expect((await office.post(`${base}/qualification-document`, { documentNumber: docNumber(), issuedOn: '2021-12-01' })).statusCode).toBe(201);
    expect((await office.post(`${base}/qualification-document/filed`)).statusCode).toBe(204);
    expect((await office.post(`${base}/certificates`)).json()).toEqual({ issued: 1 });
    const holder = w.candidates[0];
    const [stored] = await t.services.db.select().from(certificates).where(eq(certificates.applicationId, holder.applicationId));
    const holderClient = await login(holder.applicant);
    const pdf = (await holderClient.get(`/api/me/applications/${holder.applicationId}/certificate.pdf`)).rawBody;

    const before = (await holderClient.get(`/api/me/applications/${holder.applicationId}`)).json();
    expect(before.eligibility.results.find((r: { ruleId: string }) => r.ruleId === 'B21-10').passed).toBe(true);

    const revoke = (client: TestClient, body: unknown) => client.post(`/api/office/certificates/${stored.id}/revoke`, body);
    expect((await revoke(new TestClient(t.app), { reason: '伪造业绩证明', fraud: true })).statusCode).toBe(401);
    expect((await revoke(expertClient, { reason: '伪造业绩证明', fraud: true })).statusCode).toBe(403);
    expect((await revoke(holderClient, { reason: '伪造业绩证明', fraud: true })).statusCode).toBe(403);
    expect((await revoke(otherOffice, { reason: '伪造业绩证明', fraud: true })).statusCode).toBe(404);
    expect((await revoke(office, { reason: '', fraud: true })).statusCode).toBe(400);
    expect((await revoke(office, { reason: '伪造业绩证明' })).statusCode).toBe(400);
    const done = await revoke(office, { reason: '经查实伪造业绩证明材料', fraud: true });
    expect(done.statusCode, done.body).toBe(204);
    expect(errorOf(await revoke(office, { reason: '再次撤销', fraud: false })).code).toBe('ALREADY_REVOKED');

    const anyone = new TestClient(t.app);
    const verified = (await anyone.get(`/api/public/certificates/verify?code=${stored.verificationCode}`)).json();
    expect(verified.status).toBe('revoked');
    expect(verified.certificate.revokedAt).not.toBeNull();
    expect((await verifyPdf(anyone, pdf)).json().status).toBe('revoked');
    const listed = (await office.get(`${base}/certificates`)).json()[0];
    expect(listed).toMatchObject({ revokeReason: '经查实伪造业绩证明材料' });
    const download = await holderClient.get(`/api/me/applications/${holder.applicationId}/certificate.pdf`);
    expect(download.statusCode).toBe(409);
    expect((await holderClient.get(`/api/me/applications/${holder.applicationId}/result`)).json()).toMatchObject({
      stage: 'certificate_revoked',
      certificate: { revoked: true, revokeReason: '经查实伪造业绩证明材料' },
    });

    const [finding] = await t.services.db.select().from(fraudFindings).where(eq(fraudFindings.userId, holder.applicant.id));
    expect(finding).toMatchObject({ foundOn: today(), certificateId: stored.id });
    // B21-10: the eligibility engine now refuses the person, for five years from the finding.
    const after = (await holderClient.get(`/api/me/applications/${holder.applicationId}`)).json();
    const rule = after.eligibility.results.find((r: { ruleId: string }) => r.ruleId === 'B21-10');
    expect(rule.passed).toBe(false);
    expect(rule.message).toContain('5 年');
    expect(after.eligibility.eligible).toBe(false);
  });

  it('certificates wait for the confirmation; revocation without fraud records no finding', async () => {
    const w = await votingWorld(t, org, { base: BAYINGOL_2021, members: 3, candidates: 1, office, status: 'ballot_closed' });
    const early = await office.post(`/api/office/committees/${w.committeeId}/qualification-document`, { documentNumber: docNumber(), issuedOn: '2021-12-01' });
    expect(errorOf(early).code).toBe('NOT_CONFIRMED');
    expect(errorOf(await office.post(`/api/office/committees/${w.committeeId}/certificates`)).code).toBe('NOT_CONFIRMED');

    const c = await confirmedWorld(1);
    const base = `/api/office/committees/${c.committeeId}`;
    await office.post(`${base}/qualification-document`, { documentNumber: docNumber(), issuedOn: '2021-12-01' });
    await office.post(`${base}/qualification-document/filed`);
    await office.post(`${base}/certificates`);
    const [stored] = await t.services.db.select().from(certificates).where(eq(certificates.applicationId, c.candidates[0].applicationId));
    expect((await office.post(`/api/office/certificates/${stored.id}/revoke`, { reason: '证书信息有误，重新评定', fraud: false })).statusCode).toBe(204);
    expect(await t.services.db.select().from(fraudFindings).where(eq(fraudFindings.userId, c.candidates[0].applicant.id))).toHaveLength(0);
  });

  it('the public verification is rate-limited per address', async () => {
    const client = new TestClient(t.app);
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await client.get('/api/public/certificates/verify?code=ABCD2345WXYZ')).statusCode;
    expect(last).toBe(429);
    expect((await verifyPdf(client, Buffer.from('%PDF-1.4'))).statusCode).toBe(429);
    // Another address is unaffected.
    expect((await new TestClient(t.app).get('/api/public/certificates/verify?code=ABCD2345WXYZ')).statusCode).toBe(200);
  });
});



describe('access to the certificate routes', () => {
  it('office routes: anonymous 401, expert and applicant 403, another prefecture 404; public routes open', async () => {
    const w = await votingWorld(t, org, { base: BAYINGOL_2021, members: 1, candidates: 1, office, status: 'confirmed' });
    const applicant = await login(w.candidates[0].applicant);
    const anonymous = new TestClient(t.app);
    const base = `/api/office/committees/${w.committeeId}`;
    const routes: { method: string; url: string; body?: unknown }[] = [
      { method: 'POST', url: `${base}/qualification-document`, body: { documentNumber: docNumber(), issuedOn: '2021-12-01' } },
      { method: 'GET', url: `${base}/qualification-document` },
      { method: 'GET', url: `${base}/qualification-document.pdf` },
      { method: 'POST', url: `${base}/qualification-document/filed` },
      { method: 'POST', url: `${base}/certificates` },
      { method: 'GET', url: `${base}/certificates` },
    ];
    for (const r of routes) {
      const opts = { body: r.body ?? (r.method === 'GET' ? undefined : {}) };
      expect((await anonymous.request(r.method, r.url, opts)).statusCode, r.url).toBe(401);
      expect((await expertClient.request(r.method, r.url, opts)).statusCode, r.url).toBe(403);
      expect((await applicant.request(r.method, r.url, opts)).statusCode, r.url).toBe(403);
      expect((await otherOffice.request(r.method, r.url, opts)).statusCode, r.url).toBe(404);
    }
    expect((await office.get(`${base}/qualification-document`)).json()).toBeNull();
    expect((await office.get(`${base}/certificates`)).json()).toEqual([]);
    expect((await office.post(`/api/office/certificates/${crypto.randomUUID()}/revoke`, { reason: '原因', fraud: false })).statusCode).toBe(404);
    expect((await anonymous.get(`/api/me/applications/${w.candidates[0].applicationId}/certificate.pdf`)).statusCode).toBe(401);
    expect((await applicant.get(`/api/me/applications/${w.candidates[0].applicationId}/certificate.pdf`)).statusCode).toBe(404);
    expect((await anonymous.get('/api/public/certificates/public-key')).statusCode).toBe(200);
  });
});
