// Throughput and latency of Zhiping's hottest requests next to a bare Fastify + pg baseline, in one
// run on one database, over real HTTP on loopback. `npm run bench`. No assertions: it prints a
// table. Uses the embedded PostgreSQL in a temporary directory, or DATABASE_URL when set.
//
//   baseline INSERT   bare Fastify, POST → one-row INSERT through pg
//   baseline SELECT   bare Fastify, GET → one-row SELECT by primary key through pg
//   login             Zhiping POST /api/auth/login (PBKDF2-HMAC-SM3, 120 000 iterations)
//   me                Zhiping GET /api/me with a session cookie
//   save section      Zhiping PUT /api/me/applications/:id/sections/other (autosave), vs INSERT
//   submit            Zhiping POST /api/me/applications/:id/submit of a complete application, vs INSERT
//   baseline upload   bare Fastify, POST a 2 MB body streamed to a file and fsynced
//   upload            Zhiping POST /api/me/files, the same 2 MB JPEG with full validation
//   unit queue        Zhiping GET /api/unit/applications (one page of 100) over 100 000 applications
//                     of one unit, vs SELECT
//   评审表            PDF generation: ms per form, and 1 000 forms in a batch over one process per core
//
// Each case sends a fixed number of requests at a fixed concurrency, and stops early at a time
// cap, so the whole run stays well under two minutes on 2 cores.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { generateTotpSecret, totpCode } from '../src/server/crypto/totp.js';
import { buildApp, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../src/server/app.js';
import { createServices } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import { hashPassword, PASSWORD_HASH_ITERATIONS } from '../src/server/crypto/password-hash.js';
import { startEmbeddedDatabase } from '../src/server/db/embedded.js';
import { migrateDatabase } from '../src/server/db/migrate.js';
import { applicationMaterials, applications, archiveRecords, files, memberships, organisations, roleAssignments, users } from '../src/server/db/schema.js';
import { DECLARATION_SECTIONS, requiredCount, type FormValues } from '../src/domain/application/index.js';
import { applicableSlots } from '../src/domain/campaign/queries.js';
import { insertNewCampaign } from '../src/server/commands/campaign/rules.js';
import { demoArchive } from '../src/server/seed/demo-archives.js';
import { readCampaignFiles } from '../src/server/seed/campaigns.js';
import { practiceCampaign } from '../src/server/seed/practice-campaigns.js';
import sharp from 'sharp';
import { makeIdNumber } from '../src/domain/id-number.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../src/server/http/rate-limit.js';

const CONCURRENCY = 10;
const CASES = {
  insert: { requests: 15_000, maxSeconds: 10 },
  select: { requests: 15_000, maxSeconds: 10 },
  login: { requests: 200, maxSeconds: 20 },
  me: { requests: 5_000, maxSeconds: 15 },
  saveSection: { requests: 2_000, maxSeconds: 15 },
  submit: { requests: 500, maxSeconds: 15 },
  upload: { requests: 60, maxSeconds: 20 },
  queue: { requests: 2_000, maxSeconds: 15 },
};
const QUEUE_APPLICATIONS = 100_000;
const WARM_UP = 50;

interface Result {
  name: string;
  sent: number;
  errors: number;
  errorStatuses: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sends `total` requests from `CONCURRENCY` workers, or fewer if `maxSeconds` runs out. */
async function measure(
  name: string,
  total: number,
  maxSeconds: number,
  send: (i: number, worker: number) => Promise<number>,
  /** Untimed set-up before each request (e.g. putting a submitted application back to draft). */
  prepare?: (i: number, worker: number) => Promise<void>,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const errorStatuses: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async (w: number) => {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      if (prepare) await prepare(i, w);
      const t0 = performance.now();
      let status = 0;
      try {
        status = await send(i, w);
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - t0);
      if (status < 200 || status >= 300) {
        errors++;
        errorStatuses[status || 'network'] = (errorStatuses[status || 'network'] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = { name, sent: latencies.length, errors, errorStatuses, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  const statuses = Object.entries(errorStatuses).map(([s, n]) => `${n}× ${s}`).join(', ');
  console.log(`  ${name}: ${result.sent} requests in ${seconds.toFixed(1)} s${errors ? `, ${errors} not 2xx (${statuses})` : ''}`);
  return result;
}

async function warmUp(send: (i: number, worker: number) => Promise<number>, count = WARM_UP) {
  for (let i = 0; i < count; i++) await send(i, i % CONCURRENCY).catch(() => 0);
}

/** 评审表 generation: `total` forms split over one child process per core. */
async function reviewFormBatch(total: number) {
  const processes = Math.max(1, os.cpus().length);
  const started = performance.now();
  const outputs = await Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const count = Math.floor(total / processes) + (i < total % processes ? 1 : 0);
      return new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'review-form-batch.ts'), String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`review-form-batch exited with ${code}`))));
      });
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const parsed = outputs.map((o) => o.split(' ').map(Number));
  const firstMs = parsed[0][0];
  const restMs = parsed.reduce((sum, [, rest]) => sum + rest, 0);
  return { total, processes, wallSeconds, firstMs, msEach: restMs / (total - processes) };
}

