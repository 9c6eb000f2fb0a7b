// 评审统计: per campaign, how many declared, were returned, accepted, paid and passed — by series,
// level, county or unit — with the pass rate, a bar chart drawn with plain elements, and the Excel
// workbook (one sheet per grouping).
import { useEffect, useState } from 'react';
import { Alert, Card, Empty, Flex, Segmented, Select, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import type { Statistics, StatisticsGrouping, StatisticsRow } from '../../../api/evaluation';
import { DownloadButton } from '../../../components/DownloadButton';
import { errorMessage } from '../../../components/errors';
import { PageTitle } from '../../../components/PageTitle';
import { campaignLabel, useOfficeCampaigns } from '../evaluation/useCampaigns';
import { barScale, barWidth, GROUPINGS, MEASURES, passRateText } from './statistics';

function Bars({ rows }: { rows: StatisticsRow[] }) {
  const scale = barScale(rows);
  return (
    <Flex vertical gap={12} data-testid="statistics-chart">
      <Flex gap={12} wrap>
        {MEASURES.map((m) => (
          <Flex key={m.key} gap={4} align="center">
            <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: m.color }} />
            <Typography.Text className="zp-small">{m.label}</Typography.Text>
          </Flex>
        ))}
      </Flex>
      {rows.map((r) => (
        <div key={r.key}>
          <Typography.Text strong>{r.label}</Typography.Text>
          <Typography.Text type="secondary" className="zp-small">
            {'　'}通过率 {passRateText(r.passRate)}
          </Typography.Text>
          <Flex vertical gap={2} style={{ marginTop: 4 }}>
            {MEASURES.map((m) => (
              <Flex key={m.key} gap={8} align="center">
                <div style={{ flex: 1, minWidth: 0, background: '#eef1f6', borderRadius: 2, height: 10 }} title={`${m.label} ${r[m.key]}`}>
                  <div style={{ width: `${barWidth(r[m.key], scale)}%`, height: '100%', background: m.color, borderRadius: 2 }} />
                </div>
                <Typography.Text className="zp-small" style={{ width: 72, flex: 'none' }}>
                  {m.label} {r[m.key]}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </div>
      ))}
    </Flex>
  );
}

export default function StatisticsPage() {
  const { campaigns, loading: campaignsLoading, error: campaignsError } = useOfficeCampaigns();
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [by, setBy] = useState<StatisticsGrouping>('series');
  const [stats, setStats] = useState<Statistics | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = campaignId ?? campaigns[0]?.id ?? null;
  const chosenTitle = campaigns.find((c) => c.id === chosen)?.title ?? '';

  useEffect(() => {
    if (!chosen) return;
    let current = true;
    setLoading(true);
    api
      .get<Statistics>(`/api/office/campaigns/${encodeURIComponent(chosen)}/statistics?by=${by}`)
      .then((s) => {
        if (!current) return;
        setStats(s);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!current) return;
        setStats(null);
        setError(errorMessage(err));
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [chosen, by]);

  const rows = stats?.rows ?? [];
  const groupLabel = GROUPINGS.find((g) => g.value === by)?.label.replace('按', '') ?? '';

  return (
    <>
      <PageTitle title="评审统计" description="按评审活动统计申报、退回、受理、缴费和评审通过人数及通过率。" />
      <Flex gap={12} wrap align="center" className="zp-gap-bottom">
        <Select
          aria-label="评审活动"
          className="zp-campaign-select"
          loading={campaignsLoading}
          placeholder="选择评审活动"
          value={chosen ?? undefined}
          onChange={(v: string) => setCampaignId(v)}
          options={campaigns.map((c) => ({ value: c.id, label: campaignLabel(c) }))}
        />
        <Segmented<StatisticsGrouping> value={by} onChange={setBy} options={GROUPINGS} data-testid="statistics-by" />
        <DownloadButton
          url={chosen ? `/api/office/campaigns/${encodeURIComponent(chosen)}/statistics.xlsx` : ''}
          filename={`${chosenTitle}评审统计.xlsx`}
          icon={<FileExcelOutlined />}
          disabled={!chosen}
        >
          下载 Excel
        </DownloadButton>
      </Flex>
      {campaignsError && <Alert type="error" showIcon title={campaignsError} className="zp-gap-bottom" />}
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Flex vertical gap={16}>
        <Table<StatisticsRow>
          rowKey="key"
          data-testid="statistics-table"
          loading={loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description="暂无数据" /> }}
          columns={[
            { title: groupLabel, dataIndex: 'label', fixed: 'left', width: 180 },
            ...MEASURES.map((m) => ({ title: m.label, dataIndex: m.key, width: 80, align: 'right' as const })),
            { title: '通过率', dataIndex: 'passRate', width: 90, align: 'right' as const, render: (v: number | null) => passRateText(v) },
          ]}
          summary={() =>
            stats ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                {MEASURES.map((m, i) => (
                  <Table.Summary.Cell index={i + 1} key={m.key} align="right">
                    <Typography.Text strong>{stats.total[m.key]}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={MEASURES.length + 1} align="right">
                  <Typography.Text strong>{passRateText(stats.total.passRate)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
        {rows.length > 0 && (
          <Card size="small" title="图示">
            <Bars rows={rows} />
          </Card>
        )}
      </Flex>
    </>
  );
}
