// Accepts one scan: inspected first (type from the bytes, size and pixel limits, re-encoded so no
// EXIF/GPS survives, PDF active content refused), stored durably, then recorded with its SM3 in
// the same transaction as the audit row. A refused file stores nothing. The blind-review leak
// check is not started here: it is requested when the file is placed in a masked slot of an
// application reviewed blind (request-leak-check.ts).
// Order (security.md, Uploads): store → commit row → reply; a crash between leaves an orphan that
// the start-up sweep removes.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append-audit.js';
import type { Transaction } from '../../db/client.js';
import { files } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { inspectUpload, type InspectAccepted, type UploadKind } from '../../uploads/inspect.js';

export type FileRow = typeof files.$inferSelect;

export const ALL_UPLOAD_KINDS: readonly UploadKind[] = ['jpg', 'png', 'pdf'];

export function uploadRefused(message: string, code = 'UPLOAD_REFUSED'): AppError {
  return new AppError(422, code, message, [{ path: 'file', message }]);
}

/**
 * Stores an inspected file and inserts its row inside `tx`, as needing no leak check ('done', no
 * hits): placing it in a masked slot of an application reviewed blind requests one.
 */
export async function storeInspected(services: Services, tx: Transaction, ownerId: string, originalName: string, inspected: InspectAccepted): Promise<FileRow> {
  const id = randomUUID();
  const stored = await services.files.put(`scans/${ownerId}/${id}.${inspected.kind}`, inspected.normalised);
  const [row] = await tx
    .insert(files)
    .values({
      id,
      ownerId,
      storageKey: stored.key,
      sm3: stored.sm3,
      bytes: stored.bytes,
      kind: inspected.kind,
      originalName: originalName.slice(0, 200),
      pages: inspected.pages,
      width: inspected.width ?? null,
      height: inspected.height ?? null,
      qualityWarnings: inspected.warnings,
      leakStatus: 'done',
    })
    .returning();
  return row;
}

export async function uploadFile(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  upload: { bytes: Buffer; name: string; allowed?: readonly UploadKind[] },
  then?: (tx: Transaction, file: FileRow) => Promise<void>,
): Promise<FileRow> {
  const inspected = await inspectUpload(upload.bytes, upload.name, upload.allowed ?? ALL_UPLOAD_KINDS);
  if (!inspected.ok) throw uploadRefused(inspected.message, inspected.code);
  return services.db.transaction(async (tx) => {
    const row = await storeInspected(services, tx, actor.userId, upload.name, inspected);
    if (then) await then(tx, row);
    await appendAudit(tx, ctx, {
      action: 'file.upload',
      objectType: 'file',
      objectId: row.id,
      detail: { kind: row.kind, bytes: row.bytes, sm3: row.sm3, warnings: inspected.warnings.map((w) => w.code) },
    });
    return row;
  });
}
