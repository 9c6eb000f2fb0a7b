// Periodic clean-up of short-lived rows: expired sessions, stale rate-limit windows and old SMS
// codes. Idempotent, so several instances running it at once do no harm.
import { lt, sql } from 'drizzle-orm';
import { purgeExpiredSessions } from '../auth/session-store.js';
import type { Executor } from '../db/client.js';
import { rateLimits, smsCodes } from '../db/schema.js';

export const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

export async function runHousekeeping(db: Executor): Promise<void> {
  await purgeExpiredSessions(db);
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`now() - interval '1 day'`));
  await db.delete(smsCodes).where(lt(smsCodes.expiresAt, sql`now() - interval '1 day'`));
}

export function startHousekeeping(db: Executor, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => runHousekeeping(db).catch(onError), HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
