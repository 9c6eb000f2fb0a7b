// The local-folder FileStore (the default: DATA_DIR/files).
//
// Crash-safe commit, in this order, before `put` returns:
//   1. write the bytes to `<dir>/.tmp/<random>.part` (created exclusively, mode 0600);
//   2. fsync that file, so its content is on disk before any name points at it;
//   3. create the parent folders of the key (fsyncing the folder above each one created);
//   4. link(2) the temporary file to its final name: atomic, and it fails with EEXIST when the key
//      is taken, which gives the create-only semantics of FileStore without a check-then-act race
//      (rename(2) would silently replace). Where hard links are not supported (some network and
//      FUSE file systems) we fall back to an existence check + rename(2);
//   5. fsync the final folder, so the new name survives a power cut;
//   6. unlink the temporary name.
// Readers look only at final names, and a final name only ever points at a complete, fsynced
// file, so a kill at any moment never exposes a torn file. A kill before step 4 leaves a `.part`
// file; a kill between 4 and the database commit leaves a final file no row knows: `sweepOrphans`
// removes both at the next start. `crash.test.ts` SIGKILLs a writer ≥ 50 times to check this.
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { sm3Hex } from '../crypto/sm.js';
import {
  assertSm3Hex,
  assertValidKey,
  assertValidPrefix,
  FileExistsError,
  FileStoreError,
  isValidKey,
  StoredFileNotFoundError,
  verifySm3,
  type FileStore,
  type StoredFile,
  type SweepOptions,
  type SweepReport,
} from './file-store.js';

/** Private folder for writes in progress; never a key (keys may not start with '.'). */
export const TEMP_FOLDER = '.tmp';

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** fsync a folder so the names it holds are durable (a no-op where folders cannot be opened). */
async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EISDIR', 'EPERM'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

export interface LocalFileStore extends FileStore {
  readonly kind: 'local';
  readonly dir: string;
  /** Absolute path of a key's file (for streaming downloads; check the SM3 when you do). */
  pathOf(key: string): string;
}

