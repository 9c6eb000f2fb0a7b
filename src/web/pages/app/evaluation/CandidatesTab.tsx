// 评审对象: enrolment gives every accepted, fee-confirmed application of the series and level an
// anonymous code, its defence decision, the automatic recusals and the assignment to every member.
// The office sees who each code is, the blind-review leak hits of the scans, and may hold a packet
// back from the experts (with a reason) until it is fixed.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { officeCommitteeUrl, type OfficeCandidate } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { defenceText, scoreText } from './status';
import { useRun, type CommitteeTabProps } from './committeeKit';

function HoldDialog({ target, committeeId, onClose, onDone }: { target: OfficeCandidate | null; committeeId: string; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    if (!target) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(officeCommitteeUrl(committeeId, `/candidates/${encodeURIComponent(target.applicationId)}/hold`), { held: true, reason: reason.trim() });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={target ? `暂扣 ${target.code} 的评审材料` : ''}
      open={target !== null}
      onCancel={onClose}
      okText="暂扣"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: saving, htmlType: 'submit', form: 'packet-hold' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">暂扣期间专家看不到该评审对象的材料。原因仅办公室可见。</Typography.Paragraph>
      <Form form={form} name="packet-hold" layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="暂扣原因" rules={[{ required: true, whitespace: true, message: '请填写暂扣原因' }, { max: 500, message: '不超过 500 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：业绩材料第 2 页未遮盖申报人姓名" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function CandidatesTab({ committee, reload }: CommitteeTabProps) {
  const { busy, run, confirmRun } = useRun(reload);
  const [holding, setHolding] = useState<OfficeCandidate | null>(null);
  const open = committee.status === 'formed';

  return (
    <Card
      size="small"
      title={`评审对象（${committee.candidates.length}）`}
      extra={
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          disabled={!open}
          loading={busy === 'enrol'}
          data-testid="enrol"
          onClick={() => void run('enrol', () => api.post<{ enrolled: number }>(officeCommitteeUrl(committee.id, '/enrol')), (r) => (r.enrolled > 0 ? `已纳入 ${r.enrolled} 名评审对象` : '没有新的评审对象可纳入'))}
        >
          纳入评审对象
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          纳入本评审活动中本系列、本级别已接收材料且评审费已确认的申报。每名评审对象获得随机匿名编号，专家只见编号和盲评材料。
        </Typography.Text>
        <Table<OfficeCandidate>
          size="small"
          rowKey="applicationId"
          data-testid="candidates-table"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1200 }}
          dataSource={committee.candidates}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未纳入评审对象" /> }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 110, fixed: 'left', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '单位', dataIndex: 'unitName', width: 180 },
            { title: '专业', dataIndex: 'specialtyName', width: 90 },
            {
              title: '盲评检查',
              dataIndex: 'leakHits',
              width: 120,
              render: (n: number) => (n > 0 ? <Tag color="error">{n} 处疑似身份信息</Tag> : <Tag color="success">未发现</Tag>),
            },
            {
              title: '材料',
              key: 'held',
              width: 150,
              render: (_: unknown, c) =>
                c.packetHeld ? (
                  <Tooltip title={c.heldReason ?? ''}>
                    <Tag color="warning" icon={<LockOutlined />} data-testid={`held-${c.code}`}>
                      已暂扣{c.heldReason ? `：${c.heldReason}` : ''}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag>专家可见</Tag>
                ),
            },
            {
              title: '答辩',
              key: 'defence',
              width: 170,
              render: (_: unknown, c) => (
                <span>
                  {defenceText(c)}
                  {c.defenceRuleId && <Tag style={{ marginInlineStart: 4 }}>{c.defenceRuleId}</Tag>}
                </span>
              ),
            },
            { title: '评分', key: 'scores', width: 120, render: (_: unknown, c) => `${c.reviewScores} 份 · 平均 ${scoreText(c.reviewAverage)}` },
            { title: '答辩成绩', key: 'defenceScore', width: 100, render: (_: unknown, c) => c.defenceScoreText ?? scoreText(c.defenceAverage) },
            {
              title: '操作',
              key: 'actions',
              width: 100,
              fixed: 'right',
              render: (_: unknown, c) =>
                c.packetHeld ? (
                  <Button
                    size="small"
                    icon={<UnlockOutlined />}
                    loading={busy === `release-${c.applicationId}`}
                    aria-label={`放行 ${c.code} 的评审材料`}
                    onClick={() =>
                      confirmRun(
                        { title: `放行 ${c.code} 的评审材料`, content: '放行后专家即可查看并评分。', okText: '确认放行' },
                        `release-${c.applicationId}`,
                        () => api.post(officeCommitteeUrl(committee.id, `/candidates/${encodeURIComponent(c.applicationId)}/hold`), { held: false, reason: null }),
                        '已放行',
                      )
                    }
                  >
                    放行
                  </Button>
                ) : (
                  <Button size="small" danger icon={<LockOutlined />} disabled={!open} onClick={() => setHolding(c)} aria-label={`暂扣 ${c.code} 的评审材料`}>
                    暂扣
                  </Button>
                ),
            },
          ]}
        />
      </Flex>
      <HoldDialog
        target={holding}
        committeeId={committee.id}
        onClose={() => setHolding(null)}
        onDone={() => {
          setHolding(null);
          void reload();
        }}
      />
    </Card>
  );
}
