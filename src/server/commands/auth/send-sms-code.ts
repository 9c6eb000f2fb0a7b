// Sends a 6-digit verification code for registration. Rate-limited per phone and per IP; the code
// is stored only as a hash, valid 10 minutes, 5 attempts.
import { randomInt } from 'node:crypto';
import { validatePhone } from '../../../domain/identifiers.js';
import { appendAudit } from '../../audit/append-audit.js';
import { sm3Hex } from '../../crypto/sm.js';
import { smsCodes } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { hitRateLimit } from '../../http/rate-limit.js';
import type { Services } from '../../services.js';

export const SMS_CODE_TTL_MINUTES = 10;

export const hashSmsCode = (phoneIndex: string, code: string) => sm3Hex(`${phoneIndex}:${code}`);

export async function sendSmsCode(
  services: Services,
  ctx: RequestContext,
  input: { phone: string; purpose: 'register' },
): Promise<{ demoCode?: string }> {
  const phone = validatePhone(input.phone);
  if (!phone.ok) throw badRequest(phone.message, [{ path: 'phone', message: phone.message }]);
  const phoneIndex = services.cipher.blindIndex(phone.value);
  await hitRateLimit(services.db, `sms:ip:${ctx.ip}`, services.rateLimits.smsPerIp);
  await hitRateLimit(services.db, `sms:phone:${phoneIndex}`, services.rateLimits.smsPerPhone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await services.db.transaction(async (tx) => {
    await tx.insert(smsCodes).values({
      phoneIndex,
      purpose: input.purpose,
      codeHash: hashSmsCode(phoneIndex, code),
      expiresAt: new Date(Date.now() + SMS_CODE_TTL_MINUTES * 60_000),
    });
    await services.sms.send(tx, phone.value, 'register_code', { code });
    await appendAudit(tx, ctx, { action: 'auth.sms_code', objectType: 'phone', objectId: phoneIndex.slice(0, 16) });
  });
  // Demo mode has no SMS gateway: the code is shown on screen instead.
  return services.config.demo ? { demoCode: code } : {};
}
