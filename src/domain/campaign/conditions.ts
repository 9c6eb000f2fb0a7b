// A small declarative language for "when does this apply" in a campaign file — data, not code
// strings, so an office user can edit it in a form, the schema can check every fact it names, and
// the web can explain it in Chinese. Example (B21-5, representative works only for staff of units at
// county level or below, and not for 初级):
//   { "op": "all", "of": [
//       { "op": "equals", "fact": "countyLevelOrBelow", "value": true },
//       { "op": "not", "of": { "op": "equals", "fact": "level", "value": "初级" } } ] }
// Pure; shared with the web.

import { z } from 'zod';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../organisations.js';
import { LEVELS, PATH_KIND_LABELS, PATH_KINDS, type Level, type PathKind } from './vocabulary.js';

type FactSpec =
  | { label: string; type: 'boolean' }
  | { label: string; type: 'enum'; values: readonly string[]; valueLabels?: Record<string, string> }
  | { label: string; type: 'series' | 'specialty' | 'text' };

/** Every fact a condition may name, with the type of value it takes. */
export const FACTS = {
  level: { label: '申报级别', type: 'enum', values: LEVELS },
  seriesId: { label: '申报系列', type: 'series' },
  specialtyId: { label: '申报专业', type: 'specialty' },
  pathKind: { label: '申报方式', type: 'enum', values: PATH_KINDS, valueLabels: PATH_KIND_LABELS },
  unitKind: { label: '单位性质', type: 'enum', values: UNIT_KINDS, valueLabels: UNIT_KIND_LABELS },
  countyLevelOrBelow: { label: '在县及县以下单位工作', type: 'boolean' },
  hasCurrentTitle: { label: '已取得现职称', type: 'boolean' },
  educationVerified: { label: '学历均已通过学信网验证', type: 'boolean' },
  continuingEducationExempt: { label: '有经批准免除继续教育的年度', type: 'boolean' },
  post: { label: '岗位', type: 'text' },
} as const satisfies Record<string, FactSpec>;

export type FactName = keyof typeof FACTS;
export const FACT_NAMES = Object.keys(FACTS) as [FactName, ...FactName[]];

/** The values of the facts for one applicant and one application. */
export type Facts = {
  level: Level;
  seriesId: string;
  specialtyId: string;
  pathKind: PathKind;
  unitKind: UnitKind;
  countyLevelOrBelow: boolean;
  hasCurrentTitle: boolean;
  educationVerified: boolean;
  continuingEducationExempt: boolean;
  post: string | null;
};

export type Condition =
  | { op: 'all'; of: Condition[] }
  | { op: 'any'; of: Condition[] }
  | { op: 'not'; of: Condition }
  | { op: 'equals'; fact: FactName; value: string | boolean }
  | { op: 'in'; fact: FactName; values: string[] };

const factName = z.enum(FACT_NAMES, {
  error: (issue) => `未知的条件事实“${String(issue.input)}”，可用：${FACT_NAMES.join('、')}`,
});

// Structure only; whether a value suits its fact (a level for "level", a series id of this
// campaign for "seriesId") needs the whole campaign and is checked by conditionIssues below.
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion(
    'op',
    [
      z.strictObject({ op: z.literal('all'), of: z.array(conditionSchema).min(1, '“all”至少需要一个条件') }),
      z.strictObject({ op: z.literal('any'), of: z.array(conditionSchema).min(1, '“any”至少需要一个条件') }),
      z.strictObject({ op: z.literal('not'), of: conditionSchema }),
      z.strictObject({ op: z.literal('equals'), fact: factName, value: z.union([z.string(), z.boolean()]) }),
      z.strictObject({ op: z.literal('in'), fact: factName, values: z.array(z.string()).min(1, '“in”至少需要一个取值') }),
    ],
    { error: '条件的 op 应为 all、any、not、equals 或 in 之一' },
  ),
);

export type ConditionIssue = { path: (string | number)[]; message: string };

