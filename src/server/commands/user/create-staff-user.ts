// The system admin opens staff accounts (no roles: the security admin grants those).
import { validatePhone, validateUsername } from '../../../domain/identifiers.js';
import { checkPasswordPolicy } from '../../../domain/password-policy.js';
import { appendAudit } from '../../audit/append-audit.js';
import { hashPassword } from '../../crypto/password-hash.js';
import { users } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { uniqueViolation } from '../../db/errors.js';
import { badRequest, conflict, type FieldError } from '../../http/errors.js';
import type { Services } from '../../services.js';

export async function createStaffUser(
  services: Services,
  ctx: RequestContext,
  input: { username: string; name: string; phone?: string; initialPassword: string },
) {
  const fields: FieldError[] = [];
  const username = validateUsername(input.username);
  if (!username.ok) fields.push({ path: 'username', message: username.message });
  const phone = input.phone ? validatePhone(input.phone) : null;
  if (phone && !phone.ok) fields.push({ path: 'phone', message: phone.message });
  if (!input.name.trim()) fields.push({ path: 'name', message: '姓名不能为空' });
  const policy = checkPasswordPolicy(input.initialPassword, {
    username: username.ok ? username.value : undefined,
    phone: phone?.ok ? phone.value : undefined,
  });
  if (!policy.ok) fields.push(...policy.messages.map((m) => ({ path: 'initialPassword', message: m })));
  if (fields.length > 0 || !username.ok) throw badRequest(fields.map((f) => f.message).join('；'), fields);
  const passwordHash = await hashPassword(input.initialPassword);
  return services.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        username: username.value,
        name: input.name.trim(),
        phoneEnc: phone?.ok ? services.cipher.encrypt(phone.value) : null,
        phoneIndex: phone?.ok ? services.cipher.blindIndex(phone.value) : null,
        passwordHash,
      })
      .returning({ id: users.id })
      .catch((err: unknown) => {
        const constraint = uniqueViolation(err);
        if (constraint === 'users_username_unique') throw conflict('该用户名已被使用，请换一个', 'USERNAME_TAKEN');
        if (constraint === 'users_phone_index_unique') throw conflict('该手机号已被其他账号使用', 'PHONE_TAKEN');
        throw err;
      });
    await appendAudit(tx, ctx, { action: 'user.create', objectType: 'user', objectId: user.id, detail: { username: username.value } });
    return user;
  });
}
