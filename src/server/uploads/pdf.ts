// PDF uploads: parsed with pdf-lib; refused when encrypted, unparsable, without pages, too long,
// or carrying active content (JavaScript, automatic actions, launch, embedded files, forms that
// submit, rich media). Accepted PDFs are re-saved by pdf-lib, which drops bytes after the last
// object (polyglots), earlier revisions of incremental updates (text "removed" by a later edit
// stays in the file otherwise — a blind-review leak), the document information and XMP metadata
// (Author often carries the applicant's name), and the EXIF/GPS of JPEG images inside the PDF.
//
// Active content is looked for twice: in the parsed objects (which includes the objects pdf-lib
// unpacks from compressed object streams) and in the raw bytes (objects pdf-lib could not parse
// but a reader might repair). Names are compared after #xx decoding, so /J#61vaScript is
// /JavaScript. A benign /OpenAction (a destination, or a GoTo action) is allowed: Word and WPS
// write one.
import { degrees, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { stripJpegMetadata } from './jpeg-segments.js';

/** Keys whose presence anywhere means active content. */
const DANGEROUS_KEYS = new Set(['JS', 'JavaScript', 'AA', 'EmbeddedFile', 'EmbeddedFiles', 'EF', 'RichMedia', 'RichMediaContent', 'XFA']);
/** Action types (/S) and object types (/Type, /Subtype) refused. */
const DANGEROUS_TYPES = new Set([
  'JavaScript',
  'Launch',
  'SubmitForm',
  'ImportData',
  'GoToE',
  'GoToR',
  'RichMediaExecute',
  'Rendition',
  'Sound',
  'Movie',
  'EmbeddedFile',
  'FileAttachment',
  'RichMedia',
]);
/** Names refused when they appear in the raw bytes at all. */
const DANGEROUS_RAW = new Set(['JS', 'JavaScript', 'AA', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA', 'SubmitForm', 'ImportData', 'GoToE', 'GoToR', 'FileAttachment']);

export type PdfCheck =
  | { ok: true; pages: number; normalised: Buffer }
  | { ok: false; code: 'PDF_ENCRYPTED' | 'PDF_ACTIVE_CONTENT' | 'PDF_UNREADABLE' | 'PDF_NO_PAGES' | 'PDF_TOO_MANY_PAGES'; message: string };

export function decodePdfName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function nameOf(object: PDFObject | undefined): string | null {
  return object instanceof PDFName ? decodePdfName(object.decodeText()) : null;
}

/** The first dangerous thing in the raw bytes, e.g. "/JavaScript", or null. */
export function rawActiveContent(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]{1,64})/g)) {
    const name = decodePdfName(m[1]);
    if (DANGEROUS_RAW.has(name)) return `/${name}`;
  }
  return null;
}

