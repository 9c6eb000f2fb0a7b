// Reads the one file of a multipart upload. A file over the limit is refused with the limit in
// Chinese (the multipart parser stops reading at the limit, so nothing large is buffered).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uploadRefused } from '../commands/files/upload-file.js';
import type { files } from '../db/schema.js';
import type { Services } from '../services.js';
import { DEFAULT_UPLOAD_LIMITS } from '../uploads/inspect.js';
import { MIME } from '../uploads/sniff.js';

export async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; name: string }> {
  if (!request.isMultipart()) throw uploadRefused('请选择要上传的文件', 'NO_FILE');
  const file = await request.file();
  if (!file) throw uploadRefused('请选择要上传的文件', 'NO_FILE');
  const bytes = await file.toBuffer().catch((error: { code?: string }) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw uploadRefused(`文件超过 ${DEFAULT_UPLOAD_LIMITS.maxBytes / 1024 / 1024} MB 的上限，请降低扫描分辨率（300 dpi 即可）或压缩后重新上传`, 'FILE_TOO_LARGE');
    }
    throw error;
  });
  return { bytes, name: file.filename ?? '' };
}

/** `inline; filename*=UTF-8''…` with an ASCII fallback, so Chinese names survive every browser. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string, asciiFallback: string): string {
  return `${kind}; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Serves a stored scan inline: read back against its recorded SM3 (a torn or altered file is never
 * served), the type of its kind, its own name in UTF-8 and never cached (personal data).
 */
export async function sendStoredFile(services: Services, reply: FastifyReply, file: typeof files.$inferSelect, asciiName = 'scan') {
  const bytes = await services.files.get(file.storageKey, file.sm3);
  return reply
    .type(MIME[file.kind as keyof typeof MIME])
    .header('content-disposition', contentDisposition('inline', file.originalName, `${asciiName}.${file.kind}`))
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

