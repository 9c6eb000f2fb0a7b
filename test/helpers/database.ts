// A throw-away database on the run's PostgreSQL, for tests that must not share the common one
// (tampering with the audit log, restoring a backup).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateDatabase } from '../../src/server/db/migrate.js';

export interface ScratchDatabase {
  /** Superuser URL of the new database. */
  url: string;
  appRole: boolean;
  drop(): Promise<void>;
}

async function asAdmin(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(`create database ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  const { appRole } = await migrateDatabase(url.toString());
  return { url: url.toString(), appRole, drop: () => asAdmin(`drop database if exists ${name} with (force)`) };
}
