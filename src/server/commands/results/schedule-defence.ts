// The office schedules an oral defence session (答辩, B21-7 / A24-14): when, where (or by video where
// the campaign allows it), its panel of committee members and the candidates who must defend.
// Exempt candidates are refused here: they carry the score exemptDefenceScore gives them. Each
// candidate is told the date, place and link.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { candidates, committeeMembers, defenceSessions } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { candidatesOf, committeeCampaign } from '../../queries/defence.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { notify, recordEvent } from '../application/events.js';
import { assertCommitteeStatus, lockCommittee } from './common.js';

export interface DefenceSessionInput {
  startsAt: string;
  place: string;
  videoLink: string | null;
  panelExpertIds: string[];
  applicationIds: string[];
}

/** 'YYYY年M月D日 HH:mm' in Beijing time. */
export function beijingDateTimeText(instant: Date): string {
  const t = new Date(instant.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export async function scheduleDefence(services: Services, ctx: RequestContext, actor: Actor, committeeId: string, input: DefenceSessionInput) {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  const { campaign } = await committeeCampaign(services.db, committee);
  const policy = campaign.rules.defence;
  if (!policy) throw conflict('本次评审通知未设置答辩环节', 'NO_DEFENCE');
  const startsAt = new Date(input.startsAt);
  if (Number.isNaN(startsAt.getTime())) throw badRequest('答辩时间格式不正确', [{ path: 'startsAt', message: '请填写答辩开始时间' }]);
  if (input.videoLink !== null && !policy.videoAllowed) {
    throw badRequest(`本次评审通知未允许视频答辩（${policy.ruleId}）`, [{ path: 'videoLink', message: '不能填写视频答辩链接' }]);
  }
  const panel = [...new Set(input.panelExpertIds)];
  const applicationIds = [...new Set(input.applicationIds)];

  const members = new Set(
    (await services.db.select({ id: committeeMembers.expertId }).from(committeeMembers).where(eq(committeeMembers.committeeId, committee.id))).map((m) => m.id),
  );
  const strangers = panel.filter((id) => !members.has(id));
  if (strangers.length > 0) throw badRequest('答辩评议组成员须为本评审委员会的委员', [{ path: 'panelExpertIds', message: `${strangers.length} 名专家不是本评审委员会委员` }]);

  const list = await candidatesOf(services.db, committee.id);
  const byId = new Map(list.map((c) => [c.applicationId, c]));
  const unknown = applicationIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw badRequest('答辩人员须为本评审委员会的评审对象', [{ path: 'applicationIds', message: `${unknown.length} 个申报不属于本评审委员会` }]);
  const exempt = applicationIds.map((id) => byId.get(id)!).filter((c) => !c.defenceRequired);
  if (exempt.length > 0) {
    throw conflict(`${exempt.map((c) => c.code).join('、')} 免于答辩，不能安排答辩：${exempt[0].defenceExemptReason ?? '免于答辩'}`, 'DEFENCE_EXEMPT');
  }

  const session = await services.db.transaction(async (tx) => {
    const locked = await lockCommittee(tx, committee.id);
    assertCommitteeStatus(locked, ['formed', 'scoring_closed'], '评审会议开始后不能再安排答辩', 'MEETING_STARTED');
    const [row] = await tx
      .insert(defenceSessions)
      .values({ committeeId: committee.id, startsAt, place: input.place, videoLink: input.videoLink, panelExpertIds: panel, createdBy: actor.userId })
      .returning();
    const placed = await tx
      .update(candidates)
      .set({ defenceSessionId: row.id })
      .where(and(eq(candidates.committeeId, committee.id), inArray(candidates.applicationId, applicationIds), isNull(candidates.defenceSessionId), eq(candidates.defenceRequired, true)))
      .returning({ applicationId: candidates.applicationId });
    if (placed.length !== applicationIds.length) {
      const taken = applicationIds.filter((id) => !placed.some((p) => p.applicationId === id)).map((id) => byId.get(id)!.code);
      throw conflict(`${taken.join('、')} 已安排在其他答辩场次`, 'ALREADY_SCHEDULED');
    }
    const when = beijingDateTimeText(startsAt);
    for (const id of applicationIds) {
      const c = byId.get(id)!;
      await recordEvent(tx, id, 'office_staff', 'defenceScheduled', { startsAt: startsAt.toISOString(), place: input.place });
      await notify(
        tx,
        c.applicantId,
        '答辩安排通知',
        `您申报的${c.level}职称评审需参加答辩。答辩时间：${when}（北京时间）；地点：${input.place}` +
          (input.videoLink ? `；视频答辩链接：${input.videoLink}` : '') +
          `。请提前到场（或提前进入视频会议）并携带身份证件（${policy.ruleId}）。`,
      );
    }
    await appendAudit(tx, ctx, {
      action: 'defence.schedule',
      objectType: 'committee',
      objectId: committee.id,
      detail: { sessionId: row.id, startsAt: startsAt.toISOString(), panel: panel.length, candidates: applicationIds.length, video: input.videoLink !== null },
    });
    return row;
  });
  return session;
}
