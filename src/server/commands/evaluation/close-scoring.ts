// The office closes the experts' scoring (formed → scoring_closed): from then on a review score
// can no longer be saved or changed (409 SCORING_CLOSED), and the meeting can be prepared.
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { committees } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { scoringProgress } from '../../queries/evaluation.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

export async function closeScoring(services: Services, ctx: RequestContext, actor: Actor, committeeId: string): Promise<void> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  if (committee.status !== 'formed') throw conflict('专家评分已经结束', 'SCORING_CLOSED');
  const progress = await scoringProgress(services.db, committee);
  const assigned = progress.candidates.reduce((n, c) => n + c.assigned, 0);
  const scored = progress.candidates.reduce((n, c) => n + c.scored, 0);
  await services.db.transaction(async (tx) => {
    const updated = await tx
      .update(committees)
      .set({ status: 'scoring_closed', scoringClosedAt: new Date() })
      .where(and(eq(committees.id, committee.id), eq(committees.status, 'formed')))
      .returning({ id: committees.id });
    if (updated.length === 0) throw conflict('专家评分已经结束', 'SCORING_CLOSED');
    await appendAudit(tx, ctx, { action: 'scoring.close', objectType: 'committee', objectId: committee.id, detail: { assigned, scored } });
  });
}
