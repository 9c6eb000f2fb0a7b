// Child process for crash.test.ts: stands in for the upload route. It writes files through the
// local store as fast as it can (several uploads at once, like a busy server) and, after each put
// returns, appends "key sm3" to an acknowledged journal and fdatasyncs it: that stands in for
// committing the database row and replying to the browser. The parent SIGKILLs it at a random moment.
//
// Each file ends with the SM3 of the bytes before it, so the parent can tell a torn file from a
// whole one without knowing what was being written.
//
// usage: node --import tsx crash-child.ts <store dir> <journal file> <trial> [concurrency]
import { randomBytes, randomInt } from 'node:crypto';
import { open } from 'node:fs/promises';
import { sm3Hex } from '../crypto/sm.js';
import { createLocalFileStore } from './local-store.js';

const [dir, journalPath, trial, concurrencyArg] = process.argv.slice(2);
if (!dir || !journalPath || !trial) {
  console.error('usage: crash-child.ts <store dir> <journal file> <trial> [concurrency]');
  process.exit(2);
}
const store = createLocalFileStore(dir);
const journal = await open(journalPath, 'a');
let sequence = 0;
let journalTail: Promise<void> = Promise.resolve();

/** Appends one line and fdatasyncs; appends are serialised so lines never interleave. */
function acknowledge(line: string): Promise<void> {
  journalTail = journalTail.then(async () => {
    await journal.write(line);
    await journal.datasync();
  });
  return journalTail;
}

function payload(): Buffer {
  // Mostly small files (many commits per trial), some large enough that a kill often lands
  // mid-write.
  const size = randomInt(16) === 0 ? randomInt(256 * 1024, 1024 * 1024) : randomInt(1, 64 * 1024);
  const body = randomBytes(size);
  return Buffer.concat([body, Buffer.from(sm3Hex(body), 'hex')]);
}

async function uploader(lane: number): Promise<never> {
  for (;;) {
    const n = sequence++;
    const key = `scans/t${trial}/l${lane}/${n}-${randomBytes(4).toString('hex')}.bin`;
    const { sm3 } = await store.put(key, payload());
    await acknowledge(`${key} ${sm3}\n`);
  }
}

process.stdout.write('ready\n');
const lanes = Number(concurrencyArg ?? 4);
await Promise.all(Array.from({ length: lanes }, (_, lane) => uploader(lane)));
