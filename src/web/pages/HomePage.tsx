import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Typography } from 'antd';
import { AuditOutlined, BankOutlined, FileDoneOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import type { Prefecture } from '../api/types';
import { errorMessage } from '../components/errors';
import { NavButton } from '../components/NavButton';
import { PublicLayout } from '../layouts/PublicLayout';
import { useSession } from '../session/session';

const FEATURES = [
  { icon: <FileDoneOutlined />, title: '在线申报', text: '申报人注册后在线填写、提交职称申报材料，进度随时可查。' },
  { icon: <TeamOutlined />, title: '逐级审核', text: '所在单位、行业主管部门逐级审核，退回原因一目了然。' },
  { icon: <AuditOutlined />, title: '规范评审', text: '评委会办公室组织专家评审，全过程留痕、可追溯。' },
  { icon: <SafetyCertificateOutlined />, title: '安全可信', text: '实名注册、两步验证、三员分立与审计日志，保障数据安全。' },
];

function PrefectureCards() {
  const { me } = useSession();
  const [prefectures, setPrefectures] = useState<Prefecture[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<Prefecture[]>('/api/public/prefectures')
      .then(setPrefectures)
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  if (error) return <Alert type="error" showIcon title="地州入口加载失败" description={error} />;
  if (!prefectures) return <Skeleton active />;
  if (prefectures.length === 0) return <Empty description="暂无开通的地州" />;
  return (
    <Row gutter={[16, 16]}>
      {prefectures.map((prefecture) => (
        <Col xs={24} md={12} key={prefecture.id}>
          <Card data-testid={`portal-${prefecture.portal ?? prefecture.id}`}>
            <Flex vertical gap={12}>
              <Flex align="center" gap={12}>
                <BankOutlined style={{ fontSize: 28, color: '#1f5fbf' }} />
                <div>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {prefecture.name}
                  </Typography.Title>
                  <Typography.Text type="secondary">职称申报评审入口</Typography.Text>
                </div>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {prefecture.name}各用人单位的专业技术人员可在此查看评审通知、自查申报资格，注册账号、选择所在单位并在线申报职称。
              </Typography.Paragraph>
              <Flex gap={8} wrap>
                <NavButton type="primary" to={me ? '/app' : `/register?prefecture=${encodeURIComponent(prefecture.id)}`}>
                  我要申报
                </NavButton>
                {prefecture.portal && <NavButton to={`/portal/${encodeURIComponent(prefecture.portal)}`}>查看通知</NavButton>}
              </Flex>
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export default function HomePage() {
  return (
    <PublicLayout>
      <section className="zp-hero">
        <h1>职评 · 职称申报评审平台</h1>
        <p>面向专业技术人员、用人单位、行业主管部门和评委会办公室的职称申报评审一体化平台，让职称申报少跑腿、评审更规范。</p>
      </section>
      <div className="zp-container">
        <Typography.Title level={3}>地州入口</Typography.Title>
        <PrefectureCards />
        <Typography.Title level={3} style={{ marginTop: 32 }}>
          平台功能
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {FEATURES.map((feature) => (
            <Col xs={24} sm={12} lg={6} key={feature.title}>
              <Card style={{ height: '100%' }}>
                <Flex vertical gap={8}>
                  <span style={{ fontSize: 24, color: '#1f5fbf' }}>{feature.icon}</span>
                  <Typography.Text strong>{feature.title}</Typography.Text>
                  <Typography.Text type="secondary">{feature.text}</Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </div>
    </PublicLayout>
  );
}
