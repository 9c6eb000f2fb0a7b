// 评委会办公室审核 (B21-12, A24-5): the applications of the office's campaigns, by status; open one
// for the formal check (return with reasons, or 已接收材料) and, once accepted, its 评审表.
import { useState } from 'react';
import { Alert, Empty, Table } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { DeskApplicationSummary } from '../../../api/types';
import { PageTitle } from '../../../components/PageTitle';
import { QueueExport, queueColumns, StatusTabs, useQueue } from '../review/queue';

type QueueStatus = 'office_review' | 'accepted' | 'returned' | 'not_accepted';

const STATUS_OPTIONS: { value: QueueStatus; label: string }[] = [
  { value: 'office_review', label: '待审核' },
  { value: 'accepted', label: '已接收材料' },
  { value: 'returned', label: '已退回' },
  { value: 'not_accepted', label: '不再受理' },
];

export default function OfficeApplicationsPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<QueueStatus>('office_review');
  const { rows, truncated, loading, error } = useQueue<DeskApplicationSummary>(`/api/office/applications?status=${status}`);
  const open = (row: DeskApplicationSummary) => navigate(`/app/office/applications/${row.id}`, { state: { applicantName: row.applicantName } });

  return (
    <>
      <PageTitle title="评委会办公室审核" description="单位推荐、主管部门报送的职称申报。形式审查不符合要求的逐条写明原因退回；符合要求的确认“已接收材料”，申报人随即可缴纳评审费。" />
      <StatusTabs options={STATUS_OPTIONS} value={status} onChange={setStatus} />
      <QueueExport exportUrl={`/api/office/applications.xlsx?status=${status}`} filename="评委会办公室审核队列.xlsx" truncated={truncated} />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Table
        rowKey="id"
        columns={queueColumns<DeskApplicationSummary>(open, true)}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无申报" /> }}
      />
    </>
  );
}
