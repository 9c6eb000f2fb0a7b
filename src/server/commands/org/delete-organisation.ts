import { eq, or, sql } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { memberships, organisations, roleAssignments } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';

/** Only an organisation with nothing hanging off it can go: no children, members or role grants. */
export async function deleteOrganisation(services: Services, ctx: RequestContext, id: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!org) throw notFound();
    const [{ n: children }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .where(or(eq(organisations.parentId, id), eq(organisations.departmentId, id)));
    const [{ n: people }] = await tx.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.unitId, id));
    const [{ n: grants }] = await tx.select({ n: sql<number>`count(*)::int` }).from(roleAssignments).where(eq(roleAssignments.orgId, id));
    if (children + people + grants > 0) {
      throw conflict(`“${org.name}”下还有下级机构、所属单位、人员或角色授权，不能删除`, 'ORG_IN_USE');
    }
    await tx.delete(organisations).where(eq(organisations.id, id));
    await appendAudit(tx, ctx, { action: 'org.delete', objectType: 'organisation', objectId: id, detail: { name: org.name } });
  });
}
