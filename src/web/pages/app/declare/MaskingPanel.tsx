// Blind review (盲评): the items the applicant confirms to have masked in every scan, each ticked.
import { useState } from 'react';
import { App, Card, Checkbox, Tag, Typography } from 'antd';
import { api } from '../../../api/client';
import type { ApplicationView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { MASKING_ID } from './elementIds';

export function MaskingPanel({ view, onChanged }: { view: ApplicationView; onChanged(): Promise<unknown> }) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  if (view.maskingRequired.length === 0) return null;

  async function save(items: string[]) {
    setSaving(true);
    try {
      await api.put(`/api/me/applications/${encodeURIComponent(view.id)}/masking`, { items });
      await onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" id={MASKING_ID} tabIndex={-1} title="盲评遮盖项目" extra={view.blindReviewRuleId && <Tag>{view.blindReviewRuleId}</Tag>}>
      <Typography.Paragraph>本次评审采用盲评。请确认上传的全部材料中以下信息均已遮盖，并逐项勾选：</Typography.Paragraph>
      <div role="group" aria-label="盲评遮盖项目">
        <Checkbox.Group
          className="zp-pick-list"
          disabled={saving}
          value={view.masking}
          onChange={(items) => void save(items)}
          options={view.maskingRequired.map((item) => ({ value: item, label: `已遮盖${item}` }))}
        />
      </div>
    </Card>
  );
}
