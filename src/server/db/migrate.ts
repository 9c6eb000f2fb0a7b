// Applies the checked-in SQL migrations, then (re)grants the application role its privileges.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Returns whether the zhiping_app role exists and this user may switch to it. */
export async function migrateDatabase(url: string): Promise<{ appRole: boolean }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes (several app instances, parallel test workers).
    await client.query('select pg_advisory_lock(7370001)');
    await migrate(drizzle(client), { migrationsFolder });
    await client.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zhiping_app') THEN
          GRANT USAGE ON SCHEMA public TO zhiping_app;
          GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO zhiping_app;
          GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO zhiping_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM zhiping_app;
        END IF;
      END;
      $$;`);
    const role = await client.query(`select pg_has_role(current_user, 'zhiping_app', 'MEMBER') as ok from pg_roles where rolname = 'zhiping_app'`);
    return { appRole: role.rows[0]?.ok === true };
  } finally {
    await client.query('select pg_advisory_unlock(7370001)').catch(() => {});
    await client.end();
  }
}
