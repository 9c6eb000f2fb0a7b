// Only the security admin grants roles. 三员分立 is checked against the account's current roles
// under a row lock, so two concurrent grants cannot both slip past the rule.
import { eq } from 'drizzle-orm';
import { checkRoleCombination, ROLE_LABELS, ROLE_SCOPE_KIND, type Role } from '../../../domain/roles.js';
import { appendAudit } from '../../audit/append-audit.js';
import { organisations, roleAssignments, users } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';


const SCOPE_LABEL = { unit: '用人单位', department: '行业主管部门', prefecture: '地州' } as const;

export async function assignRole(services: Services, ctx: RequestContext, input: { userId: string; role: Role; orgId: string | null }) {
  const scopeKind = ROLE_SCOPE_KIND[input.role];
  if (scopeKind && !input.orgId) throw badRequest(`${ROLE_LABELS[input.role]}需要指定所属${SCOPE_LABEL[scopeKind]}`, [{ path: 'orgId', message: `请选择${SCOPE_LABEL[scopeKind]}` }]);
  if (!scopeKind && input.orgId) throw badRequest(`${ROLE_LABELS[input.role]}面向全平台，不指定机构`, [{ path: 'orgId', message: '不需要选择机构' }]);
  return services.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user) throw notFound('账号不存在');
    if (input.orgId) {
      const [org] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, input.orgId));
      if (!org || org.kind !== scopeKind) throw badRequest(`请选择一个${SCOPE_LABEL[scopeKind!]}`, [{ path: 'orgId', message: `请选择一个${SCOPE_LABEL[scopeKind!]}` }]);
    }
    const held = await tx.select({ role: roleAssignments.role }).from(roleAssignments).where(eq(roleAssignments.userId, input.userId));
    const heldRoles = held.map((h) => h.role as Role);
    const sameRoleElsewhere = heldRoles.includes(input.role) && scopeKind !== null;
    const combination = sameRoleElsewhere ? { ok: true as const } : checkRoleCombination(heldRoles, input.role);
    if (!combination.ok) throw conflict(combination.reason, 'ROLE_CONFLICT');
    const [grant] = await tx
      .insert(roleAssignments)
      .values({ userId: input.userId, role: input.role, orgId: input.orgId, createdBy: ctx.actor?.userId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!grant) throw conflict('该账号已拥有此角色', 'ROLE_EXISTS');
    await appendAudit(tx, ctx, { action: 'role.assign', objectType: 'user', objectId: input.userId, detail: { role: input.role, orgId: input.orgId } });
    return grant;
  });
}
