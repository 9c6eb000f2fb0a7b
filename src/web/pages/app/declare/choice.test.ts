import { describe, expect, it } from 'vitest';
import type { PublicCampaign, PublicCampaignDetail } from '../../../api/types';
import { feeOf, levelsOf, openForDeclaration } from './choice';

function campaign(id: string, opensAt: string, closesAt: string): PublicCampaign {
  return {
    id,
    title: id,
    prefecture: { name: '巴音郭楞蒙古自治州', portal: 'bz' },
    series: [],
    levels: ['初级', '中级'],
    windows: [{ key: 'declaration', label: '网上申报', opensAt, closesAt, tentative: false, ruleId: 'B21-1' }],
    fees: { ruleId: 'B21-14', amounts: [{ level: '中级', amountYuan: 380 }] },
  };
}

describe('new application choices', () => {
  it('offers only campaigns whose declaration window is open (Beijing time)', () => {
    const now = Date.parse('2026-11-30T12:00:00+08:00');
    const open = campaign('open', '2026-11-16T00:00:00+08:00', '2026-12-10T23:59:59+08:00');
    const closed = campaign('closed', '2021-08-01T00:00:00+08:00', '2021-09-25T23:59:59+08:00');
    const later = campaign('later', '2026-12-01T00:00:00+08:00', '2026-12-20T23:59:59+08:00');
    expect(openForDeclaration([open, closed, later], now).map((c) => c.id)).toEqual(['open']);
  });

  it('offers the levels a specialty has a title for', () => {
    const series: PublicCampaignDetail['series'][number] = {
      id: 'news',
      name: '新闻',
      levels: [
        { level: '初级', titles: ['助理记者'] },
        { level: '中级', titles: ['记者'] },
      ],
      specialties: [{ id: 'reporter', name: '记者', titles: { 中级: '记者' } }],
    };
    expect(levelsOf(series, series.specialties[0])).toEqual(['中级']);
  });

  it('finds the fee of a level', () => {
    const c = campaign('c', '2026-11-16T00:00:00+08:00', '2026-12-10T23:59:59+08:00');
    expect(feeOf(c, '中级')).toBe(380);
    expect(feeOf(c, '初级')).toBeNull();
  });
});
