// The rotate button: a page scanned sideways or upside down is turned by 90°, 180° or 270° and
// stored as a new file (stored files never change, so their SM3 stays valid). The new file takes
// the old one's place in the owner's archive records and in applications still being edited; a
// submitted application keeps what it was submitted with.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applicationMaterials, applications, archiveRecords } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { loadOwnFile } from '../../queries/applications.js';
import type { Services } from '../../services.js';
import { rotateImage } from '../../uploads/inspect.js';
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
    await tx
      .update(applicationMaterials)
      .set({ fileId: row.id })
      .where(and(eq(applicationMaterials.fileId, original.id), inArray(applicationMaterials.applicationId, editable)));
    await tx
      .update(archiveRecords)
      .set({
        fileIds: sql`(select coalesce(jsonb_agg(case when v = ${original.id} then ${row.id} else v end), '[]'::jsonb)
                      from jsonb_array_elements_text(${archiveRecords.fileIds}) as v)`,
        updatedAt: new Date(),
      })
      .where(and(eq(archiveRecords.userId, actor.userId), sql`${archiveRecords.fileIds} ? ${original.id}`));
    await appendAudit(tx, ctx, { action: 'file.rotate', objectType: 'file', objectId: row.id, detail: { from: original.id, degrees } });
    return row;
  });
}
