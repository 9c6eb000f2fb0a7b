// What the application is and where it stands: campaign, series/specialty/level and title, path,
// fee, status, submissions so far, the next step with its date, and — after a return — every
// reason the reviewer gave with the deadline for resubmitting.
import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ApplicationView } from '../../../api/types';
import { returnedBy } from '../review/stages';
import { HEADER_ID } from './elementIds';
import { STATUS_COLORS } from './status';
import { beijingDateTime } from './time';

function ReturnAlert({ view }: { view: ApplicationView }) {
  if (view.returnReasons.length === 0 || (view.status !== 'returned' && view.status !== 'not_accepted' && view.status !== 'lapsed')) return null;
  // The unit, the department or the committee office: the applicant should know who asked.
  const by = returnedBy(view.timeline) ?? '所在单位';
  const title =
    view.status === 'returned'
      ? `申报已被${by}退回，请按以下 ${view.returnReasons.length} 条原因修改后重新提交`
      : view.status === 'lapsed'
        ? '申报曾被退回，逾期未重新提交，已失效'
        : '申报已被退回，当年不再受理';
  return (
    <Alert
      type={view.status === 'returned' ? 'warning' : 'error'}
      showIcon
      title={title}
      data-testid="return-reasons"
      description={
        <>
          <ol className="zp-plain-list">
            {view.returnReasons.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ol>
          {view.status === 'returned' && view.resubmitDeadline && (
            <Typography.Paragraph strong className="zp-no-margin zp-gap-top">
              请于 {beijingDateTime(view.resubmitDeadline)} 前修改并重新提交，逾期不予受理。
            </Typography.Paragraph>
          )}
        </>
      }
    />
  );
}

export function ApplicationHeader({ view, extra }: { view: ApplicationView; extra?: ReactNode }) {
  return (
    <Card id={HEADER_ID} className="zp-gap-bottom">
      <Flex vertical gap={12}>
        <div>
          <Typography.Title level={4} className="zp-no-margin">
            {view.series.name}系列 · {view.specialty.name} · {view.level}（{view.titleName}）
          </Typography.Title>
          <Typography.Text type="secondary">{view.campaignTitle}</Typography.Text>
        </div>
        <Flex gap={8} wrap align="center">
          <Tag color={STATUS_COLORS[view.status]} data-testid="application-status">
            {view.statusLabel}
          </Tag>
          <Typography.Text type="secondary">
            已提交 {view.submissionCount}/{view.maxSubmissions} 次
          </Typography.Text>
        </Flex>
        <ReturnAlert view={view} />
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          size="small"
          bordered
          items={[
            { key: 'path', label: '申报途径', children: view.path.name },
            { key: 'unit', label: '工作单位', children: view.unitName },
            { key: 'fee', label: '评审费', children: view.fee === null ? '以通知为准' : `${view.fee} 元` },
            { key: 'window', label: '网上申报时间', children: view.declarationWindow.text },
            ...(view.submittedAt ? [{ key: 'submitted', label: '最近提交', children: beijingDateTime(view.submittedAt) }] : []),
            {
              key: 'next',
              label: '下一步',
              children: (
                <span data-testid="next-step">
                  {view.next.label}
                  {view.next.by && `（截止 ${view.next.by}）`}
                </span>
              ),
            },
          ]}
        />
        {extra}
      </Flex>
    </Card>
  );
}
