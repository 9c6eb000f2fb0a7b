import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Result, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/roles';
// The action catalogue is pure data kept beside the server's audit writer.
import { AUDIT_ACTIONS } from '../../../domain/audit-actions';
import { api, toQuery } from '../../api/client';
import type { AuditLog, AuditVerifyResult } from '../../api/types';
import { errorMessage } from '../../components/errors';
import { PageTitle } from '../../components/PageTitle';
import { usePagedList } from '../../components/usePagedList';

type Outcome = 'success' | 'failure' | 'denied';

const OUTCOMES: Record<Outcome, { label: string; color: string }> = {
  success: { label: '成功', color: 'success' },
  failure: { label: '失败', color: 'error' },
  denied: { label: '拒绝', color: 'warning' },
};

interface FilterValues {
  range?: [Dayjs, Dayjs] | null;
  actor?: string;
  action?: string;
  outcome?: Outcome;
}

interface Filters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: Outcome;
}

function toFilters(values: FilterValues): Filters {
  return {
    from: values.range?.[0].startOf('day').toISOString(),
    to: values.range?.[1].endOf('day').toISOString(),
    actor: values.actor?.trim() || undefined,
    action: values.action,
    outcome: values.outcome,
  };
}

function actionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

function roleLabel(role: string | null): string {
  if (!role) return '—';
  return (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role;
}

function VerifyResultModal({ result, onClose }: { result: AuditVerifyResult | null; onClose(): void }) {
  return (
    <Modal title="审计日志完整性校验" open={result !== null} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>}>
      {result &&
        (result.ok ? (
          <Result status="success" title="审计日志完整，未发现篡改" subTitle={`共校验 ${result.checked} 条记录。`} data-testid="verify-ok" />
        ) : (
          <Result
            status="error"
            title="发现审计日志被篡改"
            subTitle={`已校验 ${result.checked} 条记录。首条异常记录编号：${result.firstAlteredId ?? '未知'}`}
            data-testid="verify-failed"
          >
            {result.reason && <Typography.Paragraph>原因：{result.reason}</Typography.Paragraph>}
          </Result>
        ))}
    </Modal>
  );
}

export default function AuditPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const { data, loading, error } = usePagedList<AuditLog>('/api/audit/logs', { ...filters, page, pageSize });

  async function verify() {
    setVerifying(true);
    try {
      setVerifyResult(await api.post<AuditVerifyResult>('/api/audit/verify'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setVerifying(false);
    }
  }

  const columns: ColumnsType<AuditLog> = [
    {
      title: '时间',
      dataIndex: 'occurredAt',
      width: 170,
      render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: '操作人', dataIndex: 'actorName', width: 110, render: (value: string | null) => value ?? '—' },
    { title: '角色', dataIndex: 'actorRole', width: 120, render: roleLabel },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (value: string | null) => value ?? '—' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 170,
      render: (value: string) => (
        <span title={value}>
          {actionLabel(value)}
        </span>
      ),
    },
    {
      title: '对象',
      key: 'object',
      width: 220,
      ellipsis: true,
      render: (_: unknown, row) => [row.objectType, row.objectId].filter(Boolean).join('：') || '—',
    },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (value: string) => {
        const outcome = OUTCOMES[value as Outcome];
        return outcome ? <Tag color={outcome.color}>{outcome.label}</Tag> : <Tag>{value}</Tag>;
      },
    },
    {
      title: '请求编号',
      dataIndex: 'requestId',
      width: 150,
      ellipsis: true,
      render: (value: string | null) => (value ? <Typography.Text copyable={{ text: value }}>{value.slice(0, 8)}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      <PageTitle
        title="审计日志"
        description="所有登录、授权和数据变更均记入审计日志，日志以哈希链相连，可校验是否被篡改。"
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={`/api/audit/logs.xlsx${toQuery({ ...filters })}`} download>
              导出 Excel
            </Button>
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={verify} loading={verifying}>
              校验完整性
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          name="auditFilter"
          layout="vertical"
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage(1);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="时间范围" name="range">
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="操作人用户名" name="actor">
                <Input allowClear maxLength={32} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="操作类型" name="action">
                <Select
                  allowClear
                  placeholder="全部"
                  showSearch={{ optionFilterProp: 'label' }}
                  options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label="结果" name="outcome">
                <Select
                  allowClear
                  placeholder="全部"
                  options={Object.entries(OUTCOMES).map(([value, o]) => ({ value, label: o.label }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={8}>
            <Col>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
            </Col>
            <Col>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  setPage(1);
                }}
              >
                重置
              </Button>
            </Col>
          </Row>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={data.items}
        loading={loading}
        size="middle"
        scroll={{ x: 1150 }}
        locale={{ emptyText: <Empty description="没有符合条件的日志" /> }}
        pagination={{
          current: page,
          pageSize,
          total: data.total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (nextPage, nextSize) => {
            setPage(nextSize === pageSize ? nextPage : 1);
            setPageSize(nextSize);
          },
        }}
      />
      <VerifyResultModal result={verifyResult} onClose={() => setVerifyResult(null)} />
    </>
  );
}
