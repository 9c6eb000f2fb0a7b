// The department forwards a batch of applications of one campaign (the server refuses a mix).

/** Why the selection cannot be forwarded as one batch, or null. */
export function batchBlockedReason(selected: readonly { campaignId: string }[]): string | null {
  if (selected.length === 0) return '请先勾选要报送的申报';
  const campaigns = new Set(selected.map((r) => r.campaignId));
  if (campaigns.size > 1) return '一次只能报送同一评审活动的申报，请按评审活动分别勾选报送';
  return null;
}

export type BatchListFormat = 'xlsx' | 'pdf';

export function batchListUrl(batchId: string, format: BatchListFormat = 'xlsx'): string {
  return `/api/dept/batches/${encodeURIComponent(batchId)}/list.${format}`;
}

export function batchListFilename(batchNumber: number, format: BatchListFormat = 'xlsx'): string {
  return `报送批次${batchNumber}花名册.${format}`;
}
