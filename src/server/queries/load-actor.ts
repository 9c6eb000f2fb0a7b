// Loads the acting user and their role grants for a session.
import { eq } from 'drizzle-orm';
import { ROLES, roleRequiresSecondFactor, type Role } from '../../domain/roles.js';
import type { Executor } from '../db/client.js';
import { roleAssignments, users } from '../db/schema.js';
import type { Actor } from '../http/context.js';

export interface LoadedActor extends Actor {
  /** Staff, expert and admin accounts must enrol a second factor before anything else. */
  mustEnrolTotp: boolean;
}

export async function loadActor(db: Executor, userId: string, tokenHash: string, demoMode: boolean): Promise<LoadedActor | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, disabled: users.disabled, totpEnabled: users.totpEnabled, isDemo: users.isDemo })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabled) return null;
  const grants = await db
    .select({ id: roleAssignments.id, role: roleAssignments.role, orgId: roleAssignments.orgId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  // Catalogue order, so the role recorded for a multi-role account's request is the same every time.
  const roles = grants
    .map((g) => ({ id: g.id, role: g.role as Role, orgId: g.orgId }))
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  const needsSecondFactor = roles.some((g) => roleRequiresSecondFactor(g.role));
  return {
    userId: user.id,
    name: user.name,
    roles,
    sessionTokenHash: tokenHash,
    mustEnrolTotp: needsSecondFactor && !user.totpEnabled && !(demoMode && user.isDemo),
  };
}
