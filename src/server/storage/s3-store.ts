// The S3-compatible FileStore (STORAGE=s3): the S3 REST API over Node's fetch, signed with AWS
// Signature V4 (sigv4.ts). Path-style (`https://endpoint/bucket/key`, MinIO and most on-premises
// stores) or virtual-host style (`https://bucket.endpoint/key`).
//
// - put: PUT with `If-None-Match: *` (create-only; S3 answers 412 when the key exists) and the
//   SHA-256 of the body signed, so the store refuses a body damaged in transit. The SM3 is also
//   kept as `x-amz-meta-sm3`. A PUT to S3 is atomic: a reader sees the whole object or nothing, so
//   there is no temporary object; an object whose database row never committed is an orphan that
//   `sweepOrphans` deletes. Stores that ignore If-None-Match replace instead of refusing; keys are
//   random and server-made, so that only matters if two writers pick the same key.
// - get: GET, then the SM3 check against the value recorded in the database.
// - Missing keys: AWS answers 403 instead of 404 when the credentials lack s3:ListBucket, so grant
//   ListBucket (with GetObject, PutObject, DeleteObject) or a missing file reads as an S3 error.
// - Requests that fail with a network error or 500/502/503/504 are retried (3 attempts, backoff);
//   a PUT retried after a lost response that finds the key taken compares `x-amz-meta-sm3`.
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
import { sm3Hex } from '../crypto/sm.js';
import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from './sigv4.js';

export interface S3StoreConfig {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface S3StoreOptions {
  /** Injected for tests (e.g. to reach a virtual-host name without DNS). Default: global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** Attempts for retryable failures. Default 3. */
  attempts?: number;
  /** ListObjectsV2 page size (max-keys). Default 1000. */
  listPageSize?: number;
}

/** An S3 error answer (or a refused request) with S3's error code, e.g. SignatureDoesNotMatch. */
export class S3RequestError extends FileStoreError {
  override name = 'S3RequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`S3 ${status} ${code}: ${message}`);
  }
}

const RETRYABLE = new Set([500, 502, 503, 504]);

function xmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[entity];
  });
}

