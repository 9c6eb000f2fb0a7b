import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCondition, evaluateCondition, type Condition, type Facts } from './conditions.js';
import { addYears, fullYearsBetween, instantOf } from './dates.js';
import { parseCampaign, type CampaignError } from './load.js';
import { applicableSlots, feeFor, levelsOffered, resubmitDeadline, titleFor, windowStatus } from './queries.js';
import { RULE_IDS } from './rule-ids.js';
import type { Campaign } from './schema.js';

const readJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../campaigns/${name}.json`, import.meta.url), 'utf8'));

const B21_FILE = 'bayingol-2021-news';
const A24_FILE = 'aksu-2024-news-literature-publishing';

function load(name: string): Campaign {
  const r = parseCampaign(readJson(name));
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.campaign;
}

function errorsOf(input: unknown): CampaignError[] {
  const r = parseCampaign(input);
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r).not.toHaveProperty('campaign'); // nothing half-returned
  return r.errors;
}

const paths = (errors: CampaignError[]) => errors.map((e) => e.path);

/** Every ruleId and every clause anywhere in a value. */
function collect(v: unknown, key: 'ruleId' | 'clause', out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => collect(x, key, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === key && typeof x === 'string') out.push(x);
      else collect(x, key, out);
    }
  }
  return out;
}

describe('shipped campaign files', () => {
  it.each([B21_FILE, A24_FILE])('%s loads, validates and keeps its id', (name) => {
    const campaign = load(name);
    expect(campaign.id).toBe(name);
    expect(campaign.schemaVersion).toBe(1);
  });

  it('B21: every rule id of the notice (B21-1 … B21-14) is cited in the file', () => {
    const cited = new Set(collect(readJson(B21_FILE), 'ruleId'));
    const ids = Object.keys(RULE_IDS).filter((id) => id.startsWith('B21-'));
    expect(ids).toHaveLength(14);
    for (const id of ids) expect(cited, id).toContain(id);
  });

  it('A24: every rule id of the notice (A24-1 … A24-17) is cited in the file', () => {
    const cited = new Set(collect(readJson(A24_FILE), 'ruleId'));
    const ids = Object.keys(RULE_IDS).filter((id) => id.startsWith('A24-'));
    expect(ids).toHaveLength(17);
    for (const id of ids) expect(cited, id).toContain(id);
  });

  it.each([B21_FILE, A24_FILE])('%s: every quoted clause is really in the notice text', (name) => {
    const json = readJson(name);
    const text = String(json.noticeText).replace(/\s+/g, '');
    const clauses = collect(json, 'clause');
    expect(clauses.length).toBeGreaterThan(20);
    for (const c of clauses) {
      for (const fragment of c.split('…')) expect(text, c).toContain(fragment.replace(/\s+/g, ''));
    }
  });

  it('B21-1 / B21-14: Bayingol windows, levels and fees', () => {
    const c = load(B21_FILE);
    expect(c.windows.declaration.opensAt).toBe('2021-09-01T00:00:00+08:00');
    expect(c.windows.declaration.closesAt).toBe('2021-09-25T23:59:59+08:00');
    expect(c.windows.paperMaterials).toMatchObject({ opensAt: '2021-10-11T00:00:00+08:00', closesAt: '2021-10-15T23:59:59+08:00' });
    expect(levelsOffered(c)).toEqual(['初级', '中级']);
    expect([feeFor(c, '初级'), feeFor(c, '中级')]).toEqual([220, 380]);
    expect(titleFor(c, 'news', 'reporter', '中级')).toBe('记者');
  });

  it('A24-4 / A24-16 / A24-17: Aksu windows, fees and pass rates', () => {
    const c = load(A24_FILE);
    expect(c.windows.paymentDeadline?.at).toBe('2024-09-15T23:59:59+08:00');
    expect(levelsOffered(c)).toEqual(['初级', '中级', '副高', '正高']);
    expect(c.fees.amounts.map((a) => [a.level, a.amountYuan])).toEqual([
      ['初级', 200],
      ['中级', 400],
      ['副高', 600],
      ['正高', 600],
    ]);
    expect(Object.fromEntries(c.passRates.map((p) => [p.level, p.policy]))).toEqual({ 副高: 'capped', 正高: 'capped', 中级: 'uncapped', 初级: 'uncapped' });
    expect(titleFor(c, 'literature', 'literary-creation', '正高')).toBe('一级作家');
    expect(titleFor(c, 'publishing', 'publishing-editing', '副高')).toBe('副编审');
  });

  it('B21-1: a window is open through its last second and closed one second later', () => {
    const c = load(B21_FILE);
    const close = instantOf(c.windows.declaration.closesAt);
    expect(windowStatus(c, 'declaration', close).state).toBe('open');
    expect(windowStatus(c, 'declaration', close + 999).state).toBe('open');
    const late = windowStatus(c, 'declaration', close + 1000);
    expect(late.state).toBe('closed');
    expect(late.message).toContain('2021-09-01 00:00 至 2021-09-25 23:59');
    expect(windowStatus(c, 'declaration', instantOf('2021-08-31T23:59:59+08:00')).state).toBe('notYetOpen');
    expect(windowStatus(c, 'committeeReview', close).state).toBe('notSet');
  });

  it('A24-5: a return may be resubmitted until the end of the second day after it', () => {
    const c = load(A24_FILE);
    expect(resubmitDeadline(c, instantOf('2024-08-10T15:00:00+08:00'))).toBe('2024-08-12T23:59:59+08:00');
    // 2024-08-10 00:30 Beijing is still 08-09 in UTC: the Beijing date counts.
    expect(resubmitDeadline(c, instantOf('2024-08-10T00:30:00+08:00'))).toBe('2024-08-12T23:59:59+08:00');
    // B21 states no deadline: the declaration window closes it (platform decision).
    expect(resubmitDeadline(load(B21_FILE), instantOf('2021-09-20T10:00:00+08:00'))).toBe('2021-09-25T23:59:59+08:00');
  });

  it('B21-12, A24-5: a Bayingol return near or after the declaration close still leaves 2 calendar days (atLeastDays)', () => {
    const c = load(B21_FILE);
    expect(c.submission.resubmission).toMatchObject({ kind: 'untilWindowCloses', window: 'declaration', atLeastDays: 2, provenance: 'platform-decision' });
    // Well before the close: the close is later, it stays the deadline.
    expect(resubmitDeadline(c, instantOf('2021-09-01T09:00:00+08:00'))).toBe('2021-09-25T23:59:59+08:00');
    // On 09-23 the two days end exactly at the close.
    expect(resubmitDeadline(c, instantOf('2021-09-23T23:59:59+08:00'))).toBe('2021-09-25T23:59:59+08:00');
    // On 09-24 the close would leave one day: the end of the 2nd day after the return wins.
    expect(resubmitDeadline(c, instantOf('2021-09-24T08:00:00+08:00'))).toBe('2021-09-26T23:59:59+08:00');
    // Returned by the office in October, after the window closed: not lapsed at once.
    expect(resubmitDeadline(c, instantOf('2021-10-08T16:30:00+08:00'))).toBe('2021-10-10T23:59:59+08:00');
    // The Beijing date counts: 00:30 on 10-08 Beijing is still 10-07 in UTC.
    expect(resubmitDeadline(c, instantOf('2021-10-08T00:30:00+08:00'))).toBe('2021-10-10T23:59:59+08:00');
    // Without atLeastDays the window alone decides, even when it is already past.
    const plain: Campaign = {
      ...c,
      submission: { ...c.submission, resubmission: { kind: 'untilWindowCloses', window: 'declaration', ruleId: 'B21-1' } },
    };
    expect(resubmitDeadline(plain, instantOf('2021-10-08T16:30:00+08:00'))).toBe('2021-09-25T23:59:59+08:00');
  });

  it('B21-12: atLeastDays must be a whole number of at least 1', () => {
    for (const atLeastDays of [0, 1.5, '2']) {
      const raw = readJson(B21_FILE) as { submission: { resubmission: Record<string, unknown> } };
      raw.submission.resubmission.atLeastDays = atLeastDays;
      expect(paths(errorsOf(raw)), String(atLeastDays)).toContain('submission.resubmission.atLeastDays');
    }
  });

  it('B21-5: slots for a county-level intermediate applicant include representative works', () => {
    const c = load(B21_FILE);
    const facts: Facts = {
      level: '中级',
      seriesId: 'news',
      specialtyId: 'reporter',
      pathKind: 'prefecture',
      unitKind: 'public_institution',
      countyLevelOrBelow: true,
      hasCurrentTitle: true,
      educationVerified: true,
      continuingEducationExempt: false,
      post: '记者',
    };
    const ids = (f: Facts) => applicableSlots(c, f).map((s) => s.id);
    expect(ids(facts)).toContain('representative-works');
    expect(ids(facts)).toContain('education-verification');
    expect(ids(facts)).not.toContain('education-certificate');
    expect(ids({ ...facts, level: '初级' })).not.toContain('representative-works');
    expect(ids({ ...facts, countyLevelOrBelow: false })).not.toContain('representative-works');
    expect(ids({ ...facts, educationVerified: false })).toContain('education-certificate');
  });
});

describe('conditions', () => {
  const works: Condition = {
    op: 'all',
    of: [
      { op: 'equals', fact: 'countyLevelOrBelow', value: true },
      { op: 'not', of: { op: 'equals', fact: 'level', value: '初级' } },
    ],
  };
  it('B21-5: reads the representative-works condition in Chinese', () => {
    expect(describeCondition(works)).toBe('在县及县以下单位工作，且申报级别不为初级');
    expect(describeCondition({ op: 'equals', fact: 'unitKind', value: 'public_institution' })).toBe('单位性质为事业单位');
  });
  it('evaluates any / in', () => {
    const facts = { level: '副高', post: '主持人' } as Facts;
    expect(evaluateCondition({ op: 'in', fact: 'level', values: ['副高', '正高'] }, facts)).toBe(true);
    expect(evaluateCondition({ op: 'any', of: [{ op: 'equals', fact: 'post', value: '播音员' }, works] }, { ...facts, countyLevelOrBelow: false })).toBe(false);
  });
});

describe('dates', () => {
  it('A24-12: full years are reached on the anniversary', () => {
    expect(fullYearsBetween('2020-12-31', '2024-12-31')).toBe(4);
    expect(fullYearsBetween('2021-01-01', '2024-12-31')).toBe(3);
    expect(addYears('2020-02-29', 1)).toBe('2021-03-01'); // no 02-29: the anniversary is not reached on 02-28
    expect(fullYearsBetween('2020-02-29', '2021-02-28')).toBe(0);
    expect(fullYearsBetween('2020-02-29', '2021-03-01')).toBe(1);
  });
  it('full years never exceed the anniversary rule (property)', () => {
    const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const n = fullYearsBetween(from, to);
        expect(addYears(from, n) <= to).toBe(true);
        expect(addYears(from, n + 1) > to).toBe(true);
      }),
    );
  });
});

describe('hostile campaign files are refused with every error listed', () => {
  const base = () => readJson(A24_FILE) as Record<string, any>;

  it('missing fields, wrong types, overlapping windows and unknown rule ids, all in one file', () => {
    const f = base();
    delete f.title;
    delete f.rules.continuingEducation.minTotalHoursPerYear;
    f.year = '2024';
    f.fees.amounts[0].amountYuan = '200';
    f.materials[3].minCount = -1;
    f.windows.meetingAndPublicity.opensAt = '2024-08-15T00:00:00+08:00'; // inside declaration and review
    f.windows.meetingAndPublicity.ruleId = 'A24-99'; // and a bad id on the same window
    f.windows.documents.closesAt = '2024-11-30T23:59:59+08:00'; // closes before it opens
    f.materials[0].ruleId = 'B22-1';
    f.rules.mandarin.ruleId = 'a24-9';
    f.windows.declaraton = f.windows.declaration; // a typo'd key
    f.windows.paymentDeadline.at = '2024-09-15 23:59'; // not ISO with +08:00
    const errors = errorsOf(f);
    const p = paths(errors);
    for (const expected of [
      'title',
      'rules.continuingEducation.minTotalHoursPerYear',
      'year',
      'fees.amounts[0].amountYuan',
      'materials[3].minCount',
      'windows.meetingAndPublicity.opensAt',
      'windows.meetingAndPublicity.ruleId',
      'windows.documents.closesAt',
      'materials[0].ruleId',
      'rules.mandarin.ruleId',
      'windows.declaraton',
      'windows.paymentDeadline.at',
    ]) {
      expect(p, expected).toContain(expected);
    }
    const msg = (path: string) => errors.filter((e) => e.path === path).map((e) => e.message).join(' | ');
    expect(msg('title')).toBe('缺少必填项');
    expect(msg('year')).toBe('类型错误：应为数字，实际为文字');
    expect(msg('materials[0].ruleId')).toContain('未知的规则编号“B22-1”');
    expect(msg('windows.meetingAndPublicity.opensAt')).toContain('重叠');
    expect(msg('windows.declaraton')).toContain('未知字段');
    // Every message a user reads is Chinese.
    for (const e of errors) expect(e.message, `${e.path}: ${e.message}`).toMatch(/[\u4e00-\u9fff]/);
  });

  it('B21-1: overlapping windows are refused at the later window', () => {
    const f = readJson(B21_FILE) as Record<string, any>;
    f.windows.paperMaterials.opensAt = '2021-09-20T00:00:00+08:00'; // before declaration closes
    f.windows.meetingAndPublicity.opensAt = '2021-10-14T00:00:00+08:00'; // before paper materials close
    const p = paths(errorsOf(f));
    expect(p).toContain('windows.paperMaterials.opensAt');
    expect(p).toContain('windows.meetingAndPublicity.opensAt');
  });

  it('A24-4: review ending before the declaration closes, payment after the meeting, notice after opening', () => {
    const f = base();
    f.windows.committeeReview.closesAt = '2024-08-20T23:59:59+08:00';
    f.windows.paymentDeadline.at = '2024-10-20T23:59:59+08:00';
    f.noticeDate = '2024-07-30';
    const p = paths(errorsOf(f));
    expect(p).toEqual(expect.arrayContaining(['windows.committeeReview.closesAt', 'windows.paymentDeadline.at', 'noticeDate']));
  });

  it('A24-16: a fee is required for every level offered, and only for those', () => {
    const f = base();
    f.fees.amounts = f.fees.amounts.filter((a: { level: string }) => a.level !== '正高');
    const errors = errorsOf(f);
    expect(errors).toContainEqual({ path: 'fees.amounts', message: '缺少正高的评审费：开设的每个级别都须设置评审费' });

    const g = readJson(B21_FILE) as Record<string, any>;
    g.fees.amounts.push({ level: '副高', amountYuan: 600 });
    expect(paths(errorsOf(g))).toContain('fees.amounts[2].level');
  });

  it('B21-5: slot conditions must name known facts with values of the right kind', () => {
    const f = readJson(B21_FILE) as Record<string, any>;
    const i = f.materials.findIndex((m: { id: string }) => m.id === 'representative-works');
    f.materials[i].when = {
      op: 'all',
      of: [
        { op: 'equals', fact: 'countyLevel', value: true },
        { op: 'equals', fact: 'level', value: '高级' },
        { op: 'in', fact: 'seriesId', values: ['news', 'art'] },
        { op: 'equals', fact: 'countyLevelOrBelow', value: 'yes' },
        { op: 'xor', of: [] },
      ],
    };
    const p = paths(errorsOf(f));
    expect(p).toEqual(
      expect.arrayContaining([
        `materials[${i}].when.of[0].fact`,
        `materials[${i}].when.of[4].op`,
      ]),
    );
    // Value checks need the structure to be valid: fix the structural errors and they appear.
    f.materials[i].when.of = f.materials[i].when.of.slice(1, 4);
    const q = paths(errorsOf(f));
    expect(q).toEqual(
      expect.arrayContaining([`materials[${i}].when.of[0].value`, `materials[${i}].when.of[1].values[1]`, `materials[${i}].when.of[2].value`]),
    );
  });

  it('unknown rule ids anywhere are refused; known ids pass', () => {
    const f = base();
    f.rules.exclusions[0].ruleId = 'A24-0';
    f.rules.defence.exemptions[0].ruleId = 'N40-X';
    f.annexes[4].ruleId = 42;
    const errors = errorsOf(f);
    expect(paths(errors)).toEqual(
      expect.arrayContaining(['rules.exclusions[0].ruleId', 'rules.defence.exemptions[0].ruleId', 'annexes[4].ruleId']),
    );
  });

  it('other cross-field checks: duplicate ids, missing titles, years on the wrong slot, qualification levels', () => {
    const f = base();
    f.series[1].id = 'news';
    delete f.series[0].specialties[0].titles['正高'];
    f.materials[0].years = [2020];
    f.materials.push({ ...f.materials[1] });
    f.rules.qualifications[0].levels[1].routes[1].title.level = '中级';
    const p = paths(errorsOf(f));
    expect(p).toEqual(
      expect.arrayContaining([
        'series[1].id',
        'series[0].specialties[0].titles',
        'materials[0].years',
        `materials[${f.materials.length - 1}].id`,
        'rules.qualifications[0].levels[1].routes[1].title.level',
      ]),
    );
    const g = readJson(B21_FILE) as Record<string, any>;
    g.rules.defence.requiredForLevels.push('副高');
    g.passRates.push({ level: '正高', policy: 'uncapped', ruleId: 'A24-17' });
    expect(paths(errorsOf(g))).toEqual(expect.arrayContaining(['rules.defence.requiredForLevels[1]', 'passRates[0].level']));
  });

  it('rejects non-objects, a wrong schema version, and an empty object with every required key', () => {
    expect(errorsOf(null)).toEqual([{ path: '$', message: '类型错误：应为对象，实际为null' }]);
    expect(errorsOf([])).toEqual([{ path: '$', message: '类型错误：应为对象，实际为数组' }]);
    const f = base();
    f.schemaVersion = 2;
    expect(errorsOf(f)).toEqual([{ path: 'schemaVersion', message: '不支持的配置版本：schemaVersion 应为 1' }]);
    const empty = errorsOf({});
    expect(paths(empty)).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'windows', 'rules', 'materials', 'noticeText']));
  });

  it('deleting any top-level key is reported at that key (property)', () => {
    const keys = Object.keys(base());
    fc.assert(
      fc.property(fc.subarray(keys, { minLength: 1 }), (drop) => {
        const f = base();
        for (const k of drop) delete f[k];
        const p = paths(errorsOf(f));
        for (const k of drop) expect(p).toContain(k);
      }),
      { numRuns: 40 },
    );
  });
});
