// The meeting's minutes (评审会议纪要, renderMinutesPdf) once the ballot has closed: attendance with
// the quorum, each candidate's counts (never a voter's choice: no such record exists) and result,
// and the panels' opinion as the review and defence scores the meeting had before it.
import { eq } from 'drizzle-orm';
import { averageScore, quorumNeeded } from '../../../domain/evaluation/index.js';
import { renderMinutesPdf } from '../../documents/evaluation-docs.js';
import { committeeMembers, experts } from '../../db/schema.js';
import type { Actor } from '../../http/context.js';
import { conflict } from '../../http/errors.js';
import { resultLabel } from '../../presenters/results.js';
import { candidatesOf, committeeCampaign, defenceScoresOf, scoreTotalsOf, specialtyName } from '../../queries/defence.js';
import { officeCommittee } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { ballotCloseReason } from './meeting.js';

export async function minutesPdf(services: Services, actor: Actor, committeeId: string): Promise<{ pdf: Buffer; name: string }> {
  const { committee } = await officeCommittee(services.db, actor, committeeId);
  if (!['ballot_closed', 'results_publicised', 'confirmed'].includes(committee.status) || !committee.meetingOpenedAt) {
    throw conflict('投票结束后方可生成评审会议纪要', 'BALLOT_NOT_CLOSED');
  }
  const { campaign } = await committeeCampaign(services.db, committee);
  const members = await services.db
    .select({ id: experts.id, name: experts.name, present: committeeMembers.present })
    .from(committeeMembers)
    .innerJoin(experts, eq(experts.id, committeeMembers.expertId))
    .where(eq(committeeMembers.committeeId, committee.id));
  members.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const all = await candidatesOf(services.db, committee.id);
  const list = all.filter((c) => c.result !== null);
  const review = await scoreTotalsOf(services.db, committee.id, 'review');
  const defence = await defenceScoresOf(services.db, committee.id, campaign, all);
  const chair = members.find((m) => m.id === committee.chairExpertId);
  const present = members.filter((m) => m.present === true).length;

  const pdf = await renderMinutesPdf({
    committeeName: committee.name,
    campaignTitle: campaign.title,
    level: committee.level,
    meetingOpenedAt: committee.meetingOpenedAt.toISOString(),
    place: committee.meetingPlace ?? '（未登记）',
    members: members.map((m) => ({ name: m.name, present: m.present === true })),
    quorum: { members: members.length, present, needed: quorumNeeded(members.length) },
    candidates: list.map((c) => {
      const avg = averageScore(review.get(c.applicationId) ?? []);
      const d = defence.get(c.applicationId);
      const parts = [
        `专家评审平均分：${avg === null ? '无' : `${avg.toFixed(1)} 分`}（${review.get(c.applicationId)?.length ?? 0} 份评分表）`,
        `答辩：${d?.defenceScoreText ?? '本次评审不设答辩'}`,
      ];
      if (c.rank !== null) parts.push(`排名：第 ${c.rank} 名`);
      if (c.tieDecision) parts.push(`评审委员会对并列人员的决定：${c.tieDecision}`);
      return {
        code: c.code,
        name: c.name,
        unitName: c.unitName,
        specialtyName: specialtyName(campaign, c.seriesId, c.specialtyId),
        voters: c.voters ?? 0,
        agree: c.agree ?? 0,
        disagree: c.disagree ?? 0,
        abstain: c.abstain ?? 0,
        panelOpinion: parts.join('；') + '。',
        result: resultLabel(c.result) ?? '',
      };
    }),
    chairName: chair?.name ?? null,
    closeEarlyReason: await ballotCloseReason(services.db, committee.id),
  });
  return { pdf, name: `${committee.name}评审会议纪要.pdf` };
}
