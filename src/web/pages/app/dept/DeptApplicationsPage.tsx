// 主管部门审核 (B21-13): the applications the department's units recommended, by status. The
// department checks each one (returns it with reasons if needed) and forwards the checked ones to
// the committee office in batches, with a covering list (花名册, Excel or PDF) per batch.
import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Table, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, SendOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import type { DeskApplicationSummary } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { QueueExport, queueColumns, StatusTabs, useQueue } from '../review/queue';
import { batchBlockedReason, batchListFilename, batchListUrl } from './batch';

type QueueStatus = 'dept_review' | 'office_review' | 'returned';

const STATUS_OPTIONS: { value: QueueStatus; label: string }[] = [
  { value: 'dept_review', label: '待审核' },
  { value: 'office_review', label: '已报送评委会办公室' },
  { value: 'returned', label: '已退回' },
];

interface Batch {
  id: string;
  number: number;
  count: number;
}

export default function DeptApplicationsPage() {
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [status, setStatus] = useState<QueueStatus>('dept_review');
  const { rows, truncated, loading, error, reload } = useQueue<DeskApplicationSummary>(`/api/dept/applications?status=${status}`);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [forwarding, setForwarding] = useState(false);
  const [forwardError, setForwardError] = useState<string | null>(null);
  const [batch, setBatch] = useState<Batch | null>(null);

  const selected = rows.filter((r) => selectedIds.includes(r.id));
  const blocked = batchBlockedReason(selected);
  const open = (row: DeskApplicationSummary) => navigate(`/app/dept/applications/${row.id}`, { state: { applicantName: row.applicantName } });

  async function forward(ids: string[]) {
    setForwarding(true);
    setForwardError(null);
    try {
      const created = await api.post<{ id: string; number: number }>('/api/dept/batches', { applicationIds: ids });
      setBatch({ ...created, count: ids.length });
      setSelectedIds([]);
      reload();
    } catch (err) {
      setForwardError(errorMessage(err));
    } finally {
      setForwarding(false);
    }
  }

  function confirmForward() {
    const ids = selected.map((r) => r.id);
    modal.confirm({
      title: '批量报送评委会办公室',
      content: `将已勾选的 ${ids.length} 份申报报送评委会办公室，报送后不能撤回。确定报送？`,
      okText: '确认报送',
      cancelText: '取消',
      onOk: () => forward(ids),
    });
  }

  return (
    <>
      <PageTitle title="主管部门审核" description="所属单位推荐上报的职称申报。逐份审核，不符合要求的逐条写明原因退回；审核通过的勾选后批量报送评委会办公室。" />
      <StatusTabs
        options={STATUS_OPTIONS}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setSelectedIds([]);
        }}
      />
      <QueueExport exportUrl={`/api/dept/applications.xlsx?status=${status}`} filename="主管部门审核队列.xlsx" truncated={truncated} />
      {batch && (
        <Alert
          type="success"
          showIcon
          className="zp-gap-bottom"
          data-testid="batch-result"
          title={`已报送第 ${batch.number} 批，共 ${batch.count} 份申报`}
          description={
            <Flex gap={16} wrap>
              <a href={batchListUrl(batch.id)} download={batchListFilename(batch.number)}>
                <DownloadOutlined /> 下载第 {batch.number} 批花名册（Excel）
              </a>
              <a href={batchListUrl(batch.id, 'pdf')} download={batchListFilename(batch.number, 'pdf')}>
                <FilePdfOutlined /> 下载第 {batch.number} 批花名册（PDF）
              </a>
            </Flex>
          }
          closable={{ onClose: () => setBatch(null), 'aria-label': '关闭' }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      {status === 'dept_review' && (
        <Flex gap={12} align="center" wrap className="zp-gap-bottom">
          <Button type="primary" icon={<SendOutlined />} disabled={blocked !== null} loading={forwarding} onClick={confirmForward}>
            批量报送评委会办公室
          </Button>
          <Typography.Text type="secondary" data-testid="batch-hint">
            {blocked ?? `已勾选 ${selected.length} 份`}
          </Typography.Text>
        </Flex>
      )}
      {forwardError && <Alert type="error" showIcon title={forwardError} className="zp-gap-bottom" closable={{ onClose: () => setForwardError(null), 'aria-label': '关闭' }} />}
      <Table
        rowKey="id"
        columns={queueColumns<DeskApplicationSummary>(open, true)}
        dataSource={rows}
        loading={loading}
        rowSelection={
          status === 'dept_review'
            ? {
                selectedRowKeys: selectedIds,
                onChange: (keys) => setSelectedIds(keys.map(String)),
                getCheckboxProps: (row) => ({ 'aria-label': `选择 ${row.applicantName} 的申报` }),
              }
            : undefined
        }
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无申报" /> }}
      />
    </>
  );
}
