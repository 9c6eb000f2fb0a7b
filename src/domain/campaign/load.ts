// Loading a campaign file: validate everything, report every error with its path and a Chinese
// message, and return either the whole campaign or nothing (never a half-valid object).
// Pure: the caller reads the file (server: from campaigns/ or the database; web: from the API).

import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { campaignSchema, type Campaign } from './schema.js';

export type CampaignError = { path: string; message: string };
export type ParseCampaignResult = { ok: true; campaign: Campaign } | { ok: false; errors: CampaignError[] };

/**
 * Path as written in a JSON file: `windows.declaration.closesAt`, `materials[3].when.of[0].fact`.
 * The root itself is `$`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '$' : out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  object: '对象',
  array: '数组',
  null: 'null',
  undefined: '空',
  bigint: '整数',
};

function receivedType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return '数组';
  if (typeof input === 'number' && !Number.isInteger(input)) return '小数';
  return TYPE_NAMES[typeof input] ?? typeof input;
}

const localeFallback = zhCN().localeError;

/** Chinese messages for the issues zod raises itself; refinements already carry Chinese text. */
const chineseErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少必填项';
      return `类型错误：应为${TYPE_NAMES[issue.expected] ?? issue.expected}，实际为${receivedType(issue.input)}`;
    case 'invalid_value':
      return `取值无效：应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')}${issue.values.length > 1 ? ' 之一' : ''}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return `${String(issue.discriminator)} 取值无效，应为 ${options.map((o) => JSON.stringify(o)).join('、')} 之一`;
      }
      if (issue.input === undefined) return '缺少必填项';
      return '格式不符合任何一种允许的写法';
    case 'too_small':
      if (issue.origin === 'array') return `至少需要 ${String(issue.minimum)} 项`;
      if (issue.origin === 'string') return `至少 ${String(issue.minimum)} 个字符`;
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `最多 ${String(issue.maximum)} 项`;
      if (issue.origin === 'string') return `最多 ${String(issue.maximum)} 个字符`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式无效';
    case 'invalid_key':
      return `键名无效：${String(issue.input)}`;
    default:
      return localeFallback(issue);
  }
};

export function parseCampaign(input: unknown): ParseCampaignResult {
  const result = campaignSchema.safeParse(input, { error: chineseErrors });
  if (result.success) return { ok: true, campaign: result.data };
  const errors: CampaignError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One error per unknown key, at the key's own path, so each typo is findable.
      for (const key of issue.keys) {
        errors.push({ path: formatPath([...issue.path, key]), message: `未知字段“${key}”（是否拼写错误？）` });
      }
    } else {
      errors.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return { ok: false, errors };
}
