import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { users } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';

export async function unlockUser(services: Services, ctx: RequestContext, userId: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, userId)).returning({ id: users.id });
    if (updated.length === 0) throw notFound('账号不存在');
    await appendAudit(tx, ctx, { action: 'user.unlock', objectType: 'user', objectId: userId });
  });
}
