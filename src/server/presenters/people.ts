// What leaves the server about people, field by field. Full ID and phone numbers only in the
// owner's own view; everyone else gets them masked.
import { eq } from 'drizzle-orm';
import { maskIdNumber } from '../../domain/id-number.js';
import { maskPhone } from '../../domain/identifiers.js';
import type { Role } from '../../domain/roles.js';
import type { Executor } from '../db/client.js';
import { memberships, organisations, users } from '../db/schema.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { LoadedActor } from '../queries/load-actor.js';
import { abilitiesOf } from '../policies/permissions.js';

export function maskedIdNumber(cipher: FieldCipher, enc: string | null): string | null {
  return enc ? maskIdNumber(cipher.decrypt(enc)) : null;
}

export function maskedPhone(cipher: FieldCipher, enc: string | null): string | null {
  return enc ? maskPhone(cipher.decrypt(enc)) : null;
}

export async function presentMe(db: Executor, cipher: FieldCipher, actor: LoadedActor) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  const orgIds = actor.roles.map((g) => g.orgId).filter((id): id is string => id !== null);
  const orgNames = new Map<string, string>();
  for (const id of new Set(orgIds)) {
    const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
    if (org) orgNames.set(id, org.name);
  }
  const [membership] = await db
    .select({ unitId: memberships.unitId, unitName: organisations.name, status: memberships.status, reason: memberships.reason })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.unitId))
    .where(eq(memberships.userId, actor.userId));
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    idNumber: user.idNumberEnc ? cipher.decrypt(user.idNumberEnc) : null,
    phone: user.phoneEnc ? cipher.decrypt(user.phoneEnc) : null,
    roles: actor.roles.map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgId ? (orgNames.get(g.orgId) ?? null) : null })),
    membership: membership
      ? { unitId: membership.unitId, unitName: membership.unitName, status: membership.status as 'pending' | 'confirmed' | 'rejected', reason: membership.reason }
      : null,
    totpEnabled: user.totpEnabled,
    mustEnrolTotp: actor.mustEnrolTotp,
    abilities: abilitiesOf(actor.roles.map((g) => g.role as Role)),
  };
}
