// The rotate button: a page scanned sideways or upside down is turned by 90°, 180° or 270° and
// stored as a new file (stored files never change, so their SM3 stays valid). The new file takes
// the old one's place in the owner's archive records and in applications still being edited; a
// submitted application keeps what it was submitted with. Its pixels are new, so where it lands in
// a masked slot of an application reviewed blind it gets its own leak check (A24-7).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applicationMaterials, applications, archiveRecords } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { loadOwnFile } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { rotateImage } from '../../uploads/inspect.js';
import { requestBlindReviewChecks } from './request-leak-check.js';
import { storeInspected, uploadRefused, type FileRow } from './upload-file.js';

export async function rotateFile(services: Services, ctx: RequestContext, actor: Actor, fileId: string, degrees: number): Promise<FileRow> {
  const original = await loadOwnFile(services.db, actor, fileId);
  const bytes = await services.files.get(original.storageKey, original.sm3);
  const rotated = await rotateImage(bytes, degrees);
  if (!rotated.ok) throw uploadRefused(rotated.message, rotated.code);
  return services.db.transaction(async (tx) => {
    const row = await storeInspected(services, tx, actor.userId, original.originalName, rotated);
    const editable = tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.applicantId, actor.userId), inArray(applications.status, ['draft', 'returned'])));
    const moved = await tx
      .update(applicationMaterials)
      .set({ fileId: row.id })
      .where(and(eq(applicationMaterials.fileId, original.id), inArray(applicationMaterials.applicationId, editable)))
      .returning({ applicationId: applicationMaterials.applicationId });
    let checking = false;
    const movedIn = [...new Set(moved.map((m) => m.applicationId))];
    const apps = movedIn.length > 0 ? await tx.select().from(applications).where(inArray(applications.id, movedIn)) : [];
    for (const app of apps) {
      // A campaign no longer published cannot be submitted to; submit requests what is missing anyway.
      const published = await loadPublishedCampaign(tx, app.campaignId).catch(() => null);
      if (published && (await requestBlindReviewChecks(tx, app, published.campaign)).includes(row.id)) checking = true;
    }
    await tx
      .update(archiveRecords)
      .set({
        fileIds: sql`(select coalesce(jsonb_agg(case when v = ${original.id} then ${row.id} else v end), '[]'::jsonb)
                      from jsonb_array_elements_text(${archiveRecords.fileIds}) as v)`,
        updatedAt: new Date(),
      })
      .where(and(eq(archiveRecords.userId, actor.userId), sql`${archiveRecords.fileIds} ? ${original.id}`));
    await appendAudit(tx, ctx, { action: 'file.rotate', objectType: 'file', objectId: row.id, detail: { from: original.id, degrees } });
    return checking ? { ...row, leakStatus: 'pending' } : row;
  });
}
