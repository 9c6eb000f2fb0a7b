// 评审费与通过率: the fee of every level offered (B21-14, A24-16), how it is paid, and the pass-rate
// policy per level (A24-17).
import { Card, Checkbox, Col, Flex, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { LEVELS, type Level } from '../../../../domain/campaign/vocabulary';
import type { Json } from '../../../campaign/paths';
import { Field, RuleIdField, SectionErrors, num, str, useEditor } from './editorKit';

/** Levels the draft's series offer, lowest first (empty while the series list is unreadable). */
export function offeredLevels(draft: Json): Level[] {
  const series = (draft as { series?: unknown }).series;
  const offered = new Set<string>();
  if (Array.isArray(series)) {
    for (const s of series) {
      const levels = (s as { levels?: unknown })?.levels;
      if (Array.isArray(levels)) for (const l of levels) offered.add(String(l));
    }
  }
  return LEVELS.filter((l) => offered.has(l));
}

function entries(value: Json): { level?: unknown }[] {
  return Array.isArray(value) ? (value as { level?: unknown }[]) : [];
}

/** The offered levels plus any level a list mentions that is not offered (shown so it can be removed). */
function levelsToShow(draft: Json, list: { level?: unknown }[]): Level[] {
  const offered = offeredLevels(draft);
  const extra = list.map((e) => e.level).filter((l): l is Level => LEVELS.includes(l as Level) && !offered.includes(l as Level));
  return LEVELS.filter((l) => offered.includes(l) || extra.includes(l));
}

function FeeAmounts() {
  const { draft, get, set, readOnly } = useEditor();
  const amounts = entries(get(['fees', 'amounts']));
  return (
    <Row gutter={16}>
      {levelsToShow(draft, amounts).map((level) => {
        const index = amounts.findIndex((a) => a.level === level);
        const path = index >= 0 ? ['fees', 'amounts', index] : ['fees', 'amounts', `new-${level}`];
        const change = (v: number | null) => {
          if (v === null) {
            if (index >= 0) set(['fees', 'amounts', index], undefined);
          } else if (index >= 0) set(['fees', 'amounts', index, 'amountYuan'], v);
          else set(['fees', 'amounts'], [...amounts, { level, amountYuan: v }]);
        };
        return (
          <Col xs={24} sm={12} md={6} key={level}>
            <Field label={`${level}评审费`} path={path} id={index >= 0 ? undefined : `fee-${level}`}>
              {(p) => (
                <InputNumber
                  {...p}
                  className="zp-full-width"
                  min={0}
                  precision={0}
                  suffix="元"
                  value={index >= 0 ? num(get([...path, 'amountYuan'])) : null}
                  onChange={(v) => change(typeof v === 'number' ? v : null)}
                  disabled={readOnly}
                  placeholder="未设置"
                />
              )}
            </Field>
          </Col>
        );
      })}
    </Row>
  );
}

const METHODS = [
  { value: 'qrCode', label: '扫码支付' },
  { value: 'bankTransfer', label: '银行转账' },
];

function PassRates() {
  const { draft, get, set, readOnly } = useEditor();
  const rates = entries(get(['passRates']));
  const defaultRuleId = (rates[0] as { ruleId?: unknown } | undefined)?.ruleId ?? get(['fees', 'ruleId']) ?? '';
  return (
    <Flex vertical gap={8}>
      <SectionErrors path={['passRates']} />
      {levelsToShow(draft, rates).map((level) => {
        const index = rates.findIndex((r) => r.level === level);
        const path = ['passRates', index];
        const entry = index >= 0 ? (rates[index] as Record<string, unknown>) : null;
        const policy = entry ? str(entry.policy) : 'none';
        const changePolicy = (next: string) => {
          if (next === 'none') {
            set(path, undefined);
            return;
          }
          const ruleId = entry?.ruleId ?? defaultRuleId;
          const base = { level, ruleId, ...(entry?.clause ? { clause: entry.clause } : {}) };
          const value = next === 'capped' ? { ...base, policy: 'capped', ratePercent: null, rateSetBy: '评审委员会' } : { ...base, policy: 'uncapped' };
          if (entry) set(path, value);
          else set(['passRates'], [...rates, value]);
        };
        return (
          <div key={level} className="zp-level-row" data-testid={`pass-rate-${level}`}>
            <Row gutter={16}>
              <Col xs={24} md={6}>
                <Field label={`${level}通过率政策`} path={[...path, 'policy']} id={`pass-policy-${level}`}>
                  {(p) => (
                    <Select
                      {...p}
                      value={policy}
                      onChange={changePolicy}
                      disabled={readOnly}
                      options={[
                        { value: 'none', label: '通知未规定' },
                        { value: 'capped', label: '设置通过率' },
                        { value: 'uncapped', label: '不设置通过率' },
                      ]}
                    />
                  )}
                </Field>
              </Col>
              {policy === 'capped' && (
                <>
                  <Col xs={24} md={6}>
                    <Field label={`${level}通过率（%）`} path={[...path, 'ratePercent']} extra="留空：由评审委员会结合实际确定">
                      {(p) => (
                        <InputNumber
                          {...p}
                          className="zp-full-width"
                          min={0}
                          max={100}
                          suffix="%"
                          value={num(entry?.ratePercent)}
                          onChange={(v) => set([...path, 'ratePercent'], typeof v === 'number' ? v : null)}
                          disabled={readOnly}
                          placeholder="待定"
                        />
                      )}
                    </Field>
                  </Col>
                  <Col xs={24} md={6}>
                    <Field label="确定机构" path={[...path, 'rateSetBy']}>
                      {(p) => <Input {...p} value={str(entry?.rateSetBy)} onChange={(e) => set([...path, 'rateSetBy'], e.target.value)} disabled={readOnly} />}
                    </Field>
                  </Col>
                </>
              )}
              {entry && (
                <Col xs={24} md={6}>
                  <RuleIdField path={path} />
                </Col>
              )}
            </Row>
          </div>
        );
      })}
    </Flex>
  );
}

export function FeesSection() {
  const { get, set, readOnly } = useEditor();
  const methods = get(['fees', 'methods']);
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="评审费（元/人）">
        <SectionErrors path={['fees']} />
        <SectionErrors path={['fees', 'amounts']} />
        <FeeAmounts />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Field label="缴费方式" path={['fees', 'methods']}>
              {() => (
                <Checkbox.Group
                  aria-label="缴费方式"
                  options={METHODS}
                  value={Array.isArray(methods) ? (methods as string[]) : []}
                  onChange={(v) => set(['fees', 'methods'], v)}
                  disabled={readOnly}
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <Field label="评委会办公室接收材料后方可缴费" path={['fees', 'payableAfterMaterialsReceived']}>
              {(p) => (
                <Switch
                  id={p.id}
                  checked={get(['fees', 'payableAfterMaterialsReceived']) === true}
                  onChange={(on) => set(['fees', 'payableAfterMaterialsReceived'], on)}
                  disabled={readOnly}
                  checkedChildren="是"
                  unCheckedChildren="否"
                />
              )}
            </Field>
          </Col>
          <Col xs={24} md={8}>
            <RuleIdField path={['fees']} />
          </Col>
        </Row>
      </Card>
      <Card size="small" title="通过率">
        <Typography.Paragraph type="secondary" className="zp-hint">
          按级别设置是否限定通过率；限定但比例未定的，比例留空。
        </Typography.Paragraph>
        <PassRates />
      </Card>
    </Flex>
  );
}
