// Operator commands reach the installation's database the way the server does: DATABASE_URL, or
// the embedded database — the running one when Zhiping is up, else started for the command.
import type { Config } from '../config.js';
import { runningEmbeddedDatabaseUrl, startEmbeddedDatabase } from '../db/embedded.js';

export async function openInstallationDatabase(config: Config): Promise<{ url: string; close(): Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => {} };
  const running = runningEmbeddedDatabaseUrl(config.dataDir);
  if (running) return { url: running, close: async () => {} };
  const embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: 0 });
  return { url: embedded.url, close: () => embedded.stop() };
}
