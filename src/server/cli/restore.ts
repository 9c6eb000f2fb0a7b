// npm run restore -- <directory>: into a FRESH installation (empty database of the same Zhiping
// version, migrated here). Verifies every table's rows and every file's SM3 against the manifest.
import { restore } from '../backup/backup.js';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../db/migrate.js';
import { openInstallationDatabase } from './installation.js';

async function main() {
  const [backupDir] = process.argv.slice(2);
  if (!backupDir) {
    console.error('usage: npm run restore -- <backup directory>');
    process.exit(2);
  }
  const config = loadConfig(process.env, [], { needsMasterKey: false });
  if (config.storage.kind !== 'local') throw new Error('STORAGE=s3: restore the bucket with your object store; this command restores local files only.');
  const database = await openInstallationDatabase(config);
  try {
    await migrateDatabase(database.url);
    const report = await restore(database.url, config.storage.dir, backupDir);
    console.log(`Restored and verified ${report.rowsVerified} rows and ${report.filesVerified} files; mismatched ${report.mismatches.length}.`);
    if (report.mismatches.length > 0) process.exit(1);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
});
