// The unit's sealed copies (盖章扫描件) of its publicity notice and, once the period is over, of
// the publicity result (B21-10, A24-11). A new upload replaces the previous copy; the file itself
// is immutable like every other. Staff files are not leak-checked: they never reach blind review.
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { publicities } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { assertPublicityEnded, publicityOf } from '../../queries/review-documents.js';
import type { Services } from '../../services.js';
import { uploadFile, type FileRow } from '../files/upload-file.js';
import { reviewableApplication } from './reviewable.js';

export type SealedCopy = 'notice' | 'result';

export async function uploadSealedCopy(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  which: SealedCopy,
  upload: { bytes: Buffer; name: string },
): Promise<FileRow> {
  const app = await reviewableApplication(services.db, actor, applicationId, 'unit');
  const publicity = await publicityOf(services.db, app);
  if (which === 'result') assertPublicityEnded(publicity, new Date());
  return uploadFile(services, ctx, actor, upload, async (tx, file) => {
    const updated = await tx
      .update(publicities)
      .set(which === 'notice' ? { noticeFileId: file.id } : { resultFileId: file.id })
      .where(eq(publicities.applicationId, app.id))
      .returning({ id: publicities.applicationId });
    if (updated.length === 0) throw conflict('该申报尚未开始公示', 'NO_PUBLICITY');
    await appendAudit(tx, ctx, { action: 'publicity.sealed_copy', objectType: 'application', objectId: app.id, detail: { which, fileId: file.id, sm3: file.sm3 } });
  });
}
