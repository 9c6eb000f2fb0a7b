// The FileStore contract: one suite, run against every implementation (local-store.test.ts,
// s3-store.test.ts). Not a test file itself: `fileStoreContract(name, harness)` registers the tests.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm.js';
import {
  FileExistsError,
  InvalidFileKeyError,
  StoredFileCorruptError,
  StoredFileNotFoundError,
  type FileStore,
} from './file-store.js';

export interface ContractHarness {
  store: FileStore;
  /** Changes a stored file's bytes behind the store's back (bit rot, tampering). */
  corrupt(key: string): Promise<void>;
  cleanup(): Promise<void>;
}

export const INVALID_KEYS: string[] = [
  '',
  '/leading',
  'trailing/',
  '..',
  '../escape',
  'a/../b',
  'a/..',
  'a..b',
  'double//slash',
  '.hidden',
  'a/.hidden',
  '.tmp/x.part',
  'Upper.jpg',
  'space name.jpg',
  'back\\slash',
  '中文.jpg',
  'nul\0byte',
  'new\nline',
  'percent%2e',
  'colon:x',
  'x'.repeat(256),
  `${'x'.repeat(255)}/${'y'.repeat(255)}/z`,
];

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterable) out.push(key);
  return out;
}

export function fileStoreContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`FileStore contract: ${name}`, () => {
    let h: ContractHarness;
    let store: FileStore;
    beforeEach(async () => {
      h = await makeHarness();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('put returns key, size and SM3; get returns the same bytes (0 B, 1 B, 1 MiB + 3)', async () => {
      for (const [key, data] of [
        ['roundtrip/empty.bin', Buffer.alloc(0)],
        ['roundtrip/one.bin', Buffer.from([0x42])],
        ['roundtrip/large.bin', randomBytes(1024 * 1024 + 3)],
      ] as const) {
        const stored = await store.put(key, data);
        expect(stored).toEqual({ key, bytes: data.length, sm3: sm3Hex(data) });
        expect((await store.get(key, stored.sm3)).equals(data)).toBe(true);
        expect(await store.exists(key)).toBe(true);
      }
    });

    it('unusual but valid keys work', async () => {
      for (const key of ['a', '0', 'a.b.c', 'scans/2024/u_1-2/abc.def.jpg', 'x-/_y', `${'a'.repeat(255)}/${'b'.repeat(255)}`]) {
        const data = Buffer.from(key);
        const { sm3 } = await store.put(key, data);
        expect((await store.get(key, sm3)).toString()).toBe(key);
      }
    });

    it('stored files are immutable: put on an existing key throws FileExistsError and keeps the first bytes', async () => {
      const first = await store.put('immutable/a.bin', Buffer.from('first'));
      await expect(store.put('immutable/a.bin', Buffer.from('second'))).rejects.toBeInstanceOf(FileExistsError);
      await expect(store.put('immutable/a.bin', Buffer.from('first'))).rejects.toBeInstanceOf(FileExistsError);
      expect((await store.get('immutable/a.bin', first.sm3)).toString()).toBe('first');
    });

    it('of several concurrent puts to one key exactly one wins, and its bytes are stored whole', async () => {
      const datas = Array.from({ length: 8 }, (_, i) => Buffer.alloc(64 * 1024 + i, i + 1));
      const results = await Promise.allSettled(datas.map((d) => store.put('race/one.bin', d)));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(FileExistsError);
      const winner = (won[0] as PromiseFulfilledResult<{ sm3: string }>).value;
      const data = await store.get('race/one.bin', winner.sm3);
      expect(datas.some((d) => d.equals(data))).toBe(true);
    });

    it('concurrent puts to different keys all land', async () => {
      const keys = Array.from({ length: 25 }, (_, i) => `many/${String(i).padStart(2, '0')}.bin`);
      const stored = await Promise.all(keys.map((k) => store.put(k, randomBytes(1000))));
      expect(await collect(store.list('many/'))).toEqual(keys);
      for (const s of stored) expect((await store.get(s.key, s.sm3)).length).toBe(1000);
    });

    it('a missing key: get throws StoredFileNotFoundError, exists is false, delete is a no-op', async () => {
      const error = await store.get('missing/nothing.bin', sm3Hex('x')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoredFileNotFoundError);
      expect((error as StoredFileNotFoundError).key).toBe('missing/nothing.bin');
      expect(await store.exists('missing/nothing.bin')).toBe(false);
      await expect(store.delete('missing/nothing.bin')).resolves.toBeUndefined();
    });

    it('a key that is only a folder of other keys is not a file', async () => {
      await store.put('folder/inside.bin', Buffer.from('x'));
      expect(await store.exists('folder')).toBe(false);
      await expect(store.get('folder', sm3Hex('x'))).rejects.toBeInstanceOf(StoredFileNotFoundError);
    });

    it('delete removes the file; the key can then be used again', async () => {
      const { sm3 } = await store.put('del/a.bin', Buffer.from('a'));
      await store.delete('del/a.bin');
      expect(await store.exists('del/a.bin')).toBe(false);
      await expect(store.get('del/a.bin', sm3)).rejects.toBeInstanceOf(StoredFileNotFoundError);
      expect(await collect(store.list('del/'))).toEqual([]);
      const again = await store.put('del/a.bin', Buffer.from('b'));
      expect((await store.get('del/a.bin', again.sm3)).toString()).toBe('b');
    });

    it('content that no longer matches the recorded SM3 throws StoredFileCorruptError, never returns bytes', async () => {
      const data = randomBytes(4096);
      const { sm3 } = await store.put('corrupt/a.bin', data);
      await h.corrupt('corrupt/a.bin');
      const error = await store.get('corrupt/a.bin', sm3).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoredFileCorruptError);
      expect((error as StoredFileCorruptError).expectedSm3).toBe(sm3);
      expect((error as StoredFileCorruptError).actualSm3).not.toBe(sm3);
      // The wrong row's SM3 (another file's) is refused the same way.
      const other = await store.put('corrupt/b.bin', Buffer.from('other'));
      await expect(store.get('corrupt/b.bin', sm3)).rejects.toBeInstanceOf(StoredFileCorruptError);
      await expect(store.get('corrupt/b.bin', other.sm3)).resolves.toBeInstanceOf(Buffer);
    });

    it('expectedSm3 must be an SM3 hex digest', async () => {
      await store.put('sm3/a.bin', Buffer.from('a'));
      for (const bad of ['', 'abc', sm3Hex('a').toUpperCase(), `${sm3Hex('a')}00`]) {
        await expect(store.get('sm3/a.bin', bad)).rejects.toBeInstanceOf(TypeError);
      }
    });

    it('invalid keys are refused before any I/O by every operation', async () => {
      for (const key of INVALID_KEYS) {
        await expect(store.put(key, Buffer.from('x')), key).rejects.toBeInstanceOf(InvalidFileKeyError);
        await expect(store.get(key, sm3Hex('x')), key).rejects.toBeInstanceOf(InvalidFileKeyError);
        await expect(store.exists(key), key).rejects.toBeInstanceOf(InvalidFileKeyError);
        await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidFileKeyError);
      }
      for (const prefix of ['/a', '../', 'a/../', 'A/', '.tmp/', 'a//']) {
        await expect(collect(store.list(prefix)), prefix).rejects.toBeInstanceOf(InvalidFileKeyError);
      }
      expect(await collect(store.list(''))).toEqual([]);
    });

    it('list yields the keys under a prefix, in byte order', async () => {
      const keys = ['a/1.bin', 'a/2.bin', 'a/sub/3.bin', 'a-b/4.bin', 'ab/5.bin', 'b/6.bin', 'a.bin'];
      for (const k of keys) await store.put(k, Buffer.from(k));
      const sorted = [...keys].sort();
      expect(await collect(store.list(''))).toEqual(sorted);
      expect(await collect(store.list('a/'))).toEqual(['a/1.bin', 'a/2.bin', 'a/sub/3.bin']);
      expect(await collect(store.list('a'))).toEqual(sorted.filter((k) => k.startsWith('a')));
      expect(await collect(store.list('a/s'))).toEqual(['a/sub/3.bin']);
      expect(await collect(store.list('a/sub/'))).toEqual(['a/sub/3.bin']);
      expect(await collect(store.list('c'))).toEqual([]);
      expect(await collect(store.list('a/1.bin'))).toEqual(['a/1.bin']);
    });

    it('sweepOrphans deletes every file no database row knows and keeps the known ones', async () => {
      const known = new Map<string, string>();
      for (const k of ['keep/1.bin', 'keep/2.bin', 'x/keep.bin']) known.set(k, (await store.put(k, Buffer.from(k))).sm3);
      for (const k of ['orphan/1.bin', 'x/orphan.bin']) await store.put(k, Buffer.from(k));
      // With a minimum age no fresh file is touched (a sweep that may overlap uploads).
      const gentle = await store.sweepOrphans(async (k) => known.has(k), { minAgeMs: 60_000 });
      expect(gentle.orphansRemoved).toEqual([]);
      const report = await store.sweepOrphans(async (k) => known.has(k));
      expect(report.orphansRemoved.sort()).toEqual(['orphan/1.bin', 'x/orphan.bin']);
      expect(await collect(store.list(''))).toEqual([...known.keys()].sort());
      for (const [k, sm3] of known) expect((await store.get(k, sm3)).toString()).toBe(k);
      const again = await store.sweepOrphans(async (k) => known.has(k));
      expect(again.orphansRemoved).toEqual([]);
    });
  });
}
