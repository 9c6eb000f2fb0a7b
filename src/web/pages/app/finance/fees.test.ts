import { describe, expect, it } from 'vitest';
import { campaignOptions, countsByStatus, ordersOf, yuan } from './fees';

const orders = [
  { id: '1', campaignId: 'c-bz-2026-zhongji', status: 'receipt_uploaded' as const },
  { id: '2', campaignId: 'c-bz-2026-zhongji', status: 'confirmed' as const },
  { id: '3', campaignId: 'c-aks-2026-gaoji0', status: 'receipt_uploaded' as const },
  { id: '4', campaignId: 'c-unknown-campaign', status: 'pending' as const },
];

describe('finance fee desk', () => {
  it('derives each campaign once, named by its public title, else by a short id', () => {
    const titles = new Map([
      ['c-bz-2026-zhongji', '2026 年巴州新闻系列评审'],
      ['c-aks-2026-gaoji0', '2026 年阿克苏地区新闻系列评审'],
    ]);
    expect(campaignOptions(orders, titles)).toEqual([
      { value: 'c-aks-2026-gaoji0', label: '2026 年阿克苏地区新闻系列评审' },
      { value: 'c-bz-2026-zhongji', label: '2026 年巴州新闻系列评审' },
      { value: 'c-unknown-campaign', label: '评审活动 c-unknow' },
    ]);
    expect(campaignOptions([], titles)).toEqual([]);
  });

  it('filters by status and, when chosen, by campaign', () => {
    expect(ordersOf(orders, 'receipt_uploaded', null).map((o) => o.id)).toEqual(['1', '3']);
    expect(ordersOf(orders, 'receipt_uploaded', 'c-bz-2026-zhongji').map((o) => o.id)).toEqual(['1']);
    expect(ordersOf(orders, 'rejected', null)).toEqual([]);
  });

  it('counts the tabs for the chosen campaign', () => {
    expect(countsByStatus(orders, null)).toEqual({ pending: 1, receipt_uploaded: 2, confirmed: 1, rejected: 0 });
    expect(countsByStatus(orders, 'c-bz-2026-zhongji')).toEqual({ pending: 0, receipt_uploaded: 1, confirmed: 1, rejected: 0 });
  });

  it('writes amounts in yuan', () => {
    expect(yuan(380)).toBe('380 元');
    expect(yuan(1200)).toBe('1,200 元');
  });
});
