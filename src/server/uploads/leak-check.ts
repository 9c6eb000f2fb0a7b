// Blind-review leak check (A24-7: applicants mask their name, photo and work unit in every uploaded
// scan). The text of an upload — a PDF's text layer, or OCR of an image — is searched for the
// applicant's identity, and each page that shows it gets a warning before submission. It warns and
// never refuses: OCR can miss a leak and can (rarely) see one that is not there, so the applicant
// decides.
//
// OCR output is noisy: tesseract's chi_sim model puts spaces between CJK characters, reads '·' as
// '.', and confuses similar glyphs ('且末县' came back as '且未县'). Both the text and the identity
// are therefore normalised the same way (normalise), and the name and unit name are matched
// approximately (containsApproximately).
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, OEM, type Worker } from 'tesseract.js';

export interface Identity {
  name: string;
  idNumber: string;
  phone: string;
  unitName: string;
}

export type LeakItem = 'name' | 'idNumber' | 'phone' | 'unitName';

export interface LeakHit {
  /** 1-based page number. */
  page: number;
  item: LeakItem;
  /** Chinese, shown to the applicant. */
  message: string;
}

const ITEM_LABEL: Record<LeakItem, string> = { name: '姓名', idNumber: '身份证号', phone: '手机号', unitName: '工作单位名称' };

/** Order of hits within a page: the order of the fields on the declaration form. */
const ITEMS: LeakItem[] = ['name', 'idNumber', 'phone', 'unitName'];

/**
 * Removed before comparing: whitespace (OCR spaces out CJK text; ID and phone numbers are written
 * in groups), zero-width characters, the middle dots between the parts of a minority name in every
 * form OCR or a typist produces ('·', '•', '・', '.', '、', '-'), and the hyphens and full stops
 * that separate digit groups ('139-1234-5678'). Applied after NFKC, which has already turned the
 * full-width forms ('．', '－', '･', '１２３', 'ＡＢＣ', U+3000) into their ASCII or half-width
 * equivalents.
 */
const SEPARATORS = /[\s\u200b-\u200d\ufeff·•・‧∙⋅.。、\-‐‑‒–—―_]/gu;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

/**
 * Whether `text` contains a substring within edit distance `maxEdits` of `pattern` (Sellers'
 * algorithm: Levenshtein distance with a free starting point in the text). Edits rather than only
 * substitutions because OCR also drops a glyph or splits one into two (明 → 日月).
 */
function containsApproximately(text: string, pattern: string, maxEdits: number): boolean {
  if (maxEdits === 0) return text.includes(pattern);
  const p = Array.from(pattern);
  // column[i]: the least edits turning p[0..i) into some substring of the text ending here.
  let column = p.map((_, i) => i).concat(p.length);
  for (const ch of text) {
    const next = [0];
    for (let i = 1; i <= p.length; i++) {
      next[i] = Math.min(column[i] + 1, next[i - 1] + 1, column[i - 1] + (p[i - 1] === ch ? 0 : 1));
    }
    if (next[p.length] <= maxEdits) return true;
    column = next;
  }
  return false;
}

/**
 * One edit per four characters: '且末县融媒体中心' (8) tolerates two misread glyphs, a five-character
 * name one; names of two or three characters must match exactly, as one wrong glyph there is as
 * likely another person as an OCR error.
 */
function allowedEdits(pattern: string): number {
  return Math.floor(Array.from(pattern).length / 4);
}

/** Matchers for the identity's non-empty fields, built once for all pages. */
function matchersFor(identity: Identity): Array<{ item: LeakItem; matches: (page: string) => boolean }> {
  const phoneDigits = identity.phone.normalize('NFKC').replace(/\D/g, '');
  const targets: Record<LeakItem, string> = {
    name: normalise(identity.name),
    idNumber: normalise(identity.idNumber),
    // The last 11 digits, so that a phone stored as '+86 139…' is still found as '139…'.
    phone: phoneDigits.slice(-11),
    unitName: normalise(identity.unitName),
  };
  return ITEMS.filter((item) => targets[item] !== '').map((item) => {
    const target = targets[item];
    const fuzzy = item === 'name' || item === 'unitName';
    return { item, matches: (page: string) => (fuzzy ? containsApproximately(page, target, allowedEdits(target)) : page.includes(target)) };
  });
}

