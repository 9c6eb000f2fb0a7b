// Fixed-window counters in PostgreSQL, so every app instance of a site shares them.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { tooManyRequests } from './errors.js';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimits {
  loginPerIp: RateLimitRule;
  loginPerIdentifier: RateLimitRule;
  registerPerIp: RateLimitRule;
  smsPerPhone: RateLimitRule;
  smsPerIp: RateLimitRule;
  totpPerUser: RateLimitRule;
  /** The public check of a printed 评审表's verification code: no enumeration of codes. */
  verifyPerIp: RateLimitRule;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerIp: { limit: 60, windowSeconds: 60 },
  loginPerIdentifier: { limit: 10, windowSeconds: 60 },
  registerPerIp: { limit: 20, windowSeconds: 3600 },
  smsPerPhone: { limit: 1, windowSeconds: 60 },
  smsPerIp: { limit: 20, windowSeconds: 3600 },
  totpPerUser: { limit: 10, windowSeconds: 300 },
  verifyPerIp: { limit: 30, windowSeconds: 60 },
};

/** Counts one hit; throws 429 (with `message`, else the general one) once the window's limit is passed. */
export async function hitRateLimit(db: Executor, key: string, rule: RateLimitRule, message?: string): Promise<void> {
  const result = await db.execute<{ count: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${rule.windowSeconds})
                   then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${rule.windowSeconds})
                   then now() else rate_limits.window_start end
    returning count`);
  if (result.rows[0].count > rule.limit) throw tooManyRequests(message);
}
