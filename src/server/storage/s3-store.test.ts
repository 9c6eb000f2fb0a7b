// The S3 store: the shared contract against the in-process fake S3 (path-style and virtual-host
// style), and what only a remote store has: signatures, retries, lost responses, wrong buckets.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm.js';
import { FileExistsError, StoredFileNotFoundError } from './file-store.js';
import { startFakeS3, type FakeS3 } from './fake-s3.js';
import { createS3FileStore, S3RequestError, type S3StoreConfig } from './s3-store.js';
import { fileStoreContract } from './store.contract.js';

const BUCKET = 'zhiping-files';
const KEYS = { accessKeyId: 'ZHIPINGTESTKEY', secretAccessKey: 'zhiping-test-secret/with+chars' };
const REGION = 'cn-northwest-1';

async function fake(maxKeys = 3): Promise<FakeS3> {
  return startFakeS3({ ...KEYS, region: REGION, buckets: [BUCKET], maxKeys });
}

function pathStyle(server: FakeS3, overrides: Partial<S3StoreConfig> = {}): S3StoreConfig {
  return { endpoint: server.url, region: REGION, bucket: BUCKET, ...KEYS, forcePathStyle: true, ...overrides };
}

/** fetch that connects to 127.0.0.1:port whatever the URL's host (virtual-host names without DNS). */
function loopbackFetch(port: number): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    return new Promise<Response>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: init.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: { ...(init.headers as Record<string, string>), host: url.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(',') : v);
            const empty = res.statusCode === 204 || res.statusCode === 304 || init.method === 'HEAD';
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status: res.statusCode, headers }));
          });
        },
      );
      req.on('error', reject);
      if (init.body) req.write(init.body as Uint8Array);
      req.end();
    });
  }) as typeof fetch;
}

fileStoreContract('S3 (fake server, path-style, 3 keys per list page)', async () => {
  const server = await fake();
  return {
    store: createS3FileStore(pathStyle(server)),
    corrupt: async (key) => server.corrupt(BUCKET, key),
    cleanup: () => server.close(),
  };
});

fileStoreContract('S3 (fake server, virtual-host style)', async () => {
  const server = await fake(1000);
  const store = createS3FileStore(
    { endpoint: `http://s3.test:${server.port}`, region: REGION, bucket: BUCKET, ...KEYS, forcePathStyle: false },
    { fetch: loopbackFetch(server.port) },
  );
  return { store, corrupt: async (key) => server.corrupt(BUCKET, key), cleanup: () => server.close() };
});

describe('S3 store', () => {
  let server: FakeS3;
  beforeAll(async () => {
    server = await fake();
  });
  afterAll(() => server.close());

  it('builds path-style and virtual-host URLs', () => {
    expect(createS3FileStore(pathStyle(server)).urlOf('a/b.jpg').href).toBe(`${server.url}/${BUCKET}/a/b.jpg`);
    const vhost = createS3FileStore({ ...pathStyle(server), endpoint: 'https://oss.example.cn', forcePathStyle: false });
    expect(vhost.urlOf('a/b.jpg').href).toBe(`https://${BUCKET}.oss.example.cn/a/b.jpg`);
    expect(() => createS3FileStore({ ...pathStyle(server), bucket: 'Bad_Bucket' })).toThrow();
  });

  it('a wrong secret is refused by the server (SignatureDoesNotMatch) and nothing is stored', async () => {
    const wrong = createS3FileStore(pathStyle(server, { secretAccessKey: 'not-the-secret' }));
    const error = await wrong.put('sig/a.bin', Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3RequestError);
    expect((error as S3RequestError).status).toBe(403);
    expect((error as S3RequestError).code).toBe('SignatureDoesNotMatch');
    expect(server.objects(BUCKET).has('sig/a.bin')).toBe(false);
    // Reads are refused too, not reported as "not found".
    const right = createS3FileStore(pathStyle(server));
    const { sm3 } = await right.put('sig/b.bin', Buffer.from('y'));
    await expect(wrong.get('sig/b.bin', sm3)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
    await expect(wrong.exists('sig/b.bin')).rejects.toBeInstanceOf(S3RequestError);
  });

  it('an unknown access key and a wrong region are refused', async () => {
    await expect(createS3FileStore(pathStyle(server, { accessKeyId: 'OTHER' })).put('sig/c.bin', Buffer.from('x'))).rejects.toMatchObject({
      code: 'InvalidAccessKeyId',
    });
    await expect(createS3FileStore(pathStyle(server, { region: 'us-east-1' })).put('sig/c.bin', Buffer.from('x'))).rejects.toMatchObject({
      code: 'AuthorizationHeaderMalformed',
    });
  });

  it('unsigned requests and bodies altered after signing are refused', async () => {
    expect((await fetch(`${server.url}/${BUCKET}/sig/d.bin`, { method: 'PUT', body: 'x' })).status).toBe(403);
    const tamper: typeof fetch = (input, init) => fetch(input, { ...init, body: init?.body ? Buffer.from('tampered') : undefined });
    await expect(createS3FileStore(pathStyle(server), { fetch: tamper }).put('sig/d.bin', Buffer.from('original'))).rejects.toMatchObject({
      code: 'XAmzContentSHA256Mismatch',
    });
    expect(server.objects(BUCKET).has('sig/d.bin')).toBe(false);
  });

  it('retries 503s, then gives up with the S3 error', async () => {
    const store = createS3FileStore(pathStyle(server));
    server.failNext(2);
    const { sm3 } = await store.put('retry/a.bin', Buffer.from('a'));
    expect((await store.get('retry/a.bin', sm3)).toString()).toBe('a');
    server.failNext(3);
    await expect(store.put('retry/b.bin', Buffer.from('b'))).rejects.toMatchObject({ status: 503 });
    server.failNext(0);
  });

  it('a PUT whose response was lost is retried and recognised as its own (not FileExistsError)', async () => {
    const store = createS3FileStore(pathStyle(server));
    server.dropNextPutResponse();
    const stored = await store.put('lost/a.bin', Buffer.from('lost answer'));
    expect(stored.sm3).toBe(sm3Hex('lost answer'));
    await expect(store.put('lost/a.bin', Buffer.from('lost answer'))).rejects.toBeInstanceOf(FileExistsError);
  });

  it('a missing bucket is a configuration error, not a missing file', async () => {
    const store = createS3FileStore(pathStyle(server, { bucket: 'no-such-bucket' }));
    const error = await store.get('a.bin', sm3Hex('a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3RequestError);
    expect(error).not.toBeInstanceOf(StoredFileNotFoundError);
  });

  it('the sweep honours minAgeMs from LastModified and reports keys it did not make', async () => {
    const own = await fake();
    try {
      const store = createS3FileStore(pathStyle(own));
      own.putRaw(BUCKET, 'old/orphan.bin', Buffer.from('o'), new Date(Date.now() - 3_600_000));
      own.putRaw(BUCKET, 'Foreign Upload.PDF', Buffer.from('f'));
      await store.put('new/orphan.bin', Buffer.from('n'));
      const report = await store.sweepOrphans(async () => false, { minAgeMs: 600_000 });
      expect(report).toEqual({ tempRemoved: 0, orphansRemoved: ['old/orphan.bin'], foreign: ['Foreign Upload.PDF'] });
      expect([...own.objects(BUCKET).keys()].sort()).toEqual(['Foreign Upload.PDF', 'new/orphan.bin']);
    } finally {
      await own.close();
    }
  });
});