/** Pure: the identity items found on each page (`pages[0]` is page 1), at most one hit per (page, item). */
export function findLeaksInText(pages: string[], identity: Identity): LeakHit[] {
  const matchers = matchersFor(identity);
  const hits: LeakHit[] = [];
  pages.forEach((text, index) => {
    const page = normalise(text);
    for (const { item, matches } of matchers) {
      if (matches(page)) hits.push({ page: index + 1, item, message: `第 ${index + 1} 页出现了您的${ITEM_LABEL[item]}，请遮盖后重新上传` });
    }
  });
  return hits;
}

const require = createRequire(import.meta.url);

// Loaded on first use: importing pdfjs takes ~0.4 s, which a server start should not pay.
let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;

/** The text layer of each page of a PDF; a page that is only a scanned image gives ''. */
export async function extractPdfText(pdf: Buffer): Promise<string[]> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = await pdfjsModule;
  const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    // A copy: pdfjs may take ownership of (detach) the buffer it is given.
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
    // Chinese PDFs that use a predefined CMap (UniGB-UCS2-H with a non-embedded font) give no text
    // without the CMap files; local paths, so that nothing is fetched.
    cMapUrl: `${pdfjsDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pdfjsDir}/standard_fonts/`,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/**
 * Scans are OCRed at no more than ~300 dpi A4 (8.7 megapixels), which is ample for body text;
 * recognition time grows with the pixel count, so a 600 dpi scan would take about four times as long.
 */
const OCR_MAX_PIXELS = 9_000_000;

// One tesseract worker for the process: starting one costs ~0.7 s and loads the 44 MB chi_sim model. Recognitions are
// chained through `ocrQueue` so that a worker is never handed a second job, or terminated, mid-job.
let ocrWorker: Promise<Worker> | null = null;
let ocrQueue: Promise<unknown> = Promise.resolve();

async function startOcrWorker(): Promise<Worker> {
  const { langPath } = require('@tesseract.js-data/chi_sim') as { langPath: string };
  // tesseract.js caches the unpacked traineddata here, and silently skips caching if the folder is missing.
  const cachePath = path.join(os.tmpdir(), 'zhiping-tesseract');
  await mkdir(cachePath, { recursive: true });
  // A local langPath: the language data is read from node_modules, never downloaded.
  const worker = await createWorker('chi_sim', OEM.LSTM_ONLY, { langPath, gzip: true, cachePath, logger: () => {} });
  // Uploads carry no reliable resolution (sharp writes none), and tesseract prints a warning for
  // each image without one; scans are at most ~300 dpi after the downscaling in ocrImage.
  await worker.setParameters({ user_defined_dpi: '300' });
  return worker;
}

function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const result = ocrQueue.then(job);
  ocrQueue = result.catch(() => {});
  return result;
}

/** The text tesseract reads in an image (JPEG or PNG), Simplified Chinese model. */
export function ocrImage(image: Buffer): Promise<string> {
  return enqueue(async () => {
    const { width = 0, height = 0 } = await sharp(image).metadata();
    const scale = Math.min(1, Math.sqrt(OCR_MAX_PIXELS / Math.max(1, width * height)));
    const prepared = await sharp(image)
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)))
      .png()
      .toBuffer();
    if (!ocrWorker) {
      ocrWorker = startOcrWorker();
      // A failed start is not kept, so that the next upload tries again.
      ocrWorker.catch(() => {
        ocrWorker = null;
      });
    }
    const worker = await ocrWorker;
    return (await worker.recognize(prepared)).data.text;
  });
}

/** Terminates the shared OCR worker (tests, shutdown); the next ocrImage starts a new one. */
export function closeOcr(): Promise<void> {
  return enqueue(async () => {
    const worker = ocrWorker;
    ocrWorker = null;
    if (worker) await (await worker).terminate();
  }).catch(() => {
    // A worker that failed to start has nothing to terminate.
  });
}

/** Identity items visible in an upload: a PDF's text layer page by page, an image (page 1) by OCR. */
export async function checkLeaks(file: { kind: 'jpg' | 'png' | 'pdf'; bytes: Buffer }, identity: Identity): Promise<LeakHit[]> {
  const pages = file.kind === 'pdf' ? await extractPdfText(file.bytes) : [await ocrImage(file.bytes)];
  return findLeaksInText(pages, identity);
}
