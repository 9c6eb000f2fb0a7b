// One evaluation committee at the office, in the order the work is done: members and recusal, the
// candidates (anonymous codes; the office sees who they are), the experts' scoring progress, the
// defence sessions, the meeting with its secret vote, the results publicity with objections and
// cases, and finally the qualification document and the electronic certificates. The tab shown
// stays in the address (?tab=).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Descriptions, Flex, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { officeCommitteeUrl, type CommitteeDetail } from '../../../api/evaluation';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { beijingDateTime } from '../declare/time';
import { useIsPhone } from '../declare/useIsPhone';
import { CandidatesTab } from './CandidatesTab';
import { DefenceTab } from './DefenceTab';
import { DocumentsTab } from './DocumentsTab';
import { MeetingTab } from './MeetingTab';
import { MembersTab } from './MembersTab';
import { ProgressTab } from './ProgressTab';
import { PublicityTab } from './PublicityTab';
import { COMMITTEE_STATUS_COLORS, COMMITTEE_STATUS_LABELS } from './status';

const TABS = [
  { key: 'members', label: '成员与回避' },
  { key: 'candidates', label: '评审对象' },
  { key: 'progress', label: '评分进度' },
  { key: 'defence', label: '答辩安排' },
  { key: 'meeting', label: '评审会议' },
  { key: 'publicity', label: '结果公示' },
  { key: 'documents', label: '文件与证书' },
] as const;

type TabKey = (typeof TABS)[number]['key'];

export default function CommitteePage() {
  const { id = '' } = useParams();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const [committee, setCommittee] = useState<CommitteeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tab: TabKey = TABS.some((t) => t.key === params.get('tab')) ? (params.get('tab') as TabKey) : 'members';

  const reload = useCallback(async () => {
    try {
      setCommittee(await api.get<CommitteeDetail>(officeCommitteeUrl(id)));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [id]);

  useEffect(() => {
    setCommittee(null);
    void reload();
  }, [reload]);

  const back = (
    <NavButton icon={<ArrowLeftOutlined />} to={committee ? `/app/office/evaluation?campaign=${encodeURIComponent(committee.campaignId)}` : '/app/office/evaluation'} className="zp-gap-bottom">
      评审组织
    </NavButton>
  );

  if (!committee) {
    return (
      <>
        {back}
        {error ? <Alert type="error" showIcon title={error} /> : <PageLoading />}
      </>
    );
  }

  const c = committee;
  const props = { committee: c, reload };
  const content: Record<TabKey, React.ReactNode> = {
    members: <MembersTab {...props} />,
    candidates: <CandidatesTab {...props} />,
    progress: <ProgressTab {...props} />,
    defence: <DefenceTab {...props} />,
    meeting: <MeetingTab {...props} />,
    publicity: <PublicityTab {...props} />,
    documents: <DocumentsTab {...props} />,
  };

  return (
    <>
      {back}
      <PageTitle
        title={c.name}
        description={
          <Flex gap={6} wrap align="center" component="span">
            <Tag color={COMMITTEE_STATUS_COLORS[c.status]} data-testid="committee-status">
              {COMMITTEE_STATUS_LABELS[c.status]}
            </Tag>
            <span>
              {c.seriesName} · {c.level} · {c.memberCount} 名委员 · {c.candidateCount} 名评审对象
            </span>
          </Flex>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="zp-gap-bottom" />}
      <Descriptions
        size="small"
        bordered
        column={phone ? 1 : 3}
        className="zp-gap-bottom"
        items={[
          { key: 'chair', label: '主任委员', children: c.chairName ?? '未指定' },
          { key: 'quorum', label: '到会人数要求', children: `不少于 ${c.quorumNeeded} 人（委员 ${c.memberCount} 人的三分之二）` },
          { key: 'place', label: '评审会地点', children: c.meetingPlace ?? '未填写' },
          {
            key: 'seed',
            label: '抽取种子',
            children: (
              <Typography.Text copyable className="zp-break">
                {c.seed}
              </Typography.Text>
            ),
          },
          { key: 'policy', label: '通过率', children: c.passRatePolicy === 'capped' ? (c.passRatePercent !== null ? `限额 ${c.passRatePercent}%` : '限额，待评委会设定') : '不限' },
          {
            key: 'times',
            label: '进度',
            children: (
              <Typography.Text type="secondary" className="zp-small">
                {[
                  c.scoringClosedAt && `评分截止 ${beijingDateTime(c.scoringClosedAt)}`,
                  c.meetingOpenedAt && `会议开始 ${beijingDateTime(c.meetingOpenedAt)}`,
                  c.ballotClosedAt && `投票结束 ${beijingDateTime(c.ballotClosedAt)}`,
                  c.confirmedAt && `结果确认 ${beijingDateTime(c.confirmedAt)}`,
                ]
                  .filter(Boolean)
                  .join('；') || '专家评审中'}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={TABS.map((t) => ({ key: t.key, label: <span data-testid={`tab-${t.key}`}>{t.label}</span>, children: content[t.key] }))}
        destroyOnHidden
      />
    </>
  );
}
