// PDF uploads (security.md, Uploads; issue 4 hostile corpus "a PDF with JavaScript"): active
// content refused wherever it hides, encryption refused, unparsable refused; accepted PDFs are
// re-saved without metadata, history, trailing bytes or embedded-photo EXIF (A24-7 blind review).
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encryptedPdf, jpegWithExifGps, pdfWithActiveContent, simplePdf, type PdfAttack } from './hostile-files.js';
import { inspectUpload, type InspectResult } from './inspect.js';
import { stripJpegMetadata } from './jpeg-segments.js';
import { decodePdfName, rawActiveContent } from './pdf.js';

const PDF_ONLY = ['pdf'] as const;

function code(result: InspectResult): string {
  return result.ok ? 'OK' : result.code;
}

describe('PDF with active content is refused (security.md Uploads; issue 4 hostile corpus)', () => {
  const attacks: PdfAttack[] = ['openaction-js', 'names-javascript', 'annotation-aa', 'launch', 'embedded-file'];
  for (const attack of attacks) {
    for (const compressed of [false, true]) {
      it(`${attack}${compressed ? ' (inside compressed object streams)' : ''}`, async () => {
        const bytes = await pdfWithActiveContent(attack, compressed);
        const result = await inspectUpload(bytes, '业绩材料.pdf', PDF_ONLY);
        expect(code(result)).toBe('PDF_ACTIVE_CONTENT');
        if (!result.ok) expect(result.message).toMatch(/^PDF 文件含有脚本、自动执行的操作或附件（\/.+），出于安全原因不能接收/);
      });
    }
  }

  it('names written with #xx escapes (/J#61vaScr#69pt, /#6aS) are decoded before comparing', async () => {
    expect(decodePdfName('J#61vaScr#69pt')).toBe('JavaScript');
    expect(decodePdfName('#6aS')).toBe('jS');
    expect(decodePdfName('#4AS')).toBe('JS');
    const bytes = await pdfWithActiveContent('obfuscated-name');
    expect(bytes.includes('/JavaScript')).toBe(false);
    expect(rawActiveContent(bytes)).toBe('/JavaScript');
    expect(code(await inspectUpload(bytes, 'a.pdf', PDF_ONLY))).toBe('PDF_ACTIVE_CONTENT');
  });

  it('a plain OpenAction to a page (what Word and WPS write) is allowed', async () => {
    const doc = await simplePdf(2);
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj([doc.getPage(0).ref, PDFName.of('Fit')]));
    const goTo = await simplePdf();
    goTo.catalog.set(PDFName.of('OpenAction'), goTo.context.obj({ S: 'GoTo', D: [goTo.getPage(0).ref, PDFName.of('Fit')] }));
    for (const d of [doc, goTo]) {
      for (const useObjectStreams of [false, true]) {
        expect(code(await inspectUpload(Buffer.from(await d.save({ useObjectStreams })), 'a.pdf', PDF_ONLY))).toBe('OK');
      }
    }
  });
});

describe('other refused PDFs', () => {
  it('an encrypted PDF is refused with a message to remove the password', async () => {
    const result = await inspectUpload(await encryptedPdf(), '加密.pdf', PDF_ONLY);
    expect(code(result)).toBe('PDF_ENCRYPTED');
    if (!result.ok) expect(result.message).toContain('取消加密');
  });

  it('an unparsable PDF is refused', async () => {
    for (const bytes of [Buffer.from('%PDF-1.7\n'), Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ngarbage\n%%EOF')]) {
      const result = await inspectUpload(bytes, 'broken.pdf', PDF_ONLY);
      expect(['PDF_UNREADABLE', 'PDF_NO_PAGES']).toContain(code(result));
    }
  });

  it('a PDF cut to a third of its length is refused', async () => {
    const full = Buffer.from(await (await simplePdf(3)).save({ useObjectStreams: false }));
    const result = await inspectUpload(full.subarray(0, Math.floor(full.length / 3)), 'half.pdf', PDF_ONLY);
    expect(['PDF_UNREADABLE', 'PDF_NO_PAGES']).toContain(code(result));
  });

  it('page limit', async () => {
    const bytes = Buffer.from(await (await simplePdf(5)).save());
    const result = await inspectUpload(bytes, 'a.pdf', PDF_ONLY, { maxPdfPages: 4 });
    expect(code(result)).toBe('PDF_TOO_MANY_PAGES');
    if (!result.ok) expect(result.message).toContain('共 5 页');
    const ok = await inspectUpload(bytes, 'a.pdf', PDF_ONLY, { maxPdfPages: 5 });
    expect(ok.ok && ok.pages).toBe(5);
  });
});

describe('accepted PDFs are re-saved clean (A24-7 blind review)', () => {
  it('document information and XMP metadata (Author …) are removed', async () => {
    const doc = await simplePdf(2);
    doc.setAuthor('Zhang San');
    doc.setTitle('Zhang San application');
    doc.setCreator('Zhang San laptop');
    const xmp = doc.context.register(doc.context.stream('<x:xmpmeta><dc:creator>Zhang San</dc:creator></x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' }));
    doc.catalog.set(PDFName.of('Metadata'), xmp);
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(bytes.includes('Zhang San')).toBe(true);
    const result = await inspectUpload(bytes, 'a.pdf', PDF_ONLY);
    if (!result.ok) throw new Error(result.message);
    expect(result.normalised.includes('Zhang San')).toBe(false);
    const reloaded = await PDFDocument.load(result.normalised, { updateMetadata: false });
    expect(reloaded.getAuthor()).toBeUndefined();
    expect(reloaded.getPageCount()).toBe(2);
  });

  it('bytes after the end (a PDF+HTML polyglot) and unreferenced objects are dropped', async () => {
    const doc = await simplePdf();
    doc.context.register(doc.context.obj({ Leftover: 'Zhang San' })); // e.g. from an earlier edit
    const bytes = Buffer.concat([Buffer.from(await doc.save({ useObjectStreams: false })), Buffer.from('<html><script>alert(1)</script></html>')]);
    const result = await inspectUpload(bytes, 'a.pdf', PDF_ONLY);
    if (!result.ok) throw new Error(result.message);
    expect(result.normalised.includes('<script')).toBe(false);
    expect(result.normalised.includes('Zhang San')).toBe(false);
  });

  it('EXIF and GPS of photos embedded in the PDF are removed losslessly', async () => {
    const photo = await jpegWithExifGps();
    const doc = await simplePdf();
    const image = await doc.embedJpg(photo);
    doc.getPage(0).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(bytes.includes('Zhang San')).toBe(true);
    const result = await inspectUpload(bytes, 'a.pdf', PDF_ONLY);
    if (!result.ok) throw new Error(result.message);
    expect(result.normalised.includes('Zhang San')).toBe(false);
    expect(result.normalised.includes('Exif')).toBe(false);
    // The image data itself is untouched: the stripped JPEG decodes to the same pixels.
    const stripped = stripJpegMetadata(photo)!;
    expect(stripped.removed).toBeGreaterThan(0);
    const [a, b] = await Promise.all([sharp(photo).raw().toBuffer(), sharp(stripped.bytes).raw().toBuffer()]);
    expect(a.equals(b)).toBe(true);
  });
});
