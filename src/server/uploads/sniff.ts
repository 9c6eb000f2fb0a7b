// File type from the first bytes (security.md, Uploads: "Type from the file's bytes (magic number),
// not its name"). Only JPEG, PNG and PDF are accepted anywhere; the other signatures are recognised
// only to tell the applicant precisely what they uploaded and what to do instead.

export type UploadKind = 'jpg' | 'png' | 'pdf';

export const MIME: Record<UploadKind, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

export const KIND_LABEL: Record<UploadKind, string> = { jpg: 'JPG 图片', png: 'PNG 图片', pdf: 'PDF 文件' };

/** File-name extensions accepted for each kind (lower case, without the dot). */
export const EXTENSIONS: Record<UploadKind, string[]> = { jpg: ['jpg', 'jpeg'], png: ['png'], pdf: ['pdf'] };

export type Sniffed =
  | { kind: UploadKind }
  | { kind: null; what: string; hint: string };

function startsWith(bytes: Buffer, signature: number[] | string, offset = 0): boolean {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + sig.length && bytes.subarray(offset, offset + sig.length).equals(sig);
}

export function sniff(bytes: Buffer): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(bytes, '%PDF-')) return { kind: 'pdf' };

  const convert = '请转换为 JPG、PNG 或 PDF 后重新上传';
  if (startsWith(bytes, 'MZ') || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, '#!')) {
    return { kind: null, what: '可执行程序', hint: '这不是扫描件，请选择正确的文件' };
  }
  if (startsWith(bytes, 'GIF8')) return { kind: null, what: 'GIF 图片', hint: convert };
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return { kind: null, what: 'WebP 图片', hint: convert };
  if (startsWith(bytes, 'ftyp', 4) && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)/.test(bytes.subarray(8, 12).toString('latin1'))) {
    return { kind: null, what: 'HEIC/AVIF 照片（苹果手机默认格式）', hint: '请在手机“设置 → 相机 → 格式”中选择“兼容性最佳”后重拍，或转换为 JPG 后上传' };
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: null, what: 'TIFF 图片', hint: convert };
  if (startsWith(bytes, 'BM')) return { kind: null, what: 'BMP 图片', hint: convert };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: null, what: '压缩包或 Word/Excel 文档', hint: '请把文档“另存为 PDF”后上传' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: null, what: '旧版 Word/Excel 文档', hint: '请把文档“另存为 PDF”后上传' };
  const head = bytes.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(head) || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return { kind: null, what: 'SVG 矢量图（可能含有脚本）', hint: convert };
  }
  if (head.startsWith('<!doctype html') || /<(html|script|body|head)[\s>]/.test(head)) return { kind: null, what: '网页文件（HTML）', hint: convert };
  return { kind: null, what: '无法识别的格式', hint: '只接受 JPG、PNG 和 PDF 文件' };
}

/** The extension of a browser-declared file name ("C:\\fakepath\\扫描件.JPG" → "jpg"), or ''. */
export function extensionOf(declaredName: string): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).trim().toLowerCase() : '';
}
