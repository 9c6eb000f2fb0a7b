// The start-up sweep of uploads (security.md, Uploads): files stored by uploads that a crash
// interrupted before their row committed are deleted, together with the local store's unfinished
// writes, so no orphan outlives a restart. One function for main.ts and the crash test's server,
// so the test exercises the very lookup production runs.
//
// It must run before the server accepts uploads: with no `minAgeMs` it would otherwise delete a
// file whose row is about to commit.
import { eq } from 'drizzle-orm';
import { files } from '../db/schema.js';
import type { Services } from '../services.js';
import type { SweepReport } from './file-store.js';

export function sweepUploadOrphans(services: Pick<Services, 'db' | 'files'>): Promise<SweepReport> {
  return services.files.sweepOrphans(async (key) => {
    const [row] = await services.db.select({ id: files.id }).from(files).where(eq(files.storageKey, key));
    return row !== undefined;
  });
}
