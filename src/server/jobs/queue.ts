// Background jobs in a PostgreSQL table (no extra server): the blind-review text search of an
// upload, the lapse of a returned application at its deadline. A worker claims due jobs with
// FOR UPDATE SKIP LOCKED, so several app instances share the work and a job runs once at a time;
// a claim is a lease (`locked_until`), so a job whose worker died is picked up again.
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.js';
import { jobs } from '../db/schema.js';

export type JobKind = 'leak-check' | 'lapse-application';

export interface JobHandlers {
  [kind: string]: (payload: Record<string, unknown>) => Promise<void>;
}

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 5;

/** Adds a job; with `dedupeKey`, a second live job of the same key is not added. */
export async function enqueueJob(
  db: Executor,
  kind: JobKind,
  payload: Record<string, unknown>,
  options: { runAt?: Date; dedupeKey?: string } = {},
): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind, payload, runAt: options.runAt ?? new Date(), dedupeKey: options.dedupeKey ?? null })
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      // A finished job of the same key (an earlier return of the same application) is re-armed.
      set: { payload, runAt: options.runAt ?? new Date(), doneAt: null, attempts: 0, lastError: null, lockedUntil: null },
    });
}

/**
 * Adds a job for each key that never had one; a key with a job, live or finished, is left alone
 * (enqueueJob would re-arm a finished one). Returns the keys added.
 */
export async function enqueueJobsOnce(db: Executor, kind: JobKind, add: readonly { payload: Record<string, unknown>; dedupeKey: string }[]): Promise<string[]> {
  if (add.length === 0) return [];
  const added = await db
    .insert(jobs)
    .values(add.map((j) => ({ kind, payload: j.payload, dedupeKey: j.dedupeKey })))
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ dedupeKey: jobs.dedupeKey });
  return added.map((r) => r.dedupeKey!);
}

/** Runs due jobs one at a time until none is due (or `limit` ran). Returns how many ran. */
export async function runDueJobs(db: Database, handlers: JobHandlers, limit = 100): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const [job] = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            isNull(jobs.doneAt),
            lte(jobs.runAt, sql`now()`),
            or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, sql`now()`)),
            sql`${jobs.attempts} < ${MAX_ATTEMPTS}`,
          ),
        )
        .orderBy(asc(jobs.runAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(jobs)
        .set({ lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`${jobs.attempts} + 1` })
        .where(eq(jobs.id, due[0].id))
        .returning();
    });
    if (!job) return ran;
    ran += 1;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload as Record<string, unknown>);
      await db.update(jobs).set({ doneAt: new Date(), lockedUntil: null, lastError: null }).where(eq(jobs.id, job.id));
    } catch (error) {
      // Retry with a growing delay; after MAX_ATTEMPTS the row stays for the operator to read.
      const delaySeconds = 30 * 2 ** (job.attempts - 1);
      await db
        .update(jobs)
        .set({
          lockedUntil: null,
          lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
          runAt: sql`now() + make_interval(secs => ${delaySeconds})`,
        })
        .where(eq(jobs.id, job.id));
    }
  }
  return ran;
}

/** Polls for due jobs every `intervalMs`; returns a function that stops the worker. */
export function startJobWorker(
  db: Database,
  handlers: JobHandlers,
  onError: (error: unknown) => void,
  intervalMs = 2000,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    // One pass at a time per instance: a slow OCR job must not start a second pass beside it.
    if (stopped || running) return;
    running = runDueJobs(db, handlers)
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
