// Upload inspection (security.md, Uploads; issue 4, Scans): decides whether an uploaded scan is
// accepted, produces the bytes to store, and measures its quality. Nothing here touches storage:
// the caller stores `normalised` (never the original bytes) through a FileStore only when ok.
//
// Order of checks, cheapest and most certain first, so hostile files are refused before any
// decoder sees them:
//   1. zero bytes; size limit;
//   2. type from the magic bytes (JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-");
//      anything else (EXE, SVG, HTML, HEIC, ZIP …) is refused with what it is and what to do;
//   3. the file name's extension must match the detected type; the slot's allow-list;
//   4. images: dimensions from the header only (sharp metadata, no decoding) against the pixel
//      limit — a 60-byte PNG claiming 50 000 × 50 000 never reaches the decoder; then a full decode
//      that fails on truncated or corrupt data (`failOn: 'error'`, `limitInputPixels` as a second
//      guard), turned upright by its EXIF orientation, alpha flattened onto white, and re-encoded
//      in the same format with no metadata at all (EXIF, GPS, XMP, ICC, comments and anything
//      after the end of the image — a JPEG+HTML polyglot comes out as a plain JPEG);
//   5. PDFs: pdf.ts (encryption, active content, pages; re-saved without metadata);
//   6. quality warnings on the re-encoded image (quality.ts); PDFs get none (no renderer here).
import sharp, { type OutputInfo } from 'sharp';
import { checkPdf, rotatePdf } from './pdf.js';
import { checkImageQuality, type QualityWarning } from './quality.js';
import { EXTENSIONS, extensionOf, KIND_LABEL, MIME, sniff, type UploadKind } from './sniff.js';

export type { QualityWarning } from './quality.js';
export type { UploadKind } from './sniff.js';

export interface UploadLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest accepted image, in pixels (width × height), checked from the header. */
  maxPixels: number;
  /** Most pages in one PDF. */
  maxPdfPages: number;
}

/**
 * 20 MB: a 300 dpi colour A4 JPEG is 2–4 MB, a 30-page scanned PDF ~15 MB.
 * 40 megapixels: a 600 dpi A4 scan is 35 MP (4961 × 7016); a 48 MP phone camera should be set to
 * 12 MP. Decoding 40 MP takes ~160 MB of memory, which bounds the cost of one upload.
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000, maxPdfPages: 100 };

export interface InspectOptions {
  /** Document quality checks (off for e.g. a portrait photo slot). Default true. */
  qualityChecks?: boolean;
}

export type RefusalCode =
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'EXTENSION_MISMATCH'
  | 'TYPE_NOT_ALLOWED'
  | 'TOO_MANY_PIXELS'
  | 'IMAGE_CORRUPT'
  | 'PDF_ENCRYPTED'
  | 'PDF_ACTIVE_CONTENT'
  | 'PDF_UNREADABLE'
  | 'PDF_NO_PAGES'
  | 'PDF_TOO_MANY_PAGES'
  | 'INVALID_ROTATION';

export interface InspectAccepted {
  ok: true;
  kind: UploadKind;
  mime: string;
  /** What to store: re-encoded image / re-saved PDF. */
  normalised: Buffer;
  pages: number;
  /** Pixels of the stored image (upright); absent for PDFs. */
  width?: number;
  height?: number;
  warnings: QualityWarning[];
}

export interface InspectRefused {
  ok: false;
  code: RefusalCode;
  /** Chinese, says what is wrong and what to do. */
  message: string;
}

export type InspectResult = InspectAccepted | InspectRefused;

const JPEG_QUALITY = 90;
/** Wall-clock limit for one decode + re-encode. */
const SHARP_TIMEOUT_SECONDS = 30;

function refuse(code: RefusalCode, message: string): InspectRefused {
  return { ok: false, code, message };
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** A space between Chinese and a Latin word ("是 GIF 图片", "是可执行程序"). */
function spaced(text: string): string {
  return /^[A-Za-z]/.test(text) ? ` ${text}` : text;
}

function listKinds(kinds: readonly UploadKind[]): string {
  return kinds.map((k) => (k === 'jpg' ? 'JPG' : k.toUpperCase())).join('、');
}

function withLimits(limits: Partial<UploadLimits>): UploadLimits {
  return { ...DEFAULT_UPLOAD_LIMITS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
}

/** Decodes, turns upright (+ an extra rotation), flattens, re-encodes without metadata; measures. */
async function processImage(
  bytes: Buffer,
  kind: 'jpg' | 'png',
  limits: UploadLimits,
  options: InspectOptions,
  extraRotation = 0,
): Promise<InspectResult> {
  let width: number;
  let height: number;
  try {
    // Header only: no pixel is decoded here.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    const expected = kind === 'jpg' ? 'jpeg' : 'png';
    if (meta.format !== expected || !meta.width || !meta.height) {
      return refuse('IMAGE_CORRUPT', `图片文件已损坏或格式不正确，无法读取，请重新扫描或导出后上传`);
    }
    width = meta.width;
    height = meta.height;
  } catch {
    return refuse('IMAGE_CORRUPT', '图片文件已损坏或格式不正确，无法读取，请重新扫描或导出后上传');
  }
  if (width * height > limits.maxPixels) {
    return refuse(
      'TOO_MANY_PIXELS',
      `图片尺寸为 ${width}×${height} 像素（${Math.round((width * height) / 1e6)} 百万像素），超过 ${Math.round(limits.maxPixels / 1e6)} 百万像素的上限。请把扫描分辨率调到 300 dpi 或把照片缩小后重新上传`,
    );
  }

  let output: { data: Buffer; info: OutputInfo };
  try {
    let pipeline = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true })
      .timeout({ seconds: SHARP_TIMEOUT_SECONDS })
      .autoOrient();
    if (extraRotation) pipeline = pipeline.rotate(extraRotation);
    pipeline = pipeline.flatten({ background: '#ffffff' });
    // No withMetadata()/keepExif(): sharp writes no EXIF, XMP, ICC or comment.
    pipeline = kind === 'jpg' ? pipeline.jpeg({ quality: JPEG_QUALITY }) : pipeline.png({ compressionLevel: 6 });
    output = await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = String((error as Error)?.message ?? '');
    if (/pixel limit/i.test(message)) {
      return refuse('TOO_MANY_PIXELS', `图片像素超过 ${Math.round(limits.maxPixels / 1e6)} 百万像素的上限，请缩小后重新上传`);
    }
    if (/premature end|truncat|unexpected end/i.test(message)) {
      return refuse('IMAGE_CORRUPT', '图片文件不完整（可能上传中断或文件被截断），请重新扫描或重新选择文件后上传');
    }
    return refuse('IMAGE_CORRUPT', '图片文件已损坏或格式不正确，无法读取，请重新扫描或导出后上传');
  }

  const warnings = options.qualityChecks === false ? [] : (await checkImageQuality(output.data)).warnings;
  return {
    ok: true,
    kind,
    mime: MIME[kind],
    normalised: output.data,
    pages: 1,
    width: output.info.width,
    height: output.info.height,
    warnings,
  };
}

