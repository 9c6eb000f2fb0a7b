// 投票 (N40-MEETING, secret ballot): while the meeting is open and the expert is recorded present,
// one card per candidate — code, specialty, average scores — with 同意 / 不同意 / 弃权; recused
// candidates are shown disabled with 回避. Submitting asks first (a vote cannot be changed); the
// choices are then forgotten and only 已投票 is shown, from the server. Nothing on this page ever
// shows which way a vote went.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Radio, Row, Tag, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { VOTE_CHOICE_LABELS, type VoteChoice } from '../../../../domain/evaluation/vote';
import { api } from '../../../api/client';
import { expertCommitteeUrl, type Ballot, type BallotCandidate } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { PageLoading } from '../../../components/PageLoading';
import { scoreText } from '../evaluation/status';
import { useIsPhone } from '../declare/useIsPhone';
import { BALLOT_PHASE_TEXT, ballotPhase, toBallotRequest, votable } from './ballot';

const CHOICES: VoteChoice[] = ['agree', 'disagree', 'abstain'];

function CandidateCard({ c, choice, onChoose, open }: { c: BallotCandidate; choice: VoteChoice | undefined; onChoose(choice: VoteChoice): void; open: boolean }) {
  const phone = useIsPhone();
  return (
    <Card size="small" data-testid={`ballot-${c.code}`} title={<Typography.Text strong>{c.code}</Typography.Text>} extra={c.recused ? <Tag>回避</Tag> : c.voted ? <Tag color="success" data-testid={`ballot-voted-${c.code}`}>已投票</Tag> : null} style={{ height: '100%' }}>
      <Flex vertical gap={8}>
        <Typography.Text>专业：{c.specialtyName}</Typography.Text>
        <Typography.Text type="secondary">
          评审平均分 {scoreText(c.reviewAverage)}
          {c.defenceScoreText ? `　答辩 ${c.defenceScoreText}` : ''}
        </Typography.Text>
        {c.recused ? (
          <Typography.Text type="secondary">您已回避该评审对象，不参加投票。</Typography.Text>
        ) : c.voted ? null : (
          <Radio.Group
            value={choice}
            disabled={!open}
            onChange={(e) => onChoose(e.target.value as VoteChoice)}
            optionType="button"
            buttonStyle="solid"
            block={phone}
            options={CHOICES.map((k) => ({ value: k, label: VOTE_CHOICE_LABELS[k] }))}
            aria-label={`${c.code} 的表决意见`}
          />
        )}
      </Flex>
    </Card>
  );
}

export function BallotPanel({ committeeId }: { committeeId: string }) {
  const { message, modal } = App.useApp();
  const phone = useIsPhone();
  const [ballot, setBallot] = useState<Ballot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, VoteChoice | undefined>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const load = useCallback(async () => {
    try {
      setBallot(await api.get<Ballot>(expertCommitteeUrl(committeeId, '/ballot')));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [committeeId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error && !ballot) return <Alert type="error" showIcon title={error} />;
  if (!ballot) return <PageLoading />;

  const phase = ballotPhase(ballot);
  const open = phase === 'open';

  async function send() {
    if (!ballot) return;
    const { request } = toBallotRequest(ballot.candidates, choices);
    setSubmitting(true);
    try {
      await api.post(expertCommitteeUrl(committeeId, '/ballot'), request);
      message.success(`已提交 ${request.votes.length} 张选票`);
    } catch (err) {
      modal.error({ title: '投票未成功', content: errorMessage(err), okText: '知道了' });
    } finally {
      // Whatever happened, the choices are not kept: what was recorded is read back as 已投票 only.
      setChoices({});
      setSubmitting(false);
      await load();
    }
  }

  function submit() {
    if (!ballot) return;
    const { request, missing: without } = toBallotRequest(ballot.candidates, choices);
    setMissing(without);
    if (without.length > 0 || request.votes.length === 0) return;
    modal.confirm({
      title: '提交投票',
      content: `您将对 ${request.votes.length} 名评审对象投票。投票为无记名投票，提交后不能更改。确认提交？`,
      okText: '确认提交',
      cancelText: '返回检查',
      okButtonProps: { ...({ 'data-testid': 'ballot-confirm' } as object) },
      onOk: () => send(),
    });
  }

  return (
    <Flex vertical gap={16}>
      <Alert type={phase === 'absent' ? 'warning' : 'info'} showIcon title={BALLOT_PHASE_TEXT[phase]} data-testid="ballot-phase" />
      {error && <Alert type="error" showIcon title={error} />}
      {ballot.candidates.length === 0 ? (
        <Empty description="暂无评审对象" />
      ) : (
        (phase === 'open' || phase === 'done' || phase === 'closed') && (
          <Row gutter={[12, 12]}>
            {ballot.candidates.map((c) => (
              <Col xs={24} md={12} xl={8} key={c.applicationId}>
                <CandidateCard c={c} choice={choices[c.applicationId]} open={open && votable(c)} onChoose={(choice) => setChoices((all) => ({ ...all, [c.applicationId]: choice }))} />
              </Col>
            ))}
          </Row>
        )
      )}
      {missing.length > 0 && <Alert type="error" showIcon title={`请对以下评审对象选择表决意见：${missing.join('、')}`} data-testid="ballot-missing" />}
      <Flex gap={8} wrap vertical={phone}>
        {open && (
          <Button type="primary" icon={<SendOutlined />} loading={submitting} onClick={submit} data-testid="ballot-submit" block={phone}>
            提交投票
          </Button>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void load()} block={phone}>
          刷新
        </Button>
      </Flex>
    </Flex>
  );
}
