// Recomputes the SM3 chain over the whole log, in pages, and names the first altered row.
import { asc, gt } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { GENESIS_HASH, verifyAuditChain } from '../../audit/chain.js';
import { auditLog } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import type { Services } from '../../services.js';

const PAGE = 5000;

export type VerifyResult = { ok: true; checked: number } | { ok: false; checked: number; firstAlteredId: string; reason: string };

export async function verifyAuditLog(services: Services, ctx: RequestContext): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  let result: VerifyResult | null = null;
  while (!result) {
    const rows = await services.db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(PAGE);
    if (rows.length === 0) break;
    const verdict = verifyAuditChain(
      rows.map((r) => ({ ...r, id: String(r.id), occurredAt: new Date(r.occurredAt).toISOString(), outcome: r.outcome as 'success' | 'failure' | 'denied' })),
      prevHash,
    );
    if (!verdict.ok) result = { ...verdict, checked: checked + verdict.checked };
    checked += rows.length;
    prevHash = rows[rows.length - 1].hash;
    lastId = rows[rows.length - 1].id;
  }
  const final: VerifyResult = result ?? { ok: true, checked };
  await appendAudit(services.db, ctx, {
    action: 'audit.verify',
    objectType: 'audit_log',
    outcome: final.ok ? 'success' : 'failure',
    detail: final.ok ? { checked } : { firstAlteredId: final.firstAlteredId },
  });
  return final;
}
