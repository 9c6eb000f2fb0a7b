// 我的申报: the applicant's applications, newest first, each with its status; the way to start one.
import { useEffect, useState } from 'react';
import { Alert, Card, Empty, Flex, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import type { ApplicationSummary, PublicCampaign } from '../../../api/types';
import { errorMessage } from '../../../components/errors';
import { NavButton } from '../../../components/NavButton';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { STATUS_COLORS } from './status';
import { beijingDateTime } from './time';

export default function ApplicationsPage() {
  const [rows, setRows] = useState<ApplicationSummary[] | null>(null);
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api
      .get<ApplicationSummary[]>('/api/me/applications')
      .then((list) => current && setRows(list))
      .catch((err: unknown) => current && setError(errorMessage(err)));
    // Titles only make the list easier to read; without them the campaign id is shown.
    api
      .get<PublicCampaign[]>('/api/public/campaigns')
      .then((list) => current && setTitles(Object.fromEntries(list.map((c) => [c.id, c.title]))))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  return (
    <>
      <PageTitle
        title="我的申报"
        description="填写中的申报会自动保存，可随时回来继续。"
        extra={
          <NavButton type="primary" icon={<PlusOutlined />} to="/app/applications/new">
            新建申报
          </NavButton>
        }
      />
      {error && <Alert type="error" showIcon title={error} />}
      {rows === null && !error && <PageLoading />}
      {rows?.length === 0 && <Empty description="还没有申报，点击“新建申报”开始" />}
      <Flex vertical gap={12}>
        {rows?.map((row) => (
          <Link to={`/app/applications/${row.id}`} key={row.id} aria-label={`${titles[row.campaignId] ?? row.campaignId} ${row.level} ${row.statusLabel}`}>
            <Card size="small" hoverable data-testid="application-card">
              <Flex justify="space-between" align="center" gap={12}>
                <Flex vertical gap={4} className="zp-min0">
                  <Typography.Text strong className="zp-break">
                    {titles[row.campaignId] ?? row.campaignId}
                  </Typography.Text>
                  <Flex gap={8} wrap align="center">
                    <Tag>{row.level}</Tag>
                    <Tag color={STATUS_COLORS[row.status]}>{row.statusLabel}</Tag>
                  </Flex>
                  <Typography.Text type="secondary" className="zp-small">
                    已提交 {row.submissionCount} 次 · 更新于 {beijingDateTime(row.updatedAt)}
                  </Typography.Text>
                </Flex>
                <RightOutlined />
              </Flex>
            </Card>
          </Link>
        ))}
      </Flex>
    </>
  );
}
