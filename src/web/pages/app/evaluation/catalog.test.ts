import { describe, expect, it } from 'vitest';
import { committeeRuleOf, defaultCommitteeSize, mergeSeries, seriesName, seriesOf, specialtyNames } from './catalog';

const bz = {
  series: [{ id: 'news', name: '新闻', levels: ['中级', '初级'], specialties: [{ id: 'reporter', name: '记者', titles: {} }] }],
  evaluation: { committees: [{ level: '中级', minMembers: 11, maxPerUnit: 3 }] },
};
const aks = {
  series: [
    { id: 'news', name: '新闻', levels: ['副高'], specialties: [{ id: 'editor', name: '编辑', titles: {} }, { id: 'reporter', name: '记者', titles: {} }] },
    { id: 'publishing', name: '出版', levels: ['中级'], specialties: [{ id: 'proof', name: '校对', titles: {} }] },
  ],
};

describe('campaign catalogue', () => {
  it('reads the series of a configuration, loosely', () => {
    expect(seriesOf(bz)).toEqual([{ id: 'news', name: '新闻', levels: ['中级', '初级'], specialties: [{ id: 'reporter', name: '记者' }] }]);
    expect(seriesOf(null)).toEqual([]);
    expect(seriesOf({ series: [{ name: 'no id' }, 'junk', { id: 'x', levels: ['特级'], specialties: [{}] }] })).toEqual([{ id: 'x', name: 'x', levels: [], specialties: [] }]);
  });

  it('merges several campaigns, each series once, levels in order', () => {
    const merged = mergeSeries([bz, aks]);
    expect(merged.map((s) => s.id)).toEqual(['news', 'publishing']);
    expect(merged[0].levels).toEqual(['初级', '中级', '副高']);
    expect(merged[0].specialties.map((s) => s.id)).toEqual(['reporter', 'editor']);
    // The inputs are not changed.
    expect(seriesOf(bz)[0].levels).toEqual(['中级', '初级']);
  });

  it('names series and specialties, unknown ids as they are', () => {
    const merged = mergeSeries([bz, aks]);
    expect(seriesName(merged, 'publishing')).toBe('出版');
    expect(seriesName(merged, 'art')).toBe('art');
    expect(specialtyNames(merged, ['editor', 'reporter', 'x'])).toBe('编辑、记者、x');
  });

  it('N40-COMMITTEE: the level rule, and the smallest odd size at least the minimum', () => {
    expect(committeeRuleOf(bz, '中级')).toEqual({ level: '中级', minMembers: 11, maxPerUnit: 3 });
    expect(committeeRuleOf(bz, '副高')).toBeNull();
    expect(defaultCommitteeSize(11)).toBe(11);
    expect(defaultCommitteeSize(10)).toBe(11);
    expect(defaultCommitteeSize(null)).toBe(7);
  });
});