async function main() {
  const runStarted = performance.now();
  console.log(`Zhiping bench — ${os.cpus().length} cores, Node ${process.version}, concurrency ${CONCURRENCY}, real HTTP on 127.0.0.1\n`);

  // ---- database --------------------------------------------------------------------------------
  let url = process.env.DATABASE_URL;
  let stopDatabase = async () => {};
  if (url) {
    console.log('database: DATABASE_URL');
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-bench-'));
    await chmod(dataDir, 0o755); // the postgres OS user must reach dataDir/pg when run as root
    const db = await startEmbeddedDatabase({ dataDir, port: 0, persistent: false });
    url = db.url;
    stopDatabase = async () => {
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
    console.log(`database: embedded PostgreSQL in ${dataDir}`);
  }

  const cleanups: (() => Promise<void>)[] = [];
  try {
    const { appRole } = await migrateDatabase(url);

    // ---- baseline: bare Fastify + pg ---------------------------------------------------------
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    cleanups.push(() => pool.end());
    const table = `bench_scratch_${randomBytes(4).toString('hex')}`;
    await pool.query(`create table ${table} (id bigserial primary key, payload text not null, created_at timestamptz not null default now())`);
    cleanups.push(async () => void (await pool.query(`drop table if exists ${table}`)));
    await pool.query(`insert into ${table} (payload) select 'seed ' || g from generate_series(1, 1000) g`);

    const bare = Fastify({ logger: false });
    bare.post('/insert', async (req) => {
      const { rows } = await pool.query(`insert into ${table} (payload) values ($1) returning id`, [(req.body as { payload: string }).payload]);
      return { id: rows[0].id };
    });
    bare.get('/select/:id', async (req, reply) => {
      const { rows } = await pool.query(`select id, payload, created_at from ${table} where id = $1`, [(req.params as { id: string }).id]);
      return rows[0] ?? reply.status(404).send({});
    });
    // Raw streaming to disk: the request body piped to a new file, fsynced, no inspection.
    const uploadDir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-bench-raw-'));
    cleanups.push(() => rm(uploadDir, { recursive: true, force: true }));
    bare.addContentTypeParser('application/octet-stream', (_req, _payload, done) => done(null));
    bare.post('/upload', async (req) => {
      const file = path.join(uploadDir, `${randomBytes(8).toString('hex')}.bin`);
      await pipeline(req.raw, createWriteStream(file));
      const handle = await open(file, 'r');
      await handle.sync();
      await handle.close();
      return { ok: true };
    });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => bare.close());
    const barePort = (bare.server.address() as { port: number }).port;

    // ---- Zhiping, in this process, rate limits lifted (they would answer 429 after 10 log-ins) -
    const config = loadConfig({ ZHIPING_MASTER_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', DATA_DIR: path.join(os.tmpdir(), 'zhiping-bench-files') }, []);
    const relaxed = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, { limit: 1_000_000_000, windowSeconds: 60 }])) as unknown as RateLimits;
    const services = createServices(config, { url, appRole }, Buffer.from(config.masterKeyHex!, 'hex'), relaxed);
    cleanups.push(() => services.database.close());
    const app = await buildApp(services);
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const appPort = (app.server.address() as { port: number }).port;

    // One applicant per client worker (ten people logging in, not one person ten times: a single
    // account allows only a few log-ins in flight), confirmed members of a unit, the password
    // hashed as in production.
    const tag = randomBytes(4).toString('hex');
    const insertOrg = async (values: typeof organisations.$inferInsert) =>
      (await services.db.insert(organisations).values(values).returning({ id: organisations.id }))[0].id;
    const regionId = await insertOrg({ kind: 'region', name: `压测自治区${tag}` });
    const prefectureId = await insertOrg({ kind: 'prefecture', name: `压测地州${tag}`, parentId: regionId, portal: `b${tag}` });
    const unitId = await insertOrg({ kind: 'unit', name: `压测单位${tag}`, parentId: prefectureId, unitKind: 'public_institution' });
    const password = 'Bench#quiet-River7';
    const passwordHash = await hashPassword(password);
    const idNumbers: string[] = [];
    for (let w = 0; w < CONCURRENCY; w++) {
      const idNumber = makeIdNumber(`65282519900101${String((parseInt(tag.slice(0, 4), 16) + w) % 1000).padStart(3, '0')}`);
      const phone = `139${String((parseInt(tag, 16) + w) % 100_000_000).padStart(8, '0')}`;
      const [user] = await services.db
        .insert(users)
        .values({
          username: `bench${tag}${w}`,
          name: `压测用户${w}`,
          idNumberEnc: services.cipher.encrypt(idNumber),
          idNumberIndex: services.cipher.blindIndex(idNumber),
          phoneEnc: services.cipher.encrypt(phone),
          phoneIndex: services.cipher.blindIndex(phone),
          passwordHash,
        })
        .returning({ id: users.id });
      await services.db.insert(roleAssignments).values({ userId: user.id, role: 'applicant', orgId: unitId });
      await services.db.insert(memberships).values({ userId: user.id, unitId, status: 'confirmed' });
      idNumbers.push(idNumber);
    }

    const csrf = await request(appPort, 'GET', '/api/auth/csrf');
    const csrfToken = (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken;
    const loginHeaders = { cookie: `${CSRF_COOKIE}=${csrfToken}`, [CSRF_HEADER]: csrfToken };
    const loginBodies = idNumbers.map((identifier) => JSON.stringify({ identifier, password }));
    const first = await request(appPort, 'POST', '/api/auth/login', loginHeaders, loginBodies[0]);
    if (first.status !== 200) throw new Error(`bench log-in failed: ${first.status} ${first.body}`);
    const setCookie = ([] as string[]).concat(first.headers['set-cookie'] ?? []);
    const sessionCookie = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];
    const meHeaders = { cookie: `${sessionCookie}; ${CSRF_COOKIE}=${csrfToken}` };

    // ---- declaration fixtures: a campaign open now, each worker's archive and two applications -
    // One application per worker is edited by the autosave case; the other is complete (archive
    // records picked, every required slot filled, commitment signed) and is put back to draft
    // (untimed) before each submit.
    const bayingol = (await readCampaignFiles()).find((f) => f.campaign.id === 'bayingol-2021-news')!.campaign;
    const prefectureName = `压测地州${tag}`;
    const practice = practiceCampaign({ ...bayingol, prefecture: { ...bayingol.prefecture, name: prefectureName } }, new Date())!;
    const saveCampaign = { ...practice, id: `bench-save-${tag}` };
    const submitCampaign = { ...practice, id: `bench-submit-${tag}` };
    for (const c of [saveCampaign, submitCampaign]) {
      await services.db.transaction((tx) => insertNewCampaign(tx, { campaign: c, prefectureId, origin: 'created', userId: null, publish: true }));
    }
    const workerCookies: string[] = [];
    const saveApplications: { id: string; version: number }[] = [];
    const submitApplications: string[] = [];
    const scan = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    for (let w = 0; w < CONCURRENCY; w++) {
      const login = await request(appPort, 'POST', '/api/auth/login', loginHeaders, loginBodies[w]);
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];
      workerCookies.push(`${cookie}; ${CSRF_COOKIE}=${csrfToken}`);
      const [user] = await services.db.select({ id: users.id }).from(users).where(eq(users.username, `bench${tag}${w}`));
      const records = await services.db
        .insert(archiveRecords)
        .values(demoArchive('bz', new Date().getFullYear()).map((r) => ({ userId: user.id, kind: r.kind, data: r.data })))
        .returning({ id: archiveRecords.id, kind: archiveRecords.kind });
      const form: FormValues = {};
      for (const section of DECLARATION_SECTIONS) {
        form[section.id] = Object.fromEntries(
          section.fields.map((f) => {
            if (f.type !== 'records') return [f.id, '无'];
            const ids = records.filter((r) => r.kind === f.kind).map((r) => r.id);
            return [f.id, ids.length > 0 ? ids : '无'];
          }),
        );
      }
      const common = { applicantId: user.id, unitId, campaignVersion: 1, year: practice.year, seriesId: 'news', specialtyId: 'reporter', level: '中级', pathId: 'prefecture' };
      const [saveApp] = await services.db.insert(applications).values({ ...common, campaignId: saveCampaign.id }).returning();
      saveApplications.push({ id: saveApp.id, version: saveApp.version });
      const [submitApp] = await services.db
        .insert(applications)
        .values({ ...common, campaignId: submitCampaign.id, form, commitmentSignedAt: new Date() })
        .returning();
      submitApplications.push(submitApp.id);
      const facts = { level: '中级' as const, seriesId: 'news', specialtyId: 'reporter', pathKind: 'prefecture' as const, unitKind: 'public_institution' as const, countyLevelOrBelow: false, hasCurrentTitle: true, educationVerified: true, continuingEducationExempt: false, post: '记者' };
      for (const slot of applicableSlots(submitCampaign, facts)) {
        for (let k = 0; k < requiredCount(slot); k++) {
          const stored = await services.files.put(`scans/${user.id}/bench-${tag}-${slot.id}-${k}.jpg`, scan);
          const [file] = await services.db
            .insert(files)
            .values({ ownerId: user.id, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'jpg', originalName: 'scan.jpg', pages: 1, leakStatus: 'done' })
            .returning({ id: files.id });
          await services.db.insert(applicationMaterials).values({ applicationId: submitApp.id, slotId: slot.id, fileId: file.id, position: k });
        }
      }
    }
    const probe = await request(appPort, 'POST', `/api/me/applications/${submitApplications[0]}/submit`, { cookie: workerCookies[0], [CSRF_HEADER]: csrfToken }, '{}');
    if (probe.status !== 200) throw new Error(`bench submit fixture is not submittable: ${probe.status} ${probe.body.slice(0, 600)}`);

    // A 2 MB JPEG: a 2048 × 2048 page with scanner grain (noise keeps JPEG from compressing it away).
    const side = 2048;
    const noise = Buffer.alloc(side * side * 3);
    for (let i = 0, x = 12345; i < noise.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      noise[i] = 160 + (x >>> 26);
    }
    const bigJpeg = await sharp(noise, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
    const boundary = `----zhipingbench${tag}`;
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      bigJpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);

    // ---- a unit with 100 000 applications and its reviewer (TOTP enrolled, as staff must be) ----
    const queueUnitId = await insertOrg({ kind: 'unit', name: `压测大单位${tag}`, parentId: prefectureId, unitKind: 'public_institution' });
    await services.db.execute(sql`
      insert into users (username, name, password_hash)
      select ${`benchq${tag}-`} || g, '压测申报人' || g, 'x' from generate_series(1, ${QUEUE_APPLICATIONS}) g`);
    await services.db.execute(sql`
      insert into applications (applicant_id, unit_id, campaign_id, campaign_version, year, series_id, specialty_id, level, path_id, status, submitted_at, submission_count)
      select u.id, ${queueUnitId}, ${saveCampaign.id}, 1, ${practice.year}, 'news', 'reporter',
             case when random() < 0.5 then '中级' else '初级' end, 'prefecture',
             (array['unit_review','unit_publicity','returned','dept_review','office_review'])[1 + floor(random() * 5)::int],
             now() - make_interval(secs => random() * 60 * 86400), 1
      from users u where u.username like ${`benchq${tag}-%`}`);
    await services.db.execute(sql`analyze applications`);
    const reviewerSecret = generateTotpSecret();
    const [reviewer] = await services.db
      .insert(users)
      .values({ username: `benchunit${tag}`, name: '压测审核员', passwordHash, totpEnabled: true, totpSecretEnc: services.cipher.encrypt(reviewerSecret) })
      .returning({ id: users.id });
    await services.db.insert(roleAssignments).values({ userId: reviewer.id, role: 'unit_reviewer', orgId: queueUnitId });
    const reviewerLogin = await request(appPort, 'POST', '/api/auth/login', loginHeaders, JSON.stringify({ identifier: `benchunit${tag}`, password, totpCode: totpCode(reviewerSecret, Date.now()) }));
    if (reviewerLogin.status !== 200) throw new Error(`bench reviewer log-in failed: ${reviewerLogin.status} ${reviewerLogin.body}`);
    const reviewerCookie = ([] as string[]).concat(reviewerLogin.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0];
    const queueHeaders = { cookie: `${reviewerCookie}; ${CSRF_COOKIE}=${csrfToken}` };
    const queueTotal = Number((await request(appPort, 'GET', '/api/unit/applications?status=unit_review', queueHeaders)).headers['x-total-count']);

    // ---- the cases ---------------------------------------------------------------------------
    const sendInsert = async (i: number) => (await request(barePort, 'POST', '/insert', {}, JSON.stringify({ payload: `row ${i}` }))).status;
    const sendSelect = async (i: number) => (await request(barePort, 'GET', `/select/${(i % 1000) + 1}`)).status;
    const firstErrors = new Map<string, string>();
    const noteError = (name: string, r: { status: number; body: string }) => {
      if ((r.status < 200 || r.status >= 300) && !firstErrors.has(name)) firstErrors.set(name, `${r.status} ${r.body.slice(0, 200)}`);
      return r.status;
    };
    const sendLogin = async (_i: number, worker: number) => noteError('login', await request(appPort, 'POST', '/api/auth/login', loginHeaders, loginBodies[worker]));
    const sendMe = async () => noteError('me', await request(appPort, 'GET', '/api/me', meHeaders));
    const workerHeaders = (w: number) => ({ cookie: workerCookies[w], [CSRF_HEADER]: csrfToken });
    const sendSave = async (i: number, w: number) => {
      const app = saveApplications[w];
      const r = await request(appPort, 'PUT', `/api/me/applications/${app.id}/sections/other`, workerHeaders(w), JSON.stringify({ version: app.version, values: { note: `第 ${i} 次自动保存` } }));
      if (r.status === 200) app.version = (JSON.parse(r.body) as { version: number }).version;
      return noteError('save section', r);
    };
    const resetSubmit = async (_i: number, w: number) => {
      await services.db.update(applications).set({ status: 'draft', submissionCount: 0 }).where(eq(applications.id, submitApplications[w]));
    };
    const sendSubmit = async (_i: number, w: number) =>
      noteError('submit', await request(appPort, 'POST', `/api/me/applications/${submitApplications[w]}/submit`, workerHeaders(w), '{}'));
    const sendQueue = async (i: number) =>
      noteError('unit queue', await request(appPort, 'GET', `/api/unit/applications?status=unit_review&page=${1 + (i % 50)}&pageSize=100`, queueHeaders));
    const sendRawUpload = async () =>
      (await request(barePort, 'POST', '/upload', { 'content-type': 'application/octet-stream', 'content-length': String(bigJpeg.length) }, bigJpeg)).status;
    const sendUpload = async (_i: number, w: number) =>
      noteError(
        'upload',
        await request(appPort, 'POST', '/api/me/files', { ...workerHeaders(w), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(multipart.length) }, multipart),
      );

    console.log('\nwarming up …');
    await warmUp(sendInsert);
    await warmUp(sendSelect);
    await warmUp(sendMe);
    await warmUp(sendLogin, CONCURRENCY);

    console.log('measuring …');
    const insert = await measure('baseline INSERT', CASES.insert.requests, CASES.insert.maxSeconds, sendInsert);
    const select = await measure('baseline SELECT', CASES.select.requests, CASES.select.maxSeconds, sendSelect);
    const login = await measure('POST /api/auth/login', CASES.login.requests, CASES.login.maxSeconds, sendLogin);
    const me = await measure('GET /api/me', CASES.me.requests, CASES.me.maxSeconds, sendMe);
    await warmUp(sendSave, CONCURRENCY);
    const save = await measure('PUT …/sections/:id (autosave)', CASES.saveSection.requests, CASES.saveSection.maxSeconds, sendSave);
    const submit = await measure('POST …/submit', CASES.submit.requests, CASES.submit.maxSeconds, sendSubmit, resetSubmit);
    await warmUp(sendQueue);
    const queue = await measure('GET /api/unit/applications (100k)', CASES.queue.requests, CASES.queue.maxSeconds, sendQueue);
    const rawUpload = await measure('baseline upload (raw to disk)', CASES.upload.requests, CASES.upload.maxSeconds, sendRawUpload);
    const upload = await measure('POST /api/me/files (2 MB JPEG)', CASES.upload.requests, CASES.upload.maxSeconds, sendUpload);

    for (const [name, first] of firstErrors) console.log(`  first error of ${name}: ${first}`);
    const forms = await reviewFormBatch(1000);

    // ---- the table ---------------------------------------------------------------------------
    const rows: [Result, Result | null][] = [
      [insert, null],
      [select, null],
      [login, insert],
      [me, select],
      [save, insert],
      [submit, insert],
      [queue, select],
      [rawUpload, null],
      [upload, rawUpload],
    ];
    const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
    const header = ['case', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'req/s vs baseline', 'p50 vs baseline'];
    const lines = rows.map(([r, base]) => [
      r.name,
      `${r.sent}${r.errors ? ` (${r.errors} err)` : ''}`,
      fmt(r.rps),
      fmt(r.p50, 2),
      fmt(r.p99, 2),
      base ? `${fmt(r.rps / base.rps, 3)}× of ${base.name.replace('baseline ', '')}` : '—',
      base ? `${fmt(r.p50 / base.p50, 1)}× of ${base.name.replace('baseline ', '')}` : '—',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const print = (cells: string[]) => console.log('  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
    console.log('');
    print(header);
    print(widths.map((w) => '-'.repeat(w)));
    lines.forEach(print);
    const mbps = (r: Result) => ((r.sent - r.errors) * bigJpeg.length) / 1024 / 1024 / r.seconds;
    console.log(
      `\n  upload of a ${(bigJpeg.length / 1024 / 1024).toFixed(2)} MB JPEG: raw streaming to disk ${fmt(mbps(rawUpload))} MB/s, ` +
        `Zhiping with full validation ${fmt(mbps(upload))} MB/s = ${fmt(mbps(upload) / mbps(rawUpload), 3)}× of raw`,
    );
    console.log(
      `  评审表 PDF (4 pages, Noto Sans SC subset, watermark on every page): ${fmt(forms.msEach, 1)} ms each after the first (first ${fmt(forms.firstMs, 0)} ms, fonts loaded); ` +
        `${forms.total} in a batch on ${forms.processes} processes: ${fmt(forms.wallSeconds, 1)} s wall, ${fmt(forms.total / forms.wallSeconds, 1)} forms/s (process start-up included)`,
    );
    console.log(`
Notes:
  - login is dominated by PBKDF2-HMAC-SM3 at ${PASSWORD_HASH_ITERATIONS.toLocaleString('en')} iterations (deliberately slow password
    hashing, run on libuv's thread pool of ${process.env.UV_THREADPOOL_SIZE ?? 4} threads over ${os.cpus().length} cores); its ratio to a one-row INSERT measures
    that cost, not the framework. Each log-in also writes a session, an audit entry and rate-limit rows.
    Ten accounts, one per client worker, each logging in again and again.
  - Zhiping runs in this process with its rate limits lifted (by default 10 log-ins a minute per
    account answer 429); everything else (CSRF, session lookup, access control, audit) is as served.
  - GET /api/me resolves the session, loads the actor and its roles, and decrypts and masks the
    ID and phone numbers: several queries against the baseline's one.
  - Same process, same PostgreSQL, same pool size (10) and the same keep-alive HTTP client for all
    cases; the client shares the server's process and cores, so absolute figures are conservative.
  - A case stops early at its time cap (requests column shows how many were sent).
  - save section validates the values, bumps the version under a guarded UPDATE, writes an audit row
    (SM3 chain, serialised by an advisory lock) and answers the whole application view: campaign,
    archive records, eligibility verdict, materials, problems and timeline — the page needs them
    after every save, so the case measures what a phone actually waits for.
  - submit runs every check (window, cap, form, materials, masking, commitment, eligibility), freezes
    the archive snapshot, writes the timeline and audit rows and answers the view; the application is
    put back to draft before each request, untimed.
  - unit queue: one page of 100 of a unit with ${QUEUE_APPLICATIONS.toLocaleString('en')} applications (${queueTotal} waiting at the unit), pages 1–50,
    filtered by status, oldest submission first, with the total count — against the baseline's one-row SELECT.
  - upload: Zhiping sniffs the type, decodes and re-encodes the image (no EXIF survives), measures
    sharpness and ink, writes durably (temp → fsync → rename → fsync dir), records the SM3 and queues
    the OCR job; the baseline only streams the bytes to a file and fsyncs it.
total bench time ${((performance.now() - runStarted) / 1000).toFixed(1)} s`);
  } finally {
    for (const c of cleanups.reverse()) await c().catch((e) => console.error('cleanup:', (e as Error).message));
    agent.destroy();
    await stopDatabase();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
