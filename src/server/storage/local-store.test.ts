// The local-folder store: the shared contract, plus what only a folder has (temporary files of
// interrupted writes, foreign files, folder pruning, permissions). Crash safety under SIGKILL is
// in crash.test.ts.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm.js';
import { FileStoreError, InvalidFileKeyError, StoredFileNotFoundError } from './file-store.js';
import { createLocalFileStore, TEMP_FOLDER, type LocalFileStore } from './local-store.js';
import { fileStoreContract } from './store.contract.js';

fileStoreContract('local folder', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-store-'));
  const store = createLocalFileStore(path.join(dir, 'files'));
  return {
    store,
    async corrupt(key) {
      const file = store.pathOf(key);
      const data = await readFile(file);
      data[data.length >> 1] ^= 0x01;
      await writeFile(file, data);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('local folder store', () => {
  let dir: string;
  let store: LocalFileStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-store-'));
    store = createLocalFileStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keys map to paths inside the folder only; .tmp is never reachable as a key', async () => {
    expect(store.pathOf('a/b.jpg')).toBe(path.join(dir, 'a', 'b.jpg'));
    expect(() => store.pathOf('../etc/passwd')).toThrow(InvalidFileKeyError);
    expect(() => store.pathOf('.tmp/x.part')).toThrow(InvalidFileKeyError);
  });

  it('files are written 0600 in folders 0700, and no temporary file is left after put', async () => {
    await store.put('scans/u1/a.jpg', Buffer.from('data'));
    expect((await stat(store.pathOf('scans/u1/a.jpg'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, 'scans'))).mode & 0o777).toBe(0o700);
    expect(await readdir(path.join(dir, TEMP_FOLDER))).toEqual([]);
  });

  it('a write interrupted before its rename is invisible and removed by the start-up sweep', async () => {
    const { sm3 } = await store.put('scans/kept.jpg', Buffer.from('kept'));
    // What a kill between "write temp" and "link into place" leaves behind.
    await writeFile(path.join(dir, TEMP_FOLDER, '0123abcd.part'), Buffer.from('half a fi'));
    expect(await collect(store.list(''))).toEqual(['scans/kept.jpg']);
    const report = await store.sweepOrphans(async (k) => k === 'scans/kept.jpg');
    expect(report).toEqual({ tempRemoved: 1, orphansRemoved: [], foreign: [] });
    expect(await readdir(path.join(dir, TEMP_FOLDER))).toEqual([]);
    expect((await store.get('scans/kept.jpg', sm3)).toString()).toBe('kept');
  });

  it('the sweep reports files it did not make without deleting them, and prunes emptied folders', async () => {
    await writeFile(path.join(dir, 'README.TXT'), 'operator note');
    await writeFile(path.join(dir, '.DS_Store'), 'x');
    await store.put('a/b/c/orphan.bin', Buffer.from('o'));
    const report = await store.sweepOrphans(async () => false);
    expect(report.orphansRemoved).toEqual(['a/b/c/orphan.bin']);
    expect(report.foreign.sort()).toEqual(['.DS_Store', 'README.TXT']);
    expect((await readdir(dir)).sort()).toEqual(['.DS_Store', TEMP_FOLDER, 'README.TXT']);
  });

  it('a file in the way of a key folder is a FileStoreError, not a crash or an overwrite', async () => {
    await store.put('a', Buffer.from('file'));
    await expect(store.put('a/b', Buffer.from('x'))).rejects.toBeInstanceOf(FileStoreError);
    expect(await store.exists('a/b')).toBe(false);
    await expect(store.get('a/b', sm3Hex('x'))).rejects.toBeInstanceOf(StoredFileNotFoundError);
  });

  it('works when the store folder does not exist yet (created on first put)', async () => {
    const nested = createLocalFileStore(path.join(dir, 'not', 'yet'));
    expect(await collect(nested.list(''))).toEqual([]);
    await nested.put('x.bin', Buffer.from('x'));
    expect(await collect(nested.list(''))).toEqual(['x.bin']);
  });
});

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterable) out.push(key);
  return out;
}
