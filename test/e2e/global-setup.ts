// Starts the real server once for all journeys: builds the web app if it is missing or stale,
// then runs src/server/main.ts --demo (what `npm start` runs) on a free port with a fresh
// temporary DATA_DIR, so it starts its own embedded PostgreSQL and loads the demo data. Waits for
// /api/health. Provides the server's address (`baseUrl`) and, for a journey that has to play the
// clock (review-chain.test.ts moves a publicity period into the past), the URL of that embedded
// database (`databaseUrl`). Teardown sends SIGINT, waits for a clean exit, makes sure the embedded PostgreSQL
// is gone and removes DATA_DIR.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort, runningEmbeddedDatabaseUrl } from '../../src/server/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The running server's embedded PostgreSQL (its DATA_DIR's pg-port and pg-password). */
    databaseUrl: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 180_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise<boolean>((resolve) => {
    // The timer is cleared on exit: a pending one would keep vitest's process alive for `ms`.
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The embedded PostgreSQL this run started, if the server left it behind: stop it by its pid file. */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  // The server's stop() signals PostgreSQL; give its shut-down a moment to finish by itself.
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
  if (!alive(pid)) return;
  console.warn(`[e2e] the embedded PostgreSQL (pid ${pid}) outlived the server by 5 s: stopping it`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export default async function setup(project: TestProject) {
  // 1. The web app, built the way `npm start` builds it.
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web-build.mjs')], { cwd: root, stdio: 'inherit' });
  if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('[e2e] dist/web/index.html missing after the web build');

  // 2. The server, on a free port, with its own DATA_DIR (so its own embedded PostgreSQL).
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-e2e-'));
  await chmod(dataDir, 0o755); // the postgres OS user must reach DATA_DIR/pg when run as root
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // always the embedded database: a clean slate per run
  delete env.ZHIPING_MASTER_KEY; // demo mode generates one into DATA_DIR
  // `tsx src/server/main.ts --demo`, as one Node process so SIGINT reaches the server itself.
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--demo'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.pipe(log, { end: false });
  server.stderr!.pipe(log, { end: false });
  const serverLog = async () => (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-40).join('\n');

  const teardown = async () => {
    const stopping = Date.now();
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT');
      if (!(await waitForExit(server, 30_000))) {
        console.warn('[e2e] server did not stop within 30 s of SIGINT: killing it');
        server.kill('SIGKILL');
        await waitForExit(server, 5_000);
      }
    }
    await stopLeftoverPostgres(dataDir);
    log.end();
    console.log(`[e2e] server stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
    if (process.env.E2E_KEEP_DATA) console.log(`[e2e] DATA_DIR kept: ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  };

  // 3. Wait until it answers /api/health (the first start initialises PostgreSQL and seeds demo data).
  const started = Date.now();
  try {
    for (;;) {
      if (server.exitCode !== null || server.signalCode !== null) {
        throw new Error(`[e2e] the server exited during start-up (code ${server.exitCode}, signal ${server.signalCode}):\n${await serverLog()}`);
      }
      try {
        const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`[e2e] the server did not become healthy within ${START_TIMEOUT_MS / 1000} s:\n${await serverLog()}`);
      await sleep(250);
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  // Healthy means its database is up, so DATA_DIR names the port and password by now.
  const databaseUrl = runningEmbeddedDatabaseUrl(dataDir);
  if (!databaseUrl) {
    await teardown();
    throw new Error(`[e2e] the server is up but ${dataDir} names no running embedded PostgreSQL (zhiping.pid, pg-port, pg-password)`);
  }
  console.log(`[e2e] server up at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (DATA_DIR ${dataDir})`);
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', databaseUrl);
  return teardown;
}
