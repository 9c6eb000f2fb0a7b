// Log-in by ID number, phone or user name, with one lock-out counter per account whichever
// identifier is used: 5 consecutive failures (password or second factor) lock it for 30 minutes.
// The message never says whether the account exists.
import { eq, sql } from 'drizzle-orm';
import { classifyLoginIdentifier } from '../../../domain/identifiers.js';
import { isAdminRole, sortRoles, type Role } from '../../../domain/roles.js';
import { appendAudit } from '../../audit/append-audit.js';
import { createSession, ADMIN_SESSION_IDLE_SECONDS, SESSION_IDLE_SECONDS } from '../../auth/session-store.js';
import { hashPassword, verifyPassword } from '../../crypto/password-hash.js';
import { verifyTotp } from '../../crypto/totp.js';
import { roleAssignments, users } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { hitRateLimit } from '../../http/rate-limit.js';
import type { Services } from '../../services.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 30;
export const INVALID_CREDENTIALS_MESSAGE = `账号或密码错误。连续输错 ${MAX_FAILED_LOGINS} 次，账号将被锁定 ${LOCK_MINUTES} 分钟`;

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);

// Verifying against a fixed hash keeps an unknown account as slow as a known one.
const dummyHash = hashPassword('Zhiping#unknown-account');

export interface LoginInput {
  identifier: string;
  password: string;
  totpCode?: string;
  userAgent: string | null;
}

export async function findUserByIdentifier(services: Services, identifier: string) {
  const id = classifyLoginIdentifier(identifier);
  const where =
    id.kind === 'idNumber'
      ? eq(users.idNumberIndex, services.cipher.blindIndex(id.value))
      : id.kind === 'phone'
        ? eq(users.phoneIndex, services.cipher.blindIndex(id.value))
        : eq(users.username, id.value);
  const [user] = await services.db.select().from(users).where(where);
  return { user: user ?? null, normalised: `${id.kind}:${id.value}` };
}

/**
 * The attempt on one account runs under that account's row lock, from reading the lock-out state
 * to recording the outcome, so parallel guesses are checked one after another: the sixth sees the
 * lock. Correct log-ins in parallel just wait their turn. The lock is held across the slow hash;
 * the per-identifier rate limit bounds how many attempts can queue.
 */
type AttemptOutcome =
  | { kind: 'success'; token: string }
  | { kind: 'failure'; reason: 'locked' | 'disabled' | 'wrong_password' | 'wrong_totp' }
  | { kind: 'totp_required' };

export async function login(services: Services, ctx: RequestContext, input: LoginInput): Promise<{ token: string; userId: string }> {
  await hitRateLimit(services.db, `login:ip:${ctx.ip}`, services.rateLimits.loginPerIp);
  const { user: found, normalised } = await findUserByIdentifier(services, input.identifier);
  await hitRateLimit(services.db, `login:id:${services.cipher.blindIndex(normalised)}`, services.rateLimits.loginPerIdentifier);

  if (!found) {
    await verifyPassword(input.password, await dummyHash);
    await appendAudit(services.db, ctx, { action: 'auth.login', objectType: 'user', outcome: 'failure', actorUserId: null, detail: { reason: 'unknown_account' } });
    throw invalidCredentials();
  }
  if (input.totpCode && found.totpEnabled) {
    await hitRateLimit(services.db, `totp:${found.id}`, services.rateLimits.totpPerUser);
  }

  const outcome = await services.db.transaction(async (tx): Promise<AttemptOutcome> => {
    const [user] = await tx.select().from(users).where(eq(users.id, found.id)).for('update');
    const fail = async (reason: Exclude<AttemptOutcome, { kind: 'success' | 'totp_required' }>['reason']): Promise<AttemptOutcome> => {
      if (reason !== 'locked') {
        const reachesLimit = user.failedLogins + 1 >= MAX_FAILED_LOGINS;
        await tx
          .update(users)
          .set(
            reachesLimit
              ? { failedLogins: 0, lockedUntil: sql`now() + make_interval(mins => ${LOCK_MINUTES})` }
              : { failedLogins: user.failedLogins + 1 },
          )
          .where(eq(users.id, user.id));
      }
      await appendAudit(tx, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'failure', actorUserId: user.id, detail: { reason } });
      return { kind: 'failure', reason };
    };

    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await verifyPassword(input.password, await dummyHash);
      return fail('locked');
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) return fail('wrong_password');
    if (user.disabled) return fail('disabled');

    let totpStep: number | null = null;
    if (user.totpEnabled && user.totpSecretEnc) {
      // The right password without a code is the first step of a staff log-in, not a failure.
      if (!input.totpCode) return { kind: 'totp_required' };
      const check = verifyTotp(services.cipher.decrypt(user.totpSecretEnc), input.totpCode, Date.now());
      if (!check.ok || check.step === undefined || (user.totpLastStep !== null && check.step <= user.totpLastStep)) return fail('wrong_totp');
      totpStep = check.step;
    }

    const grants = await tx.select({ role: roleAssignments.role }).from(roleAssignments).where(eq(roleAssignments.userId, user.id));
    const roles = sortRoles(grants.map((g) => g.role as Role));
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, ...(totpStep !== null ? { totpLastStep: totpStep } : {}) })
      .where(eq(users.id, user.id));
    const session = await createSession(tx, {
      userId: user.id,
      idleSeconds: roles.some(isAdminRole) ? ADMIN_SESSION_IDLE_SECONDS : SESSION_IDLE_SECONDS,
      ip: ctx.ip,
      userAgent: input.userAgent,
    });
    ctx.actingRole = roles[0] ?? null;
    await appendAudit(tx, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, actorUserId: user.id });
    return { kind: 'success', token: session.token };
  });

  if (outcome.kind === 'totp_required') throw new AppError(401, 'TOTP_REQUIRED', '请输入手机验证器中的 6 位动态验证码');
  if (outcome.kind === 'failure') {
    if (outcome.reason === 'wrong_totp') throw new AppError(401, 'INVALID_TOTP', '动态验证码不正确或已使用，请等待下一个验证码');
    throw invalidCredentials();
  }
  return { token: outcome.token, userId: found.id };
}
