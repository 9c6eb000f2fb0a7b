// Removes a record from the archive. Applications still being edited that picked it lose the pick
// (and so show the section as unfilled again); submitted ones keep their snapshot.
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { archiveRecords } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';

export async function deleteArchiveRecord(services: Services, ctx: RequestContext, actor: Actor, id: string): Promise<void> {
  await services.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(archiveRecords)
      .where(and(eq(archiveRecords.id, id), eq(archiveRecords.userId, actor.userId)))
      .returning({ id: archiveRecords.id, kind: archiveRecords.kind });
    if (deleted.length === 0) throw notFound('未找到该档案记录');
    await appendAudit(tx, ctx, { action: 'archive.delete', objectType: 'archive_record', objectId: id, detail: { kind: deleted[0].kind } });
  });
}
