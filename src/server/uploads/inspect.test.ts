// Upload inspection: the hostile corpus (issue 4 "Must show"; security.md, Uploads), type and
// extension rules, limits, metadata stripping (blind review, A24-7) and the rotate button.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  exeRenamed,
  jpegWithExifGps,
  jpegWithHtmlComment,
  pdfWithActiveContent,
  pngClaiming,
  pngWithChunk,
  pngZeroBomb,
  polyglotJpegHtml,
  sampleJpeg,
  simplePdf,
  svgWithScript,
  truncatedJpeg,
} from './hostile-files.js';
import { DEFAULT_UPLOAD_LIMITS, inspectUpload, rotateImage, type InspectAccepted, type InspectRefused, type InspectResult } from './inspect.js';
import { drawTextPage, toJpeg, toPng } from './test-images.js';

const ANY = ['jpg', 'png', 'pdf'] as const;

function refused(result: InspectResult): InspectRefused {
  if (result.ok) throw new Error(`expected a refusal, got an accepted ${result.kind}`);
  // Every refusal speaks Chinese to the applicant, and carries nothing to store.
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
  expect(result).not.toHaveProperty('normalised');
  return result;
}

function accepted(result: InspectResult): InspectAccepted {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.code}: ${result.message}`);
  return result;
}

describe('hostile uploads (issue 4 Must show; security.md Uploads: type from bytes, pixel limit, re-encoding)', () => {
  it('polyglot JPEG+HTML: accepted as a JPEG, and the stored bytes no longer contain the HTML', async () => {
    const input = await polyglotJpegHtml();
    expect(input.includes('<script')).toBe(true);
    const result = accepted(await inspectUpload(input, '学历证书.jpg', ANY));
    expect(result.kind).toBe('jpg');
    expect(result.mime).toBe('image/jpeg');
    for (const needle of ['<html', '<script', 'alert(']) expect(result.normalised.includes(needle)).toBe(false);
    // The stored file ends at the JPEG end-of-image marker.
    expect(result.normalised.subarray(-2).toString('hex')).toBe('ffd9');
  });

  it('HTML hidden in a JPEG comment segment is dropped by re-encoding too', async () => {
    const input = await jpegWithHtmlComment();
    const result = accepted(await inspectUpload(input, 'scan.jpg', ANY));
    expect(result.normalised.includes('<script')).toBe(false);
    expect(result.normalised.includes('<html')).toBe(false);
  });

  it('an EXE renamed .jpg is refused as an executable', async () => {
    const r = refused(await inspectUpload(exeRenamed(), '职称证书.jpg', ANY));
    expect(r.code).toBe('UNSUPPORTED_TYPE');
    expect(r.message).toContain('可执行程序');
  });

  it('an SVG with script is refused (not in any allow-list, never sniffed as an image), whatever its name', async () => {
    for (const name of ['scan.svg', 'scan.png', 'scan.jpg']) {
      const r = refused(await inspectUpload(svgWithScript(), name, ANY));
      expect(r.code).toBe('UNSUPPORTED_TYPE');
      expect(r.message).toContain('SVG');
    }
  });

  it('a tiny PNG claiming 50 000 × 50 000 pixels is refused from its header, before any decoding', async () => {
    const bomb = pngClaiming(50_000, 50_000);
    expect(bomb.length).toBeLessThan(100);
    const started = performance.now();
    const r = refused(await inspectUpload(bomb, 'bomb.png', ANY));
    expect(r.code).toBe('TOO_MANY_PIXELS');
    expect(r.message).toContain('50000×50000');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a real decompression bomb (8000 × 8000 zeros in 60 KB) is refused before decoding', async () => {
    const bomb = pngZeroBomb(8000, 8000);
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const r = refused(await inspectUpload(bomb, 'bomb.png', ANY));
    expect(r.code).toBe('TOO_MANY_PIXELS');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a zero-byte file is refused', async () => {
    const r = refused(await inspectUpload(Buffer.alloc(0), 'empty.jpg', ANY));
    expect(r.code).toBe('EMPTY_FILE');
    expect(r.message).toContain('0 字节');
  });

  it('a truncated JPEG is refused', async () => {
    const r = refused(await inspectUpload(await truncatedJpeg(), 'half.jpg', ANY));
    expect(r.code).toBe('IMAGE_CORRUPT');
    expect(r.message).toContain('不完整');
  });

  it('a PDF with JavaScript is refused', async () => {
    const r = refused(await inspectUpload(await pdfWithActiveContent('openaction-js', true), '论文.pdf', ANY));
    expect(r.code).toBe('PDF_ACTIVE_CONTENT');
    expect(r.message).toContain('脚本');
  });

  it('other formats get a message that says what to do (HEIC from iPhones, Word documents, HTML)', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(32)]);
    expect(refused(await inspectUpload(heic, 'IMG_0001.HEIC', ANY)).message).toContain('兼容性最佳');
    const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect(refused(await inspectUpload(docx, '业绩.docx', ANY)).message).toContain('另存为 PDF');
    expect(refused(await inspectUpload(Buffer.from('<!DOCTYPE html><html></html>'), 'a.jpg', ANY)).message).toContain('HTML');
    expect(refused(await inspectUpload(Buffer.from('just some text'), 'a.pdf', ANY)).code).toBe('UNSUPPORTED_TYPE');
  });
});

describe('type, extension, allow-list and limits (security.md Uploads)', () => {
  it('the extension must match the detected type (case-insensitive; browser paths are ignored)', async () => {
    const jpeg = await sampleJpeg();
    const png = await toPng(drawTextPage());
    expect(accepted(await inspectUpload(jpeg, 'C:\\fakepath\\扫描件.JPEG', ANY)).kind).toBe('jpg');
    expect(accepted(await inspectUpload(png, '扫描件.Png', ANY)).kind).toBe('png');
    const mismatch = refused(await inspectUpload(png, '扫描件.jpg', ANY));
    expect(mismatch.code).toBe('EXTENSION_MISMATCH');
    expect(mismatch.message).toContain('.jpg');
    expect(mismatch.message).toContain('PNG');
    expect(refused(await inspectUpload(jpeg, '扫描件', ANY)).code).toBe('EXTENSION_MISMATCH');
    expect(refused(await inspectUpload(jpeg, 'scan.jpg.exe', ANY)).code).toBe('EXTENSION_MISMATCH');
  });

  it('each slot has its allow-list', async () => {
    const pdf = Buffer.from(await (await simplePdf()).save());
    const r = refused(await inspectUpload(pdf, '证书.pdf', ['jpg', 'png']));
    expect(r.code).toBe('TYPE_NOT_ALLOWED');
    expect(r.message).toBe('此项材料只接受 JPG、PNG 文件，您上传的是 PDF 文件');
    expect(accepted(await inspectUpload(pdf, '证书.pdf', ['pdf'])).pages).toBe(1);
  });

  it('size limit, with the size in the message', async () => {
    const jpeg = await sampleJpeg();
    const r = refused(await inspectUpload(jpeg, 'a.jpg', ANY, { maxBytes: 10 * 1024 }));
    expect(r.code).toBe('FILE_TOO_LARGE');
    expect(r.message).toMatch(/^文件大小为 \d+ KB，超过 10 KB 的上限/);
    const big = refused(await inspectUpload(Buffer.concat([jpeg, Buffer.alloc(3 * 1024 * 1024)]), 'a.jpg', ANY, { maxBytes: 2 * 1024 * 1024 }));
    expect(big.message).toMatch(/^文件大小为 3\.\d MB，超过 2 MB 的上限/);
    expect(DEFAULT_UPLOAD_LIMITS.maxBytes).toBe(20 * 1024 * 1024);
  });

  it('pixel limit applies to real images too', async () => {
    const jpeg = await sampleJpeg(2000, 2000);
    expect(refused(await inspectUpload(jpeg, 'a.jpg', ANY, { maxPixels: 3_000_000 })).code).toBe('TOO_MANY_PIXELS');
    expect(accepted(await inspectUpload(jpeg, 'a.jpg', ANY, { maxPixels: 4_000_000 })).width).toBe(2000);
  });

  it('a file that is a JPEG only in its first three bytes is refused as corrupt', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
    expect(refused(await inspectUpload(fake, 'a.jpg', ANY)).code).toBe('IMAGE_CORRUPT');
  });
});

describe('metadata stripping (security.md Uploads: EXIF can carry a name; A24-7 blind review)', () => {
  it('no EXIF, GPS, artist or description survives re-encoding', async () => {
    const input = await jpegWithExifGps();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(input.includes('Zhang San')).toBe(true);
    const result = accepted(await inspectUpload(input, 'photo.jpg', ANY));
    const after = await sharp(result.normalised).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.comments ?? []).toEqual([]);
    for (const needle of ['Zhang San', 'Bayingol', 'Exif', 'GPS']) expect(result.normalised.includes(needle)).toBe(false);
  });

  it('a PNG text chunk (Author) does not survive', async () => {
    const png = pngWithChunk(await toPng(drawTextPage()), 'tEXt', Buffer.from('Author\0Zhang San', 'latin1'));
    expect(png.includes('Zhang San')).toBe(true);
    const result = accepted(await inspectUpload(png, 'a.png', ANY));
    expect(result.normalised.includes('Zhang San')).toBe(false);
    expect(result.kind).toBe('png');
  });

  it('the EXIF orientation is applied before it is stripped (a phone photo comes out upright)', async () => {
    // Stored landscape with "rotate 90° clockwise to display" (orientation 6), as phones do.
    const landscape = await sharp(await sampleJpeg(1240, 1754)).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const meta = await sharp(landscape).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([1754, 1240, 6]);
    const result = accepted(await inspectUpload(landscape, 'phone.jpg', ANY));
    expect([result.width, result.height]).toEqual([1240, 1754]);
    expect((await sharp(result.normalised).metadata()).orientation).toBeUndefined();
    expect(result.warnings.map((w) => w.code)).not.toContain('SIDEWAYS');
  });

  it('transparent PNG areas are flattened onto white (what the expert sees is what is stored)', async () => {
    const transparent = await sharp({ create: { width: 900, height: 900, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const result = accepted(await inspectUpload(transparent, 'a.png', ANY, {}, { qualityChecks: false }));
    const stats = await sharp(result.normalised).stats();
    expect(stats.isOpaque).toBe(true);
    expect(stats.channels[0].mean).toBeGreaterThan(250);
    expect(result.warnings).toEqual([]);
  });
});

describe('rotate button (A24-5 upright scans): the server turns and re-encodes', () => {
  it('a sideways page turned by -90° loses its SIDEWAYS warning', async () => {
    const sideways = await sharp(await toJpeg(drawTextPage())).rotate(90).jpeg().toBuffer();
    const before = accepted(await inspectUpload(sideways, 'a.jpg', ANY));
    expect(before.warnings.map((w) => w.code)).toContain('SIDEWAYS');
    const after = accepted(await rotateImage(before.normalised, -90));
    expect([after.width, after.height]).toEqual([before.height, before.width]);
    expect(after.warnings.map((w) => w.code)).not.toContain('SIDEWAYS');
    expect(after.kind).toBe('jpg');
  });

  it('180° fixes an upside-down page; only multiples of 90° are allowed', async () => {
    const upsideDown = await sharp(await toJpeg(drawTextPage())).rotate(180).jpeg().toBuffer();
    expect(accepted(await inspectUpload(upsideDown, 'a.jpg', ANY)).warnings.map((w) => w.code)).toContain('UPSIDE_DOWN');
    expect(accepted(await rotateImage(upsideDown, 180)).warnings).toEqual([]);
    expect(refused(await rotateImage(upsideDown, 45)).code).toBe('INVALID_ROTATION');
  });

  it('PDF pages get their rotation changed', async () => {
    const pdf = Buffer.from(await (await simplePdf(3)).save());
    const result = accepted(await rotateImage(pdf, 90, {}, { pageIndexes: [1] }));
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(result.normalised);
    expect(doc.getPages().map((p) => p.getRotation().angle)).toEqual([0, 90, 0]);
    expect(refused(await rotateImage(pdf, 90, {}, { pageIndexes: [7] })).code).toBe('PDF_UNREADABLE');
  });
});
