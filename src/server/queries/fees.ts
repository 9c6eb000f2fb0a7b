// Reads of the fee (B21-14, A24-16): an application's order, the payee of a prefecture, and
// finance's lists. Scope: finance sees the orders of its prefecture's campaigns, the office the
// payee of its own prefecture; anything else answers 404 so ids reveal nothing.
import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FeeOrderStatus } from '../../domain/application/fees.js';
import type { Executor } from '../db/client.js';
import { applications, campaigns, campaignVersions, feeOrders, files, organisations, paymentSettings, users } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { financePrefectureIds, officePrefectureIds } from '../policies/scopes.js';

export type FeeOrderRow = typeof feeOrders.$inferSelect;
export type PaymentSettingsRow = typeof paymentSettings.$inferSelect;

export async function feeOrderOf(db: Executor, applicationId: string): Promise<FeeOrderRow | null> {
  const [row] = await db.select().from(feeOrders).where(eq(feeOrders.applicationId, applicationId));
  return row ?? null;
}

export async function paymentSettingsOf(db: Executor, prefectureId: string): Promise<PaymentSettingsRow | null> {
  const [row] = await db.select().from(paymentSettings).where(eq(paymentSettings.prefectureId, prefectureId));
  return row ?? null;
}

export async function fileById(db: Executor, id: string) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

/**
 * The prefecture whose payee an office user manages: their only one, or the one they name when
 * they work in several offices (a named prefecture that is not theirs is 404).
 */
export function officePrefectureFor(actor: Actor, requested?: string): string {
  const mine = officePrefectureIds(actor);
  if (requested !== undefined) {
    if (!mine.includes(requested)) throw notFound('未找到该地州，或您无权访问');
    return requested;
  }
  if (mine.length === 0) throw forbidden('您的账号未关联地州评委会办公室');
  if (mine.length > 1) throw badRequest('您在多个地州的评委会办公室任职，请指定地州（prefectureId）');
  return mine[0];
}

/** A campaign of the finance user's prefecture(s), with the title of its published (else latest) version, or 404. */
export async function financeCampaign(db: Executor, actor: Actor, campaignId: string) {
  const prefectures = financePrefectureIds(actor);
  if (prefectures.length === 0) throw notFound('未找到该评审活动，或您无权访问');
  const [row] = await db
    .select({ id: campaigns.id, prefectureId: campaigns.prefectureId, title: sql<string>`${campaignVersions.config}->>'title'` })
    .from(campaigns)
    .innerJoin(
      campaignVersions,
      and(eq(campaignVersions.campaignId, campaigns.id), eq(campaignVersions.version, sql`coalesce(${campaigns.publishedVersion}, ${campaigns.currentVersion})`)),
    )
    .where(and(eq(campaigns.id, campaignId), inArray(campaigns.prefectureId, prefectures)));
  if (!row) throw notFound('未找到该评审活动，或您无权访问');
  return row;
}

/** One order of the finance user's prefecture(s) with its application, or 404. */
export async function financeOrder(db: Executor, actor: Actor, orderId: string) {
  const prefectures = financePrefectureIds(actor);
  if (prefectures.length === 0) throw notFound('未找到该缴费记录');
  const [row] = await db
    .select({ order: feeOrders, app: applications })
    .from(feeOrders)
    .innerJoin(applications, eq(applications.id, feeOrders.applicationId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .where(and(eq(feeOrders.id, orderId), inArray(campaigns.prefectureId, prefectures)));
  if (!row) throw notFound('未找到该缴费记录');
  return row;
}

const duplicateOrders = alias(feeOrders, 'duplicate_orders');

/** Orders with who pays and for what; the applicant's ID number is never selected. */
function orderListQuery(db: Executor) {
  return db
    .select({
      order: feeOrders,
      campaignId: applications.campaignId,
      level: applications.level,
      applicantName: users.name,
      unitName: organisations.name,
      duplicateOfReference: duplicateOrders.reference,
    })
    .from(feeOrders)
    .innerJoin(applications, eq(applications.id, feeOrders.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .innerJoin(campaigns, eq(campaigns.id, applications.campaignId))
    .leftJoin(duplicateOrders, eq(duplicateOrders.id, feeOrders.duplicateOf));
}

export type FinanceOrderListRow = Awaited<ReturnType<typeof financeOrders>>[number];

/** Finance's queue: orders of its prefecture's campaigns in one status, the longest waiting first. */
export async function financeOrders(db: Executor, actor: Actor, filter: { status: FeeOrderStatus; campaignId?: string }) {
  const prefectures = financePrefectureIds(actor);
  if (prefectures.length === 0) return [];
  return orderListQuery(db)
    .where(
      and(
        inArray(campaigns.prefectureId, prefectures),
        eq(feeOrders.status, filter.status),
        filter.campaignId !== undefined ? eq(applications.campaignId, filter.campaignId) : undefined,
      ),
    )
    .orderBy(asc(feeOrders.receiptUploadedAt), asc(feeOrders.createdAt));
}

/** Every order of one campaign, for the reconciliation sheet (scope checked by the caller). */
export function campaignOrders(db: Executor, campaignId: string) {
  return orderListQuery(db).where(eq(applications.campaignId, campaignId)).orderBy(asc(organisations.name), asc(users.name), asc(feeOrders.reference));
}

/** Accepted applications of one campaign whose fee is not confirmed (no order, or not confirmed yet). */
export function unpaidApplications(db: Executor, campaignId: string) {
  return db
    .select({ app: applications, applicantName: users.name, unitName: organisations.name, order: feeOrders })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantId))
    .innerJoin(organisations, eq(organisations.id, applications.unitId))
    .leftJoin(feeOrders, eq(feeOrders.applicationId, applications.id))
    .where(and(eq(applications.campaignId, campaignId), eq(applications.status, 'accepted'), or(isNull(feeOrders.id), ne(feeOrders.status, 'confirmed'))))
    .orderBy(asc(organisations.name), asc(users.name));
}
