// 未缴费名单 of one campaign: the accepted applications whose fee is not confirmed, with the payment
// deadline. After the deadline finance takes them out of the evaluation (逾期未缴费的申报退出评审);
// the server refuses before the deadline, without one, or while receipts still wait for a decision.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Modal, Table, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { UnpaidList } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { yuan } from './fees';

type Row = UnpaidList['applications'][number];

interface UnpaidDialogProps {
  open: boolean;
  campaignId: string;
  campaignTitle: string;
  onClose(): void;
  /** Applications were taken out: the orders changed too. */
  onClosed(): void;
}

export function UnpaidDialog({ open, campaignId, campaignTitle, onClose, onClosed }: UnpaidDialogProps) {
  const { message, modal } = App.useApp();
  const [list, setList] = useState<UnpaidList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const url = `/api/finance/campaigns/${encodeURIComponent(campaignId)}`;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setList(await api.get<UnpaidList>(`${url}/unpaid`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [url]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  async function closeUnpaid() {
    setClosing(true);
    setError(null);
    try {
      const result = await api.post<{ closed: number }>(`${url}/close-unpaid`);
      message.success(result.closed > 0 ? `${result.closed} 份逾期未缴费的申报已退出本次评审` : '没有逾期未缴费的申报');
      onClosed();
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setClosing(false);
    }
  }

  function confirmClose() {
    const count = list?.applications.length ?? 0;
    modal.confirm({
      title: '逾期未缴费的申报退出评审',
      content: `名单中的 ${count} 份申报在缴费截止时未完成缴费确认，将按评审通知规定不参加本次评审，并通知申报人。此操作不能撤销，确定执行？`,
      okText: '确定退出评审',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => closeUnpaid(),
    });
  }

  const count = list?.applications.length ?? 0;
  const blocked = !list ? null : list.deadline === null ? '本次评审通知未规定缴费截止时间，不按逾期未缴费处理' : !list.deadlinePassed ? '缴费截止后方可处理逾期未缴费的申报' : null;
  return (
    <Modal title={`未缴费名单 · ${campaignTitle}`} open={open} onCancel={onClose} footer={null} width={960} destroyOnHidden>
      <Flex vertical gap={12}>
        {list && (
          <Typography.Text data-testid="unpaid-deadline">
            {list.deadline ? `缴费截止时间：${list.deadline}（北京时间）${list.deadlinePassed ? '，已截止' : '，尚未截止'}` : '本次评审通知未规定缴费截止时间'}
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="unpaid-error" />}
        <Table<Row>
          rowKey="applicationId"
          size="small"
          loading={loading}
          dataSource={list?.applications ?? []}
          scroll={{ x: 760 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="没有未缴费的申报" /> }}
          columns={[
            { title: '申报人', dataIndex: 'applicantName', width: 110 },
            { title: '工作单位', dataIndex: 'unitName' },
            { title: '级别', dataIndex: 'level', width: 70 },
            { title: '应缴金额', dataIndex: 'amountYuan', width: 100, render: (v: number | null) => (v === null ? '—' : yuan(v)) },
            { title: '缴费编号', dataIndex: 'reference', width: 150, render: (v: string | null) => v ?? '—' },
            { title: '缴费状态', dataIndex: 'statusLabel', width: 200 },
          ]}
        />
        <Flex justify="flex-end" align="center" gap={8} wrap>
          {blocked && <Typography.Text type="secondary">{blocked}</Typography.Text>}
          <Button onClick={onClose}>关闭</Button>
          <Button danger type="primary" icon={<StopOutlined />} loading={closing} disabled={count === 0 || blocked !== null} onClick={confirmClose}>
            逾期未缴费的申报退出评审
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
