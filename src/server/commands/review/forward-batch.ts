// The county department forwards its units' recommended applications to the committee office in
// one batch with a covering list (B21-13). All or nothing: if any of them is no longer waiting at
// the department (returned meanwhile, forwarded by a colleague), the batch is refused whole.
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, batches, organisations } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { recordEvent } from '../application/events.js';
import { reviewableApplication, type ApplicationRow } from './reviewable.js';

export async function forwardBatch(services: Services, ctx: RequestContext, actor: Actor, applicationIds: string[]) {
  const ids = [...new Set(applicationIds)];
  const apps: ApplicationRow[] = [];
  for (const id of ids) apps.push(await reviewableApplication(services.db, actor, id, 'dept'));
  const campaignIds = new Set(apps.map((a) => a.campaignId));
  if (campaignIds.size !== 1) throw badRequest('一个报送批次只能包含同一评审活动的申报', [{ path: 'applicationIds', message: '请按评审活动分批报送' }]);
  const notWaiting = apps.filter((a) => a.status !== 'dept_review');
  if (notWaiting.length > 0) throw conflict(`有 ${notWaiting.length} 份申报不在主管部门审核中，请刷新后重新选择`, 'NOT_IN_REVIEW');
  const [unit] = await services.db.select({ departmentId: organisations.departmentId }).from(organisations).where(eq(organisations.id, apps[0].unitId));
  return services.db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(batches)
      .values({ departmentId: unit.departmentId!, campaignId: apps[0].campaignId, createdBy: actor.userId })
      .returning();
    const updated = await tx
      .update(applications)
      .set({ status: 'office_review', batchId: batch.id, updatedAt: new Date() })
      .where(and(inArray(applications.id, ids), eq(applications.status, 'dept_review')))
      .returning({ id: applications.id });
    if (updated.length !== ids.length) throw conflict('有申报已被他人处理，本批次未报送，请刷新后重新选择', 'ALREADY_DECIDED');
    for (const id of ids) await recordEvent(tx, id, 'dept_reviewer', 'forwarded', { batchNumber: batch.number });
    await appendAudit(tx, ctx, { action: 'application.forward', objectType: 'batch', objectId: batch.id, detail: { count: ids.length, number: batch.number } });
    return batch;
  });
}
