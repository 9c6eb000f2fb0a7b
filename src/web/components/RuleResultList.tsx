// The eligibility engine's verdict as a list: failed rules first, each with its rule id, the
// explanation and, when something can be done, how to fix it. Shared by the public self-check and
// the application page's eligibility panel, so both read the same way.
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Tag, Typography } from 'antd';

export interface RuleResultView {
  ruleId: string;
  passed: boolean;
  message: string;
  fix?: string;
}

export function failedFirst<T extends RuleResultView>(results: readonly T[]): T[] {
  return [...results.filter((r) => !r.passed), ...results.filter((r) => r.passed)];
}

export function RuleResultList({ results }: { results: readonly RuleResultView[] }) {
  return (
    <ul className="zp-check-list">
      {failedFirst(results).map((r, i) => (
        <li key={i} className={r.passed ? 'zp-check-pass' : 'zp-check-fail'} data-testid={r.passed ? 'rule-pass' : 'rule-fail'}>
          <span className="zp-check-icon" aria-label={r.passed ? '符合' : '不符合'}>
            {r.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
          </span>
          <div>
            <Tag color={r.passed ? 'success' : 'error'}>{r.ruleId}</Tag>
            <span>{r.message}</span>
            {r.fix && (
              <div className="zp-check-fix">
                <Typography.Text type="secondary">如何解决：</Typography.Text>
                {r.fix}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
