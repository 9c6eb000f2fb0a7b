// 评审费确认 (B21-14, A24-16): finance checks each uploaded transfer receipt against the bank
// statement and confirms or rejects it (with a reason the applicant reads); a receipt identical to
// another order's is flagged. Per campaign: the reconciliation sheet, the list of applications
// still unpaid, and — after the payment deadline — taking those out of the evaluation.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, FileSearchOutlined, RollbackOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { FeeOrderStatus, FinanceFeeOrder, PublicCampaign } from '../../../api/types';
import { DownloadButton } from '../../../components/DownloadButton';
import { applyFieldErrors, errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { beijingDateTime } from '../declare/time';
import { campaignOptions, countsByStatus, FEE_STATUS_COLORS, FEE_STATUS_TABS, ordersOf, yuan } from './fees';
import { UnpaidDialog } from './UnpaidDialog';

function RejectDialog({ target, onClose, onDone }: { target: FinanceFeeOrder | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    if (!target) return;
    setSubmitting(true);
    setError(null);
    try {
      await api.post(`/api/finance/fee-orders/${encodeURIComponent(target.id)}/reject`, { reason: reason.trim() });
      message.success(`已退回 ${target.applicantName} 的缴费凭证`);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      applyFieldErrors(form, err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      title={target ? `退回 ${target.applicantName} 的缴费凭证` : ''}
      open={target !== null}
      onCancel={onClose}
      okText="确认退回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: submitting, htmlType: 'submit', form: 'fee-reject' }}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      destroyOnHidden
    >
      <Form form={form} name="fee-reject" layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label="退回原因"
          rules={[
            { required: true, whitespace: true, message: '请填写退回原因' },
            { max: 500, message: '不超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：凭证金额与应缴金额不符；附言未填写缴费识别码" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="reject-error" />}
      </Form>
    </Modal>
  );
}

/** Every order of the prefecture, all statuses: the tabs and the campaign filter work on this. */
function useOrders() {
  const [orders, setOrders] = useState<FinanceFeeOrder[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const lists = await Promise.all(FEE_STATUS_TABS.map((t) => api.get<FinanceFeeOrder[]>(`/api/finance/fee-orders?status=${t.value}`)));
      setOrders(lists.flat());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  return { orders, loading, error, reload: load };
}

/** Published campaigns' titles by id; finance's orders name campaigns by id only. */
function useCampaignTitles() {
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    // A missing title only shortens the filter's label: the orders stand on their own.
    api
      .get<PublicCampaign[]>('/api/public/campaigns')
      .then((list) => setTitles(new Map(list.map((c) => [c.id, c.title]))))
      .catch(() => undefined);
  }, []);
  return titles;
}

export default function FeesPage() {
  const { message, modal } = App.useApp();
  const { orders, loading, error, reload } = useOrders();
  const titles = useCampaignTitles();
  const [status, setStatus] = useState<FeeOrderStatus>('receipt_uploaded');
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<FinanceFeeOrder | null>(null);
  const [unpaidOpen, setUnpaidOpen] = useState(false);

  const options = useMemo(() => campaignOptions(orders, titles), [orders, titles]);
  // With a single campaign there is nothing to choose: the sheet and the unpaid list are its.
  const chosen = campaignId ?? (options.length === 1 ? options[0].value : null);
  const counts = countsByStatus(orders, chosen);
  const rows = ordersOf(orders, status, chosen);
  const chosenTitle = options.find((o) => o.value === chosen)?.label ?? '';

  async function confirm(order: FinanceFeeOrder) {
    try {
      await api.post(`/api/finance/fee-orders/${encodeURIComponent(order.id)}/confirm`);
      message.success(`已确认 ${order.applicantName} 的评审费 ${yuan(order.amountYuan)}`);
    } catch (err) {
      modal.error({ title: '未能确认缴费', content: errorMessage(err), okText: '知道了' });
    }
    await reload();
  }

  const columns: ColumnsType<FinanceFeeOrder> = [
    { title: '申报人', dataIndex: 'applicantName', width: 110 },
    { title: '工作单位', dataIndex: 'unitName', width: 180 },
    { title: '级别', dataIndex: 'level', width: 70 },
    { title: '应缴金额', dataIndex: 'amountYuan', width: 100, render: (v: number) => yuan(v) },
    {
      title: '缴费编号',
      dataIndex: 'reference',
      width: 150,
      render: (v: string) => (
        <Typography.Text copyable className="zp-nowrap">
          {v}
        </Typography.Text>
      ),
    },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 200,
      render: (label: string, row) => (
        <Flex gap={4} wrap>
          <Tag color={FEE_STATUS_COLORS[row.status]}>{label}</Tag>
          {row.duplicate && (
            <Tag color="red" data-testid="duplicate-receipt">
              {row.duplicateOfReference ? `凭证与 ${row.duplicateOfReference} 相同` : '凭证与其他缴费记录相同'}
            </Tag>
          )}
        </Flex>
      ),
    },
    { title: '凭证上传时间', dataIndex: 'receiptUploadedAt', width: 140, render: (v: string | null) => (v ? beijingDateTime(v) : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Flex gap={6}>
          {row.receiptUploadedAt && (
            <Button
              size="small"
              icon={<FileSearchOutlined />}
              href={`/api/finance/fee-orders/${encodeURIComponent(row.id)}/receipt`}
              target="_blank"
              rel="noopener"
              aria-label={`查看 ${row.applicantName} 的缴费凭证`}
            >
              凭证
            </Button>
          )}
          {row.status === 'receipt_uploaded' && (
            <>
              <Popconfirm
                title="确认到账"
                description={`已核对银行流水，确认收到 ${row.applicantName} 的评审费 ${yuan(row.amountYuan)}？`}
                okText="确认到账"
                cancelText="取消"
                onConfirm={() => confirm(row)}
              >
                <Button size="small" type="primary" icon={<CheckOutlined />} aria-label={`确认 ${row.applicantName} 的缴费`}>
                  确认
                </Button>
              </Popconfirm>
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setRejecting(row)} aria-label={`退回 ${row.applicantName} 的缴费凭证`}>
                退回
              </Button>
            </>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="评审费确认" description="核对申报人上传的缴费凭证与银行流水（按缴费编号对应），确认到账或写明原因退回。凭证与其他缴费记录相同时会标出，请重点核对。" />
      <Flex gap={12} wrap align="center" className="zp-gap-bottom">
        <Select
          aria-label="评审活动"
          className="zp-campaign-select"
          placeholder="全部评审活动"
          allowClear
          value={chosen ?? undefined}
          onChange={(v: string | undefined) => setCampaignId(v ?? null)}
          options={options}
        />
        <DownloadButton url={chosen ? `/api/finance/campaigns/${encodeURIComponent(chosen)}/reconciliation.xlsx` : ''} filename={`${chosenTitle}评审费对账表.xlsx`} disabled={!chosen}>
          下载对账表
        </DownloadButton>
        <Button icon={<UnorderedListOutlined />} disabled={!chosen} onClick={() => setUnpaidOpen(true)}>
          未缴费名单
        </Button>
        {!chosen && options.length > 1 && <Typography.Text type="secondary">选择评审活动后可下载对账表、查看未缴费名单</Typography.Text>}
      </Flex>
      <Tabs
        activeKey={status}
        onChange={(key) => setStatus(key as FeeOrderStatus)}
        items={FEE_STATUS_TABS.map((t) => ({ key: t.value, label: `${t.label}（${counts[t.value]}）` }))}
      />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 1180 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无缴费记录" /> }}
      />
      <RejectDialog
        target={rejecting}
        onClose={() => setRejecting(null)}
        onDone={() => {
          setRejecting(null);
          void reload();
        }}
      />
      {chosen && <UnpaidDialog open={unpaidOpen} campaignId={chosen} campaignTitle={chosenTitle} onClose={() => setUnpaidOpen(false)} onClosed={() => void reload()} />}
    </>
  );
}
