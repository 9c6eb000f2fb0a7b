// 申报审核: the applications submitted by the reviewer's unit, by status; open one to review it.
import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Segmented, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import type { UnitApplicationSummary } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { STATUS_COLORS } from '../declare/status';
import { beijingDateTime } from '../declare/time';

type QueueStatus = 'unit_review' | 'returned' | 'lapsed' | 'not_accepted';

const STATUS_OPTIONS: { value: QueueStatus; label: string }[] = [
  { value: 'unit_review', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'lapsed', label: '逾期失效' },
  { value: 'not_accepted', label: '不再受理' },
];

export default function UnitApplicationsPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<QueueStatus>('unit_review');
  const [rows, setRows] = useState<UnitApplicationSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api
      .get<UnitApplicationSummary[]>(`/api/unit/applications?status=${status}`)
      .then((list) => current && setRows(list))
      .catch((err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        setRows([]);
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [status]);

  const open = (row: UnitApplicationSummary) => navigate(`/app/unit/applications/${row.id}`, { state: { applicantName: row.applicantName } });
  const columns: ColumnsType<UnitApplicationSummary> = [
    { title: '申报人', dataIndex: 'applicantName', width: 120 },
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '级别', dataIndex: 'level', width: 80 },
    { title: '状态', dataIndex: 'statusLabel', render: (label: string, row) => <Tag color={STATUS_COLORS[row.status]}>{label}</Tag> },
    { title: '提交次数', dataIndex: 'submissionCount', width: 90 },
    { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: (v: string) => beijingDateTime(v) },
    {
      title: '操作',
      key: 'open',
      width: 90,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Button size="small" type="primary" onClick={() => open(row)} aria-label={`查看 ${row.applicantName} 的申报`}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="申报审核" description="本单位人员提交的职称申报。审核材料，不符合要求的逐条写明原因退回修改。" />
      <Segmented options={STATUS_OPTIONS} value={status} onChange={(v) => setStatus(v)} className="zp-gap-bottom" aria-label="申报状态" />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Table
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无申报" /> }}
      />
    </>
  );
}
