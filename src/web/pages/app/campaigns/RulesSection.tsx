// 申报规则: seniority cut-off (A24-12), submission cap and resubmission (B21-12, A24-5), publicity
// working days (B21-10, A24-11, N40), fraud ban years (B21-10, N40) and the continuing-education
// numbers (B21-9, A24-15). The other rules are edited in the JSON tab.
import type { ReactNode } from 'react';
import { Card, Col, Flex, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { WINDOW_KEYS, WINDOW_LABELS } from '../../../../domain/campaign/schema';
import type { Path } from '../../../campaign/paths';
import { ruleFamilyOf } from '../../../campaign/template';
import { BeijingDatePicker } from '../../../components/BeijingPickers';
import { Field, RuleIdField, SectionErrors, num, str, useEditor } from './editorKit';

function NumberField({ label, path, min = 0, suffix, extra, nullable }: { label: string; path: Path; min?: number; suffix?: string; extra?: ReactNode; nullable?: boolean }) {
  const { get, set, readOnly } = useEditor();
  return (
    <Field label={label} path={path} extra={extra}>
      {(p) => (
        <InputNumber
          {...p}
          className="zp-full-width"
          min={min}
          precision={0}
          suffix={suffix}
          value={num(get(path))}
          onChange={(v) => set(path, typeof v === 'number' ? v : nullable ? null : undefined)}
          disabled={readOnly}
          placeholder={nullable ? '不要求' : undefined}
        />
      )}
    </Field>
  );
}

/** A rule that may be absent (null): a switch to have it, its fields when it is there. */
function OptionalRule({ title, path, make, children }: { title: string; path: Path; make(): unknown; children: ReactNode }) {
  const { get, set, readOnly } = useEditor();
  const present = get(path) !== null && get(path) !== undefined;
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Switch
          checked={present}
          onChange={(on) => set(path, on ? make() : null)}
          disabled={readOnly}
          checkedChildren="适用"
          unCheckedChildren="不适用"
          aria-label={`${title}适用`}
        />
      }
    >
      <SectionErrors path={path} />
      {present ? children : <Typography.Text type="secondary">本次评审不适用此规则。</Typography.Text>}
    </Card>
  );
}

function Resubmission() {
  const { get, set, readOnly } = useEditor();
  const path = ['submission', 'resubmission'];
  const kind = str(get([...path, 'kind']));
  const ruleId = get([...path, 'ruleId']) ?? get(['submission', 'ruleId']);
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Field label="退回后重新提交期限" path={[...path, 'kind']}>
          {(p) => (
            <Select
              {...p}
              value={kind || undefined}
              onChange={(k) => set(path, k === 'withinDays' ? { kind: k, days: 2, ruleId } : { kind: k, window: 'declaration', ruleId })}
              disabled={readOnly}
              options={[
                { value: 'withinDays', label: '退回后若干日内（自然日，退回当日不计）' },
                { value: 'untilWindowCloses', label: '某时间段结束前' },
              ]}
            />
          )}
        </Field>
      </Col>
      <Col xs={24} md={8}>
        {kind === 'withinDays' && <NumberField label="退回后几日内重新提交" path={[...path, 'days']} min={1} suffix="日" />}
        {kind === 'untilWindowCloses' && (
          <Field label="在此时间段结束前重新提交" path={[...path, 'window']}>
            {(p) => (
              <Select
                {...p}
                value={str(get([...path, 'window'])) || undefined}
                onChange={(w) => set([...path, 'window'], w)}
                disabled={readOnly}
                options={WINDOW_KEYS.map((k) => ({ value: k, label: WINDOW_LABELS[k] }))}
              />
            )}
          </Field>
        )}
        {kind === 'untilWindowCloses' && (
          <NumberField
            label="退回后至少保留几日（自然日）"
            path={[...path, 'atLeastDays']}
            min={1}
            suffix="日"
            extra="时间段结束后才退回的，仍给申报人这些天修改；不填则以时间段结束为准"
          />
        )}
      </Col>
      <Col xs={24} md={8}>
        <RuleIdField path={path} label="退回规则编号" />
      </Col>
    </Row>
  );
}

