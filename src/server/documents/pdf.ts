// The start of every generated PDF: a pdfkit document with the Noto Sans SC faces registered as
// 'regular' and 'bold' (pdfkit embeds only the glyphs used, so the 10 MB fonts add a few
// kilobytes), and the finished bytes as a promise. The font files are read once per process:
// reading 20 MB from disk for every commitment or 评审表 would be most of its cost.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { notoSansScBoldPath, notoSansScPath } from './fonts.js';

let fontCache: { regular: Buffer; bold: Buffer } | null = null;

function fonts() {
  fontCache ??= { regular: readFileSync(notoSansScPath()), bold: readFileSync(notoSansScBoldPath()) };
  return fontCache;
}

export function startPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; finished: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = fonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  return { doc, finished };
}
