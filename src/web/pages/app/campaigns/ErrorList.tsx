// Every error of the draft, each with its place in words and the path as in the JSON file; a click
// opens the tab that edits it and focuses the field.
import { useState } from 'react';
import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { chinesePath, parsePath, type Path } from '../../../campaign/paths';
import { fieldId, type EditorError } from './editorKit';

export type EditorTab = 'basic' | 'windows' | 'fees' | 'rules' | 'series' | 'json';

export const TAB_LABELS: Record<EditorTab, string> = {
  basic: '基本信息',
  windows: '时间安排',
  fees: '评审费与通过率',
  rules: '申报规则',
  series: '系列与专业',
  json: '高级：完整配置（JSON）',
};

const RULES_TAB_PREFIXES = [
  'seniorityCutoff.date',
  'seniorityCutoff.ruleId',
  'submission.maxSubmissions',
  'submission.ruleId',
  'submission.resubmission',
  'unitReview.publicityWorkingDays',
  'unitReview.ruleId',
  'resultsPublicity.workingDays',
  'resultsPublicity.ruleId',
  'rules.fraudBan',
  'rules.continuingEducation.yearsCovered',
  'rules.continuingEducation.min',
  'rules.continuingEducation.ruleId',
];

const BASIC_PATHS = ['id', 'title', 'year', 'noticeDate', 'noticeText', 'issuer.name', 'prefecture.calendarRegion', 'scope.ruleId'];

/** The tab whose form edits the value at `path`; the JSON tab for everything else. */
export function tabOf(path: string): EditorTab {
  if (BASIC_PATHS.includes(path)) return 'basic';
  if (path.startsWith('windows')) return 'windows';
  if (path === 'fees' || path.startsWith('fees.') || path.startsWith('passRates')) return path.includes('.clause') || path.includes('.note') ? 'json' : 'fees';
  if (RULES_TAB_PREFIXES.some((p) => path.startsWith(p))) return 'rules';
  if (path === 'series' || /^series\[\d+\](\.(id|name|levels|specialties(\[\d+\](\.(id|name|titles.*))?)?))?$/.test(path)) return 'series';
  return 'json';
}

export function ErrorList({ errors, onOpen }: { errors: EditorError[]; onOpen(tab: EditorTab, path: Path): void }) {
  const [expanded, setExpanded] = useState(false);
  if (errors.length === 0) return null;
  const shown = expanded ? errors : errors.slice(0, 8);
  const fromServer = errors.some((e) => e.server);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="campaign-errors"
      title={`配置有 ${errors.length} 处错误${fromServer ? '（服务器校验）' : ''}，修正后才能保存`}
      description={
        <Flex vertical gap={4}>
          {shown.map((e, i) => {
            const tab = tabOf(e.path);
            return (
              <div key={`${e.path}-${i}`} className="zp-error-row">
                <Button type="link" size="small" className="zp-error-link" onClick={() => onOpen(tab, parsePath(e.path))}>
                  {chinesePath(e.path)}
                </Button>
                <Typography.Text code className="zp-error-path">
                  {e.path}
                </Typography.Text>
                {e.server && <Tag color="orange">服务器</Tag>}
                <span>：{e.message}</span>
                <Typography.Text type="secondary">（{TAB_LABELS[tab]}）</Typography.Text>
              </div>
            );
          })}
          {errors.length > shown.length && (
            <Button type="link" size="small" className="zp-error-link" onClick={() => setExpanded(true)}>
              还有 {errors.length - shown.length} 处，全部显示
            </Button>
          )}
        </Flex>
      }
    />
  );
}

/** After the tab switched: focus the field editing `path`, or the nearest enclosing one. */
export function focusField(path: Path): void {
  for (let n = path.length; n > 0; n--) {
    const element = document.getElementById(fieldId(path.slice(0, n)));
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus();
      return;
    }
  }
}
