// Adds or changes one record of the applicant's personal archive. The data is validated against
// its kind's schema; the scans it names must be the applicant's own. A kind kept once (the
// profile) is updated in place. Submitted applications are not affected: they hold a snapshot.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { archiveDataSchemas, SINGLE_RECORD_KINDS, type ArchiveKind } from '../../../domain/application/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { archiveRecords, files } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import type { Services } from '../../services.js';

export type ArchiveRecordRow = typeof archiveRecords.$inferSelect;

export async function saveArchiveRecord(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  input: { id?: string; kind: ArchiveKind; data: unknown; fileIds: string[] },
): Promise<ArchiveRecordRow> {
  const parsed = archiveDataSchemas[input.kind].safeParse(input.data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
    throw badRequest(`档案记录有 ${fields.length} 处需要修改：${fields[0].message}`, fields);
  }
  const fileIds = [...new Set(input.fileIds)];
  return services.db.transaction(async (tx) => {
    if (fileIds.length > 0) {
      const own = await tx.select({ id: files.id }).from(files).where(and(inArray(files.id, fileIds), eq(files.ownerId, actor.userId)));
      if (own.length !== fileIds.length) throw notFound('未找到所选文件');
    }
    let id = input.id;
    if (!id && SINGLE_RECORD_KINDS.includes(input.kind)) {
      const [existing] = await tx
        .select({ id: archiveRecords.id })
        .from(archiveRecords)
        .where(and(eq(archiveRecords.userId, actor.userId), eq(archiveRecords.kind, input.kind)));
      id = existing?.id;
    }
    let row: ArchiveRecordRow | undefined;
    if (id) {
      [row] = await tx
        .update(archiveRecords)
        .set({ data: parsed.data, fileIds, updatedAt: new Date() })
        .where(and(eq(archiveRecords.id, id), eq(archiveRecords.userId, actor.userId), eq(archiveRecords.kind, input.kind)))
        .returning();
      if (!row) throw notFound('未找到该档案记录');
    } else {
      [row] = await tx.insert(archiveRecords).values({ userId: actor.userId, kind: input.kind, data: parsed.data, fileIds }).returning();
    }
    await appendAudit(tx, ctx, { action: 'archive.save', objectType: 'archive_record', objectId: row.id, detail: { kind: input.kind } });
    return row;
  });
}

export const archiveRecordInput = z.strictObject({
  data: z.unknown(),
  fileIds: z.array(z.uuid()).max(50).default([]),
});