/** Checks that every value in a condition suits its fact. `path` is where the condition sits. */
export function conditionIssues(
  cond: Condition,
  path: (string | number)[],
  known: { seriesIds: readonly string[]; specialtyIds: readonly string[] },
): ConditionIssue[] {
  switch (cond.op) {
    case 'all':
    case 'any':
      return cond.of.flatMap((c, i) => conditionIssues(c, [...path, 'of', i], known));
    case 'not':
      return conditionIssues(cond.of, [...path, 'of'], known);
    case 'equals':
      return valueIssues(cond.fact, [cond.value], [...path, 'value'], known);
    case 'in':
      return cond.values.flatMap((v, i) => valueIssues(cond.fact, [v], [...path, 'values', i], known));
  }
}

function valueIssues(
  fact: FactName,
  values: (string | boolean)[],
  path: (string | number)[],
  known: { seriesIds: readonly string[]; specialtyIds: readonly string[] },
): ConditionIssue[] {
  const spec: FactSpec = FACTS[fact];
  const issues: ConditionIssue[] = [];
  for (const v of values) {
    if (spec.type === 'boolean') {
      if (typeof v !== 'boolean') issues.push({ path, message: `条件事实“${fact}”的取值应为 true 或 false` });
    } else if (typeof v !== 'string') {
      issues.push({ path, message: `条件事实“${fact}”的取值应为文字` });
    } else if (spec.type === 'enum' && !spec.values.includes(v)) {
      issues.push({ path, message: `条件事实“${fact}”的取值“${v}”无效，应为：${spec.values.join('、')}` });
    } else if (spec.type === 'series' && !known.seriesIds.includes(v)) {
      issues.push({ path, message: `条件引用的系列“${v}”不在本次评审的系列中` });
    } else if (spec.type === 'specialty' && !known.specialtyIds.includes(v)) {
      issues.push({ path, message: `条件引用的专业“${v}”不在本次评审的专业中` });
    }
  }
  return issues;
}

export function evaluateCondition(cond: Condition, facts: Facts): boolean {
  switch (cond.op) {
    case 'all':
      return cond.of.every((c) => evaluateCondition(c, facts));
    case 'any':
      return cond.of.some((c) => evaluateCondition(c, facts));
    case 'not':
      return !evaluateCondition(cond.of, facts);
    case 'equals':
      return facts[cond.fact] === cond.value;
    case 'in':
      return cond.values.some((v) => facts[cond.fact] === v);
  }
}

export type ConditionNames = { series?: Record<string, string>; specialties?: Record<string, string> };

function valueLabel(fact: FactName, v: string | boolean, names: ConditionNames): string {
  const spec: FactSpec = FACTS[fact];
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (spec.type === 'enum') return spec.valueLabels?.[v] ?? v;
  if (spec.type === 'series') return names.series?.[v] ?? v;
  if (spec.type === 'specialty') return names.specialties?.[v] ?? v;
  return v;
}

/** Chinese reading of a condition, e.g. "在县及县以下单位工作，且申报级别不为初级". */
export function describeCondition(cond: Condition, names: ConditionNames = {}): string {
  switch (cond.op) {
    case 'all':
      return cond.of.map((c) => describeCondition(c, names)).join('，且');
    case 'any':
      return cond.of.map((c) => describeCondition(c, names)).join('，或');
    case 'not': {
      const inner = cond.of;
      if (inner.op === 'equals') {
        const spec: FactSpec = FACTS[inner.fact];
        if (spec.type === 'boolean') return describeCondition({ ...inner, value: !inner.value }, names);
        return `${spec.label}不为${valueLabel(inner.fact, inner.value, names)}`;
      }
      return `不满足“${describeCondition(inner, names)}”`;
    }
    case 'equals': {
      const spec: FactSpec = FACTS[cond.fact];
      if (spec.type === 'boolean') return cond.value ? spec.label : `非“${spec.label}”`;
      return `${spec.label}为${valueLabel(cond.fact, cond.value, names)}`;
    }
    case 'in': {
      const spec: FactSpec = FACTS[cond.fact];
      return `${spec.label}为${cond.values.map((v) => valueLabel(cond.fact, v, names)).join('、')}之一`;
    }
  }
}
