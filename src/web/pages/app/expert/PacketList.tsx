// The expert's packets: every candidate assigned to them and not recused or held — code, level,
// series and specialty (nothing identifying) — with their own score, and the way to the packet.
import { Alert, Button, Empty, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { PacketSummary } from '../../../api/evaluation';
import { useIsPhone } from '../declare/useIsPhone';

export const packetPath = (committeeId: string, applicationId: string) => `/app/expert/committees/${encodeURIComponent(committeeId)}/packets/${encodeURIComponent(applicationId)}`;

export function PacketList({ committeeId, packets, error, scoringOpen }: { committeeId: string; packets: PacketSummary[] | null; error: string | null; scoringOpen: boolean }) {
  const navigate = useNavigate();
  const phone = useIsPhone();
  const scored = packets?.filter((p) => p.myScore).length ?? 0;
  return (
    <>
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      {packets && packets.length > 0 && (
        <Alert
          type={scored === packets.length ? 'success' : 'info'}
          showIcon
          className="zp-gap-bottom"
          title={`已评 ${scored} / ${packets.length}${scoringOpen ? '' : '，评分已截止'}`}
          data-testid="packets-progress"
        />
      )}
      <Table<PacketSummary>
        rowKey="applicationId"
        data-testid="packets-table"
        loading={packets === null && !error}
        dataSource={packets ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        size={phone ? 'small' : 'middle'}
        locale={{ emptyText: <Empty description="暂无分配给您的评审材料" /> }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 110 },
          ...(phone ? [] : [{ title: '系列', dataIndex: 'seriesName', width: 90 }, { title: '级别', dataIndex: 'level', width: 70 }]),
          { title: '专业', dataIndex: 'specialtyName' },
          {
            title: '我的评分',
            key: 'score',
            width: 100,
            render: (_: unknown, p) => (p.myScore ? <Tag color="success">{p.myScore.total.toFixed(1)} 分</Tag> : <Tag color="warning">未评分</Tag>),
          },
          {
            title: '操作',
            key: 'open',
            width: 80,
            render: (_: unknown, p) => (
              <Button size="small" type="primary" onClick={() => navigate(packetPath(committeeId, p.applicationId))} data-testid={`packet-${p.code}`} aria-label={`评审 ${p.code}`}>
                {p.myScore || !scoringOpen ? '查看' : '评分'}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
