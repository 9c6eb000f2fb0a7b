// A unit reviewer confirms or refuses that an applicant works in their unit. Only a pending
// membership can be decided, once: the guarded update makes concurrent decisions yield one winner.
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { memberships } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { canReviewUnit } from '../../policies/scopes.js';
import type { Services } from '../../services.js';

async function decide(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  membershipId: string,
  decision: { status: 'confirmed' | 'rejected'; reason: string | null },
): Promise<void> {
  const [membership] = await services.db.select().from(memberships).where(eq(memberships.id, membershipId));
  if (!membership || !canReviewUnit(actor, membership.unitId)) throw notFound();
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(memberships)
      .set({ status: decision.status, reason: decision.reason, decidedAt: new Date(), decidedBy: actor.userId })
      .where(and(eq(memberships.id, membershipId), eq(memberships.status, 'pending')))
      .returning({ id: memberships.id });
    if (updated.length === 0) throw conflict('该申请已处理，请刷新后查看', 'ALREADY_DECIDED');
    await appendAudit(tx, ctx, {
      action: decision.status === 'confirmed' ? 'membership.confirm' : 'membership.reject',
      objectType: 'membership',
      objectId: membershipId,
    });
  });
}

export const confirmMembership = (services: Services, ctx: RequestContext, actor: Actor, id: string) =>
  decide(services, ctx, actor, id, { status: 'confirmed', reason: null });

export const rejectMembership = (services: Services, ctx: RequestContext, actor: Actor, id: string, reason: string) =>
  decide(services, ctx, actor, id, { status: 'rejected', reason });
