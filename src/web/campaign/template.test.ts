// The web app's campaign helpers: the "from scratch" template is a valid configuration, paths
// read and write as parseCampaign writes them, and "move to next year" keeps a cloned file valid.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../domain/campaign/index.js';
import { chinesePath, getIn, parsePath, pathText, setIn } from './paths.js';
import { shiftCampaignYears, yearsBehind } from './shift.js';
import { campaignTemplate, prefectureFor, ruleFamilyOf } from './template.js';
import { orderCampaignKeys } from './order.js';

describe('campaign template', () => {
  for (const [name, portal, family] of [
    ['阿克苏地区', 'aks', 'A24'],
    ['巴音郭楞蒙古自治州', 'bz', 'B21'],
  ] as const) {
    it(`is a valid campaign for ${name} with ${family} rule ids`, () => {
      const config = campaignTemplate({
        id: `${portal}-2026-news`,
        title: `${name} 2026 年度新闻系列职称评审`,
        year: 2026,
        prefecture: prefectureFor(name, portal),
        issuer: `${name}职称办公室`,
        family,
      });
      const parsed = parseCampaign(config);
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    });
  }

  it('derives the short name and the rule family', () => {
    expect(prefectureFor('阿克苏地区', 'aks').shortName).toBe('阿克苏');
    expect(prefectureFor('巴音郭楞蒙古自治州', 'bz').shortName).toBe('巴音郭楞');
    expect(ruleFamilyOf('B21-2')).toBe('B21');
    expect(ruleFamilyOf('A24-1')).toBe('A24');
    expect(ruleFamilyOf(undefined)).toBe('A24');
  });
});

describe('paths', () => {
  it('round-trips the paths parseCampaign reports', () => {
    for (const text of ['windows.declaration.closesAt', 'materials[3].when.of[0].fact', 'fees.amounts[1].amountYuan', '$']) {
      expect(pathText(parsePath(text))).toBe(text);
    }
  });

  it('sets and removes values without touching the original', () => {
    const original = { fees: { amounts: [{ level: '初级', amountYuan: 200 }] }, windows: { a: 1 } };
    const changed = setIn(original, ['fees', 'amounts', 0, 'amountYuan'], 250);
    expect(getIn(changed, ['fees', 'amounts', 0, 'amountYuan'])).toBe(250);
    expect(original.fees.amounts[0].amountYuan).toBe(200);
    expect(setIn(original, ['windows', 'a'], undefined)).toEqual({ fees: original.fees, windows: {} });
    expect(setIn(original, ['fees', 'amounts', 0], undefined)).toEqual({ fees: { amounts: [] }, windows: { a: 1 } });
  });

  it('reads a path in Chinese', () => {
    expect(chinesePath('windows.declaration.closesAt')).toBe('时间安排 › 网上申报 › 结束时间');
    expect(chinesePath('fees.amounts[1].amountYuan')).toBe('评审费 › 金额 › 第 2 项 › 金额（元）');
  });
});

describe('move a cloned campaign to next year', () => {
  it('keeps the Aksu 2024 file valid and moves its dates by a year', () => {
    const file = JSON.parse(readFileSync(new URL('../../../campaigns/aksu-2024-news-literature-publishing.json', import.meta.url), 'utf8'));
    const cloned = { ...file, id: 'aksu-2025-news-literature-publishing', year: 2025 };
    expect(yearsBehind(cloned)).toBe(1);
    const moved = shiftCampaignYears(cloned, 1);
    expect(getIn(moved, ['windows', 'declaration', 'closesAt'])).toBe('2025-08-30T23:59:59+08:00');
    expect(getIn(moved, ['windows', 'paymentDeadline', 'at'])).toBe('2025-09-15T23:59:59+08:00');
    expect(getIn(moved, ['seniorityCutoff', 'date'])).toBe('2025-12-31');
    expect(getIn(moved, ['rules', 'continuingEducation', 'yearsCovered'])).toEqual({ from: 2022, to: 2025 });
    expect(yearsBehind(moved)).toBe(0);
    const parsed = parseCampaign(moved);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });
});

describe('key order', () => {
  it('puts a jsonb-ordered configuration back into the order of the file, values untouched', () => {
    const file = JSON.parse(readFileSync(new URL('../../../campaigns/aksu-2024-news-literature-publishing.json', import.meta.url), 'utf8'));
    // jsonb's order: shorter keys first, then bytewise.
    const jsonbOrder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(jsonbOrder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
                .map(([k, x]) => [k, jsonbOrder(x)]),
            )
          : v;
    const stored = jsonbOrder(file) as Record<string, unknown>;
    expect(Object.keys(stored)[0]).not.toBe('schemaVersion');
    const ordered = orderCampaignKeys(stored) as Record<string, { declaration: Record<string, unknown> }>;
    expect(ordered).toEqual(file);
    expect(Object.keys(ordered).slice(0, 4)).toEqual(['schemaVersion', 'id', 'title', 'year']);
    expect(Object.keys(ordered.windows.declaration)).toEqual(['opensAt', 'closesAt', 'ruleId', 'clause']);
    expect(JSON.stringify(orderCampaignKeys({ ...file, extra: 1 }))).toContain('"extra":1}');
  });
});
