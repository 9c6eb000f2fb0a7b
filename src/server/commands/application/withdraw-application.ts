// The applicant withdraws before submitting or after a return; the year's path is free again (A24-3).
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { applications } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { loadOwnApplication } from '../../queries/applications.js';
import type { Services } from '../../services.js';
import { recordEvent } from './events.js';

export async function withdrawApplication(services: Services, ctx: RequestContext, actor: Actor, applicationId: string): Promise<void> {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), inArray(applications.status, ['draft', 'returned'])))
      .returning({ id: applications.id });
    if (updated.length === 0) throw conflict('只有填写中或已退回的申报可以撤回', 'NOT_WITHDRAWABLE');
    await recordEvent(tx, app.id, 'applicant', 'withdrawn');
    await appendAudit(tx, ctx, { action: 'application.withdraw', objectType: 'application', objectId: app.id });
  });
}
