// Two verdicts that are not conditions of applying, so they sit beside checkEligibility rather
// than in it: whether the applicant must take the oral defence (B21-7, A24-14), and whether they
// qualify for direct recognition one level higher after grass-roots service (B21-8, a separate path).

import type { Campaign } from '../campaign/schema.js';
import { GRASS_ROOTS_SERVICES, type Level } from '../campaign/vocabulary.js';
import type { ApplicantArchive } from './archive.js';
import type { RuleResult } from './check.js';

export type DefenceVerdict = {
  required: boolean;
  /** null when the notice has no defence rule. */
  ruleId: string | null;
  message: string;
};

function scoringText(campaign: Campaign): string {
  const s = campaign.rules.defence?.exemptScoring;
  if (!s) return '';
  const scored =
    s.whenScored === 'averageOfSameSpecialty' ? '答辩成绩按当年参加该专业答辩人员的平均分赋分' : '答辩实行量化赋分的，按当年参加答辩人员的平均分赋分';
  return s.whenUnscored === 'treatedAsPassed' ? `${scored}，不实行量化赋分的按通过答辩对待` : scored;
}

export function defenceRequirement(args: { campaign: Campaign; level: Level; archive: ApplicantArchive }): DefenceVerdict {
  const { campaign, level, archive } = args;
  const d = campaign.rules.defence;
  if (!d) return { required: false, ruleId: null, message: '本次评审通知未规定专业水平答辩' };
  if (!d.requiredForLevels.includes(level)) {
    return { required: false, ruleId: d.ruleId, message: `申报${level}免于答辩（${d.ruleId}）` };
  }
  for (const ex of d.exemptions) {
    let reason: string | null = null;
    if (ex.kind === 'grassRootsService') {
      const s = archive.grassRootsService.find((g) => g.year === campaign.year && ex.services.includes(g.service));
      if (s) reason = `${campaign.year} 年参加${GRASS_ROOTS_SERVICES[s.service]}`;
    } else if (ex.kind === 'counties') {
      if (archive.unit.countyName !== null && ex.counties.includes(archive.unit.countyName)) reason = `在${archive.unit.countyName}工作`;
    } else if (archive.unit.countyLevelOrBelow) {
      reason = '在县级及以下基层单位工作';
    }
    if (reason) {
      return { required: false, ruleId: ex.ruleId, message: `${reason}，免于答辩；${scoringText(campaign)}（${ex.ruleId}）` };
    }
  }
  const video = d.videoAllowed ? '，可视频（线上）答辩' : '';
  return { required: true, ruleId: d.ruleId, message: `申报${level}须参加专业水平答辩${video}（${d.ruleId}）` };
}

/**
 * B21-8: three consecutive years of grass-roots service, each assessed "优秀", → direct recognition
 * one level higher. A year counts when a listed service was performed and that year's grade (on the
 * service record, else the annual assessment) is the required one. null when the notice has no such rule.
 */
export function checkDirectRecognition(args: { campaign: Campaign; archive: ApplicantArchive }): RuleResult | null {
  const { campaign, archive } = args;
  const rule = campaign.rules.directRecognition;
  if (!rule) return null;
  const qualifying = new Set<number>();
  for (const g of archive.grassRootsService) {
    if (!rule.services.includes(g.service)) continue;
    const grade = g.grade ?? archive.annualAssessments.find((a) => a.year === g.year)?.grade ?? null;
    if (grade === rule.requiredGrade) qualifying.add(g.year);
  }
  let best: number[] = [];
  for (const y of [...qualifying].sort((a, b) => a - b)) {
    let run = [y];
    while (qualifying.has(run[run.length - 1] + 1)) run = [...run, run[run.length - 1] + 1];
    if (run.length > best.length) best = run;
  }
  const t = `（${rule.ruleId}）`;
  if (best.length >= rule.consecutiveYears) {
    return {
      ruleId: rule.ruleId,
      passed: true,
      message: `${best[0]}—${best[best.length - 1]} 年连续 ${best.length} 年参加基层服务且考核${rule.requiredGrade}，可申请直接认定高一级职称${t}`,
    };
  }
  return {
    ruleId: rule.ruleId,
    passed: false,
    message: `直接认定高一级职称须连续 ${rule.consecutiveYears} 年参加基层服务且考核${rule.requiredGrade}，现连续 ${best.length} 年${t}`,
  };
}