function xmlTag(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? xmlDecode(m[1]) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface S3FileStore extends FileStore {
  readonly kind: 's3';
  /** The URL of a key (for logs and tests; requests to it must be signed). */
  urlOf(key: string): URL;
}

export function createS3FileStore(config: S3StoreConfig, options: S3StoreOptions = {}): S3FileStore {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const pageSize = options.listPageSize ?? 1000;
  const credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
  const endpoint = new URL(config.endpoint);
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') throw new FileStoreError('S3 endpoint must be http(s)');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(config.bucket)) throw new FileStoreError(`invalid S3 bucket name ${config.bucket}`);
  const basePath = endpoint.pathname.replace(/\/+$/, '');

  /** URL of the bucket root ('/' path) or of an object, with an encoded query string. */
  function urlFor(key: string | null, query: [string, string][] = []): URL {
    const url = new URL(endpoint.origin);
    const objectPath = key === null ? '' : `/${uriEncode(key, true)}`;
    if (config.forcePathStyle) {
      url.pathname = `${basePath}/${uriEncode(config.bucket)}${objectPath}`;
    } else {
      url.hostname = `${config.bucket}.${endpoint.hostname}`;
      url.pathname = `${basePath}${objectPath}` || '/';
    }
    if (query.length > 0) url.search = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join('&');
    return url;
  }

  async function request(
    method: string,
    url: URL,
    init: { body?: Buffer; headers?: Record<string, string>; allowStatus?: number[] } = {},
  ): Promise<{ status: number; headers: Headers; body: Buffer; attempt: number }> {
    const payloadHash = init.body ? sha256Hex(init.body) : EMPTY_SHA256;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(100 * 2 ** (attempt - 2));
      const headers = signRequest({ method, url, headers: init.headers, payloadHash, credentials, region: config.region });
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body: init.body ? new Uint8Array(init.body) : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        lastError = error;
        continue;
      }
      const body = Buffer.from(await response.arrayBuffer());
      if (response.ok || init.allowStatus?.includes(response.status)) {
        return { status: response.status, headers: response.headers, body, attempt };
      }
      const text = body.toString('utf8');
      const error = new S3RequestError(
        response.status,
        xmlTag(text, 'Code') ?? (response.status === 404 ? 'NotFound' : `HTTP${response.status}`),
        xmlTag(text, 'Message') ?? response.statusText,
      );
      if (!RETRYABLE.has(response.status)) throw error;
      lastError = error;
    }
    if (lastError instanceof S3RequestError) throw lastError;
    throw new FileStoreError(`S3 ${method} ${url.pathname} failed: ${(lastError as Error)?.message ?? lastError}`);
  }

  async function headSm3(key: string): Promise<string | null | undefined> {
    const { status, headers } = await request('HEAD', urlFor(key), { allowStatus: [404] });
    if (status === 404) return undefined;
    return headers.get('x-amz-meta-sm3');
  }

  async function put(key: string, data: Buffer): Promise<StoredFile> {
    assertValidKey(key);
    if (!Buffer.isBuffer(data)) throw new TypeError('data must be a Buffer');
    const sm3 = sm3Hex(data);
    const { status, attempt } = await request('PUT', urlFor(key), {
      body: data,
      headers: { 'if-none-match': '*', 'x-amz-meta-sm3': sm3, 'content-type': 'application/octet-stream' },
      allowStatus: [409, 412],
    });
    if (status === 412 || status === 409) {
      // Taken — unless it is our own earlier attempt whose response was lost.
      if (attempt > 1 && (await headSm3(key)) === sm3) return { key, bytes: data.length, sm3 };
      throw new FileExistsError(key);
    }
    return { key, bytes: data.length, sm3 };
  }

  async function get(key: string, expectedSm3: string): Promise<Buffer> {
    assertValidKey(key);
    assertSm3Hex(expectedSm3);
    const { status, body } = await request('GET', urlFor(key), { allowStatus: [404] });
    if (status === 404) {
      const code = xmlTag(body.toString('utf8'), 'Code');
      if (code === 'NoSuchBucket') throw new S3RequestError(404, code, `bucket ${config.bucket} does not exist`);
      throw new StoredFileNotFoundError(key);
    }
    return verifySm3(key, body, expectedSm3);
  }

  async function exists(key: string): Promise<boolean> {
    assertValidKey(key);
    return (await headSm3(key)) !== undefined;
  }

  async function del(key: string): Promise<void> {
    assertValidKey(key);
    await request('DELETE', urlFor(key), { allowStatus: [404] });
  }

  async function* listObjects(prefix: string): AsyncGenerator<{ key: string; lastModified: number }> {
    let token: string | undefined;
    do {
      const query: [string, string][] = [
        ['list-type', '2'],
        ['max-keys', String(pageSize)],
        ['prefix', prefix],
      ];
      if (token) query.push(['continuation-token', token]);
      const { body } = await request('GET', urlFor(null, query));
      const xml = body.toString('utf8');
      for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = xmlTag(m[1], 'Key');
        if (key === undefined) continue;
        const modified = Date.parse(xmlTag(m[1], 'LastModified') ?? '');
        yield { key, lastModified: Number.isNaN(modified) ? 0 : modified };
      }
      token = xmlTag(xml, 'IsTruncated') === 'true' ? xmlTag(xml, 'NextContinuationToken') : undefined;
    } while (token);
  }

  async function* list(prefix: string): AsyncGenerator<string> {
    assertValidPrefix(prefix);
    for await (const { key } of listObjects(prefix)) if (isValidKey(key)) yield key;
  }

  async function sweepOrphans(isKnown: (key: string) => Promise<boolean>, sweepOptions: SweepOptions = {}): Promise<SweepReport> {
    const minAgeMs = sweepOptions.minAgeMs ?? 0;
    const now = Date.now();
    const report: SweepReport = { tempRemoved: 0, orphansRemoved: [], foreign: [] };
    const objects: { key: string; lastModified: number }[] = [];
    for await (const object of listObjects('')) objects.push(object);
    for (const { key, lastModified } of objects) {
      if (!isValidKey(key)) {
        report.foreign.push(key);
        continue;
      }
      if (minAgeMs > 0 && now - lastModified < minAgeMs) continue;
      if (await isKnown(key)) continue;
      await del(key);
      report.orphansRemoved.push(key);
    }
    return report;
  }

  return { kind: 's3', urlOf: (key) => (assertValidKey(key), urlFor(key)), put, get, delete: del, exists, list, sweepOrphans };
}
