// Generates a TOTP secret for the account and returns it with a QR code to scan. The secret is
// stored encrypted and only takes effect once a code from it is confirmed (enable-totp).
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { appendAudit } from '../../audit/append-audit.js';
import { generateTotpSecret, otpauthUrl } from '../../crypto/totp.js';
import { users } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import type { Services } from '../../services.js';

export async function setupTotp(services: Services, ctx: RequestContext, actor: Actor) {
  const [user] = await services.db.select().from(users).where(eq(users.id, actor.userId));
  if (user.totpEnabled) throw conflict('两步验证已启用');
  const secret = generateTotpSecret();
  const url = otpauthUrl({ secret, account: user.username ?? user.name });
  await services.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretEnc: services.cipher.encrypt(secret) }).where(eq(users.id, actor.userId));
    await appendAudit(tx, ctx, { action: 'auth.totp_setup', objectType: 'user', objectId: actor.userId });
  });
  return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) };
}
