// Logical backup and restore of a Zhiping installation: every table of the public schema as
// JSON lines (row_to_json, so types round-trip through json_populate_recordset), the stored files,
// and a manifest with row counts, SM3 hashes and the migration level. Restore goes into a fresh,
// migrated database and verifies counts and hashes before it reports success.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { sm3Hex } from '../crypto/sm.js';

const BATCH = 1000;
const MANIFEST = 'manifest.json';

export interface BackupManifest {
  format: 'zhiping-backup/1';
  createdAt: string;
  migrations: number;
  tables: { name: string; rows: number; sm3: string }[];
  files: { path: string; bytes: number; sm3: string }[];
}

/** Tables in an order where every referenced table comes before the tables that reference it. */
async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`);
  const ordered: string[] = [];
  const visit = (name: string, trail: Set<string>) => {
    if (ordered.includes(name) || trail.has(name)) return;
    trail.add(name);
    for (const e of edges) if (e.child === name && e.parent !== name) visit(e.parent, trail);
    ordered.push(name);
  };
  for (const t of tables) visit(t.name, new Set());
  return ordered;
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // .tmp holds uploads not yet committed (see storage/local-store.ts): never part of a backup.
    if (dir === root && entry.name === '.tmp') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, full)));
    else if (entry.isFile()) out.push(path.relative(root, full));
  }
  return out.sort();
}

async function migrationCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return rows[0].n;
}

export async function backup(databaseUrl: string, filesDir: string, outDir: string): Promise<BackupManifest> {
  await mkdir(path.join(outDir, 'tables'), { recursive: true });
  await mkdir(path.join(outDir, 'files'), { recursive: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const manifest: BackupManifest = { format: 'zhiping-backup/1', createdAt: new Date().toISOString(), migrations: 0, tables: [], files: [] };
  try {
    // One snapshot for every table, so the copy is consistent while the server keeps running.
    await client.query('begin isolation level repeatable read read only');
    manifest.migrations = await migrationCount(client);
    for (const table of await tablesInDependencyOrder(client)) {
      const out = createWriteStream(path.join(outDir, 'tables', `${table}.jsonl`));
      let rows = 0;
      let digest = '';
      for (let offset = 0; ; offset += BATCH) {
        const { rows: batch } = await client.query<{ line: string }>(
          `select row_to_json(t)::text as line from ${pg.escapeIdentifier(table)} t order by ctid limit ${BATCH} offset ${offset}`,
        );
        for (const { line } of batch) {
          out.write(line + '\n');
          digest = sm3Hex(digest + line);
        }
        rows += batch.length;
        if (batch.length < BATCH) break;
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      manifest.tables.push({ name: table, rows, sm3: digest });
    }
    await client.query('commit');
  } finally {
    await client.end();
  }
  for (const file of await listFiles(filesDir)) {
    const target = path.join(outDir, 'files', file);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(filesDir, file), target);
    const content = await readFile(target);
    manifest.files.push({ path: file, bytes: content.length, sm3: sm3Hex(content) });
  }
  await writeFile(path.join(outDir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

export interface RestoreReport {
  rowsVerified: number;
  filesVerified: number;
  mismatches: string[];
}

/** Restores into a database that is migrated and empty (a fresh installation of the same version). */
export async function restore(databaseUrl: string, filesDir: string, backupDir: string): Promise<RestoreReport> {
  const manifest = JSON.parse(await readFile(path.join(backupDir, MANIFEST), 'utf8')) as BackupManifest;
  if (manifest.format !== 'zhiping-backup/1') throw new Error(`Not a Zhiping backup: ${backupDir}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const report: RestoreReport = { rowsVerified: 0, filesVerified: 0, mismatches: [] };
  try {
    const migrations = await migrationCount(client);
    if (migrations !== manifest.migrations) {
      throw new Error(`The backup was taken at migration level ${manifest.migrations}, this database is at ${migrations}: restore with the same Zhiping version.`);
    }
    await client.query('begin');
    // Rows go in table by table, but a self-referencing table (organisations → parent) may list a
    // child before its parent: foreign-key triggers are off for this transaction (superuser only),
    // and the SM3 digests below prove every row arrived unchanged.
    await client.query('set local session_replication_role = replica');
    for (const { name } of manifest.tables) {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${pg.escapeIdentifier(name)}`);
      if (rows[0].n > 0) throw new Error(`Table ${name} is not empty: restore into a fresh installation.`);
    }
    for (const table of manifest.tables) {
      const lines = readline.createInterface({ input: createReadStream(path.join(backupDir, 'tables', `${table.name}.jsonl`)), crlfDelay: Infinity });
      let batch: string[] = [];
      let digest = '';
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const id = pg.escapeIdentifier(table.name);
        await client.query(`insert into ${id} select * from json_populate_recordset(null::${id}, $1::json)`, [`[${batch.join(',')}]`]);
        batch = [];
      };
      for await (const line of lines) {
        if (!line) continue;
        digest = sm3Hex(digest + line);
        batch.push(line);
        count++;
        if (batch.length === BATCH) await flush();
      }
      await flush();
      if (count !== table.rows || digest !== table.sm3) report.mismatches.push(`table ${table.name}`);
      else report.rowsVerified += count;
    }
    // The audit chain reads ids from its own sequence: continue after the restored rows.
    await client.query(`select setval('audit_log_id_seq', greatest((select max(id) from audit_log), 1))`);
    if (report.mismatches.length > 0) throw new Error(`Backup damaged: ${report.mismatches.join(', ')}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  for (const file of manifest.files) {
    const content = await readFile(path.join(backupDir, 'files', file.path));
    if (sm3Hex(content) !== file.sm3) {
      report.mismatches.push(`file ${file.path}`);
      continue;
    }
    const target = path.join(filesDir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content, { flag: 'wx' });
    report.filesVerified++;
  }
  return report;
}
