// Tamper evidence for the audit log: each row's hash is SM3 over the previous row's hash and the
// row's own content, so altering or deleting any row breaks the chain from that point on.
// Pure functions; the repository that writes and reads rows lives elsewhere.

import { sm3Hex } from '../crypto/sm.js';

export interface AuditRecordContent {
  id: string; // bigint as string
  occurredAt: string; // ISO 8601
  actorUserId: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

/** The prevHash of the very first row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same content always gives the same text
 * whatever order the database (jsonb reorders keys) or the caller produced. Undefined object
 * members are dropped, as JSON and jsonb drop them.
 */
function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // JSON would turn NaN/Infinity into null, so two different values would hash the same.
    if (!Number.isFinite(value)) throw new Error('audit content holds a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
      return canonicalJson((obj as { toJSON: () => unknown }).toJSON());
    }
    const members = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
    return `{${members.join(',')}}`;
  }
  throw new Error(`audit content holds an unsupported value of type ${typeof value}`);
}

/**
 * Only the listed fields are hashed, so a row object carrying extra columns (prevHash, hash)
 * hashes the same as its bare content.
 */
export function canonicalAuditContent(rec: AuditRecordContent): string {
  return canonicalJson({
    id: rec.id,
    occurredAt: rec.occurredAt,
    actorUserId: rec.actorUserId,
    actorRole: rec.actorRole,
    ip: rec.ip,
    action: rec.action,
    objectType: rec.objectType,
    objectId: rec.objectId,
    outcome: rec.outcome,
    requestId: rec.requestId,
    detail: rec.detail,
  });
}

export function computeAuditHash(prevHash: string, rec: AuditRecordContent): string {
  return sm3Hex(`${prevHash}\n${canonicalAuditContent(rec)}`);
}

export type AuditChainRow = AuditRecordContent & { prevHash: string; hash: string };

export type AuditChainResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstAlteredId: string; reason: string };

/**
 * Walks rows in id order and names the first one that breaks the chain. `checked` counts the rows
 * found intact before it. `startPrevHash` lets a verifier start mid-log from a trusted hash.
 */
export function verifyAuditChain(rows: readonly AuditChainRow[], startPrevHash: string = GENESIS_HASH): AuditChainResult {
  let expectedPrev = startPrevHash;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const position = i + 1;
    if (row.prevHash !== expectedPrev) {
      return {
        ok: false,
        checked: i,
        firstAlteredId: row.id,
        reason: `第 ${position} 条记录（ID ${row.id}）的前一条哈希与链上不符：其前的记录被删除、插入或改动`,
      };
    }
    if (computeAuditHash(row.prevHash, row) !== row.hash) {
      return {
        ok: false,
        checked: i,
        firstAlteredId: row.id,
        reason: `第 ${position} 条记录（ID ${row.id}）内容与哈希不符`,
      };
    }
    expectedPrev = row.hash;
  }
  return { ok: true, checked: rows.length };
}
