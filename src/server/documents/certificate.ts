import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import QRCode from 'qrcode';
import { beijingDate } from '../../domain/calendar/calendar.js';
import { sm3Hex } from '../crypto/sm.js';
import { SM2_USER_ID, sm2Sign, sm2Verify, type Sm2KeyPair } from '../crypto/sm2.js';
import { chineseDate } from './commitment.js';
import { startPdf } from './pdf.js';

// The electronic title certificate (电子职称证书): one A4 landscape page with every field, a QR
// code of the public verification URL, and an SM2 signature over a canonical JSON payload of the
// same fields. The payload, the signature and the public key travel inside the PDF's Info
// dictionary, so the file alone can be checked offline; the server also keeps the SM3 of the whole
// file recorded at issue, which catches a change to what is drawn on the page as well.

export interface CertificateData {
  /** Certificate number, e.g. 'AKS-2024-FG-000123'. */
  number: string;
  /** 12 characters, printed (in groups of four) and carried in the QR code's URL. */
  verificationCode: string;
  name: string;
  gender: '男' | '女' | null;
  /** e.g. 650102********123X; only the masked number is ever printed or signed. */
  idNumberMasked: string;
  unitName: string;
  seriesName: string;
  specialtyName: string;
  level: string;
  /** e.g. 主任记者 */
  titleName: string;
  /** e.g. 阿克苏地区新闻系列高级职称评审委员会 */
  committeeName: string;
  /** YYYY-MM-DD (资格取得时间) */
  qualificationDate: string;
  /** 任职资格文件文号, e.g. 阿地职改〔2024〕12号 */
  documentNumber: string;
  /** ISO instant of issue. */
  issuedAt: string;
  /** e.g. 阿克苏地区职称改革工作领导小组办公室 */
  issuer: string;
  /** Full public URL with ?code= */
  verifyUrl: string;
}

/** The payload's first member: it names what was signed, so a signature of another kind of document never passes for a certificate. */
const PAYLOAD_TYPE = 'zhiping.certificate.v1';

/** The payload's keys after `type`, in their fixed order. */
const PAYLOAD_KEYS = [
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
] as const satisfies readonly (keyof CertificateData)[];

/**
 * The canonical signed payload: JSON.stringify (no whitespace) of an object whose members are,
 * in this order, "type": "zhiping.certificate.v1" and then number, verificationCode, name, gender
 * (string or null), idNumberMasked, unitName, seriesName, specialtyName, level, titleName,
 * committeeName, qualificationDate, documentNumber, issuedAt, issuer, verifyUrl. The signature is
 * SM2 over its UTF-8 bytes.
 */
export function certificatePayload(data: CertificateData): string {
  const ordered: Record<string, string | null> = { type: PAYLOAD_TYPE };
  for (const key of PAYLOAD_KEYS) ordered[key] = data[key];
  return JSON.stringify(ordered);
}

/** The payload parsed back, or null when it is not exactly a canonical certificate payload. */
function parsePayload(payload: string): CertificateData | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.type !== PAYLOAD_TYPE) return null;
  const data: Record<string, unknown> = {};
  for (const key of PAYLOAD_KEYS) {
    const field = record[key];
    const ok = key === 'gender' ? field === null || field === '男' || field === '女' : typeof field === 'string';
    if (!ok) return null;
    data[key] = field;
  }
  const certificate = data as unknown as CertificateData;
  return certificatePayload(certificate) === payload ? certificate : null;
}

// Custom keys of the PDF's Info dictionary.
export const INFO_PAYLOAD = 'ZhipingCertificate';
export const INFO_SIGNATURE = 'ZhipingSignature';
export const INFO_PUBLIC_KEY = 'ZhipingPublicKey';
export const INFO_ALGORITHM = 'ZhipingSignatureAlgorithm';
const ALGORITHM = `SM2-with-SM3; ID=${SM2_USER_ID}; signature=hex(r||s); payload=UTF-8 of ${INFO_PAYLOAD}`;

const TITLE = '电子职称证书';
const PAGE = { width: 841.89, height: 595.28 };
const RED = '#9b1c1c';
const BLACK = '#000000';
const GREY = '#555555';

/** 'ABCD2345WXYZ' → 'ABCD-2345-WXYZ'. */
function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The QR code drawn as vector squares: sharp at any print size. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < count; row++) {
    // One rectangle per horizontal run of dark modules.
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col += 1;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill(BLACK);
}

