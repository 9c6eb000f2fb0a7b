// The 评审表's number and verification code (B21-6), issued by the first download — the
// applicant's or the office's — and kept for every later one, so each printed copy of a form
// carries the same number and code.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/index.js';
import { verificationCodeFrom, VERIFICATION_CODE_LENGTH } from '../../../domain/review-form.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, reviewForms } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import type { ApplicationRow } from '../../queries/applications.js';
import type { Services } from '../../services.js';

export type ReviewFormRow = typeof reviewForms.$inferSelect;

// Serialises the numbering of one prefix (prefecture and year) across requests and instances.
const NUMBER_LOCK = 7370003;
// 40 random bits make a repeat practically impossible; a few retries cover it without a loop that could spin.
const CODE_ATTEMPTS = 5;

/** 409 unless the committee office has accepted the application (B21-6: generated after acceptance). */
export function assertReviewFormAvailable(status: string | undefined, campaign: Campaign): void {
  if (status === 'accepted') return;
  const ruleId = campaign.reviewForm?.ruleId;
  throw conflict(`评委会办公室接收材料后方可生成评审表${ruleId ? `（${ruleId}）` : ''}`, 'REVIEW_FORM_NOT_AVAILABLE');
}

/**
 * The application's form: the existing one, or a new one numbered `<PORTAL><year>-<6 digits>` in
 * order within the prefecture's year (e.g. BZ2021-000001), with a random verification code.
 */
export async function issueReviewForm(services: Services, ctx: RequestContext, app: ApplicationRow, campaign: Campaign): Promise<ReviewFormRow> {
  return services.db.transaction(async (tx) => {
    // Under the application's row lock: two first downloads at once issue one number, not two, and
    // an application leaving 'accepted' meanwhile gets none.
    const [locked] = await tx.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id)).for('update');
    assertReviewFormAvailable(locked?.status, campaign);
    const [existing] = await tx.select().from(reviewForms).where(eq(reviewForms.applicationId, app.id));
    if (existing) return existing;

    const prefix = `${campaign.prefecture.code.toUpperCase()}${campaign.year}`;
    await tx.execute(sql`select pg_advisory_xact_lock(${NUMBER_LOCK}::int, hashtext(${prefix}))`);
    const last = await tx.execute<{ last: number | null }>(
      sql`select max(substring(${reviewForms.number} from '[0-9]+$')::int) as last from ${reviewForms} where ${reviewForms.number} like ${`${prefix}-%`}`,
    );
    const number = `${prefix}-${String((last.rows[0]?.last ?? 0) + 1).padStart(6, '0')}`;
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const [row] = await tx
        .insert(reviewForms)
        .values({ applicationId: app.id, number, verificationCode: verificationCodeFrom(randomBytes(VERIFICATION_CODE_LENGTH)) })
        .onConflictDoNothing({ target: reviewForms.verificationCode })
        .returning();
      if (row) {
        await appendAudit(tx, ctx, { action: 'review_form.generate', objectType: 'application', objectId: app.id, detail: { number } });
        return row;
      }
    }
    throw new Error(`no unused verification code after ${CODE_ATTEMPTS} attempts`);
  });
}
