// Lossless removal of metadata segments from a JPEG byte stream, for JPEG images embedded in PDFs
// (a PDF made from phone photos carries their EXIF, GPS included). Segments before the image data
// are walked marker by marker; APP1 (EXIF, XMP), APP13 (Photoshop/IPTC), the other APPn and COM
// (comments) are dropped; APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe colour transform,
// needed to decode CMYK/YCCK correctly) are kept. Returns null when the bytes are not a JPEG whose
// header can be walked, so the caller leaves them untouched.

const KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

export function stripJpegMetadata(jpeg: Uint8Array): { bytes: Buffer; removed: number } | null {
  const data = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null;
  const parts: Buffer[] = [data.subarray(0, 2)];
  let removed = 0;
  let i = 2;
  while (i + 4 <= data.length) {
    if (data[i] !== 0xff) return null;
    const marker = data[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      // Start of scan (or end of image): the rest is image data, copied as is.
      parts.push(data.subarray(i));
      return { bytes: Buffer.concat(parts), removed };
    }
    if (marker >= 0xd0 && marker <= 0xd7) return null; // restart marker before the scan: not a header
    const length = data.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > data.length) return null;
    const segment = data.subarray(i, i + 2 + length);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if ((isApp && !KEEP_APP.has(marker)) || marker === 0xfe) removed++;
    else parts.push(segment);
    i += 2 + length;
  }
  return null;
}
