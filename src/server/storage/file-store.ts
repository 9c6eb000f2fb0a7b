// Stored files (scans, generated documents) behind one interface, so the declaration flow does not
// care whether bytes live in a local folder or in an S3-compatible bucket.
//
// Design
// - Keys are made by the server, never taken from a file name: lower-case ASCII letters, digits and
//   `_ - . /`, segments separated by single slashes, no segment starting with '.', no '..', no
//   leading or trailing '/', at most 512 characters and 255 per segment. `assertValidKey` refuses
//   anything else with InvalidFileKeyError before any I/O, so a key can never escape the store's
//   folder or name the local store's private `.tmp/` folder.
// - Stored files are immutable: `put` on a key that exists throws FileExistsError and leaves the
//   stored bytes alone (local: link(2), which fails atomically on an existing name; S3:
//   `If-None-Match: *`). A changed file (a rotated scan) gets a new key. This keeps the SM3 the
//   database recorded at ingest valid for the whole life of the key.
// - `put` returns the SM3 of what it stored; the caller records it in the database row. `get` takes
//   that SM3 back and throws StoredFileCorruptError when the bytes no longer match (bit rot, a torn
//   file, tampering), so nothing unchecked is ever served. A missing key is StoredFileNotFoundError.
// - `delete` is idempotent (deleting a missing key is not an error), like S3.
// - `list(prefix)` yields keys in byte order (the S3 ListObjectsV2 order) on both stores.
// - Crash safety (security.md, Uploads): the sequence is put (durable when it returns) → commit the
//   database row → reply. A crash before the row commits leaves a file no row knows; the start-up
//   sweep (`sweepOrphans`, given a lookup into the database) deletes it, and for the local store also
//   removes temporary files of writes that never finished. The sweep must run before the server
//   accepts uploads (or with `minAgeMs` larger than the longest upload), otherwise it could delete a
//   file whose row is about to commit.
import { sm3Hex } from '../crypto/sm.js';

export interface StoredFile {
  key: string;
  bytes: number;
  /** SM3 of the stored bytes, 64 lower-case hex characters. */
  sm3: string;
}

export interface SweepOptions {
  /** Leave files younger than this alone (a sweep that may overlap uploads). Default 0. */
  minAgeMs?: number;
}

export interface SweepReport {
  /** Temporary files of interrupted writes removed (local store only). */
  tempRemoved: number;
  /** Keys deleted because no database row knows them. */
  orphansRemoved: string[];
  /** Entries that are not valid keys (not made by this server): reported, never deleted. */
  foreign: string[];
}

export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Stores `data` under a new key; durable when the promise resolves. FileExistsError if taken. */
  put(key: string, data: Buffer): Promise<StoredFile>;
  /** Reads a file and checks it against the SM3 recorded at ingest. */
  get(key: string, expectedSm3: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys starting with `prefix` ('' for all), in byte order. */
  list(prefix: string): AsyncIterable<string>;
  /** Start-up sweep: deletes files no database row knows (and, locally, interrupted writes). */
  sweepOrphans(isKnown: (key: string) => Promise<boolean>, options?: SweepOptions): Promise<SweepReport>;
}

export class FileStoreError extends Error {
  override name = 'FileStoreError';
}

export class InvalidFileKeyError extends FileStoreError {
  override name = 'InvalidFileKeyError';
  constructor(readonly key: string, reason: string) {
    super(`invalid file key ${JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)}: ${reason}`);
  }
}

export class StoredFileNotFoundError extends FileStoreError {
  override name = 'StoredFileNotFoundError';
  constructor(readonly key: string) {
    super(`stored file not found: ${key}`);
  }
}

export class FileExistsError extends FileStoreError {
  override name = 'FileExistsError';
  constructor(readonly key: string) {
    super(`stored file already exists: ${key}`);
  }
}

export class StoredFileCorruptError extends FileStoreError {
  override name = 'StoredFileCorruptError';
  constructor(
    readonly key: string,
    readonly expectedSm3: string,
    readonly actualSm3: string,
  ) {
    super(`stored file ${key} does not match its recorded SM3 (expected ${expectedSm3}, found ${actualSm3})`);
  }
}

export const MAX_KEY_LENGTH = 512;
/** NAME_MAX of ext4/xfs: one key segment is one file or folder name in the local store. */
export const MAX_SEGMENT_LENGTH = 255;
const SEGMENT = /^[a-z0-9_-][a-z0-9._-]*$/;
const PREFIX_CHARS = /^[a-z0-9._/-]*$/;
const SM3_HEX = /^[0-9a-f]{64}$/;

/** Why `key` is not a valid key, or null when it is. */
export function keyProblem(key: unknown): string | null {
  if (typeof key !== 'string') return 'not a string';
  if (key.length === 0) return 'empty';
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'leading /';
  if (key.endsWith('/')) return 'trailing /';
  if (key.includes('..')) return 'contains ..';
  for (const segment of key.split('/')) {
    if (segment.length === 0) return 'empty segment (//)';
    if (segment.length > MAX_SEGMENT_LENGTH) return `a segment is longer than ${MAX_SEGMENT_LENGTH} characters`;
    if (!SEGMENT.test(segment)) return 'only a-z 0-9 _ - . / are allowed, and a segment may not start with .';
  }
  return null;
}

export function isValidKey(key: unknown): key is string {
  return keyProblem(key) === null;
}

export function assertValidKey(key: unknown): asserts key is string {
  const problem = keyProblem(key);
  if (problem) throw new InvalidFileKeyError(String(key), problem);
}

/** A list prefix: '' or the beginning of a valid key (it may end with '/'). */
export function assertValidPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string') throw new InvalidFileKeyError(String(prefix), 'prefix is not a string');
  if (prefix === '') return;
  if (prefix.length > MAX_KEY_LENGTH) throw new InvalidFileKeyError(prefix, 'prefix too long');
  if (!PREFIX_CHARS.test(prefix)) throw new InvalidFileKeyError(prefix, 'only a-z 0-9 _ - . / are allowed');
  // A prefix ending mid-segment is checked as if the segment were complete.
  const problem = keyProblem(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  if (problem) throw new InvalidFileKeyError(prefix, problem);
}

export function assertSm3Hex(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !SM3_HEX.test(value)) {
    throw new TypeError('expectedSm3 must be 64 lower-case hex characters (the SM3 recorded at ingest)');
  }
}

/** Throws StoredFileCorruptError unless `data` hashes to `expectedSm3`. */
export function verifySm3(key: string, data: Buffer, expectedSm3: string): Buffer {
  const actual = sm3Hex(data);
  if (actual !== expectedSm3) throw new StoredFileCorruptError(key, expectedSm3, actual);
  return data;
}
