// What finance's confirm and reject share: the guarded update that lets exactly one decision win
// (a second confirm, or a confirm racing a reject, updates no row), and the Chinese 409 that tells
// the loser what happened instead.
import { and, eq } from 'drizzle-orm';
import type { FeeOrderStatus } from '../../../domain/application/fees.js';
import type { Transaction } from '../../db/client.js';
import { feeOrders } from '../../db/schema.js';
import { conflict, type AppError } from '../../http/errors.js';
import { feeOrderOf } from '../../queries/fees.js';

const LOST: Record<Exclude<FeeOrderStatus, 'receipt_uploaded'>, () => AppError> = {
  confirmed: () => conflict('该笔缴费已由财务确认，不能重复处理', 'ALREADY_CONFIRMED'),
  rejected: () => conflict('该缴费凭证已被退回，请等待申报人重新上传后再处理', 'ALREADY_REJECTED'),
  pending: () => conflict('申报人尚未上传缴费凭证', 'NO_RECEIPT'),
};

/** Moves the order from receipt_uploaded to `to`, or throws the 409 of the decision that came first. */
export async function decideOrder(
  tx: Transaction,
  order: { id: string; applicationId: string },
  to: 'confirmed' | 'rejected',
  values: { decidedBy: string; rejectReason?: string },
): Promise<void> {
  const updated = await tx
    .update(feeOrders)
    .set({ status: to, decidedBy: values.decidedBy, decidedAt: new Date(), rejectReason: values.rejectReason ?? null })
    .where(and(eq(feeOrders.id, order.id), eq(feeOrders.status, 'receipt_uploaded')))
    .returning({ id: feeOrders.id });
  if (updated.length > 0) return;
  // A new statement sees the decision that committed first (READ COMMITTED).
  const latest = await feeOrderOf(tx, order.applicationId);
  throw LOST[latest!.status as Exclude<FeeOrderStatus, 'receipt_uploaded'>]();
}
