// Browser journeys (test/e2e): one real Zhiping server in demo mode for the run (started by
// test/e2e/global-setup.ts on a free port with a throw-away DATA_DIR and its embedded PostgreSQL),
// driven by Debian's Chromium through playwright-core. `npm run test:e2e`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    // Journeys share one server and its demo data; run them one after another.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
  },
});
