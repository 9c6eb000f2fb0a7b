// npm run backup -- <directory>: database and files of this installation into a new directory.
// Safe while Zhiping runs (one read-only snapshot).
import { loadConfig } from '../config.js';
import { backup } from '../backup/backup.js';
import { openInstallationDatabase } from './installation.js';

async function main() {
  const [outDir] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: npm run backup -- <directory>');
    process.exit(2);
  }
  const config = loadConfig(process.env, [], { needsMasterKey: false });
  if (config.storage.kind !== 'local') throw new Error('STORAGE=s3: back the bucket up with your object store; this command copies local files only.');
  const database = await openInstallationDatabase(config);
  try {
    const manifest = await backup(database.url, config.storage.dir, outDir);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Backup written to ${outDir}: ${manifest.tables.length} tables, ${rows} rows, ${manifest.files.length} files.`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});
