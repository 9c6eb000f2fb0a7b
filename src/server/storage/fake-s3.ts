// A tiny in-process S3 for tests (node:http): PUT (with If-None-Match: *), GET, HEAD, DELETE and
// ListObjectsV2 on in-memory buckets, path-style or virtual-host style. Every request must carry a
// valid SigV4 Authorization header for the configured key pair: the fake rebuilds the canonical
// request from what arrived on the wire (raw path, raw query, received headers, SHA-256 of the
// received body) and compares signatures, so a wrong secret, a stale date, an altered body or a
// header changed in transit is refused the way S3 refuses it. Test hooks: corrupt an object, put
// one with any key and date, fail the next requests, drop the connection after a PUT.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { canonicalRequest, parseAuthorization, sha256Hex, signature } from './sigv4.js';

export interface FakeS3Options {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  buckets: string[];
  /** Largest page ListObjectsV2 returns (small values exercise continuation tokens). */
  maxKeys?: number;
  /** Host names `<bucket>.<this>` are virtual-host requests. Default 's3.test'. */
  virtualHostSuffix?: string;
}

interface StoredObject {
  data: Buffer;
  lastModified: Date;
  meta: Record<string, string>;
}

export interface FakeS3 {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  close(): Promise<void>;
  objects(bucket: string): Map<string, StoredObject>;
  corrupt(bucket: string, key: string): void;
  putRaw(bucket: string, key: string, data: Buffer, lastModified?: Date): void;
  /** The next `count` requests answer `status` (503 by default) without doing anything. */
  failNext(count: number, status?: number): void;
  /** The next PUT is stored, then its connection is destroyed before any answer. */
  dropNextPutResponse(): void;
  /** Requests answered so far (including refused ones), by outcome. */
  stats: { ok: number; refused: number };
}

const MAX_SKEW_MS = 15 * 60 * 1000;

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function decodeQueryPart(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, '%20'));
}

