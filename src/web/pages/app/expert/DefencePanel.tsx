// 答辩评分: the defence sessions where the expert is on the panel — time, place, video link — and
// a score sheet per candidate of each session.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Collapse, Empty, Flex, Tag, Typography } from 'antd';
import { api } from '../../../api/client';
import { expertCommitteeUrl, type ExpertDefence, type ScoreRequest } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { beijingDateTime } from '../declare/time';
import { ScoreSheetForm } from './ScoreSheetForm';

export function DefencePanel({ committeeId, readOnly }: { committeeId: string; readOnly: boolean }) {
  const [defence, setDefence] = useState<ExpertDefence | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDefence(await api.get<ExpertDefence>(expertCommitteeUrl(committeeId, '/defence')));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [committeeId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!defence) return <PageLoading />;
  if (defence.sessions.length === 0) return <Empty description="您没有被安排为答辩评委" />;

  return (
    <Flex vertical gap={16}>
      {defence.sessions.map((s) => (
        <Card
          key={s.id}
          size="small"
          title={`答辩场次：${beijingDateTime(s.startsAt)}`}
          data-testid={`defence-session-${s.id}`}
        >
          <Flex vertical gap={12}>
            <Typography.Text>
              地点：{s.place}
              {s.videoLink && (
                <>
                  {'　'}视频会议：
                  <Typography.Link href={s.videoLink} target="_blank" rel="noopener noreferrer" className="zp-break">
                    {s.videoLink}
                  </Typography.Link>
                </>
              )}
            </Typography.Text>
            <Collapse
              items={s.candidates.map((c) => ({
                key: c.applicationId,
                label: (
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>{c.code}</Typography.Text>
                    <span>{c.specialtyName}</span>
                    {c.myScore ? <Tag color="success">{c.myScore.total.toFixed(1)} 分</Tag> : <Tag color="warning">未评分</Tag>}
                  </Flex>
                ),
                children: (
                  <ScoreSheetForm
                    name={`defence-${c.code}`}
                    scoringForm={defence.scoringForm}
                    saved={c.myScore}
                    readOnly={readOnly}
                    readOnlyNotice="投票已结束，答辩评分不能再修改。"
                    onSave={async (request: ScoreRequest) => {
                      const result = await api.put<{ total: number }>(expertCommitteeUrl(committeeId, `/defence/${encodeURIComponent(c.applicationId)}/score`), request);
                      void load();
                      return result;
                    }}
                  />
                ),
              }))}
            />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
