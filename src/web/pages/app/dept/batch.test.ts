import { describe, expect, it } from 'vitest';
import { batchBlockedReason, batchListFilename, batchListUrl } from './batch';

describe('department batches', () => {
  it('needs at least one application', () => {
    expect(batchBlockedReason([])).toBe('请先勾选要报送的申报');
  });

  it('forwards applications of one campaign only', () => {
    expect(batchBlockedReason([{ campaignId: 'a' }, { campaignId: 'a' }])).toBeNull();
    expect(batchBlockedReason([{ campaignId: 'a' }, { campaignId: 'b' }])).toBe('一次只能报送同一评审活动的申报，请按评审活动分别勾选报送');
  });

  it('names the covering list', () => {
    expect(batchListUrl('9b1d')).toBe('/api/dept/batches/9b1d/list.xlsx');
    expect(batchListFilename(3)).toBe('报送批次3花名册.xlsx');
    expect(batchListUrl('9b1d', 'pdf')).toBe('/api/dept/batches/9b1d/list.pdf');
    expect(batchListFilename(3, 'pdf')).toBe('报送批次3花名册.pdf');
  });
});
