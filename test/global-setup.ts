// One PostgreSQL per test run: the embedded one (a throw-away cluster) by default, or the external
// database in DATABASE_URL. Migrations run once here; test files then run in parallel, each
// creating its own organisations.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../src/server/db/embedded.js';
import { migrateDatabase } from '../src/server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    appRole: boolean;
  }
}

export default async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL;
  let teardown = async () => {};
  if (!url) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhiping-test-'));
    const { chmod } = await import('node:fs/promises');
    await chmod(dataDir, 0o755); // the postgres OS user must reach dataDir/pg when tests run as root
    const db = await startEmbeddedDatabase({ dataDir, port: 0, persistent: false });
    url = db.url;
    teardown = async () => {
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const { appRole } = await migrateDatabase(url);
  project.provide('databaseUrl', url);
  project.provide('appRole', appRole);
  return teardown;
}
