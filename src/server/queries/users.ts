import { asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Role } from '../../domain/roles.js';
import { organisations, roleAssignments, users } from '../db/schema.js';
import { maskedPhone } from '../presenters/people.js';
import type { Services } from '../services.js';

export const userListQuery = z.strictObject({
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

/** Accounts with their roles; searchable by name or user name (ID and phone are encrypted). */
export async function listUsers(services: Services, query: z.infer<typeof userListQuery>) {
  const pageSize = 20;
  const where = query.q ? or(ilike(users.name, `%${query.q}%`), ilike(users.username, `%${query.q}%`)) : undefined;
  const rows = await services.db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.createdAt))
    .limit(pageSize)
    .offset((query.page - 1) * pageSize);
  const [{ total }] = await services.db.select({ total: count() }).from(users).where(where);
  const ids = rows.map((r) => r.id);
  const grants =
    ids.length === 0
      ? []
      : await services.db
          .select({ id: roleAssignments.id, userId: roleAssignments.userId, role: roleAssignments.role, orgId: roleAssignments.orgId, orgName: organisations.name })
          .from(roleAssignments)
          .leftJoin(organisations, eq(organisations.id, roleAssignments.orgId))
          .where(inArray(roleAssignments.userId, ids));
  return {
    total,
    items: rows.map((u) => ({
      id: u.id,
      username: u.username,
      name: u.name,
      phoneMasked: maskedPhone(services.cipher, u.phoneEnc),
      lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
      disabled: u.disabled,
      roles: grants.filter((g) => g.userId === u.id).map((g) => ({ id: g.id, role: g.role as Role, orgId: g.orgId, orgName: g.orgName })),
    })),
  };
}