function watermark(doc: PDFKit.PDFDocument, text: string): void {
  const size = 18;
  doc.font('regular').fontSize(size);
  const width = doc.widthOfString(text);
  for (const [fx, fy] of [[0.28, 0.35], [0.72, 0.35], [0.28, 0.75], [0.72, 0.75]]) {
    const cx = PAGE.width * fx;
    const cy = PAGE.height * fy;
    doc.save();
    doc.rotate(-25, { origin: [cx, cy] });
    doc.fillColor('#808080', 0.12).text(text, cx - width / 2, cy - size / 2, { lineBreak: false });
    doc.restore();
  }
  doc.fillOpacity(1);
}

/** Label/value pairs laid out in a bordered grid; returns the y under it. */
function fieldGrid(doc: PDFKit.PDFDocument, rows: [string, string][][], x: number, y: number, width: number): number {
  const label = 92;
  const pad = 5;
  const size = 11;
  for (const row of rows) {
    const valueWidth = (width - row.length * label) / row.length;
    doc.font('regular').fontSize(size);
    const height = Math.max(24, ...row.map(([, value]) => doc.heightOfString(value, { width: valueWidth - 2 * pad }) + 2 * pad));
    let cx = x;
    for (const [name, value] of row) {
      doc.rect(cx, y, label, height).fill('#f7f1ee');
      doc.lineWidth(0.6).rect(cx, y, label, height).rect(cx + label, y, valueWidth, height).stroke(GREY);
      doc.font('bold').fontSize(size).fillColor(BLACK).text(name, cx + pad, y + (height - size * 1.45) / 2, { width: label - 2 * pad, lineBreak: false });
      const valueHeight = doc.font('regular').heightOfString(value, { width: valueWidth - 2 * pad });
      doc.text(value, cx + label + pad, y + (height - valueHeight) / 2, { width: valueWidth - 2 * pad });
      cx += label + valueWidth;
    }
    y += height;
  }
  return y;
}

