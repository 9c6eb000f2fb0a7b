// Server-side sessions in PostgreSQL (several app instances can serve one site). The cookie holds
// a random 256-bit token; the table holds only its SM3 hash.
import { randomBytes } from 'node:crypto';
import { eq, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions } from '../db/schema.js';
import { sm3Hex } from '../crypto/sm.js';

export const SESSION_ABSOLUTE_SECONDS = 12 * 3600;
export const SESSION_IDLE_SECONDS = 30 * 60;
export const ADMIN_SESSION_IDLE_SECONDS = 15 * 60;
/** lastSeen is refreshed at most this often, so reads do not all become writes. */
const TOUCH_EVERY_SECONDS = 60;

export const hashSessionToken = (token: string) => sm3Hex(token);

export async function createSession(
  db: Executor,
  input: { userId: string; idleSeconds: number; ip: string; userAgent: string | null },
): Promise<{ token: string; tokenHash: string }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashSessionToken(token);
  await db.insert(sessions).values({
    tokenHash,
    userId: input.userId,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000),
    idleTimeoutSeconds: input.idleSeconds,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, tokenHash };
}

/** Returns the session's user id, or null when unknown, expired or idle too long (then deleted). */
export async function resolveSession(db: Executor, token: string): Promise<{ userId: string; tokenHash: string } | null> {
  const tokenHash = hashSessionToken(token);
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
  if (!row) return null;
  const now = Date.now();
  const idleDeadline = row.lastSeenAt.getTime() + row.idleTimeoutSeconds * 1000;
  if (now >= row.expiresAt.getTime() || now >= idleDeadline) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { userId: row.userId, tokenHash };
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteAllSessionsOf(db: Executor, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Executor): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, sql`now()`),
        lt(sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleTimeoutSeconds})`, sql`now()`),
      ),
    );
}

