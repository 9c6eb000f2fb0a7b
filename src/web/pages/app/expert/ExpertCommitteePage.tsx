// One committee at the expert's desk. First the conflict declaration — the packets stay hidden
// until it is made; it is made once (a conflict found later is reported to the committee office,
// which records it) — then three tabs: the blind-review packets with the expert's own scores, the
// defence sessions where they are on the panel, and the secret ballot of the meeting.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Flex, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../../api/client';
import { expertCommitteeUrl, type ExpertCommittee, type PacketSummary } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { COMMITTEE_STATUS_COLORS, COMMITTEE_STATUS_LABELS, reached } from '../evaluation/status';
import { BallotPanel } from './BallotPanel';
import { DeclarationForm } from './DeclarationForm';
import { DefencePanel } from './DefencePanel';
import { PacketList } from './PacketList';

const TABS = [
  { key: 'packets', label: '评审材料' },
  { key: 'defence', label: '答辩评分' },
  { key: 'ballot', label: '投票' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export default function ExpertCommitteePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [committee, setCommittee] = useState<ExpertCommittee | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [packets, setPackets] = useState<PacketSummary[] | null>(null);
  const [packetsError, setPacketsError] = useState<string | null>(null);
  const [notDeclared, setNotDeclared] = useState(false);
  const tab: TabKey = TABS.some((t) => t.key === params.get('tab')) ? (params.get('tab') as TabKey) : 'packets';

  const loadCommittee = useCallback(async () => {
    try {
      const list = await api.get<ExpertCommittee[]>('/api/expert/committees');
      setCommittee(list.find((c) => c.id === id) ?? null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  const loadPackets = useCallback(async () => {
    try {
      setPackets(await api.get<PacketSummary[]>(expertCommitteeUrl(id, '/packets')));
      setPacketsError(null);
      setNotDeclared(false);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICTS_NOT_DECLARED') setNotDeclared(true);
      else setPacketsError(errorMessage(err));
    }
  }, [id]);

  useEffect(() => {
    void loadCommittee();
  }, [loadCommittee]);

  const declared = committee?.conflictsDeclared === true && !notDeclared;
  useEffect(() => {
    if (declared) void loadPackets();
  }, [declared, loadPackets]);

  const back = (
    <NavButton icon={<ArrowLeftOutlined />} to="/app/expert" className="zp-gap-bottom">
      我的评审
    </NavButton>
  );

  if (error) {
    return (
      <>
        {back}
        <Alert type="error" showIcon title={error} />
      </>
    );
  }
  if (committee === undefined) return <PageLoading />;
  if (committee === null) {
    return (
      <>
        {back}
        <Alert type="error" showIcon title="未找到该评审委员会" />
      </>
    );
  }

  const title = (
    <PageTitle
      title={committee.name}
      description={
        <Flex gap={4} wrap component="span">
          <Tag>{committee.seriesName}</Tag>
          <Tag>{committee.level}</Tag>
          <Tag color={COMMITTEE_STATUS_COLORS[committee.status]}>{COMMITTEE_STATUS_LABELS[committee.status]}</Tag>
          {committee.isChair && <Tag color="blue">主任委员</Tag>}
        </Flex>
      }
      extra={
        declared && (
          <Typography.Text type="secondary" data-testid="declared-note">
            已提交回避声明。如发现新的回避情形，请联系评委会办公室
          </Typography.Text>
        )
      }
    />
  );

  if (!declared) {
    return (
      <>
        {back}
        {title}
        <DeclarationForm
          committeeId={committee.id}
          onDeclared={() => {
            setNotDeclared(false);
            void loadCommittee();
          }}
        />
      </>
    );
  }

  const scoringOpen = committee.status === 'formed';
  return (
    <>
      {back}
      {title}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={TABS.map((t) => ({
          key: t.key,
          label: <span data-testid={`expert-tab-${t.key}`}>{t.label}</span>,
          children:
            t.key === 'packets' ? (
              <PacketList committeeId={committee.id} packets={packets} error={packetsError} scoringOpen={scoringOpen} />
            ) : t.key === 'defence' ? (
              <DefencePanel committeeId={committee.id} readOnly={reached(committee.status, 'ballot_closed')} />
            ) : (
              <BallotPanel committeeId={committee.id} />
            ),
        }))}
      />
    </>
  );
}
