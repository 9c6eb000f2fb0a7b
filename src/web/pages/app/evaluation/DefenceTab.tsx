// 答辩安排 (B21-7, A24-14): the defence sessions — time (Beijing), place, video link, the panel of
// members who score, and the candidates who must defend (each is notified of date, place and
// link). Candidates exempt from the defence are not offered.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { officeCommitteeUrl, type DefenceSession, type DefenceSessionRequest } from '../../../api/evaluation';
import { BeijingDateTimePicker } from '../../../components/BeijingPickers';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import { beijingDateTime } from '../declare/time';
import type { CommitteeTabProps } from './committeeKit';

interface SessionValues {
  startsAt: string;
  place: string;
  videoLink?: string;
  panelExpertIds: string[];
  applicationIds: string[];
}

function DateTimeControl(props: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  return <BeijingDateTimePicker id={props.id} value={props.value} onChange={(v) => props.onChange?.(v)} defaultTime="09:30:00" />;
}

function NewSessionDialog({ open, committee, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void } & Pick<CommitteeTabProps, 'committee'>) {
  const [form] = Form.useForm<SessionValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = committee.candidates.filter((c) => c.defenceRequired && !c.defenceSessionId);

  async function submit(values: SessionValues) {
    setSaving(true);
    setError(null);
    const body: DefenceSessionRequest = {
      startsAt: values.startsAt,
      place: values.place.trim(),
      videoLink: values.videoLink?.trim() ? values.videoLink.trim() : null,
      panelExpertIds: values.panelExpertIds,
      applicationIds: values.applicationIds,
    };
    try {
      await api.post(officeCommitteeUrl(committee.id, '/defence-sessions'), body);
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
      title="新建答辩场次"
      open={open}
      onCancel={onClose}
      okText="保存并通知"
      cancelText="取消"
      width={640}
      okButtonProps={{ loading: saving, htmlType: 'submit', form: 'defence-session' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Form form={form} name="defence-session" layout="vertical" onFinish={submit} initialValues={{ applicationIds: waiting.map((c) => c.applicationId), panelExpertIds: [] }}>
        <Form.Item name="startsAt" label="答辩时间（北京时间）" rules={[{ required: true, message: '请选择答辩时间' }]}>
          <DateTimeControl />
        </Form.Item>
        <Form.Item name="place" label="答辩地点" rules={[{ required: true, whitespace: true, message: '请填写答辩地点' }, { max: 200, message: '不超过 200 个字' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="videoLink" label="视频会议链接" rules={[{ pattern: /^\s*https:\/\/\S+\s*$/, message: '视频会议链接应为 https:// 开头的网址' }]} extra="线上答辩时填写，可不填">
          <Input maxLength={500} placeholder="https://" />
        </Form.Item>
        <Form.Item name="panelExpertIds" label="答辩评委" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一名评委' }]}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={committee.members.map((m) => ({ value: m.expertId, label: m.name }))} />
        </Form.Item>
        <Form.Item name="applicationIds" label="答辩对象" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一名答辩对象' }]} extra="只列出需要答辩、尚未安排场次的评审对象">
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={waiting.map((c) => ({ value: c.applicationId, label: `${c.code} ${c.name}` }))} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

export function DefenceTab({ committee, reload }: CommitteeTabProps) {
  const [sessions, setSessions] = useState<DefenceSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const waiting = committee.candidates.filter((c) => c.defenceRequired && !c.defenceSessionId).length;

  const load = useCallback(async () => {
    try {
      setSessions(await api.get<DefenceSession[]>(officeCommitteeUrl(committee.id, '/defence-sessions')));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [committee.id]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      size="small"
      title="答辩场次"
      extra={
        <Button size="small" type="primary" icon={<PlusOutlined />} disabled={waiting === 0} onClick={() => setAdding(true)} data-testid="defence-add">
          新建答辩场次
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {waiting > 0 ? `还有 ${waiting} 名需要答辩的评审对象未安排场次。` : '需要答辩的评审对象均已安排场次（或无人需要答辩）。'}
        </Typography.Text>
        {error && <Alert type="error" showIcon title={error} />}
        <Table<DefenceSession>
          size="small"
          rowKey="id"
          data-testid="defence-sessions"
          loading={sessions === null && !error}
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={sessions ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未安排答辩" /> }}
          columns={[
            { title: '时间', dataIndex: 'startsAt', width: 150, render: (v: string) => beijingDateTime(v) },
            { title: '地点', dataIndex: 'place', width: 160 },
            {
              title: '视频链接',
              dataIndex: 'videoLink',
              width: 160,
              render: (v: string | null) =>
                v ? (
                  <Typography.Link href={v} target="_blank" rel="noopener noreferrer" className="zp-break">
                    {v}
                  </Typography.Link>
                ) : (
                  '—'
                ),
            },
            { title: '评委', dataIndex: 'panel', render: (panel: DefenceSession['panel']) => panel.map((p) => p.name).join('、') },
            { title: '答辩对象', dataIndex: 'candidates', render: (list: DefenceSession['candidates']) => list.map((c) => `${c.code} ${c.name}`).join('；') },
          ]}
        />
      </Flex>
      <NewSessionDialog
        open={adding}
        committee={committee}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          void load();
          void reload();
        }}
      />
    </Card>
  );
}
