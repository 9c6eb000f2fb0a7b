// 时间安排: every window of the notice in Beijing time (B21-1, A24-4), each optional except the
// declaration window, plus the payment deadline; and "move every date to this year" for a clone.
import { Alert, Button, Card, Col, Flex, Row, Switch, Typography } from 'antd';
import { WINDOW_KEYS, WINDOW_LABELS, type WindowKey } from '../../../../domain/campaign/schema';
import { shiftCampaignYears, yearsBehind } from '../../../campaign/shift';
import { BeijingDateTimePicker } from '../../../components/BeijingPickers';
import { Field, RuleIdField, SectionErrors, str, useEditor } from './editorKit';

const HINTS: Partial<Record<WindowKey | 'paymentDeadline', string>> = {
  declaration: '申报人在此期间网上填报、提交申报材料；逾期不予受理。',
  unitReview: '用人单位及行业主管部门审核；结束时间不能早于网上申报结束。',
  committeeReview: '评审委员会（办公室）审核；结束时间不能早于网上申报结束。',
  paymentDeadline: '申报人须在此时间前缴纳评审费。',
  paperMaterials: '纸质材料（如评审表）报送时间，须在网上申报结束后、评审前。',
  meetingAndPublicity: '评审会及评审结果公示。',
  documents: '任职资格文件印发。',
  eCertificates: '事后备案及电子证书签发。',
};

function WindowCard({ windowKey }: { windowKey: WindowKey }) {
  const { get, set, readOnly } = useEditor();
  const path = ['windows', windowKey];
  const value = get(path);
  const present = value !== undefined;
  const required = windowKey === 'declaration';
  const label = WINDOW_LABELS[windowKey];
  const enable = (on: boolean) => {
    if (on) set(path, { opensAt: '', closesAt: '', ruleId: get(['windows', 'declaration', 'ruleId']) ?? '' });
    else set(path, undefined);
  };
  return (
    <Card
      size="small"
      title={label}
      data-testid={`window-${windowKey}`}
      extra={
        !required && (
          <Switch checked={present} onChange={enable} disabled={readOnly} checkedChildren="已设置" unCheckedChildren="未设置" aria-label={`设置${label}时间`} />
        )
      }
    >
      <Typography.Paragraph type="secondary" className="zp-hint">
        {HINTS[windowKey]}
        {!present && '（本次通知未规定的可不设置）'}
      </Typography.Paragraph>
      {present && (
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Field label={`${label} 开始时间`} path={[...path, 'opensAt']}>
              {(p) => (
                <BeijingDateTimePicker {...p} value={str(get([...path, 'opensAt']))} onChange={(v) => set([...path, 'opensAt'], v ?? '')} disabled={readOnly} />
              )}
            </Field>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Field label={`${label} 结束时间`} path={[...path, 'closesAt']}>
              {(p) => (
                <BeijingDateTimePicker
                  {...p}
                  defaultTime="23:59:59"
                  value={str(get([...path, 'closesAt']))}
                  onChange={(v) => set([...path, 'closesAt'], v ?? '')}
                  disabled={readOnly}
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={12} xl={4}>
            <Field label="时间待定" path={[...path, 'tentative']}>
              {(p) => (
                <Switch
                  id={p.id}
                  checked={get([...path, 'tentative']) === true}
                  onChange={(on) => set([...path, 'tentative'], on ? true : undefined)}
                  disabled={readOnly}
                  checkedChildren="是"
                  unCheckedChildren="否"
                />
              )}
            </Field>
          </Col>
          <Col xs={12} md={12} xl={4}>
            <RuleIdField path={path} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

function PaymentDeadlineCard() {
  const { get, set, readOnly } = useEditor();
  const path = ['windows', 'paymentDeadline'];
  const present = get(path) !== undefined;
  const label = WINDOW_LABELS.paymentDeadline;
  return (
    <Card
      size="small"
      title={label}
      data-testid="window-paymentDeadline"
      extra={
        <Switch
          checked={present}
          onChange={(on) => set(path, on ? { at: '', ruleId: get(['windows', 'declaration', 'ruleId']) ?? '' } : undefined)}
          disabled={readOnly}
          checkedChildren="已设置"
          unCheckedChildren="未设置"
          aria-label={`设置${label}时间`}
        />
      }
    >
      <Typography.Paragraph type="secondary" className="zp-hint">
        {HINTS.paymentDeadline}
      </Typography.Paragraph>
      {present && (
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Field label={`${label}时间`} path={[...path, 'at']}>
              {(p) => (
                <BeijingDateTimePicker {...p} defaultTime="23:59:59" value={str(get([...path, 'at']))} onChange={(v) => set([...path, 'at'], v ?? '')} disabled={readOnly} />
              )}
            </Field>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <RuleIdField path={path} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

export function WindowsSection() {
  const { draft, set, readOnly } = useEditor();
  const behind = yearsBehind(draft);
  const year = (draft as { year?: unknown }).year;
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">所有时间均为北京时间；时间段包含开始和结束时刻。</Typography.Text>
      {behind !== 0 && !readOnly && (
        <Alert
          type="warning"
          showIcon
          title={`本活动为 ${String(year)} 年度，但网上申报仍是 ${String(Number(year) - behind)} 年的日期`}
          description="复制上一年度的活动后，可将各时间段、通知日期、资历计算截止日期、继续教育年度和年度考核年度一次调整到本年度（月、日、时刻不变），再逐项修改。通知全文请在“基本信息”中另行修改。"
          action={
            <Button onClick={() => set([], shiftCampaignYears(draft, behind))} data-testid="shift-years">
              {behind > 0 ? `全部日期顺延 ${behind} 年` : `全部日期提前 ${-behind} 年`}
            </Button>
          }
        />
      )}
      <SectionErrors path={['windows']} />
      {WINDOW_KEYS.map((key) => (
        <div key={key}>
          <WindowCard windowKey={key} />
          {key === 'committeeReview' && (
            <div className="zp-gap-top">
              <PaymentDeadlineCard />
            </div>
          )}
        </div>
      ))}
    </Flex>
  );
}
