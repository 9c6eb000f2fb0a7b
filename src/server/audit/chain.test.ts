import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm.js';
import {
  canonicalAuditContent,
  computeAuditHash,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditChainRow,
  type AuditRecordContent,
} from './chain.js';

function record(id: number, overrides: Partial<AuditRecordContent> = {}): AuditRecordContent {
  return {
    id: String(id),
    occurredAt: new Date(Date.UTC(2024, 5, 1, 8, 0, id)).toISOString(),
    actorUserId: '17',
    actorRole: 'unit_reviewer',
    ip: '10.0.0.8',
    action: 'application.approve',
    objectType: 'application',
    objectId: String(1000 + id),
    outcome: 'success',
    requestId: `req-${id}`,
    detail: { from: 'submitted', to: 'unit_approved' },
    ...overrides,
  };
}

function chain(records: AuditRecordContent[], start = GENESIS_HASH): AuditChainRow[] {
  let prevHash = start;
  return records.map((rec) => {
    const hash = computeAuditHash(prevHash, rec);
    const row = { ...rec, prevHash, hash };
    prevHash = hash;
    return row;
  });
}

const ROWS = chain([1, 2, 3, 4, 5].map((id) => record(id)));

describe('canonicalAuditContent', () => {
  it('sorts keys at every level and writes nulls explicitly', () => {
    const a = record(1, { actorUserId: null, detail: { z: 1, a: { y: [1, { d: 2, c: 3 }], x: null } } });
    const b = record(1, { actorUserId: null, detail: { a: { x: null, y: [1, { c: 3, d: 2 }] }, z: 1 } });
    expect(canonicalAuditContent(a)).toBe(canonicalAuditContent(b));
    const text = canonicalAuditContent(a);
    expect(text).toContain('"actorUserId":null');
    expect(text).toContain('"detail":{"a":{"x":null,"y":[1,{"c":3,"d":2}]},"z":1}');
    expect(text.indexOf('"action"')).toBeLessThan(text.indexOf('"actorRole"'));
  });

  it('ignores columns outside the content, such as the hashes', () => {
    expect(canonicalAuditContent(ROWS[0])).toBe(canonicalAuditContent(record(1)));
  });

  it('distinguishes values JSON would conflate', () => {
    expect(canonicalAuditContent(record(1, { detail: { n: '1' } }))).not.toBe(canonicalAuditContent(record(1, { detail: { n: 1 } })));
    expect(canonicalAuditContent(record(1, { detail: null }))).not.toBe(canonicalAuditContent(record(1, { detail: {} })));
    expect(() => canonicalAuditContent(record(1, { detail: { n: Number.NaN } }))).toThrow();
  });

  it('drops undefined members, as jsonb does', () => {
    expect(canonicalAuditContent(record(1, { detail: { a: 1, b: undefined } }))).toBe(canonicalAuditContent(record(1, { detail: { a: 1 } })));
  });
});

describe('computeAuditHash', () => {
  it('is SM3 over the previous hash, a newline and the canonical content', () => {
    const rec = record(1);
    expect(computeAuditHash(GENESIS_HASH, rec)).toBe(sm3Hex(`${GENESIS_HASH}\n${canonicalAuditContent(rec)}`));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('depends on the previous hash', () => {
    expect(computeAuditHash(GENESIS_HASH, record(1))).not.toBe(computeAuditHash('1'.repeat(64), record(1)));
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain, and an empty one', () => {
    expect(verifyAuditChain(ROWS)).toEqual({ ok: true, checked: 5 });
    expect(verifyAuditChain([])).toEqual({ ok: true, checked: 0 });
  });

  it('names a row whose content was altered', () => {
    const rows = ROWS.map((r) => (r.id === '3' ? { ...r, outcome: 'denied' as const } : r));
    expect(verifyAuditChain(rows)).toEqual({
      ok: false,
      checked: 2,
      firstAlteredId: '3',
      reason: '第 3 条记录（ID 3）内容与哈希不符',
    });
  });

  it('notices a change deep inside detail', () => {
    const rows = ROWS.map((r) => (r.id === '4' ? { ...r, detail: { from: 'submitted', to: 'returned' } } : r));
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, firstAlteredId: '4' });
  });

  it('names a row whose hash was altered', () => {
    const rows = ROWS.map((r) => (r.id === '2' ? { ...r, hash: 'f'.repeat(64) } : r));
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, checked: 1, firstAlteredId: '2', reason: '第 2 条记录（ID 2）内容与哈希不符' });
  });

  it('names the row after a deleted one', () => {
    const rows = ROWS.filter((r) => r.id !== '3');
    const result = verifyAuditChain(rows);
    expect(result).toMatchObject({ ok: false, checked: 2, firstAlteredId: '4' });
    expect(!result.ok && result.reason).toContain('第 3 条记录（ID 4）');
  });

  it('names the new first row when the first row is deleted', () => {
    expect(verifyAuditChain(ROWS.slice(1))).toMatchObject({ ok: false, checked: 0, firstAlteredId: '2' });
  });

  it('catches a forger who rewrites a row and recomputes its hash', () => {
    const forged = { ...ROWS[1], actorUserId: '99' };
    forged.hash = computeAuditHash(forged.prevHash, forged);
    const rows = ROWS.map((r) => (r.id === '2' ? forged : r));
    expect(verifyAuditChain(rows)).toMatchObject({ ok: false, firstAlteredId: '3' });
  });

  it('catches reordered rows', () => {
    expect(verifyAuditChain([ROWS[0], ROWS[2], ROWS[1], ROWS[3], ROWS[4]])).toMatchObject({ ok: false, firstAlteredId: '3' });
  });

  it('verifies a segment from a trusted starting hash', () => {
    expect(verifyAuditChain(ROWS.slice(2), ROWS[1].hash)).toEqual({ ok: true, checked: 3 });
    expect(verifyAuditChain(ROWS.slice(2))).toMatchObject({ ok: false, firstAlteredId: '3' });
  });
});