export function RulesSection() {
  const { get, set, readOnly } = useEditor();
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="资历计算截止">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Field label="资历计算截止日期" path={['seniorityCutoff', 'date']} extra="任现职称年限、从事本专业年限均计算到此日。">
              {(p) => <BeijingDatePicker {...p} value={str(get(['seniorityCutoff', 'date']))} onChange={(v) => set(['seniorityCutoff', 'date'], v ?? '')} disabled={readOnly} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['seniorityCutoff']} />
          </Col>
        </Row>
      </Card>

      <Card size="small" title="提交与退回">
        <SectionErrors path={['submission']} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <NumberField label="提交评审委员会审核次数上限" path={['submission', 'maxSubmissions']} min={1} suffix="次" extra="最后一次提交后仍不符合要求的，退回后当年不再受理。" />
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['submission']} />
          </Col>
        </Row>
        <Resubmission />
      </Card>

      <Card size="small" title="公示">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <NumberField label="单位内部公示（工作日）" path={['unitReview', 'publicityWorkingDays']} min={5} suffix="个工作日" extra="不少于 5 个工作日，按工作日历计算。" />
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['unitReview']} label="单位审核规则编号" />
          </Col>
        </Row>
      </Card>

      <OptionalRule
        title="评审结果公示"
        path={['resultsPublicity']}
        make={() => ({ ruleId: 'N40-PUBLICITY', provenance: 'national-rule', workingDays: 5, startsDayAfterMeeting: true, unitsPubliciseToo: false })}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <NumberField label="评审结果公示（工作日）" path={['resultsPublicity', 'workingDays']} min={5} suffix="个工作日" />
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['resultsPublicity']} />
          </Col>
        </Row>
      </OptionalRule>

      <OptionalRule title="弄虚作假禁止申报" path={['rules', 'fraudBan']} make={() => ({ ruleId: 'N40-FRAUD', provenance: 'national-rule', years: 3 })}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <NumberField label="自查实之日起禁止申报年限" path={['rules', 'fraudBan', 'years']} min={1} suffix="年" />
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['rules', 'fraudBan']} />
          </Col>
        </Row>
      </OptionalRule>

      <OptionalRule
        title="继续教育"
        path={['rules', 'continuingEducation']}
        make={() => {
          const year = Number(get(['year'])) || new Date().getFullYear();
          return {
            ruleId: ruleFamilyOf(get(['scope', 'ruleId'])) === 'B21' ? 'B21-9' : 'A24-15',
            yearsCovered: { from: year - 3, to: year },
            minTotalHoursPerYear: 90,
            minProfessionalHoursPerYear: 60,
            minPublicHoursPerYear: null,
            exemption: null,
            platformRecords: null,
          };
        }}
      >
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <NumberField label="要求年度（起）" path={['rules', 'continuingEducation', 'yearsCovered', 'from']} min={2000} />
          </Col>
          <Col xs={12} md={6}>
            <NumberField label="要求年度（止）" path={['rules', 'continuingEducation', 'yearsCovered', 'to']} min={2000} />
          </Col>
          <Col xs={24} md={12}>
            <RuleIdField path={['rules', 'continuingEducation']} />
          </Col>
          <Col xs={24} md={8}>
            <NumberField label="每年合计学时不少于" path={['rules', 'continuingEducation', 'minTotalHoursPerYear']} suffix="学时" />
          </Col>
          <Col xs={24} md={8}>
            <NumberField label="其中专业科目不少于" path={['rules', 'continuingEducation', 'minProfessionalHoursPerYear']} suffix="学时" />
          </Col>
          <Col xs={24} md={8}>
            <NumberField label="其中公需科目不少于" path={['rules', 'continuingEducation', 'minPublicHoursPerYear']} suffix="学时" nullable extra="留空：通知未单列公需科目学时" />
          </Col>
        </Row>
        <Typography.Text type="secondary">免学审批表、系统获取证书的年度等在“高级：完整配置（JSON）”中修改。</Typography.Text>
      </OptionalRule>
    </Flex>
  );
}
