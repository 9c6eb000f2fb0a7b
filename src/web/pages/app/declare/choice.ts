// The choices of a new application (评审活动 → 系列 → 专业 → 级别 → 申报途径), narrowed by what the
// published campaign offers.
import type { Level } from '../../../../domain/campaign/vocabulary';
import type { PublicCampaign, PublicCampaignDetail } from '../../../api/types';

/** Campaigns whose online declaration window is open at `nowMs`. */
export function openForDeclaration(campaigns: PublicCampaign[], nowMs: number): PublicCampaign[] {
  return campaigns.filter((c) => {
    const w = c.windows.find((x) => x.key === 'declaration');
    return w !== undefined && w.opensAt !== null && Date.parse(w.opensAt) <= nowMs && nowMs <= Date.parse(w.closesAt);
  });
}

type Series = PublicCampaignDetail['series'][number];
type Specialty = Series['specialties'][number];

/** The levels a specialty of a series is evaluated at this time (those with a title name). */
export function levelsOf(series: Series, specialty: Specialty): Level[] {
  return series.levels.map((l) => l.level).filter((level) => Boolean(specialty.titles[level]));
}

export function feeOf(campaign: Pick<PublicCampaign, 'fees'>, level: Level): number | null {
  return campaign.fees.amounts.find((a) => a.level === level)?.amountYuan ?? null;
}
