// The fee order of an application the committee office has just accepted (已接收材料), written in
// the acceptance's transaction: the amount of the application's level from the campaign (B21-14,
// A24-16) and a reference the applicant types into the transfer's remark, so finance can match the
// bank statement to the order.
import { randomBytes } from 'node:crypto';
import { feeFor } from '../../../domain/campaign/queries.js';
import type { Campaign, Level } from '../../../domain/campaign/index.js';
import type { Transaction } from '../../db/client.js';
import { uniqueViolation } from '../../db/errors.js';
import { feeOrders } from '../../db/schema.js';
import { conflict } from '../../http/errors.js';
import type { ApplicationRow } from '../../queries/applications.js';

/** 32 symbols without O/0/I/1, which are misread when typed from a screen into a banking app. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const REFERENCE_LENGTH = 6;
/** 32⁶ ≈ 10⁹ codes per year: a collision is rare, and a few retries make a failure practically impossible. */
const REFERENCE_ATTEMPTS = 5;

/** 'ZP2024K7M2QX': the campaign year and six random symbols (32 divides 256, so no bias). */
export function newReference(year: number): string {
  const code = [...randomBytes(REFERENCE_LENGTH)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('');
  return `ZP${year}${code}`;
}

export async function createFeeOrder(tx: Transaction, app: ApplicationRow, campaign: Campaign) {
  const amountYuan = feeFor(campaign, app.level as Level);
  if (amountYuan === undefined) throw conflict(`评审活动未设置${app.level}的评审费，请评委会办公室补充后再接收材料（${campaign.fees.ruleId}）`, 'FEE_NOT_SET');
  for (let attempt = 1; ; attempt++) {
    try {
      // A savepoint, so a clashing reference leaves the acceptance's transaction usable for the retry.
      return await tx.transaction(async (sp) => {
        const [order] = await sp.insert(feeOrders).values({ applicationId: app.id, amountYuan, reference: newReference(app.year) }).returning();
        return order;
      });
    } catch (error) {
      if (uniqueViolation(error) !== 'fee_orders_reference_unique' || attempt >= REFERENCE_ATTEMPTS) throw error;
    }
  }
}
