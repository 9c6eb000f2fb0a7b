// 专家库 (national rule, 人社部令第40号): the committee office's pool of experts for its prefecture —
// filter by series and name, add or edit an entry (term at most 3 years), link it to the expert's
// log-in account, and import many entries at once from the Excel template (all or nothing: every
// row's problem is listed when one is wrong).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Flex, Input, Modal, Select, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { toBeijingDateTime } from '../../../../domain/campaign/dates';
import { api, toQuery } from '../../../api/client';
import type { Expert, ExpertAccount, ExpertImportResult } from '../../../api/evaluation';
import type { PublicUnit } from '../../../api/types';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { useMe } from '../../../session/session';
import { seriesName, specialtyNames } from '../evaluation/catalog';
import { officePrefectureId } from '../evaluation/office';
import { useOfficeCampaigns } from '../evaluation/useCampaigns';
import { ExpertDrawer } from './ExpertDrawer';
import { termEnded, termText } from './expertForm';

function ImportResultDialog({ result, onClose }: { result: ExpertImportResult | null; onClose(): void }) {
  return (
    <Modal title="导入结果" open={result !== null} onCancel={onClose} onOk={onClose} okText="知道了" cancelButtonProps={{ hidden: true }}>
      {result && result.errors.length === 0 && <Alert type="success" showIcon title={`已导入 ${result.created} 名专家`} data-testid="import-created" />}
      {result && result.errors.length > 0 && (
        <Flex vertical gap={12}>
          <Alert type="error" showIcon title={`有 ${result.errors.length} 处问题，本次未导入任何专家。请修改表格后重新导入。`} />
          <Table
            size="small"
            rowKey={(r, i) => `${r.row}-${i}`}
            data-testid="import-errors"
            pagination={false}
            scroll={{ y: 360 }}
            dataSource={result.errors}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </Flex>
      )}
    </Modal>
  );
}

export default function ExpertsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const prefectureId = officePrefectureId(me);
  const prefectureQuery = toQuery({ prefectureId });
  const { catalog, error: campaignsError } = useOfficeCampaigns();
  const [seriesId, setSeriesId] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [experts, setExperts] = useState<Expert[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [units, setUnits] = useState<PublicUnit[]>([]);
  const [accounts, setAccounts] = useState<ExpertAccount[]>([]);
  const [target, setTarget] = useState<Expert | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [importResult, setImportResult] = useState<ExpertImportResult | null>(null);
  const today = toBeijingDateTime(Date.now()).slice(0, 10);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setExperts(await api.get<Expert[]>(`/api/office/experts${toQuery({ prefectureId, seriesId, q })}`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [prefectureId, seriesId, q]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    // Both lists only fill selects of the drawer: a failure leaves them empty, the page works.
    api
      .get<ExpertAccount[]>(`/api/office/expert-accounts${prefectureQuery}`)
      .then(setAccounts)
      .catch(() => undefined);
    if (prefectureId) {
      api
        .get<PublicUnit[]>(`/api/public/prefectures/${encodeURIComponent(prefectureId)}/units`)
        .then(setUnits)
        .catch(() => undefined);
    }
  }, [prefectureId, prefectureQuery]);

  async function importFile(file: File) {
    setImporting(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const result = await api.upload<ExpertImportResult>(`/api/office/experts/import${prefectureQuery}`, form);
      setImportResult(result);
      if (result.errors.length === 0) await load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  }

  const columns: ColumnsType<Expert> = useMemo(
    () => [
      { title: '姓名', dataIndex: 'name', width: 100, fixed: 'left' },
      { title: '系列', dataIndex: 'seriesId', width: 90, render: (id: string) => seriesName(catalog, id) },
      { title: '专业', dataIndex: 'specialtyIds', width: 150, render: (ids: string[]) => specialtyNames(catalog, ids) || '—' },
      { title: '职称', key: 'title', width: 140, render: (_: unknown, e) => `${e.titleName}（${e.level}）` },
      { title: '单位', dataIndex: 'unitName', width: 180 },
      { title: '手机号', dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => v ?? '—' },
      {
        title: '聘期',
        key: 'term',
        width: 200,
        render: (_: unknown, e) => (
          <Flex gap={4} wrap>
            <span className="zp-nowrap">{termText(e)}</span>
            {termEnded(e, today) && <Tag color="warning">聘期已满</Tag>}
          </Flex>
        ),
      },
      { title: '登录账号', dataIndex: 'accountName', width: 170, render: (v: string | null) => v ?? <Typography.Text type="secondary">未关联</Typography.Text> },
      { title: '状态', dataIndex: 'active', width: 80, render: (v: boolean) => (v ? <Tag color="success">在库</Tag> : <Tag>停用</Tag>) },
      {
        title: '操作',
        key: 'edit',
        width: 90,
        fixed: 'right',
        render: (_: unknown, e) => (
          <Button size="small" icon={<EditOutlined />} onClick={() => setTarget(e)} aria-label={`编辑专家 ${e.name}`}>
            编辑
          </Button>
        ),
      },
    ],
    [catalog, today],
  );

  return (
    <>
      <PageTitle
        title="专家库"
        description="本地州评审专家：系列、专业、职称级别与聘期（每届不超过 3 年）。组建评审委员会时从在库且聘期覆盖评审会日期的专家中随机抽取。"
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget('new')} data-testid="expert-add">
              添加专家
            </Button>
            <DownloadButton url="/api/office/experts/template.xlsx" filename="专家库导入模板.xlsx" icon={<FileExcelOutlined />}>
              下载导入模板
            </DownloadButton>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              fileList={[]}
              beforeUpload={(file) => {
                void importFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing} data-testid="expert-import">
                导入 Excel
              </Button>
            </Upload>
          </>
        }
      />
      <Flex gap={12} wrap className="zp-gap-bottom">
        <Select
          aria-label="系列"
          allowClear
          placeholder="全部系列"
          className="zp-campaign-select"
          value={seriesId ?? undefined}
          onChange={(v: string | undefined) => setSeriesId(v ?? null)}
          options={catalog.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Input.Search
          aria-label="搜索专家"
          placeholder="姓名、单位或职称"
          allowClear
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            if (e.target.value === '') setQ('');
          }}
          onSearch={(v) => setQ(v.trim())}
          className="zp-campaign-select"
        />
      </Flex>
      {campaignsError && <Alert type="warning" showIcon title={`评审活动未能载入，系列与专业仅显示标识：${campaignsError}`} className="zp-gap-bottom" />}
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Table
        rowKey="id"
        data-testid="experts-table"
        columns={columns}
        dataSource={experts}
        loading={loading}
        scroll={{ x: 1320 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="专家库暂无专家" /> }}
      />
      <ExpertDrawer
        target={target}
        catalog={catalog}
        units={units}
        accounts={accounts}
        prefectureQuery={prefectureQuery}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          void load();
        }}
      />
      <ImportResultDialog result={importResult} onClose={() => setImportResult(null)} />
    </>
  );
}
