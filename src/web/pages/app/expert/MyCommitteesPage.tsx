// 我的评审: the committees the expert sits on, with the state of each — conflicts declared or not,
// packets scored of those assigned — and the way into each.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import type { ExpertCommittee } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { progressPercent } from '../evaluation/progress';
import { COMMITTEE_STATUS_COLORS, COMMITTEE_STATUS_LABELS } from '../evaluation/status';

export const expertCommitteePath = (id: string) => `/app/expert/committees/${encodeURIComponent(id)}`;

export default function MyCommitteesPage() {
  const navigate = useNavigate();
  const [committees, setCommittees] = useState<ExpertCommittee[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<ExpertCommittee[]>('/api/expert/committees')
      .then(setCommittees)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  return (
    <>
      <PageTitle title="我的评审" description="您所在的评审委员会。查看评审材料前须先作出回避声明；评审材料为盲评版本，不含申报人身份信息。" />
      {error && <Alert type="error" showIcon title={error} />}
      {!error && committees === null && <PageLoading />}
      {committees && committees.length === 0 && (
        <Card>
          <Empty description="您暂未被抽取为评审委员会委员" />
        </Card>
      )}
      {committees && committees.length > 0 && (
        <Row gutter={[16, 16]}>
          {committees.map((c) => (
            <Col xs={24} md={12} xl={8} key={c.id}>
              <Card title={<span className="zp-wrap-title">{c.name}</span>} data-testid={`my-committee-${c.id}`} style={{ height: '100%' }}>
                <Flex vertical gap={12}>
                  <Flex gap={4} wrap>
                    <Tag>{c.seriesName}</Tag>
                    <Tag>{c.level}</Tag>
                    <Tag color={COMMITTEE_STATUS_COLORS[c.status]}>{COMMITTEE_STATUS_LABELS[c.status]}</Tag>
                    {c.isChair && <Tag color="blue">主任委员</Tag>}
                  </Flex>
                  {c.conflictsDeclared ? (
                    <div>
                      <Typography.Text type="secondary">
                        已评 {c.scored} / {c.assigned}
                      </Typography.Text>
                      <Progress percent={progressPercent(c.scored, c.assigned)} size="small" />
                    </div>
                  ) : (
                    <Alert type="warning" showIcon title="请先作出回避声明" />
                  )}
                  <Button type="primary" onClick={() => navigate(expertCommitteePath(c.id))} data-testid={`open-committee-${c.id}`} block>
                    {c.conflictsDeclared ? '进入评审' : '回避声明'}
                  </Button>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