async function processPdf(bytes: Buffer, limits: UploadLimits): Promise<InspectResult> {
  const checked = await checkPdf(bytes, limits.maxPdfPages);
  if (!checked.ok) return refuse(checked.code, checked.message);
  return { ok: true, kind: 'pdf', mime: MIME.pdf, normalised: checked.normalised, pages: checked.pages, warnings: [] };
}

/**
 * Inspects one uploaded file for a material slot that allows `allowed`. Never throws for bad input:
 * every refusal is `{ ok: false, code, message }` with a Chinese message for the applicant.
 */
export async function inspectUpload(
  bytes: Buffer,
  declaredName: string,
  allowed: readonly UploadKind[],
  limits: Partial<UploadLimits> = {},
  options: InspectOptions = {},
): Promise<InspectResult> {
  const l = withLimits(limits);
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) return refuse('EMPTY_FILE', '文件是空的（0 字节），请重新选择文件后上传');
  if (bytes.length > l.maxBytes) {
    return refuse('FILE_TOO_LARGE', `文件大小为 ${megabytes(bytes.length)}，超过 ${megabytes(l.maxBytes)} 的上限。请降低扫描分辨率（300 dpi 即可）或压缩后重新上传`);
  }
  const sniffed = sniff(bytes);
  if (sniffed.kind === null) return refuse('UNSUPPORTED_TYPE', `文件内容是${spaced(sniffed.what)}，不能作为材料上传。${sniffed.hint}`);
  const kind = sniffed.kind;
  const extension = extensionOf(declaredName);
  if (!EXTENSIONS[kind].includes(extension)) {
    return refuse(
      'EXTENSION_MISMATCH',
      extension
        ? `文件名后缀是 .${extension}，但文件内容是 ${KIND_LABEL[kind]}。请确认选对了文件，或把后缀改为 .${EXTENSIONS[kind][0]} 后重新上传`
        : `文件名没有后缀，文件内容是 ${KIND_LABEL[kind]}。请把文件名后缀改为 .${EXTENSIONS[kind][0]} 后重新上传`,
    );
  }
  if (!allowed.includes(kind)) return refuse('TYPE_NOT_ALLOWED', `此项材料只接受 ${listKinds(allowed)} 文件，您上传的是 ${KIND_LABEL[kind]}`);
  return kind === 'pdf' ? processPdf(bytes, l) : processImage(bytes, kind, l, options);
}

/**
 * The browser's rotate button: turns a stored scan clockwise by 90, 180 or 270 degrees and returns
 * it re-inspected (new bytes to store under a new key, fresh warnings). Images are re-encoded;
 * PDFs get the page rotation changed (all pages, or `pageIndexes`, 0-based).
 */
export async function rotateImage(
  bytes: Buffer,
  degrees: number,
  limits: Partial<UploadLimits> = {},
  options: InspectOptions & { pageIndexes?: number[] } = {},
): Promise<InspectResult> {
  const turn = ((degrees % 360) + 360) % 360;
  if (![90, 180, 270].includes(turn)) return refuse('INVALID_ROTATION', '只能按 90°、180° 或 270° 旋转');
  const l = withLimits(limits);
  const sniffed = sniff(bytes);
  if (sniffed.kind === null) return refuse('UNSUPPORTED_TYPE', `文件内容是${spaced(sniffed.what)}，无法旋转`);
  if (sniffed.kind !== 'pdf') return processImage(bytes, sniffed.kind, l, options, turn);
  const checked = await checkPdf(bytes, l.maxPdfPages);
  if (!checked.ok) return refuse(checked.code, checked.message);
  try {
    return processPdf(await rotatePdf(checked.normalised, turn, options.pageIndexes), l);
  } catch {
    return refuse('PDF_UNREADABLE', 'PDF 文件无法旋转（页码不存在或文件已损坏）');
  }
}
