// A score sheet (评分表): one number per item with its maximum, a comment, the total shown live,
// and save. Read-only, with a notice, once scoring is closed. Used for the blind review and the
// defence.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { MAX_COMMENT_LENGTH } from '../../../../domain/evaluation/scoring';
import type { MyScore, ScoreRequest, ScoringFormView } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { useIsPhone } from '../declare/useIsPhone';
import { fullMark, initialSheet, liveTotal, toScoreRequest, totalText, type SheetValues } from './scoreSheet';

interface ScoreSheetFormProps {
  /** Distinguishes several sheets on one page (form name, test ids). */
  name: string;
  scoringForm: ScoringFormView;
  saved: MyScore | null;
  readOnly: boolean;
  readOnlyNotice?: string;
  onSave(request: ScoreRequest): Promise<{ total: number }>;
}

interface SheetShape {
  items: SheetValues;
  comment: string;
}

export function ScoreSheetForm({ name, scoringForm, saved, readOnly, readOnlyNotice, onSave }: ScoreSheetFormProps) {
  const { message } = App.useApp();
  const phone = useIsPhone();
  const [form] = Form.useForm<SheetShape>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [savedTotal, setSavedTotal] = useState<number | null>(saved?.total ?? null);
  const values = (Form.useWatch('items', form) ?? {}) as SheetValues;
  const full = fullMark(scoringForm);

  useEffect(() => {
    form.setFieldsValue({ items: initialSheet(scoringForm, saved), comment: saved?.comment ?? '' });
    setSavedTotal(saved?.total ?? null);
  }, [form, scoringForm, saved]);

  async function save(shape: SheetShape) {
    const checked = toScoreRequest(scoringForm, shape.items ?? {}, shape.comment);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setSaving(true);
    setProblems([]);
    try {
      const { total } = await onSave(checked.request);
      setSavedTotal(total);
      message.success(`评分已保存，总分 ${total.toFixed(1)}`);
    } catch (err) {
      setProblems([errorMessage(err)]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form form={form} name={`score-${name}`} layout={phone ? 'vertical' : 'horizontal'} labelCol={phone ? undefined : { flex: '160px' }} onFinish={save} disabled={readOnly}>
      {readOnly && <Alert type="info" showIcon className="zp-gap-bottom" title={readOnlyNotice ?? '评分已截止，评分不能再修改。'} data-testid={`${name}-readonly`} />}
      {scoringForm.items.map((item) => (
        <Form.Item key={item.id} name={['items', item.id]} label={`${item.name}（满分 ${item.maxPoints}）`}>
          <InputNumber
            min={0}
            max={item.maxPoints}
            step={0.5}
            precision={1}
            inputMode="decimal"
            className="zp-full-width"
            placeholder={`0–${item.maxPoints}`}
            data-testid={`${name}-item-${item.id}`}
            aria-label={item.name}
          />
        </Form.Item>
      ))}
      <Form.Item name="comment" label="评审意见">
        <Input.TextArea rows={4} maxLength={MAX_COMMENT_LENGTH} showCount placeholder="对业绩、能力和代表作的评价（可不填）" data-testid={`${name}-comment`} />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>
            总分 <Typography.Text strong data-testid={`${name}-total`}>{totalText(liveTotal(scoringForm, values), full)}</Typography.Text>
          </Typography.Text>
          {savedTotal !== null && (
            <Tag color="success" data-testid={`${name}-saved`}>
              已保存 {savedTotal.toFixed(1)} 分
            </Tag>
          )}
        </Flex>
        {!readOnly && (
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} block={phone} data-testid={`${name}-save`}>
            保存评分
          </Button>
        )}
      </Flex>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="zp-gap-top"
          title="评分未保存"
          data-testid={`${name}-problems`}
          description={
            <ul className="zp-plain-list">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </Form>
  );
}
