// The office holds a candidate's packet back from the experts (e.g. a scan whose leak check found
// the applicant's name, A24-7) or releases it. A held packet is invisible on the expert's desk.
// Only before the meeting opens ('formed', 'scoring_closed'): opening the meeting puts exactly the
// candidates not held to the vote (a tally each), so a hold or release after that would leave a
// candidate voted on while held, or one without a tally; and the cap (A24-17) counts the
// candidates put to the vote. The status is checked under the committee row lock that opening the
// meeting takes, so a hold and the opening never cross.
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { candidates } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { committeeCandidate, officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { assertCommitteeStatus, lockCommittee } from '../results/common.js';

const HOLD_OPEN = ['formed', 'scoring_closed'] as const;

export async function holdPacket(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, applicationId: string, held: boolean, reason: string | null) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  await committeeCandidate(services.db, committee.id, applicationId);
  const why = reason?.trim() ?? '';
  if (held && why === '') throw badRequest('请填写暂缓送审的原因', [{ path: 'reason', message: '请填写暂缓送审的原因' }]);
  await services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, HOLD_OPEN, held ? '评审会议已开始，不能再暂缓评审对象' : '评审会议已开始，不能再恢复送审', 'MEETING_STARTED');
    await tx
      .update(candidates)
      .set({ packetHeld: held, heldReason: held ? why : null })
      .where(and(eq(candidates.committeeId, committee.id), eq(candidates.applicationId, applicationId)));
    await appendAudit(tx, ctx, { action: 'packet.hold', objectType: 'application', objectId: applicationId, detail: { committeeId: committee.id, held, reason: held ? why : null } });
  });
}
