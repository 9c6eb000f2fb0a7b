// The master key behind personal-data encryption. Production takes it from ZHIPING_MASTER_KEY;
// demo mode generates one into DATA_DIR/keys/master.key on first start and reuses it after.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

export async function loadMasterKey(config: Config): Promise<Buffer> {
  if (config.masterKeyHex) return Buffer.from(config.masterKeyHex, 'hex');
  const file = path.join(config.dataDir, 'keys', 'master.key');
  if (existsSync(file)) return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  await writeFile(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
