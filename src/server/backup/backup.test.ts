// Backup and restore (security.md, Data safety): a backup restored into a fresh database has the
// same rows in every table and the same files, and the restored audit log still verifies.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrgTree, createUser } from '../../../test/factories.js';
import { createTestApp, signIn, type TestContext } from '../../../test/helpers/app.js';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/helpers/database.js';
import { sm3Hex } from '../crypto/sm.js';
import { backup, restore } from './backup.js';

let source: ScratchDatabase;
let target: ScratchDatabase;
let t: TestContext;
let work: string;

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: tables } = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await client.query<{ n: number }>(`select count(*)::int as n from ${pg.escapeIdentifier(name)}`)).rows[0].n;
  await client.end();
  return counts;
}

beforeAll(async () => {
  source = await createScratchDatabase('zp_backup_src');
  target = await createScratchDatabase('zp_backup_dst');
  t = await createTestApp({ databaseUrl: source.url, appRole: source.appRole });
  work = await mkdtemp(path.join(os.tmpdir(), 'zhiping-backup-'));
  // Data of every kind: an organisation tree (self-referencing), people with encrypted fields,
  // role grants, memberships, sessions and audit rows written through the API.
  const org = await createOrgTree(t.services);
  await createUser(t.services, { role: 'applicant', orgId: org.unitId, membership: 'pending' });
  const { client } = await signIn(t, 'system_admin');
  const created = await client.post('/api/admin/orgs', { parentId: org.countyId, kind: 'unit', name: '备份测试单位', unitKind: 'enterprise' });
  expect(created.statusCode).toBe(201);
  // Moving the county's department under the prefecture rewrites its row (a later ctid than rows
  // that reference it), which a naive table-order restore would trip over.
  expect((await client.patch(`/api/admin/orgs/${org.departmentId}`, { parentId: org.prefectureId })).statusCode).toBe(200);
  await mkdir(path.join(work, 'files-src', 'ab'), { recursive: true });
  await writeFile(path.join(work, 'files-src', 'ab', 'scan-1.jpg'), Buffer.from('not really a jpeg, but bytes to keep'));
  await writeFile(path.join(work, 'files-src', 'note.pdf'), Buffer.alloc(4096, 7));
  // An upload caught mid-write stays out of the backup.
  await mkdir(path.join(work, 'files-src', '.tmp'), { recursive: true });
  await writeFile(path.join(work, 'files-src', '.tmp', 'half-written'), Buffer.from('partial'));
});

afterAll(async () => {
  await t?.close();
  await source?.drop();
  await target?.drop();
  await rm(work, { recursive: true, force: true });
});

it('restores every row and file of a backup into a fresh database, and the audit chain still verifies [rows / files verified, mismatched]', async () => {
  const manifest = await backup(source.url, path.join(work, 'files-src'), path.join(work, 'backup'));
  const report = await restore(target.url, path.join(work, 'files-dst'), path.join(work, 'backup'));
  const before = await rowCounts(source.url);
  const after = await rowCounts(target.url);
  const rowMismatches = Object.keys(before).filter((table) => before[table] !== after[table]);
  const totalRows = Object.values(before).reduce((a, b) => a + b, 0);
  console.log(`[rows / files verified, mismatched = ${report.rowsVerified} / ${report.filesVerified}, ${report.mismatches.length + rowMismatches.length}]`);
  expect(rowMismatches).toEqual([]);
  expect(report.mismatches).toEqual([]);
  expect(report.rowsVerified).toBe(totalRows);
  expect(report.filesVerified).toBe(2);
  for (const file of manifest.files) {
    expect(sm3Hex(await readFile(path.join(work, 'files-dst', file.path)))).toBe(file.sm3);
  }
  const restored = await createTestApp({ databaseUrl: target.url, appRole: target.appRole });
  try {
    const { client: auditor } = await signIn(restored, 'audit_admin');
    const verdict = await auditor.post('/api/audit/verify');
    expect(verdict.json()).toMatchObject({ ok: true });
  } finally {
    await restored.close();
  }
});

it('refuses to restore into a database that already has data', async () => {
  await expect(restore(source.url, path.join(work, 'files-again'), path.join(work, 'backup'))).rejects.toThrow(/not empty/);
});

it('refuses a damaged backup and leaves the database empty', async () => {
  const damaged = await createScratchDatabase('zp_backup_bad');
  try {
    const file = path.join(work, 'backup', 'tables', 'organisations.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[0] = lines[0].replace(/"name":"[^"]+"/, '"name":"被篡改的名称"');
    await writeFile(file, lines.join('\n'));
    await expect(restore(damaged.url, path.join(work, 'files-bad'), path.join(work, 'backup'))).rejects.toThrow(/damaged/);
    const counts = await rowCounts(damaged.url);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  } finally {
    await damaged.drop();
  }
});
