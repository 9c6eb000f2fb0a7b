// 成员与回避: the drawn members (whether each has declared conflicts), the chair and the meeting
// place, and the recusal list — automatic (same unit, same department), declared by the expert,
// or added by the office. A recusal takes the candidate's packet away from that expert; the server
// refuses it once the expert has scored or voted on the candidate.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { CONFLICT_KIND_LABELS, type ConflictKind } from '../../../../domain/evaluation/recusal';
import { api } from '../../../api/client';
import { officeCommitteeUrl, type CommitteeMember, type Conflict } from '../../../api/evaluation';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import { reached } from './status';
import { useRun, type CommitteeTabProps } from './committeeKit';

const SOURCE_LABELS: Record<Conflict['source'], string> = { automatic: '系统比对', declared: '专家声明', office: '办公室登记' };

interface ConflictValues {
  expertId: string;
  applicationId: string;
  kind: ConflictKind;
  note?: string;
}

function AddConflictDialog({ open, committee, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void } & Pick<CommitteeTabProps, 'committee'>) {
  const [form] = Form.useForm<ConflictValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: ConflictValues) {
    setSaving(true);
    setError(null);
    try {
      await api.post(officeCommitteeUrl(committee.id, '/conflicts'), { expertId: values.expertId, applicationId: values.applicationId, kind: values.kind, note: (values.note ?? '').trim() });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title="登记回避"
      open={open}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      okButtonProps={{ loading: saving, htmlType: 'submit', form: 'conflict-add' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Form form={form} name="conflict-add" layout="vertical" onFinish={submit} initialValues={{ kind: 'other' }}>
        <Form.Item name="expertId" label="专家" rules={[{ required: true, message: '请选择专家' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={committee.members.map((m) => ({ value: m.expertId, label: `${m.name}（${m.unitName}）` }))} />
        </Form.Item>
        <Form.Item name="applicationId" label="评审对象" rules={[{ required: true, message: '请选择评审对象' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={committee.candidates.map((c) => ({ value: c.applicationId, label: `${c.code} ${c.name}（${c.unitName}）` }))} />
        </Form.Item>
        <Form.Item name="kind" label="回避情形" rules={[{ required: true, message: '请选择回避情形' }]}>
          <Select options={(Object.keys(CONFLICT_KIND_LABELS) as ConflictKind[]).map((k) => ({ value: k, label: CONFLICT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 500, message: '不超过 500 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function MembersTab({ committee, reload }: CommitteeTabProps) {
  const { busy, run } = useRun(reload);
  const [chair, setChair] = useState<string | undefined>(committee.chairExpertId ?? undefined);
  const [place, setPlace] = useState(committee.meetingPlace ?? '');
  const [adding, setAdding] = useState(false);
  const beforeMeeting = !reached(committee.status, 'meeting_open');

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="评审委员会委员">
        <Flex vertical gap={12}>
          <Flex gap={8} wrap align="center">
            <Select
              aria-label="主任委员"
              className="zp-campaign-select"
              placeholder="选择主任委员"
              value={chair}
              onChange={setChair}
              options={committee.members.map((m) => ({ value: m.expertId, label: m.name }))}
              data-testid="chair-select"
            />
            <Button
              icon={<SaveOutlined />}
              disabled={!chair || chair === committee.chairExpertId}
              loading={busy === 'chair'}
              onClick={() => void run('chair', () => api.patch(officeCommitteeUrl(committee.id), { chairExpertId: chair }), '已设定主任委员')}
            >
              设为主任委员
            </Button>
          </Flex>
          <Flex gap={8} wrap align="center">
            <Input aria-label="评审会地点" className="zp-campaign-select" placeholder="评审会地点" maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} />
            <Button
              icon={<SaveOutlined />}
              disabled={place.trim() === (committee.meetingPlace ?? '') || place.trim() === ''}
              loading={busy === 'place'}
              onClick={() => void run('place', () => api.patch(officeCommitteeUrl(committee.id), { meetingPlace: place.trim() }), '已保存评审会地点')}
            >
              保存地点
            </Button>
          </Flex>
          <Table<CommitteeMember>
            size="small"
            rowKey="expertId"
            data-testid="members-table"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={committee.members}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                width: 110,
                render: (name: string, m) => (
                  <Flex gap={4} wrap>
                    {name}
                    {m.isChair && <Tag color="blue">主任委员</Tag>}
                  </Flex>
                ),
              },
              { title: '单位', dataIndex: 'unitName' },
              { title: '职称', key: 'title', width: 150, render: (_: unknown, m) => `${m.titleName}（${m.level}）` },
              {
                title: '回避声明',
                dataIndex: 'conflictsDeclared',
                width: 100,
                render: (v: boolean) => (v ? <Tag color="success">已声明</Tag> : <Tag color="warning">未声明</Tag>),
              },
              {
                title: '出席',
                dataIndex: 'present',
                width: 80,
                render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="success">出席</Tag> : <Tag>缺席</Tag>),
              },
            ]}
          />
        </Flex>
      </Card>
      <Card
        size="small"
        title={`回避情况（${committee.conflicts.length}）`}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!beforeMeeting || committee.candidates.length === 0} data-testid="conflict-add">
            登记回避
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          与评审对象同一单位、同一主管部门的委员由系统自动回避；专家声明的亲属、合作署名等情形和办公室登记的回避同样生效。回避的委员看不到该评审对象的材料，也不参加对其的投票。
        </Typography.Paragraph>
        <Table<Conflict>
          size="small"
          rowKey="id"
          data-testid="conflicts-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          dataSource={committee.conflicts}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无回避" /> }}
          columns={[
            { title: '专家', dataIndex: 'expertName', width: 100 },
            { title: '评审对象', dataIndex: 'code', width: 120 },
            { title: '情形', dataIndex: 'kindLabel', width: 130 },
            { title: '来源', dataIndex: 'source', width: 100, render: (s: Conflict['source']) => <Tag>{SOURCE_LABELS[s] ?? s}</Tag> },
            { title: '说明', dataIndex: 'note', render: (v: string) => v || '—' },
          ]}
        />
      </Card>
      <AddConflictDialog
        open={adding}
        committee={committee}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          void reload();
        }}
      />
    </Flex>
  );
}
