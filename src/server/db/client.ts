// Connection pool and Drizzle instance. Pooled connections run as the zhiping_app role, which has
// no UPDATE/DELETE/TRUNCATE on audit_log.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: queries and commands accept both. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * `appRole`: start every connection as zhiping_app (the startup `role` setting, no extra round
 * trip). migrateDatabase() tells whether the role exists; without CREATEROLE it may not, and then
 * the audit trigger alone keeps the log insert-only.
 */
export function connectDatabase(url: string, options: { max?: number; appRole: boolean }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: 'zhiping',
    ...(options.appRole ? { options: '-c role=zhiping_app' } : {}),
  });
  // An idle connection can be cut by the server (a shutdown, a restart, an administrator): pg then
  // emits 'error' on the pool, which without a listener crashes the process. The pool drops that
  // client by itself; the next query opens a new one, and a query in flight fails on its own.
  pool.on('error', (error) => console.warn(`[db] idle connection closed: ${error.message}`));
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
