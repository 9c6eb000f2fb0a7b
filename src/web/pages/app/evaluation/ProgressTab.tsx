// 评分进度: how many assigned packets each expert has scored and how many scores each candidate has,
// and 截止评分, after which no expert can change a score and the meeting may open.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Table, Tag, Typography } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { officeCommitteeUrl, type ScoringProgress } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { useRun, type CommitteeTabProps } from './committeeKit';
import { progressPercent } from './progress';

function Bar({ scored, assigned }: { scored: number; assigned: number }) {
  return (
    <Flex gap={8} align="center">
      <Progress percent={progressPercent(scored, assigned)} size="small" showInfo={false} className="zp-grow" status={assigned > 0 && scored >= assigned ? 'success' : 'normal'} />
      <span className="zp-nowrap">
        {scored} / {assigned}
      </span>
    </Flex>
  );
}

export function ProgressTab({ committee, reload }: CommitteeTabProps) {
  const [progress, setProgress] = useState<ScoringProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setProgress(await api.get<ScoringProgress>(officeCommitteeUrl(committee.id, '/progress')));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [committee.id]);

  useEffect(() => {
    void load();
  }, [load, committee.status]);

  const { busy, confirmRun } = useRun(async () => {
    await reload();
    await load();
  });

  const closed = progress?.scoringClosed ?? committee.status !== 'formed';
  const totalAssigned = progress?.experts.reduce((n, e) => n + e.assigned, 0) ?? 0;
  const totalScored = progress?.experts.reduce((n, e) => n + e.scored, 0) ?? 0;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Flex vertical gap={4} className="zp-grow">
            <Typography.Text strong>
              全部评分：{totalScored} / {totalAssigned}
              {closed && (
                <Tag color="blue" style={{ marginInlineStart: 8 }} data-testid="scoring-closed">
                  评分已截止
                </Tag>
              )}
            </Typography.Text>
            <Progress percent={progressPercent(totalScored, totalAssigned)} />
          </Flex>
          <Button
            danger
            type="primary"
            icon={<StopOutlined />}
            disabled={closed}
            loading={busy === 'close'}
            data-testid="close-scoring"
            onClick={() =>
              confirmRun(
                {
                  title: '截止评分',
                  content: `截止后专家不能再评分或修改评分，${totalAssigned - totalScored > 0 ? `尚有 ${totalAssigned - totalScored} 份未评分，` : ''}确认截止？`,
                  okText: '确认截止',
                  danger: true,
                },
                'close',
                () => api.post(officeCommitteeUrl(committee.id, '/close-scoring')),
                '评分已截止',
              )
            }
          >
            截止评分
          </Button>
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按专家">
            <Table
              size="small"
              rowKey="expertId"
              data-testid="progress-experts"
              pagination={false}
              dataSource={progress?.experts ?? []}
              loading={!progress && !error}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评审任务" /> }}
              columns={[
                { title: '专家', dataIndex: 'name', width: 100 },
                { title: '已评 / 分配', key: 'bar', render: (_: unknown, e) => <Bar scored={e.scored} assigned={e.assigned} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按评审对象">
            <Table
              size="small"
              rowKey="applicationId"
              data-testid="progress-candidates"
              pagination={false}
              dataSource={progress?.candidates ?? []}
              loading={!progress && !error}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评审对象" /> }}
              columns={[
                { title: '编号', dataIndex: 'code', width: 110 },
                { title: '已评 / 分配', key: 'bar', render: (_: unknown, c) => <Bar scored={c.scored} assigned={c.assigned} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
