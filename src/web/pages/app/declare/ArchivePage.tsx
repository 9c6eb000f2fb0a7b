// 我的档案: the applicant's records, kept across years and picked into each application. One card
// per kind; a kind kept once (the profile) is changed rather than added to.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Popconfirm, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { ARCHIVE_KIND_LABELS, ARCHIVE_KINDS, SINGLE_RECORD_KINDS, type ArchiveKind } from '../../../../domain/application/archive-records';
import { api } from '../../../api/client';
import type { ArchiveRecordView } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { ArchiveRecordDrawer, type ArchiveEditTarget } from './ArchiveRecordDrawer';

function RecordRow({ record, onEdit, onDelete }: { record: ArchiveRecordView; onEdit(): void; onDelete(): Promise<void> }) {
  return (
    <Flex className="zp-record-row" gap={8} align="flex-start" justify="space-between" data-testid="archive-record">
      <div className="zp-record-text">
        <span>{record.summary}</span>
        {record.fileIds.length > 0 && (
          <Typography.Text type="secondary" className="zp-small zp-nowrap">
            {' '}
            <PaperClipOutlined /> {record.fileIds.length} 份扫描件
          </Typography.Text>
        )}
      </div>
      <Flex gap={4} className="zp-record-actions">
        <Button size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={`修改：${record.summary}`} />
        <Popconfirm title="删除这条档案记录？" description="已提交的申报不受影响。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onDelete}>
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除：${record.summary}`} />
        </Popconfirm>
      </Flex>
    </Flex>
  );
}

function KindCard({ kind, records, onEdit, onDelete }: { kind: ArchiveKind; records: ArchiveRecordView[]; onEdit(target: ArchiveEditTarget): void; onDelete(record: ArchiveRecordView): Promise<void> }) {
  const label = ARCHIVE_KIND_LABELS[kind];
  const single = SINGLE_RECORD_KINDS.includes(kind);
  const canAdd = !single || records.length === 0;
  return (
    <Card
      size="small"
      id={`archive-${kind}`}
      title={label}
      extra={
        canAdd && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => onEdit({ kind, record: null })} aria-label={`添加${label}`}>
            添加
          </Button>
        )
      }
    >
      {records.length === 0 ? (
        <Typography.Text type="secondary">暂无记录</Typography.Text>
      ) : (
        <Flex vertical>
          {records.map((r) => (
            <RecordRow key={r.id} record={r} onEdit={() => onEdit({ kind, record: r })} onDelete={() => onDelete(r)} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

export default function ArchivePage() {
  const { message } = App.useApp();
  const [records, setRecords] = useState<ArchiveRecordView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ArchiveEditTarget | null>(null);

  const load = useCallback(async () => {
    try {
      setRecords(await api.get<ArchiveRecordView[]>('/api/me/archive'));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function remove(record: ArchiveRecordView) {
    try {
      await api.delete(`/api/me/archive/records/${encodeURIComponent(record.id)}`);
      message.success('已删除');
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <>
      <PageTitle title="我的档案" description="学历、职称、工作经历、业绩和证书等只需登记一次，每次申报时从档案中勾选。" />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      {records === null && !error && <PageLoading />}
      {records !== null && (
        <Flex vertical gap={12}>
          {records.length === 0 && <Empty description="档案还是空的，从下面各栏目开始添加" />}
          {ARCHIVE_KINDS.map((kind) => (
            <KindCard key={kind} kind={kind} records={records.filter((r) => r.kind === kind)} onEdit={setEditing} onDelete={remove} />
          ))}
        </Flex>
      )}
      <ArchiveRecordDrawer
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </>
  );
}
