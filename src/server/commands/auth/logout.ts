import { appendAudit } from '../../audit/append-audit.js';
import { deleteSession } from '../../auth/session-store.js';
import type { Actor, RequestContext } from '../../http/context.js';
import type { Services } from '../../services.js';

export async function logout(services: Services, ctx: RequestContext, actor: Actor): Promise<void> {
  await services.db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionTokenHash);
    await appendAudit(tx, ctx, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}
