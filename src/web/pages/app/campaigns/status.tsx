// Status of a campaign as the office reads it: 草稿 / 已发布 / 已归档, and saved versions the public does not see yet.
import { Tag } from 'antd';
import type { CampaignStatus, OfficeCampaignSummary } from '../../../api/types';

export const STATUS_VIEW: Record<CampaignStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'success' },
  archived: { label: '已归档', color: 'warning' },
};

export function CampaignStatusTags({ campaign }: { campaign: OfficeCampaignSummary }) {
  const view = STATUS_VIEW[campaign.status];
  return (
    <>
      <Tag color={view.color} data-testid="campaign-status">
        {view.label}
      </Tag>
      {campaign.hasUnpublishedChanges && (
        <Tag color="warning" data-testid="campaign-unpublished">
          有未发布的修改
        </Tag>
      )}
    </>
  );
}
