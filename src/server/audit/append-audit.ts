// Appends one row to the SM3-chained audit log inside the caller's transaction. The advisory
// lock serialises appenders until commit, so each row's prev_hash is the hash of the row
// committed before it. Call it last in a transaction to keep the lock short.
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../db/client.js';
import type { RequestContext } from '../http/context.js';
import type { AuditAction } from '../../domain/audit-actions.js';
import { computeAuditHash, GENESIS_HASH, type AuditRecordContent } from './chain.js';

const AUDIT_CHAIN_LOCK = 7370002;

export interface AuditEntry {
  action: AuditAction;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: AuditRecordContent['outcome'];
  /** Never a password, token, OTP or full ID/phone number. */
  detail?: Record<string, unknown> | null;
  /** Overrides the acting user (e.g. a login before a session exists). */
  actorUserId?: string | null;
}

export async function appendAudit(tx: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  // Outside a transaction the xact lock would be released at once and each statement could run on
  // another pooled connection: two appenders would read the same last hash and fork the chain.
  if (!(tx instanceof PgTransaction)) return (tx as Database).transaction((inner) => appendAudit(inner, ctx, entry));
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.execute<{ hash: string }>(sql`select hash from audit_log order by id desc limit 1`);
  const next = await tx.execute<{ id: string }>(sql`select nextval('audit_log_id_seq')::text as id`);
  const record: AuditRecordContent = {
    id: next.rows[0].id,
    occurredAt: new Date().toISOString(),
    actorUserId: entry.actorUserId !== undefined ? entry.actorUserId : (ctx.actor?.userId ?? null),
    actorRole: ctx.actingRole,
    ip: ctx.ip,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'success',
    requestId: ctx.requestId,
    detail: entry.detail ?? null,
  };
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  const hash = computeAuditHash(prevHash, record);
  await tx.execute(sql`
    insert into audit_log (id, occurred_at, actor_user_id, actor_role, ip, action, object_type, object_id,
                           outcome, request_id, detail, prev_hash, hash)
    values (${record.id}, ${record.occurredAt}, ${record.actorUserId}, ${record.actorRole}, ${record.ip},
            ${record.action}, ${record.objectType}, ${record.objectId}, ${record.outcome}, ${record.requestId},
            ${record.detail === null ? null : JSON.stringify(record.detail)}::jsonb, ${prevHash}, ${hash})`);
  ctx.audited = true;
}
