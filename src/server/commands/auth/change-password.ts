// Changing the password ends every session of the account, this one included.
import { eq } from 'drizzle-orm';
import { checkPasswordPolicy } from '../../../domain/password-policy.js';
import { appendAudit } from '../../audit/append-audit.js';
import { deleteAllSessionsOf } from '../../auth/session-store.js';
import { hashPassword, verifyPassword } from '../../crypto/password-hash.js';
import { users } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { AppError, badRequest } from '../../http/errors.js';
import type { Services } from '../../services.js';

export async function changePassword(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await services.db.select().from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError(400, 'WRONG_PASSWORD', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const policy = checkPasswordPolicy(input.newPassword, {
    idNumber: user.idNumberEnc ? services.cipher.decrypt(user.idNumberEnc) : undefined,
    phone: user.phoneEnc ? services.cipher.decrypt(user.phoneEnc) : undefined,
    username: user.username ?? undefined,
  });
  if (!policy.ok) throw badRequest(policy.messages.join('；'), policy.messages.map((m) => ({ path: 'newPassword', message: m })));
  if (await verifyPassword(input.newPassword, user.passwordHash)) {
    throw badRequest('新密码不能与当前密码相同', [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await services.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, actor.userId));
    await deleteAllSessionsOf(tx, actor.userId);
    await appendAudit(tx, ctx, { action: 'auth.password_change', objectType: 'user', objectId: actor.userId });
  });
}