export async function startFakeS3(options: FakeS3Options): Promise<FakeS3> {
  const buckets = new Map<string, Map<string, StoredObject>>(options.buckets.map((b) => [b, new Map()]));
  const maxKeysLimit = options.maxKeys ?? 1000;
  const suffix = options.virtualHostSuffix ?? 's3.test';
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let dropNextPut = false;
  const stats = { ok: 0, refused: 0 };

  function send(res: http.ServerResponse, status: number, body = '', headers: Record<string, string> = {}) {
    if (status >= 300) stats.refused++;
    else stats.ok++;
    res.writeHead(status, { 'content-type': 'application/xml', ...headers });
    res.end(body);
  }

  function error(res: http.ServerResponse, status: number, code: string, message: string, method?: string) {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`;
    send(res, status, method === 'HEAD' ? '' : body);
  }

  /** null when the request is properly signed, else [status, code, message]. */
  function checkSignature(req: http.IncomingMessage, body: Buffer): [number, string, string] | null {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return [403, 'AccessDenied', 'missing or malformed AWS4-HMAC-SHA256 Authorization header'];
    if (auth.accessKeyId !== options.accessKeyId) return [403, 'InvalidAccessKeyId', 'unknown access key'];
    if (auth.region !== options.region || auth.service !== 's3') return [400, 'AuthorizationHeaderMalformed', 'wrong region or service in the credential scope'];
    for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
      if (!auth.signedHeaders.includes(required)) return [403, 'AccessDenied', `${required} must be signed`];
    }
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
    if (!m || amzDate.slice(0, 8) !== auth.date) return [403, 'AccessDenied', 'x-amz-date missing or not matching the credential scope'];
    const when = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    if (Math.abs(Date.now() - when) > MAX_SKEW_MS) return [403, 'RequestTimeTooSkewed', 'request time too far from server time'];
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== sha256Hex(body)) return [400, 'XAmzContentSHA256Mismatch', 'the body does not match x-amz-content-sha256'];
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const encodedPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query: [string, string][] =
      q >= 0
        ? rawUrl
            .slice(q + 1)
            .split('&')
            .filter((p) => p.length > 0)
            .map((p) => {
              const eq = p.indexOf('=');
              return eq >= 0 ? [decodeQueryPart(p.slice(0, eq)), decodeQueryPart(p.slice(eq + 1))] : [decodeQueryPart(p), ''];
            })
        : [];
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(',') : String(value ?? '');
    const canonical = canonicalRequest({ method: req.method ?? 'GET', encodedPath, query, headers, signedHeaders: auth.signedHeaders, payloadHash });
    const expected = Buffer.from(signature(options.secretAccessKey, amzDate, options.region, canonical), 'hex');
    const given = Buffer.from(auth.signature, 'hex');
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      return [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided'];
    }
    return null;
  }

  function list(res: http.ServerResponse, bucket: string, store: Map<string, StoredObject>, params: URLSearchParams) {
    if (params.get('list-type') !== '2') return error(res, 400, 'InvalidArgument', 'only ListObjectsV2 is supported');
    const prefix = params.get('prefix') ?? '';
    const maxKeys = Math.min(maxKeysLimit, Number(params.get('max-keys') ?? 1000) || 1000);
    const token = params.get('continuation-token');
    const after = token ? Buffer.from(token, 'base64').toString('utf8') : null;
    const keys = [...store.keys()]
      .filter((k) => k.startsWith(prefix) && (after === null || Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const contents = page
      .map((k) => {
        const o = store.get(k)!;
        return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${o.lastModified.toISOString()}</LastModified><ETag>"${crypto.createHash('md5').update(o.data).digest('hex')}"</ETag><Size>${o.data.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${xmlEscape(Buffer.from(page[page.length - 1]).toString('base64'))}</NextContinuationToken>` : '';
    send(
      res,
      200,
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`,
    );
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    const method = req.method ?? 'GET';
    if (failures.count > 0) {
      failures.count--;
      return error(res, failures.status, 'ServiceUnavailable', 'injected failure', method);
    }
    const denied = checkSignature(req, body);
    if (denied) return error(res, denied[0], denied[1], denied[2], method);

    const url = new URL(req.url ?? '/', 'http://fake');
    const hostname = String(req.headers.host ?? '').replace(/:\d+$/, '');
    let bucket: string;
    let encodedKey: string;
    if (hostname.endsWith(`.${suffix}`)) {
      bucket = hostname.slice(0, -suffix.length - 1);
      encodedKey = url.pathname.slice(1);
    } else {
      const [, first, ...rest] = url.pathname.split('/');
      bucket = decodeURIComponent(first ?? '');
      encodedKey = rest.join('/');
    }
    const store = buckets.get(bucket);
    if (!store) return error(res, 404, 'NoSuchBucket', `no bucket ${bucket}`, method);
    const key = decodeURIComponent(encodedKey);
    if (key === '') {
      if (method === 'GET') return list(res, bucket, store, url.searchParams);
      return error(res, 405, 'MethodNotAllowed', 'bucket operations other than list are not supported', method);
    }
    const object = store.get(key);
    switch (method) {
      case 'PUT': {
        if (req.headers['if-none-match'] === '*' && object) return error(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
        const meta: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (name.startsWith('x-amz-meta-')) meta[name] = String(value);
        store.set(key, { data: Buffer.from(body), lastModified: new Date(), meta });
        if (dropNextPut) {
          dropNextPut = false;
          stats.ok++;
          req.socket.destroy();
          return;
        }
        return send(res, 200, '', { etag: `"${crypto.createHash('md5').update(body).digest('hex')}"` });
      }
      case 'GET':
      case 'HEAD': {
        if (!object) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.', method);
        const headers = { ...object.meta, 'content-type': 'application/octet-stream', 'content-length': String(object.data.length), 'last-modified': object.lastModified.toUTCString() };
        stats.ok++;
        res.writeHead(200, headers);
        res.end(method === 'GET' ? object.data : undefined);
        return;
      }
      case 'DELETE':
        store.delete(key);
        return send(res, 204);
      default:
        return error(res, 405, 'MethodNotAllowed', `${method} is not supported`, method);
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (e) {
        error(res, 500, 'InternalError', String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  function bucketStore(bucket: string): Map<string, StoredObject> {
    const store = buckets.get(bucket);
    if (!store) throw new Error(`no bucket ${bucket}`);
    return store;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
    objects: bucketStore,
    corrupt(bucket, key) {
      const object = bucketStore(bucket).get(key);
      if (!object) throw new Error(`no object ${key}`);
      const data = Buffer.from(object.data);
      if (data.length === 0) object.data = Buffer.from([0]);
      else {
        data[data.length >> 1] ^= 0x01;
        object.data = data;
      }
    },
    putRaw(bucket, key, data, lastModified = new Date()) {
      bucketStore(bucket).set(key, { data, lastModified, meta: {} });
    },
    failNext(count, status = 503) {
      failures = { count, status };
    },
    dropNextPutResponse() {
      dropNextPut = true;
    },
  };
}
