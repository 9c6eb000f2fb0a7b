// 申报审核: the applications submitted by the reviewer's unit, by status; open one to review,
// publicise and recommend it, and follow it once it has gone on.
import { useState } from 'react';
import { Alert, Empty, Table } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { UnitApplicationSummary } from '../../../api/types';
import { PageTitle } from '../../../components/PageTitle';
import { QueueExport, queueColumns, StatusTabs, useQueue } from '../review/queue';

type QueueStatus = 'unit_review' | 'unit_publicity' | 'dept_review' | 'office_review' | 'accepted' | 'returned' | 'lapsed' | 'not_accepted';

const STATUS_OPTIONS: { value: QueueStatus; label: string }[] = [
  { value: 'unit_review', label: '待审核' },
  { value: 'unit_publicity', label: '公示中' },
  { value: 'dept_review', label: '主管部门审核中' },
  { value: 'office_review', label: '评委会办公室审核中' },
  { value: 'accepted', label: '已接收材料' },
  { value: 'returned', label: '已退回' },
  { value: 'lapsed', label: '逾期失效' },
  { value: 'not_accepted', label: '不再受理' },
];

export default function UnitApplicationsPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<QueueStatus>('unit_review');
  const { rows, truncated, loading, error } = useQueue<UnitApplicationSummary>(`/api/unit/applications?status=${status}`);
  const open = (row: UnitApplicationSummary) => navigate(`/app/unit/applications/${row.id}`, { state: { applicantName: row.applicantName } });

  return (
    <>
      <PageTitle title="申报审核" description="本单位人员提交的职称申报。审核材料，不符合要求的逐条写明原因退回修改；符合要求的在单位内部公示，期满后推荐上报。" />
      <StatusTabs options={STATUS_OPTIONS} value={status} onChange={setStatus} />
      <QueueExport exportUrl={`/api/unit/applications.xlsx?status=${status}`} filename="单位审核队列.xlsx" truncated={truncated} />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Table
        rowKey="id"
        columns={queueColumns<UnitApplicationSummary>(open, false)}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无申报" /> }}
      />
    </>
  );
}
