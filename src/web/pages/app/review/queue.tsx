// Pieces shared by the desks' queues (unit, department, committee office): status tabs, the list
// for the chosen status, and the common columns.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Flex, Tabs, Tag } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../../components/DownloadButton';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../../api/client';
import type { UnitApplicationSummary } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { STATUS_COLORS } from '../declare/status';
import { beijingDateTime } from '../declare/time';

/** The queue's Excel export (every row of the chosen status, ID numbers masked) and, when the page could not hold every row, a note saying so. */
export function QueueExport({ exportUrl, filename, truncated }: { exportUrl: string; filename: string; truncated: boolean }) {
  return (
    <Flex vertical gap={8} className="zp-gap-bottom">
      <Flex justify="flex-end">
        <DownloadButton url={exportUrl} filename={filename} icon={<FileExcelOutlined />}>
          导出 Excel
        </DownloadButton>
      </Flex>
      {truncated && <Alert type="warning" showIcon title="列表只显示前 5000 份申报，请导出 Excel 查看全部" />}
    </Flex>
  );
}

export function StatusTabs<S extends string>({ options, value, onChange }: { options: readonly { value: S; label: string }[]; value: NoInfer<S>; onChange(value: NoInfer<S>): void }) {
  return <Tabs activeKey={value} onChange={(key) => onChange(key as S)} items={options.map((o) => ({ key: o.value, label: o.label }))} />;
}

/** The queue of one status; `reload` after an action changed it. */
/** Rows per request (the server's maximum page size), and how many pages a queue page loads at most. */
const PAGE_SIZE = 200;
const MAX_PAGES = 25;

/**
 * Every row of a desk's queue: the server pages (its default page holds 100), so the queue is read
 * page by page until a short page, up to 5 000 rows — beyond that `truncated` tells the page to say
 * so and point to the filters and the Excel export.
 */
export function useQueue<T>(url: string) {
  const [rows, setRows] = useState<T[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    (async () => {
      const all: T[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const batch = await api.get<T[]>(`${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=${PAGE_SIZE}`);
        all.push(...batch);
        if (batch.length < PAGE_SIZE) return { all, truncated: false };
      }
      return { all, truncated: true };
    })()
      .then((result) => {
        if (!current) return;
        setRows(result.all);
        setTruncated(result.truncated);
      })
      .catch((err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        setRows([]);
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [url, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { rows, truncated, loading, error, reload };
}

/** 申报人 … 更新时间 and 查看; with 工作单位 for the desks above the unit. */
export function queueColumns<T extends UnitApplicationSummary>(open: (row: T) => void, withUnit: boolean): ColumnsType<T> {
  return [
    { title: '申报人', dataIndex: 'applicantName', width: 120 },
    ...(withUnit ? [{ title: '工作单位', dataIndex: 'unitName' }] : []),
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
}
