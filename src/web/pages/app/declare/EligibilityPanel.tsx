// The eligibility verdict on what the form now says: every rule with ✓/✗, its id and, when
// failed, what would fix it. Recomputed by the server with each save.
import { Alert, Card } from 'antd';
import type { ApplicationView } from '../../../api/types';
import { ELIGIBILITY_ID } from './elementIds';
import { RuleResultList } from '../../../components/RuleResultList';

export function EligibilityPanel({ eligibility }: { eligibility: ApplicationView['eligibility'] }) {
  const failed = eligibility.results.filter((r) => !r.passed);
  return (
    <Card size="small" title="申报资格" id={ELIGIBILITY_ID} tabIndex={-1}>
      <Alert
        type={eligibility.eligible ? 'success' : 'error'}
        showIcon
        className="zp-gap-bottom"
        data-testid="eligibility-verdict"
        title={eligibility.eligible ? '符合本次评审的申报条件' : `暂不符合申报条件：${failed.length} 项未通过`}
        description={`按 ${eligibility.today} 的档案和填写内容计算，随每次保存更新。`}
      />
      <RuleResultList results={eligibility.results} />
    </Card>
  );
}
