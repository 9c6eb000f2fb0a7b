import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { verifyTotp } from '../../crypto/totp.js';
import { users } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { hitRateLimit } from '../../http/rate-limit.js';
import type { Services } from '../../services.js';

export async function enableTotp(services: Services, ctx: RequestContext, actor: Actor, code: string): Promise<void> {
  await hitRateLimit(services.db, `totp:${actor.userId}`, services.rateLimits.totpPerUser);
  const [user] = await services.db.select().from(users).where(eq(users.id, actor.userId));
  if (user.totpEnabled) throw conflict('两步验证已启用');
  if (!user.totpSecretEnc) throw badRequest('请先生成两步验证二维码');
  const check = verifyTotp(services.cipher.decrypt(user.totpSecretEnc), code, Date.now());
  if (!check.ok) throw badRequest('动态验证码不正确，请核对手机验证器上的时间', [{ path: 'code', message: '动态验证码不正确' }]);
  await services.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: check.step ?? null }).where(eq(users.id, actor.userId));
    await appendAudit(tx, ctx, { action: 'auth.totp_enable', objectType: 'user', objectId: actor.userId });
  });
}
