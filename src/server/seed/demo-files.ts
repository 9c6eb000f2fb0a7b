// Demo mode only: the files the demo applicants and offices upload, made in code like the tests'
// (no binary fixture in the repository). Every one goes through the product's upload commands, so
// it is inspected, re-encoded and stored in the file store like a real upload.
// - Bayingol scans are JPG (B21-11): sparse, certificate-like A4 pages at 100 dpi (827 × 1169, the
//   least size that raises no quality warning) from test-images.ts, quick to inspect.
// - Aksu scans are PDF: its campaign is reviewed blind (A24-7), so the scans in masked slots are
//   leak-checked before the application can be submitted; a PDF's text layer is read in
//   milliseconds, where a JPEG would need OCR (seconds each) during start-up. The text names nobody.
// - Receipts are the bank's electronic receipt (电子回单) as PDF, each with its own reference, so
//   no two are the same file (finance would see them flagged as duplicates).
import { PDFDocument } from 'pdf-lib';
import QRCode from 'qrcode';
import { drawTextPage, toJpeg } from '../uploads/test-images.js';

let scans: Promise<Buffer[]> | null = null;

/** Three distinct JPG scans (the Bayingol annual-assessment slot asks one for each of three years). */
export function demoJpegScans(): Promise<Buffer[]> {
  scans ??= Promise.all([11, 12, 13].map((seed) => toJpeg(drawTextPage({ width: 827, height: 1169, charSize: 20, paragraphs: 1, seed }), 85)));
  return scans;
}

async function pdfOf(lines: string[], size: [number, number] = [595, 842]): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(size);
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: size[1] - 80 - i * 22, size: i === 0 ? 16 : 11 }));
  return Buffer.from(await doc.save());
}

let pdfScan: Promise<Buffer> | null = null;

/** A one-page scan whose text layer holds nothing identifying (the blind-review masking done). */
export function demoPdfScan(): Promise<Buffer> {
  pdfScan ??= pdfOf(['Scanned document', 'Personal details masked for blind review (A24-7).', 'Page 1 of 1']);
  return pdfScan;
}

export function demoReceiptPdf(reference: string, amountYuan: number, paidOn: string): Promise<Buffer> {
  return pdfOf(
    ['Electronic transfer receipt (demo)', `Date: ${paidOn}`, `Amount: CNY ${amountYuan.toFixed(2)}`, `Remark: ${reference}`, 'Status: completed'],
    [595, 420],
  );
}

/** The payee's payment code (收款码) the office uploads: a QR code of a text that says it is no real account. */
export function demoPayeeQr(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width: 320, margin: 2 });
}
