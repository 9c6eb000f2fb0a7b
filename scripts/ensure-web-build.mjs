// Builds the web app when dist/web is missing or older than its sources, so `npm start` on a
// fresh checkout serves a current front end without a separate build step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'src/web'), path.join(root, 'src/domain')];
const sourceTime = Math.max(...sources.map(newestMtime), statSync(path.join(root, 'index.html')).mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
  console.log('[zhiping] building the web app …');
  // Always a production build: called from vitest (NODE_ENV=test) the build would otherwise be a
  // development one (antd then gives every generated id the same value, and `npm start` would
  // later serve that build because it is newer than the sources).
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
