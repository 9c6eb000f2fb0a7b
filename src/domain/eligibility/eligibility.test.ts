import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../campaign/load.js';
import type { Campaign } from '../campaign/schema.js';
import type { Level } from '../campaign/vocabulary.js';
import { ceYears, qualifiedArchive as archive } from '../../../test/fixtures/applicant-archive.js';
import type { ApplicantArchive, ContinuingEducationYear } from './archive.js';
import { checkEligibility, type EligibilityInput, type RuleResult } from './check.js';
import { checkDirectRecognition, defenceRequirement } from './defence.js';

function load(name: string): Campaign {
  const r = parseCampaign(JSON.parse(readFileSync(new URL(`../../../campaigns/${name}.json`, import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.campaign;
}
const B21 = load('bayingol-2021-news');
const A24 = load('aksu-2024-news-literature-publishing');

function b21(over: Partial<EligibilityInput> = {}, a: Partial<ApplicantArchive> = {}) {
  return checkEligibility({
    campaign: B21,
    seriesId: 'news',
    specialtyId: 'reporter',
    level: '中级',
    path: 'prefecture',
    archive: archive(a),
    today: '2021-09-10',
    priorApplications: [],
    fraudRecords: [],
    ...over,
  });
}

function a24(over: Partial<EligibilityInput> = {}, a: Partial<ApplicantArchive> = {}) {
  return checkEligibility({
    campaign: A24,
    seriesId: 'news',
    specialtyId: 'editor',
    level: '中级',
    path: 'directed',
    archive: archive({ currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2020-12-31' }, ...a }),
    today: '2024-08-10',
    priorApplications: [],
    fraudRecords: [],
    ...over,
  });
}

const byRule = (results: RuleResult[], ruleId: string) => results.filter((r) => r.ruleId === ruleId);
const failed = (results: RuleResult[]) => results.filter((r) => !r.passed);
/** The single result of a rule whose message mentions `text`. */
function one(results: RuleResult[], ruleId: string, text = ''): RuleResult {
  const found = byRule(results, ruleId).filter((r) => r.message.includes(text));
  expect(found, `${ruleId} ${text}: ${JSON.stringify(results, null, 1)}`).toHaveLength(1);
  return found[0];
}

describe('a fully eligible applicant', () => {
  it('B21: eligible, and every rule is listed as passed with a Chinese message ending in its id', () => {
    const v = b21();
    expect(failed(v.results)).toEqual([]);
    expect(v.eligible).toBe(true);
    const ids = new Set(v.results.map((r) => r.ruleId));
    for (const id of ['B21-2', 'B21-10', 'B21-9', 'B21-5', 'B21-3']) expect(ids).toContain(id);
    expect(ids).not.toContain('A24-3'); // no one-path rule in B21
    for (const r of v.results) expect(r.message).toMatch(new RegExp(`[\\u4e00-\\u9fff].*（${r.ruleId}）$`));
  });

  it('A24: eligible, listing exclusions, fraud ban, one path, CE, platform records, Mandarin, education, qualification', () => {
    const v = a24();
    expect(failed(v.results)).toEqual([]);
    expect(v.eligible).toBe(true);
    const ids = new Set(v.results.map((r) => r.ruleId));
    for (const id of ['A24-1', 'N40-FRAUD', 'A24-3', 'A24-15', 'A24-8', 'A24-9', 'A24-6', 'A24-13']) expect(ids).toContain(id);
  });

  it('is deterministic: the same input gives the same verdict', () => {
    expect(a24()).toEqual(a24());
  });
});

describe('scope (B21-2, A24-1)', () => {
  it('B21-2: a level the notice does not offer is refused with the levels that are', () => {
    const r = one(b21({ level: '副高' }).results, 'B21-2', '未开设副高');
    expect(r.passed).toBe(false);
    expect(r.fix).toBe('级别可选：初级、中级');
  });
  it('B21-2: an unknown path or specialty is refused', () => {
    const v = b21({ path: 'recommended', specialtyId: 'anchor' });
    const r = one(v.results, 'B21-2', '不在本次评审范围内');
    expect(r.message).toContain('未开设“anchor”专业');
    expect(r.message).toContain('申报途径“recommended”不存在');
    expect(v.eligible).toBe(false);
  });
});

describe('exclusions (B21-2, A24-1)', () => {
  it('B21-2: civil servants and staff of 参公 units are excluded', () => {
    expect(one(b21({}, { civilServant: true }).results, 'B21-2', '公务员不得申报').passed).toBe(false);
    const unit = { kind: 'civil_service_managed' as const, countyLevelOrBelow: false, countyName: null };
    expect(one(b21({}, { unit }).results, 'B21-2', '参照公务员法管理单位的工作人员不得申报').passed).toBe(false);
  });

  it('B21-2: retired staff are excluded', () => {
    const r = one(b21({}, { retiredOn: '2021-03-01' }).results, 'B21-2', '离退休手续');
    expect(r).toMatchObject({ passed: false, message: '已于 2021-03-01 办理离退休手续，不得申报（B21-2）' });
  });

  it('B21-2: retirement age boundary — reached on the 60th birthday, not the day before', () => {
    const onBirthday = one(b21({ today: '2021-09-10' }, { birthDate: '1961-09-10' }).results, 'B21-2', '法定退休年龄');
    expect(onBirthday).toMatchObject({ passed: false, message: '已于 2021-09-10 达到法定退休年龄（男 60 周岁），不得申报（B21-2）' });
    const dayBefore = one(b21({ today: '2021-09-10' }, { birthDate: '1961-09-11' }).results, 'B21-2', '法定退休年龄');
    expect(dayBefore.passed).toBe(true);
  });

  it('B21-2: women professional staff reach it at 55; a date from the personnel office wins', () => {
    expect(one(b21({ today: '2021-09-10' }, { sex: 'female', birthDate: '1966-09-10' }).results, 'B21-2', '法定退休年龄').passed).toBe(false);
    expect(one(b21({ today: '2021-09-10' }, { sex: 'female', birthDate: '1966-09-11' }).results, 'B21-2', '法定退休年龄').passed).toBe(true);
    const later = one(
      b21({ today: '2021-09-10' }, { sex: 'female', birthDate: '1966-09-10', statutoryRetirementDate: '2026-09-10' }).results,
      'B21-2',
      '法定退休',
    );
    expect(later.passed).toBe(true);
  });

  it('B21-2: a 记过 sanction bars applying during its term and not after it', () => {
    const sanctions = [{ kind: '记过' as const, effectiveFrom: '2020-09-10', termMonths: 12 }];
    const inTerm = one(b21({ today: '2021-09-09' }, { sanctions }).results, 'B21-2', '处分');
    expect(inTerm).toMatchObject({
      passed: false,
      message: '受记过处分，处分期 2020-09-10 至 2021-09-09，处分期内不得申报（B21-2）',
      fix: '处分期满后（2021-09-10 起）方可申报',
    });
    const over = one(b21({ today: '2021-09-10' }, { sanctions }).results, 'B21-2', '处分');
    expect(over).toMatchObject({ passed: true, message: '记过处分已于 2021-09-09 期满，不在处分期内（B21-2）' });
  });

  it('B21-2: 警告 does not bar; a stated last day wins; an unknown term fails safe', () => {
    expect(one(b21({}, { sanctions: [{ kind: '警告', effectiveFrom: '2021-06-01', termMonths: 6 }] }).results, 'B21-2', '处分').passed).toBe(true);
    const lifted = [{ kind: '记大过' as const, effectiveFrom: '2020-06-01', termMonths: 24, endsOn: '2021-08-31' }];
    expect(one(b21({}, { sanctions: lifted }).results, 'B21-2', '处分').passed).toBe(true);
    const unknown = one(b21({}, { sanctions: [{ kind: '撤职', effectiveFrom: '2019-01-01' }] }).results, 'B21-2', '处分');
    expect(unknown).toMatchObject({ passed: false, fix: '补充处分决定书载明的处分期限（或解除处分的文件）' });
  });

  it('A24-1: 出版 初级/中级 are evaluated by exam instead (以考代评)', () => {
    const v = a24({ seriesId: 'publishing', specialtyId: 'publishing-editing', level: '中级' });
    const r = one(v.results, 'A24-1', '以考代评');
    expect(r).toMatchObject({ passed: false, message: '出版系列中级实行“全国出版专业技术人员职业资格考试”以考代评，不参加评审（A24-1）' });
    expect(v.eligible).toBe(false);
    const senior = a24({ seriesId: 'publishing', specialtyId: 'publishing-editing', level: '副高' });
    expect(one(senior.results, 'A24-1', '以考代评').passed).toBe(true);
  });
});

describe('B21-10: fraud ban of 5 years from the finding', () => {
  it('banned until the day before the fifth anniversary, free on it', () => {
    const fraudRecords = [{ foundOn: '2016-09-10' }];
    const banned = one(b21({ today: '2021-09-09', fraudRecords }).results, 'B21-10');
    expect(banned).toMatchObject({
      passed: false,
      message: '2016-09-10 查实有弄虚作假行为，自查实之日起 5 年内（至 2021-09-09）不得申报职称（B21-10）',
      fix: '2021-09-10 起方可申报',
    });
    expect(one(b21({ today: '2021-09-10', fraudRecords }).results, 'B21-10').passed).toBe(true);
    expect(one(b21().results, 'B21-10')).toMatchObject({ passed: true, message: '无弄虚作假记录（B21-10）' });
  });
  it('N40-FRAUD: Aksu applies the national 3 years', () => {
    expect(one(a24({ today: '2024-08-10', fraudRecords: [{ foundOn: '2021-08-11' }] }).results, 'N40-FRAUD').passed).toBe(false);
    expect(one(a24({ today: '2024-08-10', fraudRecords: [{ foundOn: '2021-08-10' }] }).results, 'N40-FRAUD').passed).toBe(true);
  });
});

describe('A24-3: one path per year for the same series and level', () => {
  const prior = { campaignId: 'xj-region-2024-news', year: 2024, seriesId: 'news', level: '中级' as Level, pathKind: 'recommended' as const, withdrawn: false };
  it('refuses a second path in the same year, series and level', () => {
    const r = one(a24({ priorApplications: [prior] }).results, 'A24-3');
    expect(r).toMatchObject({
      passed: false,
      message: '已通过“推荐自治区或其他地州评审”方式申报2024 年度新闻系列中级，同一年度同一系列同一级别只能选择一种方式（A24-3）',
      fix: '撤回另一申报后，方可以本方式申报',
    });
  });
  it('allows it after withdrawal, or for another level, series or year', () => {
    for (const p of [{ withdrawn: true }, { level: '副高' as Level }, { seriesId: 'literature' }, { year: 2023 }]) {
      expect(one(a24({ priorApplications: [{ ...prior, ...p }] }).results, 'A24-3').passed).toBe(true);
    }
  });
});

describe('continuing education (B21-9, A24-15, exemptions B21-8 / A24-8)', () => {
  const withYear = (year: number, h: Partial<ContinuingEducationYear>) =>
    ceYears(2015, 2024).map((r) => (r.year === year ? { ...r, ...h } : r));

  it('B21-9: 59 professional hours fail, 60 pass', () => {
    const r59 = one(b21({}, { continuingEducation: withYear(2019, { professionalHours: 59, publicHours: 31 }) }).results, 'B21-9', '2019');
    expect(r59).toMatchObject({ passed: false, message: '2019 年继续教育专业科目 59 学时，少于 60 学时（B21-9）' });
    expect(one(b21({}, { continuingEducation: withYear(2019, { professionalHours: 60, publicHours: 30 }) }).results, 'B21-9', '2019').passed).toBe(true);
  });

  it('B21-9: the example — 52 professional hours, with the exemption form as the fix', () => {
    const r = one(b21({}, { continuingEducation: withYear(2019, { professionalHours: 52, publicHours: 40 }) }).results, 'B21-9', '2019');
    expect(r.message).toBe('2019 年继续教育专业科目 52 学时，少于 60 学时（B21-9）');
    expect(r.fix).toContain('可上传 2019 年免学审批表');
  });

  it('B21-9: 29 public hours fail, 30 pass; 89 in total fail', () => {
    const r = one(b21({}, { continuingEducation: withYear(2017, { professionalHours: 60, publicHours: 29 }) }).results, 'B21-9', '2017');
    expect(r.message).toBe('2017 年继续教育公需科目 29 学时，少于 30 学时，合计 89 学时，少于 90 学时（B21-9）');
  });

  it('A24-15: 89 hours in total fail, 90 pass; no separate public minimum', () => {
    const r89 = one(a24({}, { continuingEducation: withYear(2022, { professionalHours: 60, publicHours: 29 }) }).results, 'A24-15', '2022');
    expect(r89).toMatchObject({ passed: false, message: '2022 年继续教育合计 89 学时，少于 90 学时（A24-15）' });
    expect(one(a24({}, { continuingEducation: withYear(2022, { professionalHours: 60, publicHours: 30 }) }).results, 'A24-15', '2022').passed).toBe(true);
    expect(one(a24({}, { continuingEducation: withYear(2022, { professionalHours: 90, publicHours: 0 }) }).results, 'A24-15', '2022').passed).toBe(true);
    expect(one(a24({}, { continuingEducation: withYear(2022, { professionalHours: 59, publicHours: 40 }) }).results, 'A24-15', '2022').passed).toBe(false);
  });

  it('B21-8: an exempt year passes without hours', () => {
    const v = b21({}, { continuingEducation: withYear(2019, { professionalHours: 0, publicHours: 0, exemptionApproved: true }) });
    expect(one(v.results, 'B21-8', '2019')).toEqual({
      ruleId: 'B21-8',
      passed: true,
      message: '2019 年已上传经批准的免学审批表，免除当年继续教育（B21-8）',
    });
    expect(byRule(v.results, 'B21-9').filter((r) => r.message.includes('2019'))).toEqual([]);
    expect(v.eligible).toBe(true);
  });

  it('A24-8: an exempt year passes with the annex form', () => {
    const v = a24({}, { continuingEducation: withYear(2023, { professionalHours: 0, publicHours: 0, exemptionApproved: true }) });
    expect(one(v.results, 'A24-8', '免除当年').message).toBe('2023 年已上传经批准的免学审批表（附件4），免除当年继续教育（A24-8）');
    expect(v.eligible).toBe(true);
  });

  it('B21-9: a missing year fails; years before the applicant started work are not required', () => {
    const missing = ceYears(2015, 2024).filter((r) => r.year !== 2016);
    expect(one(b21({}, { continuingEducation: missing }).results, 'B21-9', '2016')).toMatchObject({ passed: false, message: '未填报 2016 年继续教育学时（B21-9）' });
    const newcomer = b21(
      { level: '初级' },
      { workStartedOn: '2019-07-01', currentTitle: null, continuingEducation: ceYears(2019, 2021), annualAssessments: [{ year: 2019, grade: '不定等次' }, { year: 2020, grade: '合格' }] },
    );
    expect(failed(newcomer.results)).toEqual([]);
    expect(one(newcomer.results, 'B21-9', '2015').message).toContain('尚未参加工作');
  });

  it('A24-8: from 2022 professional and 2023 public certificates must come from the platform', () => {
    const records = ceYears(2015, 2024).map((r) => ({ ...r, professionalSource: 'upload' as const, publicSource: 'upload' as const }));
    const v = a24({}, { continuingEducation: records });
    const sourceFailures = byRule(v.results, 'A24-8').filter((r) => !r.passed);
    expect(sourceFailures.map((r) => r.message)).toEqual([
      '2022 年专业课合格证书须从系统获取，不接受手动上传（A24-8）',
      '2023 年专业课、公需课合格证书须从系统获取，不接受手动上传（A24-8）',
      '2024 年专业课、公需课合格证书须从系统获取，不接受手动上传（A24-8）',
    ]);
    const ok = records.map((r) => (r.year >= 2022 ? { ...r, professionalSource: 'platform' as const, publicSource: r.year >= 2023 ? ('platform' as const) : ('upload' as const) } : r));
    expect(byRule(a24({}, { continuingEducation: ok }).results, 'A24-8').every((r) => r.passed)).toBe(true);
  });

  it('B21-9: a year passes exactly when professional ≥ 60, public ≥ 30 and total ≥ 90 (property)', () => {
    const hours = fc.integer({ min: 0, max: 150 });
    fc.assert(
      fc.property(hours, hours, (pro, pub) => {
        const r = one(b21({}, { continuingEducation: withYear(2018, { professionalHours: pro, publicHours: pub }) }).results, 'B21-9', '2018');
        expect(r.passed).toBe(pro >= 60 && pub >= 30 && pro + pub >= 90);
      }),
      { numRuns: 200 },
    );
  });
});

describe('A24-9: Mandarin level by post', () => {
  const mandarin = (post: string, level: ApplicantArchive['mandarin']) => one(a24({}, { post, mandarin: level }).results, 'A24-9');

  it('an announcer needs 二级乙等: 三级乙等 and 三级甲等 fail, 二级乙等 passes', () => {
    expect(mandarin('播音员', '三级乙等').passed).toBe(false);
    expect(mandarin('播音员', '三级甲等')).toMatchObject({
      passed: false,
      message: '普通话三级甲等，低于播音员岗位须达到的二级乙等（A24-9）',
      fix: '参加普通话水平测试，取得二级乙等及以上证书后上传',
    });
    expect(mandarin('播音员', '二级乙等').passed).toBe(true);
    expect(mandarin('主持人', '一级甲等').passed).toBe(true);
  });

  it('a Chinese-language announcer needs 一级乙等', () => {
    expect(mandarin('汉语播音员', '二级甲等').passed).toBe(false);
    expect(mandarin('汉语主持人', '一级乙等').passed).toBe(true);
  });

  it('other staff of public institutions need 三级乙等; a missing certificate fails', () => {
    expect(mandarin('记者', '三级乙等')).toMatchObject({ passed: true, message: '普通话三级乙等，达到专业技术人员须达到的三级乙等（A24-9）' });
    expect(mandarin('记者', null)).toMatchObject({ passed: false, message: '未上传普通话等级证书，专业技术人员须达到三级乙等（A24-9）' });
  });

  it('staff of enterprises are not asked', () => {
    const r = one(a24({}, { mandarin: null, post: '播音员', unit: { kind: 'enterprise', countyLevelOrBelow: false, countyName: null } }).results, 'A24-9');
    expect(r).toMatchObject({ passed: true, message: '普通话等级要求适用于单位性质为事业单位的人员，本申报不要求（A24-9）' });
  });

  it('B21 has no Mandarin rule', () => {
    expect(byRule(b21({}, { mandarin: null }).results, 'A24-9')).toEqual([]);
  });
});

describe('B21-5: annual assessments, representative works, education', () => {
  it('annual assessments: every listed year must be present', () => {
    const v = b21({}, { annualAssessments: [{ year: 2018, grade: '优秀' }, { year: 2020, grade: '合格' }] });
    expect(one(v.results, 'B21-5', '2019')).toMatchObject({
      passed: false,
      message: '缺少 2019 年度专业技术人员年度考核表（B21-5）',
      fix: '上传 2019 年度专业技术人员年度考核表',
    });
    expect(one(v.results, 'B21-5', '2018 年度').passed).toBe(true);
  });

  const county = { kind: 'public_institution' as const, countyLevelOrBelow: true, countyName: '和静县' };

  it('representative works: county-level 中级 needs 2 — 1 fails, 2 pass', () => {
    const one1 = one(b21({}, { unit: county, representativeWorksCount: 1 }).results, 'B21-5', '代表作品');
    expect(one1).toMatchObject({
      passed: false,
      message: '在县及县以下单位工作，且申报级别不为初级，须提供代表作品 2 篇及以上，现有 1 篇（B21-5）',
    });
    expect(one(b21({}, { unit: county, representativeWorksCount: 2 }).results, 'B21-5', '代表作品').passed).toBe(true);
  });

  it('representative works: not required for 初级, nor outside county-level units', () => {
    const junior = one(b21({ level: '初级' }, { unit: county, representativeWorksCount: 0, currentTitle: null }).results, 'B21-5', '代表作品');
    expect(junior).toMatchObject({ passed: true, message: '代表作品仅要求在县及县以下单位工作，且申报级别不为初级的人员提供，本申报不要求（B21-5）' });
    expect(one(b21({}, { representativeWorksCount: 0 }).results, 'B21-5', '代表作品').passed).toBe(true);
  });

  it('education: pending verification fails; unverifiable with the diploma uploaded passes', () => {
    const pending = one(
      b21({}, { education: [{ level: '本科', graduatedOn: '2010-06-30', verification: 'pending', fallbackUploaded: false }] }).results,
      'B21-5',
      '本科学历',
    );
    expect(pending).toMatchObject({ passed: false, fix: '上传学历在线验证报告（教育部学信网）；学信网无法查询的，上传学历证书原件扫描件（学信网未能提供验证报告时）' });
    const old = [{ level: '大专' as const, graduatedOn: '1998-07-01', verification: 'unverifiable' as const, fallbackUploaded: true }];
    expect(one(b21({}, { education: old }).results, 'B21-5', '大专学历').passed).toBe(true);
    expect(one(b21({}, { education: [{ ...old[0], fallbackUploaded: false }] }).results, 'B21-5', '大专学历').passed).toBe(false);
  });

  it('A24-6: the fallback is the 毕业生登记表', () => {
    const r = one(
      a24({}, { education: [{ level: '本科', graduatedOn: '2010-06-30', verification: 'unverifiable', fallbackUploaded: false }] }).results,
      'A24-6',
    );
    expect(r).toMatchObject({ passed: false, fix: '上传人事档案中的《毕业生登记表》（学信网无法查询时）' });
  });
});

describe('education and years per level, counted to the cut-off (A24-12, A24-13, B21-3)', () => {
  it('A24-12: a title obtained 2020-12-31 has 4 full years on 2024-12-31; 2021-01-01 has 3', () => {
    const ok = one(a24({}, { currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2020-12-31' } }).results, 'A24-13');
    expect(ok.passed).toBe(true);
    expect(ok.message).toContain('取得初级职称（2020-12-31）满 4 年');
    const short = one(a24({}, { currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2021-01-01' } }).results, 'A24-13');
    expect(short.passed).toBe(false);
    expect(short.message).toBe(
      '申报中级须满足下列条件之一：博士；硕士及以上学历，取得初级职称满 2 年；本科及以上学历，取得初级职称满 4 年；大专及以上学历，取得初级职称满 4 年（资历计算截至 2024-12-31）。现为：本科，取得初级职称（2021-01-01）满 3 年；条件依据：《新疆维吾尔自治区新闻系列职称评审条件（试行）》（新人社发〔2023〕31号），按常见公布的学历、资历条件整理，来自二手资料，待核实（A24-13）',
    );
    expect(short.fix).toBe('取得初级职称满 4 年之日为 2025-01-01，请在资历计算截止日不早于该日的年度申报');
  });

  it('A24-13: a master needs 2 years, a doctor none', () => {
    const master = [{ level: '硕士' as const, graduatedOn: '2019-06-30', verification: 'verified' as const, fallbackUploaded: false }];
    expect(one(a24({}, { education: master, currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2022-12-31' } }).results, 'A24-13').passed).toBe(true);
    expect(one(a24({}, { education: master, currentTitle: { level: '初级', name: '助理编辑', obtainedOn: '2023-01-01' } }).results, 'A24-13').passed).toBe(false);
    const doctor = [{ level: '博士' as const, graduatedOn: '2024-06-30', verification: 'verified' as const, fallbackUploaded: false }];
    expect(one(a24({}, { education: doctor, currentTitle: null }).results, 'A24-13').passed).toBe(true);
  });

  it('A24-13: 副高 needs the 中级 title; 初级 with a 本科 needs a year of work', () => {
    const r = one(a24({ level: '副高' }).results, 'A24-13');
    expect(r).toMatchObject({ passed: false, fix: '须先取得中级职称' });
    const fresh = (workStartedOn: string) => ({ workStartedOn, currentTitle: null, continuingEducation: ceYears(2023, 2024) });
    expect(one(a24({ level: '初级' }, fresh('2023-12-31')).results, 'A24-13').passed).toBe(true);
    const notYet = one(a24({ level: '初级' }, fresh('2024-01-01')).results, 'A24-13');
    expect(notYet).toMatchObject({ passed: false, fix: '从事本专业工作满 1 年之日为 2025-01-01' });
  });

  it('B21-3: Bayingol counts to its declaration close (platform decision)', () => {
    expect(one(b21({}, { currentTitle: { level: '初级', name: '助理记者', obtainedOn: '2017-09-25' } }).results, 'B21-3').passed).toBe(true);
    expect(one(b21({}, { currentTitle: { level: '初级', name: '助理记者', obtainedOn: '2017-09-26' } }).results, 'B21-3').passed).toBe(false);
  });

  it('series without a configured table are left to the office, said so', () => {
    const v = a24({ seriesId: 'literature', specialtyId: 'literary-creation' });
    expect(one(v.results, 'A24-1', '未录入').passed).toBe(true);
  });
});

describe('defence and direct recognition (B21-7, B21-8, A24-14)', () => {
  it('B21-7: 中级 defends unless exempt; 初级, 且末县 and county-level staff are exempt', () => {
    expect(defenceRequirement({ campaign: B21, level: '中级', archive: archive() })).toMatchObject({ required: true, ruleId: 'B21-7' });
    expect(defenceRequirement({ campaign: B21, level: '初级', archive: archive() })).toMatchObject({ required: false, message: '申报初级免于答辩（B21-7）' });
    const qiemo = archive({ unit: { kind: 'public_institution', countyLevelOrBelow: false, countyName: '且末县' } });
    expect(defenceRequirement({ campaign: B21, level: '中级', archive: qiemo }).message).toBe(
      '在且末县工作，免于答辩；答辩实行量化赋分的，按当年参加答辩人员的平均分赋分，不实行量化赋分的按通过答辩对待（B21-7）',
    );
    const county = archive({ unit: { kind: 'public_institution', countyLevelOrBelow: true, countyName: '和静县' } });
    expect(defenceRequirement({ campaign: B21, level: '中级', archive: county }).required).toBe(false);
  });

  it('A24-14: seniors defend (by video if need be); grass-roots service that year exempts', () => {
    expect(defenceRequirement({ campaign: A24, level: '中级', archive: archive() }).required).toBe(false);
    expect(defenceRequirement({ campaign: A24, level: '副高', archive: archive() })).toMatchObject({
      required: true,
      message: '申报副高须参加专业水平答辩，可视频（线上）答辩（A24-14）',
    });
    const served = archive({ grassRootsService: [{ year: 2024, service: 'village-committee', grade: null }] });
    expect(defenceRequirement({ campaign: A24, level: '正高', archive: served }).message).toContain('答辩成绩按当年参加该专业答辩人员的平均分赋分');
    const lastYear = archive({ grassRootsService: [{ year: 2023, service: 'village-committee', grade: null }] });
    expect(defenceRequirement({ campaign: A24, level: '正高', archive: lastYear }).required).toBe(true);
  });

  it('B21-8: three consecutive excellent years of grass-roots service → direct recognition', () => {
    const years = (ys: number[], grade: '优秀' | '合格' = '优秀') => ys.map((year) => ({ year, service: 'village-work-team' as const, grade }));
    expect(checkDirectRecognition({ campaign: B21, archive: archive({ grassRootsService: years([2018, 2019, 2020]) }) })).toMatchObject({
      passed: true,
      message: '2018—2020 年连续 3 年参加基层服务且考核优秀，可申请直接认定高一级职称（B21-8）',
    });
    expect(checkDirectRecognition({ campaign: B21, archive: archive({ grassRootsService: years([2017, 2018, 2020]) }) })?.passed).toBe(false);
    expect(checkDirectRecognition({ campaign: B21, archive: archive({ grassRootsService: years([2018, 2019, 2020], '合格') }) })?.passed).toBe(false);
    expect(checkDirectRecognition({ campaign: A24, archive: archive() })).toBeNull();
  });
});
