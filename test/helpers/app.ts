// Builds an in-process app on the run's database, and an HTTP client that keeps cookies and sends
// the CSRF token the way the browser does.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { buildApp, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type App } from '../../src/server/app.js';
import { createServices } from '../../src/server/bootstrap.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/server/http/rate-limit.js';
import type { Services } from '../../src/server/services.js';

/**
 * One key for every test app: they share a database, and a list endpoint must be able to decrypt
 * the rows other test files wrote. Test data only; never a production key.
 */
export const TEST_MASTER_KEY = '7a686970696e672d746573742d6b65792d6e6f742d666f722d70726f64756374';

/** Rate limits out of the way, except in the tests about them. */
export const RELAXED_RATE_LIMITS: RateLimits = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, { limit: 1_000_000, windowSeconds: 60 }]),
) as unknown as RateLimits;

export interface TestContext {
  app: App;
  services: Services;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    demo?: boolean;
    rateLimits?: RateLimits;
    /** Another (already migrated) database than the run's, e.g. a throw-away one for tamper tests. */
    databaseUrl?: string;
    /** Whether connections may SET ROLE zhiping_app on that database (what migrateDatabase returned). */
    appRole?: boolean;
    /** Overrides applied to the loaded configuration (e.g. cookieSecure, trustProxy, logLevel, masterKeyHex). */
    config?: Partial<Config>;
    /** Receives the server's log lines (pino JSON), e.g. to check that nothing secret is logged. */
    logStream?: { write(line: string): void };
  } = {},
): Promise<TestContext> {
  const loaded = loadConfig(
    { ZHIPING_MASTER_KEY: TEST_MASTER_KEY, LOG_LEVEL: 'silent', DATA_DIR: '.test-data', ...(options.demo ? { ZHIPING_DEMO: '1' } : {}) },
    [],
  );
  const config: Config = { ...loaded, ...(options.config ?? {}) };
  const services = createServices(
    config,
    { url: options.databaseUrl ?? inject('databaseUrl'), appRole: options.appRole ?? inject('appRole') },
    Buffer.from(config.masterKeyHex!, 'hex'),
    options.rateLimits ?? RELAXED_RATE_LIMITS,
  );
  const app = await buildApp(services, options.logStream ? { logStream: options.logStream } : {});
  await app.ready();
  return {
    app,
    services,
    close: async () => {
      await app.close();
      await services.database.close();
    },
  };
}

export interface TestResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  /** The body's bytes (for binary downloads such as .xlsx). */
  rawBody: Buffer;
  json<T = any>(): T;
}

/** A browser-like client: cookie jar, CSRF header, fixed client IP. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: App,
    readonly ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, url: string, options: { body?: unknown; headers?: Record<string, string>; payload?: Buffer | string; csrf?: boolean } = {}): Promise<TestResponse> {
    if (options.csrf !== false && !['GET', 'HEAD'].includes(method) && !this.cookies.has(CSRF_COOKIE)) {
      await this.request('GET', '/api/auth/csrf');
    }
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (options.csrf !== false && this.cookies.has(CSRF_COOKIE)) headers[CSRF_HEADER] = this.cookies.get(CSRF_COOKIE)!;
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      remoteAddress: this.ip,
      ...(options.payload !== undefined ? { payload: options.payload } : options.body !== undefined ? { payload: options.body as object } : {}),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return { statusCode: response.statusCode, headers: response.headers, body: response.body, rawBody: response.rawPayload, json: () => JSON.parse(response.body) };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, { body: body ?? {} });
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, { body: body ?? {} });
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(identifier: string, password: string, totpCode?: string): Promise<TestResponse> {
    return this.post('/api/auth/login', { identifier, password, ...(totpCode ? { totpCode } : {}) });
  }

  get sessionToken(): string | undefined {
    return this.cookies.get(SESSION_COOKIE);
  }
}

/**
 * A logged-in client for a fresh account holding `role` at `orgId`. Staff roles get TOTP enabled
 * and log in with a current code, as in production.
 */
export async function signIn(t: TestContext, role: import('../../src/domain/roles.js').Role | null, orgId: string | null = null) {
  const { createUser, currentTotp } = await import('../factories.js');
  const needsTotp = role !== null && role !== 'applicant';
  const user = await createUser(t.services, { role: role ?? undefined, orgId, totp: needsTotp, membership: role === 'applicant' && orgId ? 'confirmed' : undefined });
  const client = new TestClient(t.app);
  const response = await client.login(user.username, user.password, needsTotp ? currentTotp(user) : undefined);
  if (response.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${response.statusCode} ${response.body}`);
  return { client, user };
}
