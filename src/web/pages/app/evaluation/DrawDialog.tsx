// 抽取组建评审委员会 (N40-COMMITTEE): series, level, size (odd, at least the campaign's minimum for
// the level), an optional seed (blank: the server draws one and records it), the specialties that
// must sit on the committee and the meeting date. A refused draw lists every problem the server
// found (DRAW_FAILED); a successful one lists the pool's experts left out and why.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { toBeijingDateTime } from '../../../../domain/campaign/dates';
import type { Level } from '../../../../domain/campaign/vocabulary';
import { ApiError, ApiErrorWithBody, postKeepingErrorBody } from '../../../api/client';
import type { DrawResponse } from '../../../api/evaluation';
import { BeijingDatePicker } from '../../../components/BeijingPickers';
import { errorMessage } from '../../../components/errors';
import { committeeRuleOf, defaultCommitteeSize, type CatalogSeries } from './catalog';
import { drawProblems, toDrawRequest, type DrawValues } from './status';

function DateControl(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  return <BeijingDatePicker id={props.id} value={props.value} onChange={(v) => props.onChange?.(v)} placeholder="YYYY-MM-DD" />;
}

interface DrawDialogProps {
  open: boolean;
  campaignId: string;
  config: Record<string, unknown> | undefined;
  catalog: CatalogSeries[];
  onClose(): void;
  onDrawn(result: DrawResponse): void;
}

export function DrawDialog({ open, campaignId, config, catalog, onClose, onDrawn }: DrawDialogProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DrawValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const seriesId = Form.useWatch('seriesId', form);
  const level = Form.useWatch('level', form);
  const series = catalog.find((s) => s.id === seriesId);
  const rule = level && config ? committeeRuleOf(config, level) : null;

  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.resetFields();
    const first = catalog[0];
    form.setFieldsValue({ seriesId: first?.id, level: first?.levels.at(-1), requiredSpecialtyIds: [], meetingDate: toBeijingDateTime(Date.now()).slice(0, 10) });
  }, [open, catalog, form]);

  useEffect(() => {
    if (level && config) form.setFieldsValue({ size: defaultCommitteeSize(committeeRuleOf(config, level)?.minMembers ?? null) });
  }, [level, config, form]);

  async function submit(values: DrawValues) {
    const checked = toDrawRequest(values, rule?.minMembers ?? null);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setSubmitting(true);
    setProblems([]);
    try {
      const result = await postKeepingErrorBody<DrawResponse>(`/api/office/campaigns/${encodeURIComponent(campaignId)}/committees`, checked.request);
      message.success(`已组建“${result.committee.name}”`);
      onDrawn(result);
    } catch (err) {
      if (err instanceof ApiErrorWithBody && (err.code === 'DRAW_FAILED' || err.status === 422)) setProblems(drawProblems(err.body, err.fields, err.message));
      else if (err instanceof ApiError && err.fields.length > 0) setProblems(err.fields.map((f) => f.message));
      else setProblems([errorMessage(err)]);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title="抽取组建评审委员会"
      open={open}
      onCancel={onClose}
      width={640}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" form="committee-draw" loading={submitting} data-testid="draw-submit">
            抽取
          </Button>
        </Flex>
      }
      forceRender
    >
      <Typography.Paragraph type="secondary">
        从专家库中同系列、职称级别不低于评审级别、聘期覆盖评审会日期的在库专家中随机抽取；同一单位人数受评审活动规定限制。记录抽取种子，可复核抽取结果。
      </Typography.Paragraph>
      <Form form={form} name="committee-draw" layout="vertical" onFinish={submit} onValuesChange={(changed: DrawValues) => 'seriesId' in changed && form.setFieldsValue({ requiredSpecialtyIds: [] })}>
        <Flex gap={12} wrap>
          <Form.Item name="seriesId" label="评审系列" className="zp-grow" rules={[{ required: true, message: '请选择系列' }]}>
            <Select options={catalog.map((s) => ({ value: s.id, label: s.name }))} data-testid="draw-series" />
          </Form.Item>
          <Form.Item name="level" label="评审级别" className="zp-grow" rules={[{ required: true, message: '请选择级别' }]}>
            <Select options={(series?.levels ?? []).map((l: Level) => ({ value: l, label: l }))} data-testid="draw-level" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="size"
            label="委员人数"
            className="zp-grow"
            extra={rule ? `奇数，不少于 ${rule.minMembers} 人；同一单位不超过 ${rule.maxPerUnit} 人` : '奇数'}
            rules={[{ required: true, message: '请填写委员人数' }]}
          >
            <InputNumber min={1} max={99} precision={0} className="zp-full-width" data-testid="draw-size" />
          </Form.Item>
          <Form.Item name="meetingDate" label="评审会日期" className="zp-grow" rules={[{ required: true, message: '请选择评审会日期' }]}>
            <DateControl />
          </Form.Item>
        </Flex>
        <Form.Item name="requiredSpecialtyIds" label="必须覆盖的专业" extra="委员中至少各有一名该专业的专家">
          <Select mode="multiple" allowClear options={(series?.specialties ?? []).map((sp) => ({ value: sp.id, label: sp.name }))} placeholder="可不选" />
        </Form.Item>
        <Form.Item name="seed" label="抽取种子" extra="留空由系统随机生成并记录；填写同一种子可复现抽取结果">
          <Input maxLength={100} allowClear autoComplete="off" data-testid="draw-seed" />
        </Form.Item>
      </Form>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="未能组建评审委员会"
          data-testid="draw-problems"
          description={
            <ul className="zp-plain-list">
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </Modal>
  );
}

/** The experts of the pool the draw left out, with the reasons (shown once after a draw). */
export function ExcludedDialog({ result, onClose }: { result: DrawResponse | null; onClose(): void }) {
  return (
    <Modal title={result ? `已组建：${result.committee.name}` : ''} open={result !== null} onCancel={onClose} onOk={onClose} okText="知道了" cancelButtonProps={{ hidden: true }} width={640}>
      {result && (
        <Flex vertical gap={12}>
          <Alert type="success" showIcon title={`抽取 ${result.committee.memberCount || result.committee.size} 名委员`} />
          {result.excluded.length > 0 ? (
            <>
              <Typography.Text>以下专家不符合本次抽取条件：</Typography.Text>
              <Table
                size="small"
                rowKey="expertId"
                pagination={false}
                scroll={{ y: 320 }}
                dataSource={result.excluded}
                columns={[
                  { title: '专家', dataIndex: 'name', width: 100 },
                  { title: '原因', dataIndex: 'reason' },
                ]}
              />
            </>
          ) : (
            <Typography.Text type="secondary">专家库中的专家均符合抽取条件。</Typography.Text>
          )}
        </Flex>
      )}
    </Modal>
  );
}
