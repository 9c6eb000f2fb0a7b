// The committee's part of a campaign (issue 6): committee sizes per level (N40-COMMITTEE) and the
// experts' scoring forms, checked against the levels the campaign offers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from './load.js';

const readJson = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../../campaigns/${name}.json`, import.meta.url), 'utf8'));

function errorsOf(input: unknown) {
  const r = parseCampaign(input);
  if (r.ok) throw new Error('expected the campaign to be refused');
  return r.errors;
}

describe('campaign evaluation section', () => {
  it('N40-COMMITTEE: both notices configure a committee and a scoring form for every level they offer; senior committees have at least 25 members', () => {
    for (const name of ['bayingol-2021-news', 'aksu-2024-news-literature-publishing']) {
      const r = parseCampaign(readJson(name));
      expect(r.ok, name).toBe(true);
      if (!r.ok) continue;
      const offered = new Set(r.campaign.series.flatMap((s) => s.levels));
      for (const level of offered) {
        const committee = r.campaign.evaluation.committees.find((c) => c.level === level);
        expect(committee, `${name} ${level}`).toBeDefined();
        if (level === '副高' || level === '正高') expect(committee!.minMembers).toBeGreaterThanOrEqual(25);
        expect(r.campaign.evaluation.scoringForms.filter((f) => f.levels.includes(level))).toHaveLength(1);
      }
    }
  });

  it('N40-COMMITTEE: an even committee size is refused with its path', () => {
    const raw = readJson('bayingol-2021-news');
    raw.evaluation.committees[0].minMembers = 12;
    expect(errorsOf(raw)).toContainEqual({ path: 'evaluation.committees[0].minMembers', message: '评审委员会人数应为单数' });
  });

  it('an offered level without a scoring form, a form for a level not offered and a duplicated item are each reported', () => {
    const raw = readJson('bayingol-2021-news');
    raw.evaluation.scoringForms[0].levels = ['初级', '正高'];
    raw.evaluation.scoringForms[0].items.push({ ...raw.evaluation.scoringForms[0].items[0] });
    const messages = errorsOf(raw).map((e) => `${e.path}: ${e.message}`);
    expect(messages).toContain('evaluation.scoringForms: 缺少中级的评分表');
    expect(messages).toContain('evaluation.scoringForms[0].levels[1]: 未开设正高，不应设置其评分表');
    expect(messages.some((m) => m.startsWith('evaluation.scoringForms[0].items[4].id: 评分项标识'))).toBe(true);
  });

  it('a missing committee rule for an offered level is reported', () => {
    const raw = readJson('bayingol-2021-news');
    raw.evaluation.committees = raw.evaluation.committees.filter((c: { level: string }) => c.level !== '中级');
    expect(errorsOf(raw)).toContainEqual({ path: 'evaluation.committees', message: '缺少中级评审委员会的组建要求' });
  });
});