export function createLocalFileStore(dir: string): LocalFileStore {
  const root = path.resolve(dir);
  const tempDir = path.join(root, TEMP_FOLDER);
  let ready: Promise<void> | null = null;

  function ensureReady(): Promise<void> {
    ready ??= (async () => {
      await ensureFolder(tempDir);
    })().catch((error) => {
      ready = null;
      throw error;
    });
    return ready;
  }

  function pathOf(key: string): string {
    assertValidKey(key);
    return path.join(root, ...key.split('/'));
  }

  /** Folders whose whole path is known to be durable (their names fsynced in their parents). */
  const durableFolders = new Set<string>();

  /**
   * Creates `folder` and any missing parents, then makes the path durable: fsyncs the folder above
   * every folder on the way down from the store root (once per folder and process), so a put that
   * finds the folder made by a concurrent put does not return before that folder's name is on disk.
   */
  async function ensureFolder(folder: string): Promise<void> {
    if (durableFolders.has(folder)) return;
    let first: string | undefined;
    try {
      first = await mkdir(folder, { recursive: true, mode: 0o700 });
    } catch (error) {
      if (errorCode(error) === 'ENOTDIR' || errorCode(error) === 'EEXIST') {
        throw new FileStoreError(`a stored file is in the way of folder ${path.relative(root, folder)}`);
      }
      throw error;
    }
    const toSync = new Set<string>();
    // Folders created above the store root (the first put into a new DATA_DIR).
    if (first && !first.startsWith(root + path.sep)) {
      for (let d = root; ; d = path.dirname(d)) {
        toSync.add(path.dirname(d));
        if (d === first || path.dirname(d) === d) break;
      }
    }
    for (let d = folder; d.startsWith(root + path.sep); d = path.dirname(d)) toSync.add(path.dirname(d));
    for (const d of [...toSync].sort((a, b) => a.length - b.length)) await fsyncDir(d);
    durableFolders.add(folder);
  }

  async function put(key: string, data: Buffer): Promise<StoredFile> {
    const final = pathOf(key);
    if (!Buffer.isBuffer(data)) throw new TypeError('data must be a Buffer');
    await ensureReady();
    const temp = path.join(tempDir, `${randomBytes(16).toString('hex')}.part`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const folder = path.dirname(final);
      // A concurrent sweep may prune an empty folder between mkdir and link: retry a few times.
      for (let attempt = 0; ; attempt++) {
        await ensureFolder(folder);
        try {
          await link(temp, final);
          break;
        } catch (error) {
          const code = errorCode(error);
          if (code === 'EEXIST') throw new FileExistsError(key);
          if (code === 'ENOENT' && attempt < 3) {
            durableFolders.delete(folder);
            continue;
          }
          if (code === 'ENOTDIR') throw new FileStoreError(`a stored file is in the way of key ${key}`);
          if (!LINK_UNSUPPORTED.has(code ?? '')) throw error;
          // No hard links here: check, then rename (atomic replace, so the check is best effort).
          if (await exists(key)) throw new FileExistsError(key);
          await rename(temp, final);
          break;
        }
      }
      await fsyncDir(folder);
    } finally {
      await unlink(temp).catch(() => {});
    }
    return { key, bytes: data.length, sm3: sm3Hex(data) };
  }

  async function get(key: string, expectedSm3: string): Promise<Buffer> {
    const file = pathOf(key);
    assertSm3Hex(expectedSm3);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errorCode(error) ?? '')) throw new StoredFileNotFoundError(key);
      throw error;
    }
    return verifySm3(key, data, expectedSm3);
  }

  async function exists(key: string): Promise<boolean> {
    const file = pathOf(key);
    try {
      return (await lstat(file)).isFile();
    } catch (error) {
      if (['ENOENT', 'ENOTDIR'].includes(errorCode(error) ?? '')) return false;
      throw error;
    }
  }

  async function del(key: string): Promise<void> {
    const file = pathOf(key);
    try {
      await unlink(file);
    } catch (error) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes(errorCode(error) ?? '')) return;
      throw error;
    }
    await fsyncDir(path.dirname(file));
  }

  async function readFolder(folder: string): Promise<Dirent[]> {
    try {
      return await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (['ENOENT', 'ENOTDIR'].includes(errorCode(error) ?? '')) return [];
      throw error;
    }
  }

  /**
   * Every regular file under `folderKey` (relative path with '/'), in byte order of the key: a
   * folder sorts as its name + '/', which is where its keys sort among their siblings.
   * Dot entries are skipped (the caller sees them through `onDot`).
   */
  async function* walk(
    folderKey: string,
    descend: (childFolderKey: string) => boolean,
    onOther?: (relative: string, entry: Dirent) => void,
  ): AsyncGenerator<string> {
    const folder = folderKey === '' ? root : path.join(root, ...folderKey.split('/'));
    const entries = (await readFolder(folder))
      .map((entry) => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    for (const { entry } of entries) {
      const relative = folderKey === '' ? entry.name : `${folderKey}/${entry.name}`;
      if (entry.name.startsWith('.')) {
        onOther?.(relative, entry);
        continue;
      }
      if (entry.isDirectory()) {
        if (descend(relative)) yield* walk(relative, descend, onOther);
      } else if (entry.isFile()) {
        yield relative;
      } else {
        onOther?.(relative, entry);
      }
    }
  }

  async function* list(prefix: string): AsyncGenerator<string> {
    assertValidPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const base = slash >= 0 ? prefix.slice(0, slash) : '';
    const descend = (folderKey: string) => `${folderKey}/`.startsWith(prefix) || prefix.startsWith(`${folderKey}/`);
    for await (const relative of walk(base, descend)) {
      if (relative.startsWith(prefix) && isValidKey(relative)) yield relative;
    }
  }

  async function oldEnough(file: string, minAgeMs: number, now: number): Promise<boolean> {
    if (minAgeMs <= 0) return true;
    try {
      return now - (await stat(file)).mtimeMs >= minAgeMs;
    } catch {
      return false;
    }
  }

  /** Removes empty folders below the root (post-order); keeps the root and .tmp. */
  async function pruneEmptyFolders(folder: string): Promise<boolean> {
    let empty = true;
    for (const entry of await readFolder(folder)) {
      if (entry.isDirectory() && !(folder === root && entry.name === TEMP_FOLDER)) {
        if (!(await pruneEmptyFolders(path.join(folder, entry.name)))) empty = false;
      } else {
        empty = false;
      }
    }
    if (empty && folder !== root) {
      try {
        await rmdir(folder);
      } catch {
        return false; // a concurrent put just used it
      }
      return true;
    }
    return false;
  }

  async function sweepOrphans(isKnown: (key: string) => Promise<boolean>, options: SweepOptions = {}): Promise<SweepReport> {
    const minAgeMs = options.minAgeMs ?? 0;
    const now = Date.now();
    const report: SweepReport = { tempRemoved: 0, orphansRemoved: [], foreign: [] };
    for (const entry of await readFolder(tempDir)) {
      const file = path.join(tempDir, entry.name);
      if (!(await oldEnough(file, minAgeMs, now))) continue;
      await rm(file, { force: true, recursive: true });
      report.tempRemoved++;
    }
    const files: string[] = [];
    const onOther = (relative: string) => {
      if (relative !== TEMP_FOLDER) report.foreign.push(relative);
    };
    for await (const relative of walk('', () => true, onOther)) files.push(relative);
    for (const relative of files) {
      if (!isValidKey(relative)) {
        report.foreign.push(relative);
        continue;
      }
      const file = path.join(root, ...relative.split('/'));
      if (!(await oldEnough(file, minAgeMs, now))) continue;
      if (await isKnown(relative)) continue;
      await unlink(file).catch((error) => {
        if (errorCode(error) !== 'ENOENT') throw error;
      });
      report.orphansRemoved.push(relative);
    }
    await pruneEmptyFolders(root);
    durableFolders.clear();
    if (report.tempRemoved > 0 || report.orphansRemoved.length > 0) await fsyncDir(root);
    return report;
  }

  return { kind: 'local', dir: root, pathOf, put, get, delete: del, exists, list, sweepOrphans };
}
