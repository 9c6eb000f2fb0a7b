// Real-name registration of an applicant: validated identity, verified phone, a chosen employer
// unit whose reviewer must confirm the membership. The new account is logged in at once.
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { validateIdNumber } from '../../../domain/id-number.js';
import { validatePhone, validateUsername } from '../../../domain/identifiers.js';
import { checkPasswordPolicy } from '../../../domain/password-policy.js';
import { appendAudit } from '../../audit/append-audit.js';
import { createSession, SESSION_IDLE_SECONDS } from '../../auth/session-store.js';
import { hashPassword } from '../../crypto/password-hash.js';
import { memberships, organisations, roleAssignments, smsCodes, users } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, badRequest, conflict, type FieldError } from '../../http/errors.js';
import { hitRateLimit } from '../../http/rate-limit.js';
import type { Services } from '../../services.js';
import { hashSmsCode } from './send-sms-code.js';

const MAX_SMS_ATTEMPTS = 5;
/** Chinese names, with the middle dot of Uyghur and other transcribed names (艾山江·亚生). */
const NAME_PATTERN = /^[\u4e00-\u9fa5A-Za-z][\u4e00-\u9fa5A-Za-z·•\s]{0,29}$/u;

const smsCodeError = () =>
  new AppError(400, 'SMS_CODE', '短信验证码不正确或已过期，请重新获取', [{ path: 'smsCode', message: '短信验证码不正确或已过期' }]);

/** Checks the latest unused code for the phone; a wrong guess is counted (and committed) first. */
async function checkSmsCode(services: Services, phoneIndex: string, given: string): Promise<string> {
  const [code] = await services.db
    .select()
    .from(smsCodes)
    .where(and(eq(smsCodes.phoneIndex, phoneIndex), eq(smsCodes.purpose, 'register'), isNull(smsCodes.usedAt), gt(smsCodes.expiresAt, sql`now()`)))
    .orderBy(desc(smsCodes.createdAt))
    .limit(1);
  if (!code || code.attempts >= MAX_SMS_ATTEMPTS) throw smsCodeError();
  if (code.codeHash !== hashSmsCode(phoneIndex, given)) {
    await services.db.update(smsCodes).set({ attempts: sql`${smsCodes.attempts} + 1` }).where(eq(smsCodes.id, code.id));
    throw smsCodeError();
  }
  return code.id;
}

export interface RegisterInput {
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  username?: string;
  password: string;
  unitId: string;
  userAgent: string | null;
}

export async function registerApplicant(services: Services, ctx: RequestContext, input: RegisterInput): Promise<{ token: string; userId: string }> {
  await hitRateLimit(services.db, `register:ip:${ctx.ip}`, services.rateLimits.registerPerIp);
  const fields: FieldError[] = [];
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!NAME_PATTERN.test(name)) fields.push({ path: 'name', message: '请填写身份证上的真实姓名' });
  const idNumber = validateIdNumber(input.idNumber);
  if (!idNumber.ok) fields.push({ path: 'idNumber', message: idNumber.message });
  const phone = validatePhone(input.phone);
  if (!phone.ok) fields.push({ path: 'phone', message: phone.message });
  const username = input.username ? validateUsername(input.username) : null;
  if (username && !username.ok) fields.push({ path: 'username', message: username.message });
  const policy = checkPasswordPolicy(input.password, {
    idNumber: idNumber.ok ? idNumber.value : undefined,
    phone: phone.ok ? phone.value : undefined,
    username: username?.ok ? username.value : undefined,
  });
  if (!policy.ok) fields.push(...policy.messages.map((m) => ({ path: 'password', message: m })));
  if (fields.length > 0 || !idNumber.ok || !phone.ok) throw badRequest(fields.map((f) => f.message).join('；'), fields);

  const [unit] = await services.db.select().from(organisations).where(eq(organisations.id, input.unitId));
  if (!unit || unit.kind !== 'unit') throw badRequest('请选择工作单位', [{ path: 'unitId', message: '请选择工作单位' }]);

  const idNumberIndex = services.cipher.blindIndex(idNumber.value);
  const phoneIndex = services.cipher.blindIndex(phone.value);
  const passwordHash = await hashPassword(input.password);

  const codeId = await checkSmsCode(services, phoneIndex, input.smsCode.trim());

  return services.db.transaction(async (tx) => {
    const taken = await tx
      .select({ idNumberIndex: users.idNumberIndex, phoneIndex: users.phoneIndex, username: users.username })
      .from(users)
      .where(
        or(
          eq(users.idNumberIndex, idNumberIndex),
          eq(users.phoneIndex, phoneIndex),
          username?.ok ? eq(users.username, username.value) : sql`false`,
        ),
      );
    if (taken.some((t) => t.idNumberIndex === idNumberIndex)) throw conflict('该身份证号已注册，请直接登录或找回密码', 'ID_NUMBER_TAKEN');
    if (taken.some((t) => t.phoneIndex === phoneIndex)) throw conflict('该手机号已被其他账号使用', 'PHONE_TAKEN');
    if (taken.length > 0) throw conflict('该用户名已被使用，请换一个', 'USERNAME_TAKEN');

    const used = await tx
      .update(smsCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(smsCodes.id, codeId), isNull(smsCodes.usedAt)))
      .returning({ id: smsCodes.id });
    if (used.length === 0) throw smsCodeError();
    const [user] = await tx
      .insert(users)
      .values({
        name,
        username: username?.ok ? username.value : null,
        idNumberEnc: services.cipher.encrypt(idNumber.value),
        idNumberIndex,
        phoneEnc: services.cipher.encrypt(phone.value),
        phoneIndex,
        passwordHash,
      })
      .returning({ id: users.id });
    await tx.insert(roleAssignments).values({ userId: user.id, role: 'applicant', orgId: unit.id });
    await tx.insert(memberships).values({ userId: user.id, unitId: unit.id });
    const session = await createSession(tx, { userId: user.id, idleSeconds: SESSION_IDLE_SECONDS, ip: ctx.ip, userAgent: input.userAgent });
    ctx.actingRole = 'applicant';
    await appendAudit(tx, ctx, { action: 'auth.register', objectType: 'user', objectId: user.id, actorUserId: user.id, detail: { unitId: unit.id } });
    return { token: session.token, userId: user.id };
  });
}
