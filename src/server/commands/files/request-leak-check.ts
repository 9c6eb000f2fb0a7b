// The blind-review leak check (A24-7: OCR of a scan for the applicant's name, ID number, phone and
// unit) runs only where blind review applies: for a file placed in a masked slot of an application
// whose level is reviewed blind. OCR is slow, and the other files — archive scans not used in such
// a slot, fee receipts, staff members' files, every file of a campaign without blind review — are
// stored as checked ('done', no hits) without it (upload-file.ts). A file is checked at most once:
// the job's key `leak-check:<file id>` stays in the jobs table once done, so placing the same file
// in another masked slot or application reuses its hits instead of reading it again.
import { and, eq, inArray } from 'drizzle-orm';
import { leakCheckedSlots } from '../../../domain/application/index.js';
import type { Campaign, Level } from '../../../domain/campaign/index.js';
import type { Executor } from '../../db/client.js';
import { applicationMaterials, files } from '../../db/schema.js';
import { enqueueJobsOnce } from '../../jobs/queue.js';

const PREFIX = 'leak-check:';

/**
 * Enqueues the leak check of each file that never had one and marks it 'pending' (the submission
 * waits for it). Call inside the transaction that places the files. Returns the ids enqueued.
 */
export async function requestLeakChecks(db: Executor, fileIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(fileIds)];
  const added = await enqueueJobsOnce(db, 'leak-check', unique.map((fileId) => ({ payload: { fileId }, dedupeKey: `${PREFIX}${fileId}` })));
  const ids = added.map((key) => key.slice(PREFIX.length));
  if (ids.length > 0) await db.update(files).set({ leakStatus: 'pending', leakHits: [] }).where(inArray(files.id, ids));
  return ids;
}

/**
 * Requests the check of every file in the application's masked slots when its level is reviewed
 * blind: after files are placed or replaced, and at submission (a campaign republished with a slot
 * newly masked, or a level newly reviewed blind, finds files placed before that). Returns the ids
 * enqueued.
 */
export async function requestBlindReviewChecks(db: Executor, app: { id: string; level: string }, campaign: Campaign): Promise<string[]> {
  const slots = [...leakCheckedSlots(campaign, app.level as Level)];
  if (slots.length === 0) return [];
  const placed = await db
    .selectDistinct({ fileId: applicationMaterials.fileId })
    .from(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, app.id), inArray(applicationMaterials.slotId, slots)));
  return requestLeakChecks(db, placed.map((p) => p.fileId));
}
