import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSigningKey, sm2Sign, sm2Verify } from '../crypto/sm2.js';
import { sm3Hex } from '../crypto/sm.js';
import {
  certificatePayload,
  INFO_PAYLOAD,
  INFO_PUBLIC_KEY,
  INFO_SIGNATURE,
  readCertificatePdf,
  renderCertificatePdf,
  type CertificateData,
} from './certificate.js';

const data: CertificateData = {
  number: 'AKS-2024-FG-000123',
  verificationCode: 'ABCD2345WXYZ',
  name: '阿依古丽·买买提',
  gender: '女',
  idNumberMasked: '650102********123X',
  unitName: '阿克苏地区融媒体中心',
  seriesName: '新闻',
  specialtyName: '记者',
  level: '副高级',
  titleName: '主任记者',
  committeeName: '阿克苏地区新闻系列高级职称评审委员会',
  qualificationDate: '2024-12-20',
  documentNumber: '阿地职改〔2024〕12号',
  issuedAt: '2025-01-06T03:00:00.000Z',
  issuer: '阿克苏地区职称改革工作领导小组办公室',
  verifyUrl: 'https://zhiping.example.gov.cn/verify/certificate?code=ABCD2345WXYZ',
};
const key = deriveSigningKey(Buffer.alloc(32, 3));

const dir = mkdtempSync(path.join(tmpdir(), 'certificate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdftotext(pdf: Buffer): string {
  const file = path.join(dir, `${sm3Hex(pdf).slice(0, 16)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** A copy whose Info payload is changed by `edit` and re-saved with pdf-lib. */
async function withPayload(pdf: Buffer, edit: (payload: string) => string, signature?: string): Promise<Buffer> {
  const document = await PDFDocument.load(new Uint8Array(pdf), { updateMetadata: false });
  const info = document.context.lookup(document.context.trailerInfo.Info) as PDFDict;
  const payload = (info.lookup(PDFName.of(INFO_PAYLOAD)) as PDFString | PDFHexString).decodeText();
  info.set(PDFName.of(INFO_PAYLOAD), PDFHexString.fromText(edit(payload)));
  if (signature) info.set(PDFName.of(INFO_SIGNATURE), PDFHexString.fromText(signature));
  return Buffer.from(await document.save());
}

let issued: Awaited<ReturnType<typeof renderCertificatePdf>>;
beforeAll(async () => {
  issued = await renderCertificatePdf(data, key);
});

describe('electronic title certificate', () => {
  it('signs a canonical payload with a fixed key order', () => {
    const payload = certificatePayload(data);
    expect(payload).toBe(certificatePayload({ ...data }));
    expect(Object.keys(JSON.parse(payload))).toEqual([
      'type',
      'number',
      'verificationCode',
      'name',
      'gender',
      'idNumberMasked',
      'unitName',
      'seriesName',
      'specialtyName',
      'level',
      'titleName',
      'committeeName',
      'qualificationDate',
      'documentNumber',
      'issuedAt',
      'issuer',
      'verifyUrl',
    ]);
    // The order does not depend on how the caller built the object.
    const reversed = Object.fromEntries(Object.entries(data).reverse()) as unknown as CertificateData;
    expect(certificatePayload(reversed)).toBe(payload);
    expect(issued.payload).toBe(payload);
    expect(sm2Verify(payload, issued.signature, key.publicKeyHex)).toBe(true);
    expect(issued.pdfSm3).toBe(sm3Hex(issued.pdf));
  });

  it('renders one A4 landscape page with every field, the code and the signature line', () => {
    const info = execFileSync('/usr/bin/pdfinfo', ['-'], { input: issued.pdf, encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841.89 x 595.28/);
    const text = pdftotext(issued.pdf);
    for (const expected of [
      '电子职称证书',
      data.name,
      data.titleName,
      data.number,
      'ABCD-2345-WXYZ',
      data.idNumberMasked,
      data.unitName,
      data.committeeName,
      data.documentNumber,
      data.issuer,
      '2024年12月20日',
      '2025年1月6日',
      `电子签名（SM2）：${issued.signature.slice(0, 32)}…`,
    ]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
  });

  it('reads a genuine certificate back', async () => {
    expect(await readCertificatePdf(issued.pdf, key.publicKeyHex)).toEqual({ ok: true, data });
    expect(await readCertificatePdf(issued.pdf, key.publicKeyHex, issued.pdfSm3)).toEqual({ ok: true, data });
    // The embedded public key is informational; it is the platform key.
    const document = await PDFDocument.load(new Uint8Array(issued.pdf), { updateMetadata: false });
    const info = document.context.lookup(document.context.trailerInfo.Info) as PDFDict;
    expect((info.lookup(PDFName.of(INFO_PUBLIC_KEY)) as PDFString | PDFHexString).decodeText()).toBe(key.publicKeyHex);
  });

  it('rejects a changed payload, a wrong key and a changed file', async () => {
    const renamed = await withPayload(issued.pdf, (p) => p.replace(data.name, '张三'));
    expect(await readCertificatePdf(renamed, key.publicKeyHex)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await readCertificatePdf(renamed, key.publicKeyHex, issued.pdfSm3)).toEqual({ ok: false, reason: 'bad_signature' });

    // Re-signed by someone else's key: still not ours.
    const forger = deriveSigningKey(Buffer.alloc(32, 4));
    const forgedPayload = certificatePayload({ ...data, titleName: '高级记者' });
    const forged = await withPayload(issued.pdf, () => forgedPayload, sm2Sign(forgedPayload, forger.privateKeyHex));
    expect(await readCertificatePdf(forged, key.publicKeyHex)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await readCertificatePdf(issued.pdf, forger.publicKeyHex)).toEqual({ ok: false, reason: 'bad_signature' });

    // One byte of the page's content stream changed: the payload still verifies, the file does not.
    const changed = Buffer.from(issued.pdf);
    const stream = changed.indexOf('stream\n') + 'stream\n'.length;
    changed[stream + 20] ^= 0x01;
    expect(await readCertificatePdf(changed, key.publicKeyHex, issued.pdfSm3)).toEqual({ ok: false, reason: 'file_changed' });
  });

  it('recognises a PDF that is not a certificate', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    plain.setTitle('电子职称证书');
    const other = Buffer.from(await plain.save());
    expect(await readCertificatePdf(other, key.publicKeyHex)).toEqual({ ok: false, reason: 'not_a_certificate' });
    expect(await readCertificatePdf(Buffer.from('not a pdf at all'), key.publicKeyHex)).toEqual({ ok: false, reason: 'not_a_certificate' });
    expect(await readCertificatePdf(Buffer.alloc(0), key.publicKeyHex)).toEqual({ ok: false, reason: 'not_a_certificate' });
    // A payload of another kind, validly signed with the platform key, is not a certificate either.
    const decision = JSON.stringify({ type: 'zhiping.decision.v1', number: data.number });
    const signed = await withPayload(issued.pdf, () => decision, sm2Sign(decision, key.privateKeyHex));
    expect(await readCertificatePdf(signed, key.publicKeyHex)).toEqual({ ok: false, reason: 'not_a_certificate' });
  });

  it('prints a certificate without gender', async () => {
    const noGender = { ...data, gender: null };
    const { pdf, pdfSm3 } = await renderCertificatePdf(noGender, key);
    expect(await readCertificatePdf(pdf, key.publicKeyHex, pdfSm3)).toEqual({ ok: true, data: noGender });
  });
});
