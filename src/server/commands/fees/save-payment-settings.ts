// The committee office sets who applicants pay (B21-14, A24-16): payee, bank and account of its
// prefecture's committee. One row per prefecture, replaced whole; the payment code image is kept.
import { appendAudit } from '../../audit/append-audit.js';
import { paymentSettings } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import type { Services } from '../../services.js';

export interface PaymentSettingsInput {
  payeeName: string;
  bankName: string;
  accountNumber: string;
}

export async function savePaymentSettings(services: Services, ctx: RequestContext, actor: Actor, prefectureId: string, input: PaymentSettingsInput) {
  return services.db.transaction(async (tx) => {
    const values = { ...input, updatedBy: actor.userId, updatedAt: new Date() };
    const [row] = await tx
      .insert(paymentSettings)
      .values({ prefectureId, ...values })
      .onConflictDoUpdate({ target: paymentSettings.prefectureId, set: values })
      .returning();
    // The account number is what applicants transfer to: a changed one must be traceable.
    await appendAudit(tx, ctx, { action: 'payment.settings', objectType: 'prefecture', objectId: prefectureId, detail: { ...input } });
    return row;
  });
}
