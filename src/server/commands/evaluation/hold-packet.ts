// The office holds a candidate's packet back from the experts (e.g. a scan whose leak check found
// the applicant's name, A24-7) or releases it. A held packet is invisible on the expert's desk.
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { candidates } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { committeeCandidate, officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

export async function holdPacket(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, applicationId: string, held: boolean, reason: string | null) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  await committeeCandidate(services.db, committee.id, applicationId);
  const why = reason?.trim() ?? '';
  if (held && why === '') throw badRequest('请填写暂缓送审的原因', [{ path: 'reason', message: '请填写暂缓送审的原因' }]);
  await services.db.transaction(async (tx) => {
    await tx
      .update(candidates)
      .set({ packetHeld: held, heldReason: held ? why : null })
      .where(and(eq(candidates.committeeId, committee.id), eq(candidates.applicationId, applicationId)));
    await appendAudit(tx, ctx, { action: 'packet.hold', objectType: 'application', objectId: applicationId, detail: { committeeId: committee.id, held, reason: held ? why : null } });
  });
}
