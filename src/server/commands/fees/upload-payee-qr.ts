// The payee's payment code (收款码) the office uploads for the QR-code method (A24-16): a JPG or PNG
// image, inspected and re-encoded like every upload, shown to applicants whose fee is payable. The
// payee must be set first, since applicants read the code together with the account it pays into.
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { paymentSettings } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { paymentSettingsOf } from '../../queries/fees.js';
import type { Services } from '../../services.js';
import type { UploadKind } from '../../uploads/sniff.js';
import { uploadFile } from '../files/upload-file.js';

const QR_KINDS: readonly UploadKind[] = ['jpg', 'png'];
const noPayee = () => conflict('请先填写收款单位、开户银行和账号，再上传收款码', 'PAYEE_NOT_SET');

export async function uploadPayeeQr(services: Services, ctx: RequestContext, actor: Actor, prefectureId: string, upload: { bytes: Buffer; name: string }) {
  if (!(await paymentSettingsOf(services.db, prefectureId))) throw noPayee();
  await uploadFile(services, ctx, actor, { ...upload, allowed: QR_KINDS }, async (tx, file) => {
    const updated = await tx
      .update(paymentSettings)
      .set({ qrFileId: file.id, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(paymentSettings.prefectureId, prefectureId))
      .returning({ prefectureId: paymentSettings.prefectureId });
    if (updated.length === 0) throw noPayee();
    await appendAudit(tx, ctx, { action: 'payment.settings', objectType: 'prefecture', objectId: prefectureId, detail: { qrFileId: file.id, sm3: file.sm3 } });
  });
  return (await paymentSettingsOf(services.db, prefectureId))!;
}
