import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog, users } from '../db/schema.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
}

function whereOf(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.from) parts.push(gte(auditLog.occurredAt, f.from));
  if (f.to) parts.push(lte(auditLog.occurredAt, f.to));
  if (f.actor) parts.push(eq(users.username, f.actor));
  if (f.action) parts.push(eq(auditLog.action, f.action));
  if (f.outcome) parts.push(eq(auditLog.outcome, f.outcome));
  return parts.length > 0 ? and(...parts) : undefined;
}

export async function searchAuditLog(db: Executor, filter: AuditFilter, page: number, pageSize: number) {
  const where = whereOf(filter);
  const items = await db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      actorName: users.name,
      actorRole: auditLog.actorRole,
      ip: auditLog.ip,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      outcome: auditLog.outcome,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where);
  return { items: items.map((i) => ({ ...i, id: String(i.id), occurredAt: new Date(i.occurredAt).toISOString() })), total };
}
