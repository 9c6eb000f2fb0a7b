import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { roleAssignments } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';

export async function revokeRole(services: Services, ctx: RequestContext, grantId: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const [grant] = await tx.delete(roleAssignments).where(eq(roleAssignments.id, grantId)).returning();
    if (!grant) throw notFound('该授权不存在');
    await appendAudit(tx, ctx, { action: 'role.revoke', objectType: 'user', objectId: grant.userId, detail: { role: grant.role, orgId: grant.orgId } });
  });
}
