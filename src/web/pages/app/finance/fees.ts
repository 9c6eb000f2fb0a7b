// Finance's fee desk, pure parts: the order statuses as tabs and tags, and the campaigns to filter
// by, which finance learns from its own orders (it cannot list the office's campaigns) and names
// with the public titles of the published campaigns.
import type { FeeOrderStatus, FinanceFeeOrder } from '../../../api/types';

export const FEE_STATUS_COLORS: Record<FeeOrderStatus, string> = {
  pending: 'default',
  receipt_uploaded: 'processing',
  confirmed: 'success',
  rejected: 'error',
};

/** The tabs, in the order finance works: receipts waiting for a decision first. */
export const FEE_STATUS_TABS: { value: FeeOrderStatus; label: string }[] = [
  { value: 'receipt_uploaded', label: '待确认' },
  { value: 'pending', label: '待缴费' },
  { value: 'rejected', label: '已退回' },
  { value: 'confirmed', label: '已确认' },
];

export interface CampaignOption {
  value: string;
  label: string;
}

/** The campaigns of the orders, named by `titles` (id → title); one not found keeps a short id. */
export function campaignOptions(orders: readonly Pick<FinanceFeeOrder, 'campaignId'>[], titles: ReadonlyMap<string, string>): CampaignOption[] {
  const ids = [...new Set(orders.map((o) => o.campaignId))];
  return ids
    .map((id) => ({ value: id, label: titles.get(id) ?? `评审活动 ${id.slice(0, 8)}` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** The orders of one status, and of one campaign when chosen. */
export function ordersOf<T extends Pick<FinanceFeeOrder, 'status' | 'campaignId'>>(orders: readonly T[], status: FeeOrderStatus, campaignId: string | null): T[] {
  return orders.filter((o) => o.status === status && (campaignId === null || o.campaignId === campaignId));
}

/** How many orders each tab holds for the chosen campaign. */
export function countsByStatus(orders: readonly Pick<FinanceFeeOrder, 'status' | 'campaignId'>[], campaignId: string | null): Record<FeeOrderStatus, number> {
  const counts: Record<FeeOrderStatus, number> = { pending: 0, receipt_uploaded: 0, confirmed: 0, rejected: 0 };
  for (const o of orders) if (campaignId === null || o.campaignId === campaignId) counts[o.status] += 1;
  return counts;
}

export function yuan(amount: number): string {
  return `${amount.toLocaleString('zh-CN')} 元`;
}
