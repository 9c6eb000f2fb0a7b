// security.md, Uploads: "A kill -9 at any point loses no upload that was acknowledged and never
// serves a torn file", and issue 4: SIGKILL during uploads at least 50 times, then no acknowledged
// upload lost, no torn file served, no orphan left after the start-up sweep.
//
// The upload route does not exist yet, so this runs at the store level: crash-child.ts writes
// through createLocalFileStore with four uploads in flight and journals each acknowledged upload
// (fsynced, standing in for the database row + reply). After each kill the parent checks:
//   - every journalled key is served with its journalled SM3 (lost = 0);
//   - every file in place is whole: its trailing SM3 matches the bytes before it (torn = 0);
//   - the start-up sweep with the journal as the known set leaves no temporary file and no file
//     the journal does not know (orphans = 0).
// The store folder carries over from trial to trial: each trial checks that everything
// acknowledged before is still there, and the end reads every acknowledged upload again. (A power cut is a different test: SIGKILL leaves the page cache intact.)
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../crypto/sm.js';
import { createLocalFileStore, TEMP_FOLDER } from './local-store.js';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 50);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

async function runChildUntilKilled(dir: string, journal: string, trial: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), dir, journal, String(trial)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready in 20 s: ${stderr}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
  });
  // A random moment: from immediately to a few hundred puts in.
  await new Promise((r) => setTimeout(r, randomInt(0, 200)));
  child.kill('SIGKILL');
  expect(await exited, `the child must die by SIGKILL, not by an error: ${stderr}`).toBe('SIGKILL');
}

/** Complete lines only: a line cut by the kill was never acknowledged. */
async function acknowledged(journal: string): Promise<Map<string, string>> {
  const text = await readFile(journal, 'utf8').catch(() => '');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const out = new Map<string, string>();
  for (const line of complete.split('\n').filter(Boolean)) {
    const [key, sm3] = line.split(' ');
    out.set(key, sm3);
  }
  return out;
}

function whole(data: Buffer): boolean {
  if (data.length < 32) return false;
  return sm3Hex(data.subarray(0, data.length - 32)) === data.subarray(data.length - 32).toString('hex');
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of iterable) out.push(key);
  return out;
}

describe('crash safety of the local store (security.md Uploads; issue 4 Scans)', () => {
  let work: string;
  afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

  it(`SIGKILL during uploads ${TRIALS} times: no acknowledged upload lost, no torn file served, no orphan after the sweep`, async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'zhiping-crash-'));
    const dir = path.join(work, 'files');
    const journal = path.join(work, 'acknowledged.log');
    const store = createLocalFileStore(dir);
    const verified = new Set<string>();
    const totals = { trials: 0, lost: 0, torn: 0, orphans: 0, acknowledged: 0, interruptedWrites: 0, unacknowledgedFiles: 0 };

    for (let trial = 1; trial <= TRIALS; trial++) {
      await runChildUntilKilled(dir, journal, trial);
      totals.trials++;
      const acked = await acknowledged(journal);
      totals.acknowledged = acked.size;

      // Every acknowledged key is in place; the ones new since the last trial are read through the
      // store's checked read (all of them are read again at the end).
      const inPlace = await collect(store.list(''));
      const present = new Set(inPlace);
      for (const [key, sm3] of acked) {
        if (verified.has(key)) {
          if (!present.has(key)) totals.lost++;
          continue;
        }
        try {
          if (!whole(await store.get(key, sm3))) totals.torn++;
        } catch {
          totals.lost++;
        }
        verified.add(key);
      }
      // Everything else a reader could reach (written but not acknowledged) must be whole too.
      const unacknowledged = inPlace.filter((k) => !acked.has(k));
      for (const key of unacknowledged) if (!whole(await readFile(store.pathOf(key)))) totals.torn++;
      totals.unacknowledgedFiles += unacknowledged.length;
      totals.interruptedWrites += (await readdir(path.join(dir, TEMP_FOLDER)).catch(() => [])).length;

      // The start-up sweep, with the journal as the database.
      await store.sweepOrphans(async (key) => acked.has(key));
      const leftTemp = (await readdir(path.join(dir, TEMP_FOLDER)).catch(() => [])).length;
      const unknown = (await collect(store.list(''))).filter((k) => !acked.has(k)).length;
      totals.orphans += leftTemp + unknown;
    }

    // Finally every acknowledged upload of every trial, read and checked again.
    for (const [key, sm3] of await acknowledged(journal)) {
      try {
        if (!whole(await store.get(key, sm3))) totals.torn++;
      } catch {
        totals.lost++;
      }
    }

    console.log(
      `[trials ${totals.trials} / lost acknowledged uploads = ${totals.lost} / torn files served = ${totals.torn} / orphans after sweep = ${totals.orphans}]` +
        ` (${totals.acknowledged} uploads acknowledged; the kills left ${totals.interruptedWrites} temporary files and ${totals.unacknowledgedFiles} unacknowledged files for the sweep)`,
    );
    expect(totals.trials).toBeGreaterThanOrEqual(50);
    expect(totals.lost).toBe(0);
    expect(totals.torn).toBe(0);
    expect(totals.orphans).toBe(0);
    expect(totals.acknowledged).toBeGreaterThan(0);
    // The kills did land mid-upload (otherwise the test proves nothing).
    expect(totals.interruptedWrites + totals.unacknowledgedFiles).toBeGreaterThan(0);
  }, 120_000);
});
