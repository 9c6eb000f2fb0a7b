// The committee's settings: its chair (主任委员, one of its members), the meeting place, and for a
// level whose passes are capped the pass rate the committee sets (A24-17: 正、副高级设置通过率，
// 具体通过率由各系列评审委员会确定; 中、初级不设). The rate is fixed once the ballot is counted.
import { and, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { committeeMembers, committees } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { campaignOfCommittee, passRatePolicyOf } from '../../queries/evaluation.js';
import { officeCommittee, type CommitteeRow } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

export interface CommitteePatch {
  chairExpertId?: string | null;
  passRatePercent?: number | null;
  meetingPlace?: string | null;
}

const RATE_OPEN_STATUSES = ['formed', 'scoring_closed', 'meeting_open'];

export async function updateCommittee(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, patch: CommitteePatch): Promise<CommitteeRow> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const campaign = await campaignOfCommittee(services.db, committee);
  const set: Partial<typeof committees.$inferInsert> = {};

  if (patch.chairExpertId !== undefined) {
    if (patch.chairExpertId !== null) {
      const [member] = await services.db
        .select({ id: committeeMembers.expertId })
        .from(committeeMembers)
        .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, patch.chairExpertId)));
      if (!member) throw badRequest('主任委员须为本评审委员会的委员', [{ path: 'chairExpertId', message: '主任委员须为本评审委员会的委员' }]);
    }
    set.chairExpertId = patch.chairExpertId;
  }

  if (patch.passRatePercent !== undefined) {
    const rate = passRatePolicyOf(campaign, committee.level);
    const rule = rate.ruleId ? `（${rate.ruleId}）` : '';
    if (rate.policy === 'uncapped') {
      throw badRequest(`${committee.level}职称评审不设通过率${rule}`, [{ path: 'passRatePercent', message: `${committee.level}职称评审不设通过率${rule}` }]);
    }
    if (rate.campaignRate !== null) {
      throw badRequest(`评审通知已规定通过率为 ${rate.campaignRate}%，评审委员会不能另行设定${rule}`, [{ path: 'passRatePercent', message: '评审通知已规定通过率' }]);
    }
    const p = patch.passRatePercent;
    if (p !== null && (!(p > 0 && p <= 100) || Math.abs(p * 100 - Math.round(p * 100)) > 1e-6)) {
      throw badRequest(`通过率应大于 0、不超过 100，最多保留两位小数${rule}`, [{ path: 'passRatePercent', message: '通过率应大于 0、不超过 100，最多保留两位小数' }]);
    }
    if (!RATE_OPEN_STATUSES.includes(committee.status)) throw conflict('投票已结束，通过率不能再修改', 'RATE_FIXED');
    set.passRatePercent = p === null ? null : p.toFixed(2);
  }

  if (patch.meetingPlace !== undefined) {
    const place = patch.meetingPlace?.trim() ?? '';
    set.meetingPlace = place === '' ? null : place;
  }

  return services.db.transaction(async (tx) => {
    const statusGuard = patch.passRatePercent !== undefined ? inArray(committees.status, RATE_OPEN_STATUSES) : undefined;
    const [row] = Object.keys(set).length
      ? await tx
          .update(committees)
          .set(set)
          .where(and(eq(committees.id, committee.id), statusGuard))
          .returning()
      : [committee];
    if (!row) throw conflict('投票已结束，通过率不能再修改', 'RATE_FIXED');
    await appendAudit(tx, ctx, {
      action: 'committee.update',
      objectType: 'committee',
      objectId: committee.id,
      detail: {
        ...(patch.chairExpertId !== undefined ? { chairExpertId: patch.chairExpertId } : {}),
        ...(patch.passRatePercent !== undefined ? { passRatePercent: patch.passRatePercent } : {}),
        ...(patch.meetingPlace !== undefined ? { meetingPlace: set.meetingPlace } : {}),
      },
    });
    return row;
  });
}
