// The public page of one prefecture portal (/portal/bz, /portal/aks): its published campaigns with
// the time windows in Beijing time, fees, levels, series and the notice text, and the
// 申报资格自查 panel. Read on phones first (375 px).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { BankOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { formatBeijing } from '../../domain/campaign/dates';
import { api } from '../api/client';
import type { Prefecture, PublicCampaign, PublicCampaignDetail, PublicWindow } from '../api/types';
import { errorMessage } from '../components/errors';
import { NavButton } from '../components/NavButton';
import { NotFound } from '../components/NotFound';
import { PublicLayout } from '../layouts/PublicLayout';
import { useSession } from '../session/session';
import { SelfCheckPanel } from './portal/SelfCheckPanel';

type WindowState = { label: string; color: string };

export function windowState(w: PublicWindow, now: number): WindowState {
  const closes = Date.parse(w.closesAt);
  if (w.opensAt === null) return now > closes ? { label: '已截止', color: 'default' } : { label: '未截止', color: 'processing' };
  if (now < Date.parse(w.opensAt)) return { label: '未开始', color: 'blue' };
  if (now > closes) return { label: '已截止', color: 'default' };
  return { label: '进行中', color: 'success' };
}

function WindowRows({ windows }: { windows: PublicWindow[] }) {
  const now = Date.now();
  return (
    <Flex vertical gap={8} data-testid="campaign-windows">
      {windows.map((w) => {
        const state = windowState(w, now);
        return (
          <div key={w.key} className="zp-window-row">
            <Flex justify="space-between" gap={8} align="center">
              <Typography.Text strong>{w.label}</Typography.Text>
              <span>
                {w.tentative && <Tag>时间待定</Tag>}
                <Tag color={state.color} className="zp-no-margin-end">
                  {state.label}
                </Tag>
              </span>
            </Flex>
            <Typography.Text type="secondary" className="zp-small">
              <ClockCircleOutlined /> {w.opensAt ? `${formatBeijing(w.opensAt)} 至 ${formatBeijing(w.closesAt)}` : `${formatBeijing(w.closesAt)} 前`}
            </Typography.Text>
          </div>
        );
      })}
    </Flex>
  );
}

function CampaignCard({ campaign }: { campaign: PublicCampaignDetail }) {
  return (
    <Card data-testid={`campaign-${campaign.id}`} title={<span className="zp-wrap-title">{campaign.title}</span>}>
      <Flex vertical gap={16}>
        <Flex gap={4} wrap>
          <Tag color="blue">{campaign.year} 年度</Tag>
          <Tag>{campaign.issuer}</Tag>
          <Tag>通知日期 {campaign.noticeDate}</Tag>
          <Tag>
            资历计算截至 {campaign.seniorityCutoff.date}（{campaign.seniorityCutoff.ruleId}）
          </Tag>
        </Flex>
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>时间安排（北京时间）</Typography.Title>
            <WindowRows windows={campaign.windows} />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>评审费（{campaign.fees.ruleId}）</Typography.Title>
            <Descriptions
              size="small"
              bordered
              column={1}
              data-testid="campaign-fees"
              items={campaign.fees.amounts.map((a) => ({ key: a.level, label: a.level, children: `${a.amountYuan} 元/人` }))}
            />
            <Typography.Title level={5} className="zp-gap-top">
              系列与级别
            </Typography.Title>
            <Flex vertical gap={8}>
              {campaign.series.map((s) => (
                <div key={s.id}>
                  <Typography.Text strong>{s.name}系列</Typography.Text>
                  <ul className="zp-plain-list">
                    {s.levels.map((l) => (
                      <li key={l.level}>
                        {l.level}：{l.titles.join('、')}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </Flex>
            <Typography.Title level={5} className="zp-gap-top">
              申报途径
            </Typography.Title>
            <ul className="zp-plain-list">
              {campaign.paths.map((p) => (
                <li key={p.id}>
                  {p.name}（{p.portalHost}，{p.evaluatedBy}）
                </li>
              ))}
            </ul>
          </Col>
        </Row>
        <Collapse
          items={[
            {
              key: 'notice',
              label: '通知全文',
              children: <div className="zp-notice-text">{campaign.noticeText}</div>,
            },
            {
              key: 'materials',
              label: '申报材料',
              children: (
                <ul className="zp-plain-list">
                  {campaign.materials.map((m) => (
                    <li key={m.id}>
                      <Typography.Text strong>{m.name}</Typography.Text>
                      <Typography.Text type="secondary">
                        {' '}
                        （{m.fileTypes.map((t) => t.toUpperCase()).join('/')}
                        {m.minCount > 1 ? `，至少 ${m.minCount} 份` : ''}
                        {m.years ? `，${m.years.join('、')} 年度` : ''}
                        {m.appliesWhen ? `；适用于${m.appliesWhen}` : ''}
                        {m.masked ? '；盲评遮盖' : ''}）
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

export default function PortalPage() {
  const { code = '' } = useParams();
  const { me } = useSession();
  const [prefecture, setPrefecture] = useState<Prefecture | null | undefined>(undefined);
  const [campaigns, setCampaigns] = useState<PublicCampaignDetail[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setCampaigns(null);
    setError(null);
    (async () => {
      const prefectures = await api.get<Prefecture[]>('/api/public/prefectures');
      const found = prefectures.find((p) => p.portal === code) ?? null;
      if (!current) return;
      setPrefecture(found);
      if (!found) return;
      const list = await api.get<PublicCampaign[]>(`/api/public/campaigns?portal=${encodeURIComponent(code)}`);
      const details = await Promise.all(list.map((c) => api.get<PublicCampaignDetail>(`/api/public/campaigns/${encodeURIComponent(c.id)}`)));
      if (current) setCampaigns(details);
    })().catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [code]);

  if (prefecture === null) {
    return (
      <PublicLayout>
        <NotFound standalone />
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <section className="zp-portal-hero">
        <Flex align="center" gap={12} justify="center" wrap>
          <BankOutlined className="zp-portal-icon" />
          <h1>{prefecture ? `${prefecture.name}职称评审` : '地州职称评审'}</h1>
        </Flex>
        <p>评审通知、时间安排、评审费、申报资格自查、评审结果公示和证书核验</p>
        {prefecture && (
          <Flex gap={8} justify="center" wrap>
            <NavButton type="primary" to={me ? '/app' : `/register?prefecture=${encodeURIComponent(prefecture.id)}`}>
              我要申报
            </NavButton>
            <Button href="#self-check">申报资格自查</Button>
            <NavButton to={`/portal/${encodeURIComponent(code)}/results`}>评审结果公示</NavButton>
            <NavButton to="/verify">证书核验</NavButton>
          </Flex>
        )}
      </section>
      <div className="zp-container">
        {error && <Alert type="error" showIcon title="评审通知加载失败" description={error} />}
        {!error && campaigns === null && <Skeleton active />}
        {campaigns && (
          <Flex vertical gap={16}>
            <Typography.Title level={3} className="zp-no-margin">
              评审通知
            </Typography.Title>
            {campaigns.length === 0 ? (
              <Card>
                <Empty description="暂无已发布的评审通知" />
              </Card>
            ) : (
              campaigns.map((c) => <CampaignCard key={c.id} campaign={c} />)
            )}
            {campaigns.length > 0 && <SelfCheckPanel campaigns={campaigns} />}
          </Flex>
        )}
      </div>
    </PublicLayout>
  );
}
