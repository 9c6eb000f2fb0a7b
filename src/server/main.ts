// Starts Zhiping: crypto self-test, configuration, database (embedded by default), migrations,
// demo data in demo mode, then the HTTP server. Stops cleanly on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import { createServices } from './bootstrap.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runKnownAnswerTests } from './crypto/sm.js';
import { loadMasterKey } from './crypto/keys.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';
import { migrateDatabase } from './db/migrate.js';
import { createJobHandlers } from './jobs/handlers.js';
import { startHousekeeping } from './jobs/housekeeping.js';
import { startJobWorker } from './jobs/queue.js';
import { closeOcr } from './uploads/leak-check.js';
import { sweepUploadOrphans } from './storage/startup-sweep.js';
import { CampaignFileError } from './seed/campaigns.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from './seed/demo.js';

function fail(message: string): never {
  console.error(`\n[zhiping] ${message}\n`);
  process.exit(1);
}

async function main() {
  try {
    runKnownAnswerTests();
  } catch (error) {
    fail(`SM3/SM4 known-answer self-test failed, refusing to start: ${(error as Error).message}`);
  }

  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`[zhiping] starting the embedded PostgreSQL in ${config.dataDir}/pg …`);
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
    databaseUrl = embedded.url;
  }
  const { appRole } = await migrateDatabase(databaseUrl);
  const services = createServices(config, { url: databaseUrl, appRole }, await loadMasterKey(config));
  if (config.demo) {
    const seeded = await seedDemoData(services).catch((error: unknown) => {
      if (error instanceof CampaignFileError) fail(error.message);
      throw error;
    });
    console.log(`[zhiping] demo data ${seeded === 'seeded' ? 'loaded' : 'already present'}`);
  }

  // Before accepting uploads: files of uploads interrupted by a crash (stored, row never committed)
  // are deleted, so no orphan outlives a restart (security.md, Uploads).
  const swept = await sweepUploadOrphans(services);
  if (swept.orphansRemoved.length + swept.tempRemoved > 0) {
    console.log(`[zhiping] start-up sweep removed ${swept.orphansRemoved.length} orphan file(s) and ${swept.tempRemoved} unfinished write(s)`);
  }

  const app = await buildApp(services);
  await app.listen({ host: config.host, port: config.port });
  const stopHousekeeping = startHousekeeping(services.db, (error) => app.log.error({ err: error }, 'housekeeping failed'));
  const stopJobs = startJobWorker(services.db, createJobHandlers(services), (error) => app.log.error({ err: error }, 'job worker failed'));
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(`\n  职评 Zhiping is running at ${url}`);
  console.log(`  API docs: ${url}/api/docs`);
  if (config.demo) {
    console.log(`\n  Demo log-ins (password ${DEMO_PASSWORD} for all):`);
    const shown = DEMO_ACCOUNTS.filter((a) => !/expert-(bz|aks)-(0[2-9]|1\d|2\d)$/.test(a.username));
    for (const a of shown) console.log(`    ${a.username.padEnd(22)} ${a.name}`);
    console.log('    demo-expert-bz-02 … 25, demo-expert-aks-02 … 25 as well');
    console.log('    applicants at every stage: demo-applicant-bz-01 … 15, demo-applicant-aks-01 … 21;');
    console.log('    results publicity: demo-junior-bz-01 … 03; completed years: demo-history-bz-01 … 05, demo-history-aks-01 …');
    console.log('    (the README lists which account shows which stage)\n');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[zhiping] ${signal}: stopping …`);
    stopHousekeeping();
    await stopJobs();
    await closeOcr();
    await app.close();
    await services.database.close();
    if (embedded) await embedded.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => fail(`start-up failed: ${(error as Error).stack ?? String(error)}`));
