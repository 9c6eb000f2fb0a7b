// Forms a committee (评审委员会) of one campaign, series and level by drawing from the prefecture's
// pool (N40-COMMITTEE): an odd size of at least the campaign's minimum for the level, experts of
// the series at or above the level whose term covers the meeting, at most maxPerUnit from one
// unit, the required specialties covered. The draw is drawCommittee's (src/domain/evaluation):
// reproducible from the pool, the rules and the seed, so the seed (the office's, or a random one
// made here) is stored and the audit row records who drew it, with the seed, the meeting date and
// the members.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { isValidDate } from '../../../domain/campaign/dates.js';
import type { Level } from '../../../domain/campaign/index.js';
import { drawCommittee, validateCommitteeSize, type PoolExpert } from '../../../domain/evaluation/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { committeeMembers, committees, experts } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import { committeeRuleFor } from '../../queries/evaluation.js';
import type { CommitteeRow } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { loadManagedCampaign } from '../campaign/rules.js';

export interface DrawInput {
  seriesId: string;
  level: Level;
  size: number;
  seed: string | null;
  requiredSpecialtyIds: string[];
  meetingDate: string;
}

export type DrawOutcome =
  | { ok: true; committee: CommitteeRow; excluded: { expertId: string; name: string; reason: string }[] }
  | { ok: false; problems: string[] };

export async function drawCommitteeCommand(services: Services, ctx: RequestContext, actor: Actor, campaignId: string, input: DrawInput): Promise<DrawOutcome> {
  const row = await loadManagedCampaign(services.db, actor, campaignId);
  if (row.status !== 'published' || row.publishedVersion === null) throw conflict('评审活动发布后方可组建评审委员会', 'CAMPAIGN_NOT_PUBLISHED');
  const { campaign } = await loadPublishedCampaign(services.db, campaignId);

  const series = campaign.series.find((s) => s.id === input.seriesId);
  if (!series) throw badRequest(`本评审活动没有“${input.seriesId}”系列`, [{ path: 'seriesId', message: '本评审活动没有该系列' }]);
  const rule = committeeRuleFor(campaign, input.level);
  if (!rule) throw badRequest(`本评审活动未设置${input.level}评审委员会（N40-COMMITTEE）`, [{ path: 'level', message: '本评审活动未设置该级别的评审委员会' }]);
  const unknown = input.requiredSpecialtyIds.filter((id) => !series.specialties.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw badRequest(`${series.name}系列没有这些专业：${unknown.join('、')}`, [{ path: 'requiredSpecialtyIds', message: '须覆盖的专业不属于该系列' }]);
  }
  if (!isValidDate(input.meetingDate)) throw badRequest('评审会日期无效，应为 YYYY-MM-DD', [{ path: 'meetingDate', message: '评审会日期无效，应为 YYYY-MM-DD' }]);
  const sizeProblems = validateCommitteeSize(input.size, rule.minMembers);
  if (sizeProblems.length > 0) {
    const message = `${sizeProblems.join('；')}（${rule.ruleId}）`;
    throw badRequest(message, [{ path: 'size', message }]);
  }
  const seed = input.seed?.trim() || randomBytes(16).toString('hex');

  const [existing] = await services.db
    .select({ id: committees.id })
    .from(committees)
    .where(and(eq(committees.campaignId, campaignId), eq(committees.seriesId, input.seriesId), eq(committees.level, input.level)));
  if (existing) throw conflict(`本评审活动已组建${series.name}系列${input.level}评审委员会`, 'COMMITTEE_EXISTS');

  const pool = await services.db
    .select()
    .from(experts)
    .where(and(eq(experts.prefectureId, row.prefectureId), eq(experts.seriesId, input.seriesId), eq(experts.active, true)));
  const poolExperts: PoolExpert[] = pool.map((e) => ({
    id: e.id,
    name: e.name,
    seriesId: e.seriesId,
    specialtyIds: e.specialtyIds,
    level: e.level as Level,
    unitId: e.unitId,
    termStart: e.termStart,
    termEnd: e.termEnd,
  }));
  const drawn = drawCommittee(
    poolExperts,
    {
      seriesId: input.seriesId,
      level: input.level,
      size: input.size,
      minMembers: rule.minMembers,
      maxPerUnit: rule.maxPerUnit,
      requiredSpecialtyIds: input.requiredSpecialtyIds,
      meetingDate: input.meetingDate,
    },
    seed,
  );
  if (!drawn.ok) return { ok: false, problems: drawn.problems };

  const names = new Map(pool.map((e) => [e.id, e.name]));
  const name = `${campaign.prefecture.shortName}${series.name}系列${input.level}职称评审委员会（${campaign.year}年度）`;
  try {
    const committee = await services.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(committees)
        .values({ campaignId, seriesId: input.seriesId, level: input.level, name, size: input.size, seed, drawnBy: actor.userId })
        .returning();
      await tx.insert(committeeMembers).values(drawn.memberIds.map((expertId) => ({ committeeId: created.id, expertId })));
      await appendAudit(tx, ctx, {
        action: 'committee.draw',
        objectType: 'committee',
        objectId: created.id,
        detail: {
          campaignId,
          seriesId: input.seriesId,
          level: input.level,
          size: input.size,
          seed,
          seedGiven: Boolean(input.seed?.trim()),
          meetingDate: input.meetingDate,
          requiredSpecialtyIds: input.requiredSpecialtyIds,
          minMembers: rule.minMembers,
          maxPerUnit: rule.maxPerUnit,
          poolSize: pool.length,
          memberIds: drawn.memberIds,
        },
      });
      return created;
    });
    return { ok: true, committee, excluded: drawn.excluded.map((e) => ({ expertId: e.expertId, name: names.get(e.expertId) ?? '', reason: e.reason })) };
  } catch (err) {
    if (uniqueViolation(err) === 'committees_campaign_series_level_key') throw conflict(`本评审活动已组建${series.name}系列${input.level}评审委员会`, 'COMMITTEE_EXISTS');
    throw err;
  }
}
