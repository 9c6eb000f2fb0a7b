// Server process for upload-crash.test.ts: the real Zhiping app, built and started the way main.ts
// does it (services, start-up sweep before listen, then listen), on the test run's database and a
// files folder the parent owns. It prints (JSON lines on stdout) the backend process id of each
// database connection it opens and its port once it accepts connections; the parent uploads through
// POST /api/me/files and SIGKILLs it at a random moment.
//
// Loading the app's modules and building the app take seconds of CPU, more than a trial. So the
// parent spawns the next server ahead of time: it builds the app (which touches neither the
// database nor the store) and waits for a line on stdin; the sweep and listen run only then, after
// the previous server was killed. What crash safety needs of the order holds as in main.ts: the
// sweep is over before the server accepts an upload.
//
// Left out of main.ts's start: migrations (the test run's global setup migrated the database),
// demo data, and the housekeeping and job workers (the leak-check OCR they would run is not what
// this test is about, and would only slow the uploads down).
//
// usage: CRASH_DATABASE_URL=… CRASH_APP_ROLE=1|0 CRASH_MASTER_KEY=<hex> node --import tsx upload-crash-child.ts <data dir>
// (the master key is test/helpers/app.ts's TEST_MASTER_KEY: the parent wrote the applicant with it)
import { buildApp } from '../app.js';
import { createServices } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { loadMasterKey } from '../crypto/keys.js';
import { sweepUploadOrphans } from '../storage/startup-sweep.js';

const dataDir = process.argv[2];
const { CRASH_DATABASE_URL: databaseUrl, CRASH_MASTER_KEY: masterKey } = process.env;
if (!dataDir || !databaseUrl || !masterKey) {
  console.error('usage: CRASH_DATABASE_URL=… CRASH_APP_ROLE=1|0 CRASH_MASTER_KEY=<hex> upload-crash-child.ts <data dir>');
  process.exit(2);
}

// The parent holds our stdin open; when it goes away without killing us (a crashed or interrupted
// test run), so do we, instead of listening on forever.
process.stdin.on('end', () => process.exit(0));

const config = loadConfig({ ZHIPING_MASTER_KEY: masterKey, LOG_LEVEL: 'silent', DATA_DIR: dataDir }, []);
const services = createServices(config, { url: databaseUrl, appRole: process.env.CRASH_APP_ROLE === '1' }, await loadMasterKey(config));
// Every database connection's backend process id, before the connection runs anything: after a
// kill the parent waits for these backends to exit, so that a commit the kill cut off from its
// reply has landed before the next server's sweep looks for rows.
services.database.pool.on('connect', (client) => {
  process.stdout.write(`${JSON.stringify({ backend: (client as unknown as { processID: number }).processID })}\n`);
});
const app = await buildApp(services);
await app.ready();
await new Promise((resolve) => process.stdin.once('data', resolve));

const swept = await sweepUploadOrphans(services);
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
process.stdout.write(`${JSON.stringify({ port, orphansRemoved: swept.orphansRemoved.length, tempRemoved: swept.tempRemoved })}\n`);
