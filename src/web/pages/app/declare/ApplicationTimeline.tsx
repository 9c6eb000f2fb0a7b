// 办理进度: every step of the application — what happened, by which role, when (Beijing time),
// and the reasons given.
import { Card, Timeline, Typography } from 'antd';
import type { TimelineEvent } from '../../../api/types';
import { beijingDateTime } from './time';

const COLORS: Record<string, string> = { returned: 'red', notAccepted: 'red', lapsed: 'gray', withdrawn: 'gray', submitted: 'green', resubmitted: 'green' };

export function ApplicationTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <Card size="small" title="办理进度">
      <Timeline
        items={events.map((e, i) => ({
          key: i,
          color: COLORS[e.action] ?? 'blue',
          // Everything in `content`: a `title` would move to a second column, too narrow on a phone.
          content: (
            <>
              <Typography.Text strong>{e.label}</Typography.Text>
              <br />
              <Typography.Text type="secondary" className="zp-small">
                {e.actor} · {beijingDateTime(e.at)}
              </Typography.Text>
              {e.reasons.length > 0 && (
                <ol className="zp-plain-list">
                  {e.reasons.map((r, j) => (
                    <li key={j}>{r}</li>
                  ))}
                </ol>
              )}
            </>
          ),
        }))}
      />
    </Card>
  );
}
