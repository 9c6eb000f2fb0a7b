// 评审组织: the committees of one of the office's campaigns (one per series and level), and the
// draw that forms a new one. The chosen campaign stays in the address (?campaign=) so the way back
// from a committee lands on the same list.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { TeamOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client';
import type { CommitteeSummary, DrawResponse } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { seriesOf } from './catalog';
import { DrawDialog, ExcludedDialog } from './DrawDialog';
import { COMMITTEE_STATUS_COLORS, COMMITTEE_STATUS_LABELS } from './status';
import { campaignLabel, useOfficeCampaigns } from './useCampaigns';

export const committeePath = (id: string) => `/app/office/evaluation/committees/${encodeURIComponent(id)}`;

export default function CommitteesPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { campaigns, configs, loading: campaignsLoading, error: campaignsError } = useOfficeCampaigns();
  const chosen = params.get('campaign') ?? campaigns[0]?.id ?? null;
  // The draw offers the series and levels of the chosen campaign only.
  const catalog = useMemo(() => (chosen ? seriesOf(configs.get(chosen)) : []), [chosen, configs]);
  const [committees, setCommittees] = useState<CommitteeSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drawOpen, setDrawOpen] = useState(false);
  const [drawn, setDrawn] = useState<DrawResponse | null>(null);

  const load = useCallback(async () => {
    if (!chosen) return;
    setLoading(true);
    try {
      setCommittees(await api.get<CommitteeSummary[]>(`/api/office/campaigns/${encodeURIComponent(chosen)}/committees`));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
      setCommittees([]);
    } finally {
      setLoading(false);
    }
  }, [chosen]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: ColumnsType<CommitteeSummary> = [
    {
      title: '评审委员会',
      dataIndex: 'name',
      render: (name: string, c) => (
        <Typography.Link onClick={() => navigate(committeePath(c.id))} data-testid={`committee-${c.id}`}>
          {name}
        </Typography.Link>
      ),
    },
    { title: '系列', dataIndex: 'seriesName', width: 90 },
    { title: '级别', dataIndex: 'level', width: 70 },
    { title: '委员', dataIndex: 'memberCount', width: 70 },
    { title: '评审对象', dataIndex: 'candidateCount', width: 90 },
    { title: '主任委员', dataIndex: 'chairName', width: 100, render: (v: string | null) => v ?? '未指定' },
    { title: '状态', dataIndex: 'status', width: 130, render: (s: CommitteeSummary['status']) => <Tag color={COMMITTEE_STATUS_COLORS[s]}>{COMMITTEE_STATUS_LABELS[s]}</Tag> },
    {
      title: '操作',
      key: 'open',
      width: 90,
      fixed: 'right',
      render: (_: unknown, c) => (
        <Button size="small" type="primary" onClick={() => navigate(committeePath(c.id))} aria-label={`进入 ${c.name}`}>
          进入
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="评审组织"
        description="按评审活动组建评审委员会（每个系列、级别一个），随后安排回避、专家评审、答辩、评审会议投票、结果公示、任职资格文件和电子证书。"
        extra={
          <Button type="primary" icon={<TeamOutlined />} disabled={!chosen || catalog.length === 0} onClick={() => setDrawOpen(true)} data-testid="draw-open">
            抽取组建评审委员会
          </Button>
        }
      />
      <Flex gap={12} wrap align="center" className="zp-gap-bottom">
        <Select
          aria-label="评审活动"
          className="zp-campaign-select"
          loading={campaignsLoading}
          placeholder="选择评审活动"
          value={chosen ?? undefined}
          onChange={(v: string) => setParams({ campaign: v }, { replace: true })}
          options={campaigns.map((c) => ({ value: c.id, label: campaignLabel(c) }))}
          data-testid="campaign-select"
        />
      </Flex>
      {campaignsError && <Alert type="error" showIcon title={campaignsError} className="zp-gap-bottom" />}
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Table
        rowKey="id"
        data-testid="committees-table"
        columns={columns}
        dataSource={committees}
        loading={loading || campaignsLoading}
        scroll={{ x: 860 }}
        pagination={false}
        locale={{ emptyText: <Empty description={chosen ? '尚未组建评审委员会' : '请先选择评审活动'} /> }}
      />
      {chosen && (
        <DrawDialog
          open={drawOpen}
          campaignId={chosen}
          config={configs.get(chosen)}
          catalog={catalog}
          onClose={() => setDrawOpen(false)}
          onDrawn={(result) => {
            setDrawOpen(false);
            setDrawn(result);
            void load();
          }}
        />
      )}
      <ExcludedDialog result={drawn} onClose={() => setDrawn(null)} />
    </>
  );
}
