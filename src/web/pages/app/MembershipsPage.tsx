import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Segmented, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { MembershipRequest, MembershipStatus } from '../../api/types';
import { applyFieldErrors, errorMessage } from '../../components/errors';
import { PageTitle } from '../../components/PageTitle';

const STATUS_OPTIONS: { value: MembershipStatus; label: string }[] = [
  { value: 'pending', label: '待确认' },
  { value: 'confirmed', label: '已确认' },
  { value: 'rejected', label: '已退回' },
];

const STATUS_TAGS: Record<MembershipStatus, { text: string; color: string }> = {
  pending: { text: '待确认', color: 'processing' },
  confirmed: { text: '已确认', color: 'success' },
  rejected: { text: '已退回', color: 'error' },
};

function RejectModal({ target, onClose, onDone }: { target: MembershipRequest | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);

  async function submit({ reason }: { reason: string }) {
    if (!target) return;
    setSubmitting(true);
    try {
      await api.post(`/api/unit/memberships/${encodeURIComponent(target.id)}/reject`, { reason: reason.trim() });
      message.success(`已退回 ${target.name} 的申请`);
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title={target ? `退回 ${target.name} 的申请` : ''}
      open={target !== null}
      onCancel={onClose}
      okText="确认退回"
      okButtonProps={{ danger: true, loading: submitting, htmlType: 'submit', form: 'reject' }}
      afterClose={() => form.resetFields()}
    >
      <Form form={form} name="reject" layout="vertical" onFinish={submit}>
        <Form.Item
          label="退回原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写退回原因' },
            { max: 500, message: '退回原因不能超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="例如：经核实非本单位人员" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function MembershipsPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<MembershipStatus>('pending');
  const [rows, setRows] = useState<MembershipRequest[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<MembershipRequest | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setRows(await api.get<MembershipRequest[]>(`/api/unit/memberships?status=${status}`));
    } catch (err) {
      setError(errorMessage(err));
      setRows([]);
    } finally {
      setLoading(false);
    }
  }, [status]);

  useEffect(() => {
    void load();
  }, [load]);

  async function confirm(row: MembershipRequest) {
    try {
      await api.post(`/api/unit/memberships/${encodeURIComponent(row.id)}/confirm`);
      message.success(`已确认 ${row.name} 为本单位人员`);
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const columns: ColumnsType<MembershipRequest> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 190 },
    { title: '手机号', dataIndex: 'phoneMasked', width: 130 },
    { title: '申请单位', dataIndex: 'unitName' },
    {
      title: '申请时间',
      dataIndex: 'requestedAt',
      width: 170,
      render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (value: MembershipStatus) => <Tag color={STATUS_TAGS[value].color}>{STATUS_TAGS[value].text}</Tag>,
    },
  ];
  if (status === 'rejected') {
    columns.push({ title: '退回原因', dataIndex: 'reason', render: (value: string | null) => value ?? '—' });
  }
  if (status === 'pending') {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Flex gap={8}>
          <Popconfirm
            title="确认单位成员"
            description={`确认 ${row.name} 是本单位人员？`}
            okText="确定"
            cancelText="取消"
            onConfirm={() => confirm(row)}
          >
            <Button type="primary" size="small" data-testid={`confirm-${row.id}`}>
              确认
            </Button>
          </Popconfirm>
          <Button danger size="small" onClick={() => setRejecting(row)} data-testid={`reject-${row.id}`}>
            退回
          </Button>
        </Flex>
      ),
    });
  }

  return (
    <>
      <PageTitle title="成员确认" description="申报人注册时选择了本单位，请核实其是否为本单位人员。" />
      <Segmented
        options={STATUS_OPTIONS}
        value={status}
        onChange={(value) => setStatus(value)}
        style={{ marginBottom: 16 }}
        aria-label="申请状态"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={`暂无${STATUS_TAGS[status].text}的申请`} /> }}
      />
      <RejectModal
        target={rejecting}
        onClose={() => setRejecting(null)}
        onDone={() => {
          setRejecting(null);
          void load();
        }}
      />
    </>
  );
}