/** A4 landscape certificate PDF, signed; `pdfSm3` is the SM3 of the returned bytes, to record at issue. */
export async function renderCertificatePdf(
  data: CertificateData,
  key: Sm2KeyPair,
): Promise<{ pdf: Buffer; payload: string; signature: string; pdfSm3: string }> {
  const payload = certificatePayload(data);
  const signature = sm2Sign(payload, key.privateKeyHex);
  const issuedAt = new Date(data.issuedAt);
  const code = formatCode(data.verificationCode);

  const { doc, finished } = startPdf({
    size: 'A4',
    layout: 'landscape',
    // Everything is placed explicitly; no margin means pdfkit never starts a second page by itself.
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: TITLE,
      Author: data.issuer,
      Subject: `${data.titleName} ${data.number}`,
      Keywords: data.number,
      Creator: '职评',
      CreationDate: issuedAt,
    },
  });
  const info = doc.info as Record<string, unknown>;
  info[INFO_PAYLOAD] = payload;
  info[INFO_SIGNATURE] = signature;
  info[INFO_PUBLIC_KEY] = key.publicKeyHex;
  info[INFO_ALGORITHM] = ALGORITHM;

  // Frame: a heavy outer line and a thin inner one.
  doc.lineWidth(4).rect(18, 18, PAGE.width - 36, PAGE.height - 36).stroke(RED);
  doc.lineWidth(0.8).rect(27, 27, PAGE.width - 54, PAGE.height - 54).stroke(RED);
  watermark(doc, `职评 ${data.number} · 核验码 ${code}`);

  const left = 64;
  const right = PAGE.width - 64;
  doc.font('regular').fontSize(10).fillColor(GREY);
  for (const [i, text] of [`证书编号：${data.number}`, `核验码：${code}`].entries()) {
    doc.text(text, right - doc.widthOfString(text), 40 + i * 15, { lineBreak: false });
  }
  doc.font('bold').fontSize(30).fillColor(RED);
  const spacing = { characterSpacing: 10 };
  // The last character's trailing spacing is not part of the visible width.
  doc.text(TITLE, (PAGE.width - doc.widthOfString(TITLE, spacing) + 10) / 2, 58, { lineBreak: false, ...spacing });

  const bodyWidth = 520;
  const gender = data.gender ? `，${data.gender}` : '';
  const statement =
    `${data.name}同志${gender}，经${data.committeeName}评审通过，` +
    `自${chineseDate(data.qualificationDate)}起具备${data.seriesName}系列${data.specialtyName}专业` +
    `${data.titleName}（${data.level}）专业技术资格，特发此证。`;
  doc.font('regular').fontSize(13).fillColor(BLACK);
  doc.text(statement, left, 118, { width: bodyWidth, lineGap: 5, indent: 26 });

  let y = Math.max(doc.y + 10, 176);
  y = fieldGrid(
    doc,
    [
      [['姓名', data.name], ['性别', data.gender ?? '—']],
      [['身份证号', data.idNumberMasked]],
      [['工作单位', data.unitName]],
      [['系列', data.seriesName], ['专业', data.specialtyName]],
      [['资格级别', data.level], ['资格名称', data.titleName]],
      [['评审委员会', data.committeeName]],
      [['资格取得时间', chineseDate(data.qualificationDate)], ['文件文号', data.documentNumber]],
    ],
    left,
    y,
    bodyWidth,
  );

  // The QR code with the number and code under it, to the right of the fields.
  const qrSize = 150;
  const qrX = right - qrSize - 6;
  const qrY = 130;
  drawQr(doc, data.verifyUrl, qrX, qrY, qrSize);
  doc.font('regular').fontSize(10).fillColor(BLACK);
  const captions = ['扫码核验证书真伪', data.number, `核验码 ${code}`];
  captions.forEach((text, i) => doc.text(text, qrX + (qrSize - doc.widthOfString(text)) / 2, qrY + qrSize + 6 + i * 15, { lineBreak: false }));

  // Issuer and date, bottom right.
  const issueLines = [`发证单位：${data.issuer}`, `发证日期：${chineseDate(beijingDate(issuedAt))}`];
  doc.font('regular').fontSize(12);
  let issueY = Math.max(y + 18, 420);
  for (const text of issueLines) {
    const width = Math.min(doc.widthOfString(text), right - left);
    doc.text(text, right - width, issueY, { width, lineBreak: false });
    issueY += 20;
  }

  // Signature and verification note along the bottom edge.
  doc.font('regular').fontSize(9).fillColor(GREY);
  doc.text(`电子签名（SM2）：${signature.slice(0, 32)}…`, left, 500, { lineBreak: false });
  doc.text(`核验地址：${data.verifyUrl}`, left, 514, { width: right - left, lineBreak: false });
  doc.text('本证书为电子证书，与纸质证书具有同等效力；请扫描二维码或访问核验地址，输入核验码查验真伪。', left, 528, { lineBreak: false });

  doc.end();
  const pdf = await finished;
  return { pdf, payload, signature, pdfSm3: sm3Hex(pdf) };
}

function infoText(info: PDFDict, key: string): string | null {
  const value = info.lookup(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

/**
 * Reads a certificate PDF back and checks it: the SM2 signature over the embedded payload with
 * `publicKeyHex` (the platform's key, never the one embedded in the file, which is informational),
 * then, when given, the SM3 of the whole file against the one recorded at issue.
 */
export async function readCertificatePdf(
  pdf: Buffer,
  publicKeyHex: string,
  expectedPdfSm3?: string,
): Promise<{ ok: true; data: CertificateData } | { ok: false; reason: 'not_a_certificate' | 'bad_signature' | 'file_changed' }> {
  let payload: string | null = null;
  let signature: string | null = null;
  try {
    const document = await PDFDocument.load(new Uint8Array(pdf), { updateMetadata: false });
    const info = document.context.lookup(document.context.trailerInfo.Info);
    if (info instanceof PDFDict) {
      payload = infoText(info, INFO_PAYLOAD);
      signature = infoText(info, INFO_SIGNATURE);
    }
  } catch {
    return { ok: false, reason: 'not_a_certificate' };
  }
  if (payload === null || signature === null) return { ok: false, reason: 'not_a_certificate' };
  if (!sm2Verify(payload, signature, publicKeyHex)) return { ok: false, reason: 'bad_signature' };
  const data = parsePayload(payload);
  if (data === null) return { ok: false, reason: 'not_a_certificate' };
  if (expectedPdfSm3 !== undefined && sm3Hex(pdf) !== expectedPdfSm3.toLowerCase()) return { ok: false, reason: 'file_changed' };
  return { ok: true, data };
}
