// What the review chain has recorded so far, read-only: the unit's publicity period, the objections
// raised in it and how each was resolved (reviewers only; the applicant's view has none), the
// unit's recommendation opinion and when the committee office accepted the materials.
import type { ReactNode } from 'react';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { Objection, ReviewFacts } from '../../../api/types';
import { beijingDateTime } from '../declare/time';
import { useIsPhone } from '../declare/useIsPhone';
import { publicityText } from './publicity';

export function hasReviewFacts(review: ReviewFacts): boolean {
  return review.publicity !== null || review.recommendation !== null || review.acceptedAt !== null || review.objections.length > 0;
}

/** One objection: what was raised, when, and its resolution (or that it is still open). */
export function ObjectionItem({ objection, index, extra }: { objection: Objection; index: number; extra?: ReactNode }) {
  return (
    <Flex vertical gap={4} className="zp-record-row" data-testid="objection">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>异议 {index + 1}</Typography.Text>
        <Typography.Text type="secondary" className="zp-small">
          {beijingDateTime(objection.recordedAt)} 记录
        </Typography.Text>
        {objection.resolvedAt ? <Tag color="success">已处理</Tag> : <Tag color="warning">待处理</Tag>}
      </Flex>
      <span className="zp-pre">{objection.content}</span>
      {objection.resolution && (
        <Typography.Text type="secondary" className="zp-pre">
          处理结果：{objection.resolution}
          {objection.resolvedAt && `（${beijingDateTime(objection.resolvedAt)}）`}
        </Typography.Text>
      )}
      {extra}
    </Flex>
  );
}

export function ReviewFactsCard({ review, title = '审核情况' }: { review: ReviewFacts; title?: string }) {
  const phone = useIsPhone();
  if (!hasReviewFacts(review)) return null;
  const items = [
    ...(review.publicity ? [{ key: 'publicity', label: '单位公示期', children: publicityText(review.publicity) }] : []),
    ...(review.recommendation
      ? [
          {
            key: 'recommendation',
            label: '单位推荐意见',
            children: (
              <span data-testid="recommendation-opinion">
                {review.recommendation.opinion}
                <Typography.Text type="secondary" className="zp-small">
                  （{beijingDateTime(review.recommendation.at)}）
                </Typography.Text>
              </span>
            ),
          },
        ]
      : []),
    ...(review.acceptedAt ? [{ key: 'accepted', label: '评委会办公室接收材料', children: beijingDateTime(review.acceptedAt) }] : []),
  ];
  return (
    <Card size="small" title={title}>
      <Flex vertical gap={12}>
        {items.length > 0 && <Descriptions size="small" bordered column={1} layout={phone ? 'vertical' : 'horizontal'} items={items} />}
        {review.objections.length > 0 && (
          <div>
            <Typography.Text strong>公示期间收到的异议（{review.objections.length} 条）</Typography.Text>
            {review.objections.map((o, i) => (
              <ObjectionItem key={o.id} objection={o} index={i} />
            ))}
          </div>
        )}
      </Flex>
    </Card>
  );
}
