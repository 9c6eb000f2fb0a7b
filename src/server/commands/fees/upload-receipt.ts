// The applicant uploads the transfer receipt of an accepted application's fee (B21-14, A24-16):
// only when the configured payment provider takes receipts (bank transfer does), while the order
// waits for one (pending, or rejected by finance) and before the payment deadline, judged at the
// request's arrival. A receipt whose stored bytes (SM3) equal another
// order's receipt is flagged for finance (duplicate_of), not refused: finance decides.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { FeeOrderStatus } from '../../../domain/application/fees.js';
import type { ApplicationStatus } from '../../../domain/application/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, feeOrders, files } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { receiptRefusalWith } from '../../payments/provider.js';
import { loadOwnApplication } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { feeOrderOf } from '../../queries/fees.js';
import type { Services } from '../../services.js';
import type { UploadKind } from '../../uploads/sniff.js';
import { recordEvent } from '../application/events.js';
import { uploadFile, type FileRow } from '../files/upload-file.js';

const RECEIPT_KINDS: readonly UploadKind[] = ['jpg', 'png', 'pdf'];
/** Advisory-lock class of receipts by content (two-key form: apart from the audit chain's lock). */
const RECEIPT_CONTENT_LOCK = 7370003;

export async function uploadReceipt(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  upload: { bytes: Buffer; name: string },
): Promise<FileRow> {
  const now = Date.now();
  const app = await loadOwnApplication(services.db, actor, applicationId);
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const order = await feeOrderOf(services.db, app.id);
  const refusal = receiptRefusalWith(services.payments, campaign, app.status as ApplicationStatus, (order?.status ?? null) as FeeOrderStatus | null, now);
  if (refusal) throw conflict(refusal, 'NOT_PAYABLE');
  return uploadFile(services, ctx, actor, { ...upload, allowed: RECEIPT_KINDS }, async (tx, file) => {
    // The application's row lock is the one closing unpaid applications takes: a receipt and the
    // closing never cross, and two uploads of the same applicant run one after the other.
    const [locked] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id)).for('update');
    const found = await feeOrderOf(tx, app.id);
    const late = receiptRefusalWith(services.payments, campaign, locked.status as ApplicationStatus, (found?.status ?? null) as FeeOrderStatus | null, now);
    if (late !== null) throw conflict(late, 'NOT_PAYABLE');
    // receiptRefusalWith refuses an application without an order, so there is one here.
    const current = found!;
    // Two applicants sending the same receipt at once would each miss the other's uncommitted row:
    // the second waits here for the first to commit, then sees it.
    await tx.execute(sql`select pg_advisory_xact_lock(${RECEIPT_CONTENT_LOCK}, hashtext(${file.sm3}))`);
    const [duplicate] = await tx
      .select({ id: feeOrders.id, reference: feeOrders.reference })
      .from(feeOrders)
      .innerJoin(files, eq(files.id, feeOrders.receiptFileId))
      .where(and(eq(files.sm3, file.sm3), ne(feeOrders.id, current.id)))
      .limit(1);
    await tx
      .update(feeOrders)
      .set({ status: 'receipt_uploaded', receiptFileId: file.id, receiptUploadedAt: new Date(), duplicateOf: duplicate?.id ?? null, rejectReason: null, decidedBy: null, decidedAt: null })
      .where(eq(feeOrders.id, current.id));
    await recordEvent(tx, app.id, 'applicant', 'receiptUploaded', { reference: current.reference });
    await appendAudit(tx, ctx, {
      action: 'fee.receipt',
      objectType: 'fee_order',
      objectId: current.id,
      detail: { applicationId: app.id, fileId: file.id, duplicateOf: duplicate?.reference ?? null },
    });
  });
}