/** The first dangerous thing among the parsed objects, or null. */
function parsedActiveContent(doc: PDFDocument): string | null {
  const seen = new Set<PDFObject>();
  const check = (object: PDFObject | undefined, depth: number): string | null => {
    if (!object || depth > 64 || seen.has(object)) return null;
    seen.add(object);
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (dict) {
      for (const [key, value] of dict.entries()) {
        const k = decodePdfName(key.decodeText());
        if (DANGEROUS_KEYS.has(k)) return `/${k}`;
        if (k === 'S' || k === 'Type' || k === 'Subtype') {
          const v = nameOf(value);
          if (v && DANGEROUS_TYPES.has(v)) return `/${k} /${v}`;
        }
        if (k === 'OpenAction') {
          const action = value instanceof PDFRef ? doc.context.lookup(value) : value;
          if (action instanceof PDFDict) {
            const s = nameOf(action.get(PDFName.of('S')));
            if (s !== 'GoTo') return `/OpenAction /S /${s ?? '?'}`;
          }
        }
        const found = check(value, depth + 1);
        if (found) return found;
      }
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) {
        const found = check(object.get(i), depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const found = check(object, 0);
    if (found) return found;
  }
  return null;
}

/** EXIF/GPS/XMP of JPEG images inside the PDF (DCTDecode streams), removed losslessly. */
function stripEmbeddedJpegMetadata(doc: PDFDocument): void {
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const filter = object.dict.get(PDFName.of('Filter'));
    const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
    if (nameOf(only) !== 'DCTDecode') continue;
    const stripped = stripJpegMetadata(object.contents);
    if (stripped && stripped.removed > 0) doc.context.assign(ref, PDFRawStream.of(object.dict, new Uint8Array(stripped.bytes)));
  }
}

function dropUnreachable(doc: PDFDocument): void {
  const reachable = new Set<string>();
  const pending: PDFObject[] = [doc.context.trailerInfo.Root as PDFObject];
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reachable.has(object.tag)) continue;
      reachable.add(object.tag);
      const target = doc.context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i++) pending.push(object.get(i));
    }
  }
  for (const [ref] of doc.context.enumerateIndirectObjects()) {
    if (!reachable.has(ref.tag)) doc.context.delete(ref);
  }
}

export async function checkPdf(bytes: Buffer, maxPages: number): Promise<PdfCheck> {
  const unreadable = { ok: false as const, code: 'PDF_UNREADABLE' as const, message: 'PDF 文件已损坏或格式不正确，无法读取。请重新导出或“打印为 PDF”后上传' };
  const activeMessage = (what: string) =>
    `PDF 文件含有脚本、自动执行的操作或附件（${what}），出于安全原因不能接收。请用“打印为 PDF”重新生成后上传`;
  const encrypted = { ok: false as const, code: 'PDF_ENCRYPTED' as const, message: 'PDF 文件已加密（设置了密码或权限限制），无法检查内容。请取消加密后重新上传' };

  const raw = rawActiveContent(bytes);
  if (raw) return { ok: false, code: 'PDF_ACTIVE_CONTENT', message: activeMessage(raw) };

  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    if ((error as Error)?.constructor?.name === 'EncryptedPDFError' || /encrypted/i.test((error as Error)?.message ?? '')) return encrypted;
    return unreadable;
  }
  if (doc.isEncrypted) return encrypted;
  const found = parsedActiveContent(doc);
  if (found) return { ok: false, code: 'PDF_ACTIVE_CONTENT', message: activeMessage(found) };

  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    return unreadable;
  }
  if (pages === 0) return { ok: false, code: 'PDF_NO_PAGES', message: 'PDF 文件没有任何页面，请检查后重新上传' };
  if (pages > maxPages) {
    return { ok: false, code: 'PDF_TOO_MANY_PAGES', message: `PDF 文件共 ${pages} 页，超过每个文件 ${maxPages} 页的上限，请拆分后分别上传` };
  }

  // Metadata can name the applicant (blind review): drop the information dictionary and XMP, and
  // every object the document no longer reaches (earlier revisions, leftovers), which pdf-lib
  // would otherwise write out again.
  delete (doc.context.trailerInfo as { Info?: unknown }).Info;
  doc.catalog.delete(PDFName.of('Metadata'));
  dropUnreachable(doc);
  stripEmbeddedJpegMetadata(doc);
  let normalised: Buffer;
  try {
    normalised = Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
  } catch {
    return unreadable;
  }
  return { ok: true, pages, normalised };
}

/** Turns the given pages (0-based; all when omitted) by a multiple of 90°. */
export async function rotatePdf(bytes: Buffer, degreesClockwise: number, pageIndexes?: number[]): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  for (const index of pageIndexes ?? pages.map((_, i) => i)) {
    const page = pages[index];
    if (!page) throw new RangeError(`no page ${index + 1}`);
    page.setRotation(degrees((((page.getRotation().angle + degreesClockwise) % 360) + 360) % 360));
  }
  return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
}
