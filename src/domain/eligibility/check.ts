// The eligibility engine (申报资格自查): (campaign, application, archive, today) → a verdict listing
// every rule checked, passed or failed, each with its rule id, a Chinese explanation and, when
// something can be done, what would fix it. The web shows it before the applicant starts and on
// every save; the server runs the same function on submit and refuses with the same explanations.
//
// Pure and deterministic: `today` (a Beijing date) is an input; nothing reads the clock. Which rules
// apply, with which numbers, is the campaign's data; only the way of checking is code.

import { describeCondition, evaluateCondition, type ConditionNames, type Facts } from '../campaign/conditions.js';
import { addDays, addMonths, addYears, fullYearsBetween, isValidDate, yearOf } from '../campaign/dates.js';
import type { Campaign, Exclusion, MaterialSlot } from '../campaign/schema.js';
import {
  EDUCATION_LEVELS,
  MANDARIN_LEVELS,
  PATH_KIND_LABELS,
  PROVENANCE_LABELS,
  type EducationLevel,
  type Level,
} from '../campaign/vocabulary.js';
import type { ApplicantArchive, FraudRecord, PriorApplication } from './archive.js';

export type RuleResult = {
  ruleId: string;
  passed: boolean;
  /** Chinese explanation, ending with the rule id: "2019 年继续教育专业科目 52 学时，少于 60 学时（B21-9）". */
  message: string;
  /** What would fix it, when anything can. */
  fix?: string;
};

export type EligibilityVerdict = { eligible: boolean; results: RuleResult[] };

export type EligibilityInput = {
  campaign: Campaign;
  seriesId: string;
  specialtyId: string;
  level: Level;
  /** Id of one of campaign.paths. */
  path: string;
  archive: ApplicantArchive;
  /** Beijing date 'YYYY-MM-DD' of the check. */
  today: string;
  priorApplications: PriorApplication[];
  fraudRecords: FraudRecord[];
};

export function checkEligibility(input: EligibilityInput): EligibilityVerdict {
  if (!isValidDate(input.today)) throw new RangeError(`today 应为日期 YYYY-MM-DD：${String(input.today)}`);
  const ctx = context(input);
  const results: RuleResult[] = [
    checkScope(ctx),
    ...input.campaign.rules.exclusions.map((e) => checkExclusion(ctx, e)),
    ...checkFraudBan(ctx),
    ...checkOnePathPerYear(ctx),
    ...checkContinuingEducation(ctx),
    ...checkMandarin(ctx),
    ...checkAnnualAssessments(ctx),
    ...checkRepresentativeWorks(ctx),
    ...checkEducationVerification(ctx),
    ...checkQualifications(ctx),
  ];
  return { eligible: results.every((r) => r.passed), results };
}

// ---------------------------------------------------------------------------------------------

type Ctx = EligibilityInput & {
  facts: Facts;
  names: ConditionNames;
  seriesName: string;
  slots: MaterialSlot[];
};

/** The facts material-slot conditions read, for one applicant and one choice of series, level and path. */
export function applicationFacts(
  input: Pick<EligibilityInput, 'campaign' | 'seriesId' | 'specialtyId' | 'level' | 'path' | 'archive'>,
): Facts {
  const { campaign, archive } = input;
  const pathKind = campaign.paths.find((p) => p.id === input.path)?.kind ?? 'prefecture';
  const ce = campaign.rules.continuingEducation;
  return {
    level: input.level,
    seriesId: input.seriesId,
    specialtyId: input.specialtyId,
    pathKind,
    unitKind: archive.unit.kind,
    countyLevelOrBelow: archive.unit.countyLevelOrBelow,
    hasCurrentTitle: archive.currentTitle !== null,
    educationVerified: archive.education.length > 0 && archive.education.every((e) => e.verification === 'verified'),
    continuingEducationExempt: archive.continuingEducation.some(
      (r) => r.exemptionApproved && (!ce || (r.year >= ce.yearsCovered.from && r.year <= ce.yearsCovered.to)),
    ),
    post: archive.post,
  };
}

function context(input: EligibilityInput): Ctx {
  const { campaign } = input;
  const series = campaign.series.find((s) => s.id === input.seriesId);
  const facts = applicationFacts(input);
  const names: ConditionNames = {
    series: Object.fromEntries(campaign.series.map((s) => [s.id, s.name])),
    specialties: Object.fromEntries(campaign.series.flatMap((s) => s.specialties.map((sp) => [sp.id, sp.name]))),
  };
  return { ...input, facts, names, seriesName: series ? `${series.name}系列` : `“${input.seriesId}”系列`, slots: campaign.materials };
}

const tag = (ruleId: string) => `（${ruleId}）`;

function slotApplies(ctx: Ctx, slot: MaterialSlot): boolean {
  return !slot.when || evaluateCondition(slot.when, ctx.facts);
}

/** Years a yearly requirement covers for this applicant: none before the year they started work. */
function beforeWork(ctx: Ctx, year: number): boolean {
  return year < yearOf(ctx.archive.workStartedOn);
}

// --- scope (B21-2, A24-1) ---------------------------------------------------------------------

function checkScope(ctx: Ctx): RuleResult {
  const { campaign } = ctx;
  const ruleId = campaign.scope.ruleId;
  const series = campaign.series.find((s) => s.id === ctx.seriesId);
  const path = campaign.paths.find((p) => p.id === ctx.path);
  if (!series) {
    return {
      ruleId,
      passed: false,
      message: `本次评审未开设${ctx.seriesName}${tag(ruleId)}`,
      fix: `请选择本次评审开设的系列：${campaign.series.map((s) => s.name).join('、')}`,
    };
  }
  const problems: string[] = [];
  const fixes: string[] = [];
  const specialty = series.specialties.find((sp) => sp.id === ctx.specialtyId);
  if (!specialty) {
    problems.push(`${series.name}系列未开设“${ctx.specialtyId}”专业`);
    fixes.push(`专业可选：${series.specialties.map((sp) => sp.name).join('、')}`);
  }
  if (!series.levels.includes(ctx.level)) {
    problems.push(`${series.name}系列未开设${ctx.level}`);
    fixes.push(`级别可选：${series.levels.join('、')}`);
  }
  if (!path) {
    problems.push(`申报途径“${ctx.path}”不存在`);
    fixes.push(`申报途径可选：${campaign.paths.map((p) => p.name).join('、')}`);
  }
  if (problems.length > 0) {
    return { ruleId, passed: false, message: `${problems.join('；')}，不在本次评审范围内${tag(ruleId)}`, fix: fixes.join('；') };
  }
  const title = specialty?.titles[ctx.level];
  return {
    ruleId,
    passed: true,
    message: `申报${series.name}系列${specialty!.name}专业${ctx.level}（${title}），申报途径为${path!.name}，属于本次评审范围${tag(ruleId)}`,
  };
}

// --- exclusions (B21-2, A24-1) ----------------------------------------------------------------

function checkExclusion(ctx: Ctx, ex: Exclusion): RuleResult {
  const { archive, today } = ctx;
  const t = tag(ex.ruleId);
  switch (ex.kind) {
    case 'civilServant':
      return archive.civilServant
        ? { ruleId: ex.ruleId, passed: false, message: `公务员不得申报职称评审${t}` }
        : { ruleId: ex.ruleId, passed: true, message: `非公务员${t}` };
    case 'civilServiceManagedUnit':
      return archive.unit.kind === 'civil_service_managed'
        ? { ruleId: ex.ruleId, passed: false, message: `参照公务员法管理单位的工作人员不得申报职称评审${t}` }
        : { ruleId: ex.ruleId, passed: true, message: `所在单位不属于参照公务员法管理单位${t}` };
    case 'retired':
      return archive.retiredOn !== null && archive.retiredOn <= today
        ? { ruleId: ex.ruleId, passed: false, message: `已于 ${archive.retiredOn} 办理离退休手续，不得申报${t}` }
        : { ruleId: ex.ruleId, passed: true, message: `未办理离退休手续${t}` };
    case 'statutoryRetirementAge': {
      const age = archive.sex === 'male' ? ex.ageMale : ex.ageFemale;
      const reachedOn = archive.statutoryRetirementDate ?? addYears(archive.birthDate, age);
      const basis = archive.statutoryRetirementDate ? '按人事部门核定的法定退休日期' : `${archive.sex === 'male' ? '男' : '女'} ${age} 周岁`;
      // Reached on the day itself: on the 60th birthday a man has reached 60.
      return reachedOn <= today
        ? { ruleId: ex.ruleId, passed: false, message: `已于 ${reachedOn} 达到法定退休年龄（${basis}），不得申报${t}` }
        : { ruleId: ex.ruleId, passed: true, message: `未达到法定退休年龄（${basis}，${reachedOn} 达到）${t}` };
    }
    case 'sanction':
      return checkSanctions(ctx, ex);
    case 'examInsteadOfEvaluation': {
      const entry = ex.entries.find((e) => e.seriesId === ctx.seriesId && e.levels.includes(ctx.level));
      return entry
        ? {
            ruleId: ex.ruleId,
            passed: false,
            message: `${ctx.seriesName}${ctx.level}实行“${entry.exam}”以考代评，不参加评审${t}`,
            fix: `通过${entry.exam}取得相应资格`,
          }
        : { ruleId: ex.ruleId, passed: true, message: `所申报系列、级别不属于国家以考代评范围${t}` };
    }
  }
}

function checkSanctions(ctx: Ctx, ex: Extract<Exclusion, { kind: 'sanction' }>): RuleResult {
  const t = tag(ex.ruleId);
  const relevant = ctx.archive.sanctions.filter((s) => ex.sanctionKinds.includes(s.kind));
  const over: string[] = [];
  for (const s of relevant) {
    // First day after the term; null when the term is unknown.
    const end = s.endsOn ? addDays(s.endsOn, 1) : s.termMonths != null ? addMonths(s.effectiveFrom, s.termMonths) : null;
    if (s.effectiveFrom > ctx.today) continue; // not yet in force
    if (end === null) {
      return {
        ruleId: ex.ruleId,
        passed: false,
        message: `受${s.kind}处分（${s.effectiveFrom} 起），处分期限不明，不能确认已期满${t}`,
        fix: '补充处分决定书载明的处分期限（或解除处分的文件）',
      };
    }
    if (ctx.today < end) {
      return {
        ruleId: ex.ruleId,
        passed: false,
        message: `受${s.kind}处分，处分期 ${s.effectiveFrom} 至 ${addDays(end, -1)}，处分期内不得申报${t}`,
        fix: `处分期满后（${end} 起）方可申报`,
      };
    }
    over.push(`${s.kind}处分已于 ${addDays(end, -1)} 期满`);
  }
  const kinds = ex.sanctionKinds.join('、');
  return {
    ruleId: ex.ruleId,
    passed: true,
    message: over.length > 0 ? `${over.join('；')}，不在处分期内${t}` : `无处分期内的${kinds}处分${t}`,
  };
}

// --- fraud ban (B21-10) -----------------------------------------------------------------------

function checkFraudBan(ctx: Ctx): RuleResult[] {
  const ban = ctx.campaign.rules.fraudBan;
  if (!ban) return [];
  const t = tag(ban.ruleId);
  const past: string[] = [];
  for (const r of [...ctx.fraudRecords].sort((a, b) => (a.foundOn < b.foundOn ? 1 : -1))) {
    // "自查实之日起 5 年内": the finding day is day one; the ban is over on the fifth anniversary.
    const free = addYears(r.foundOn, ban.years);
    if (r.foundOn <= ctx.today && ctx.today < free) {
      return [
        {
          ruleId: ban.ruleId,
          passed: false,
          message: `${r.foundOn} 查实有弄虚作假行为，自查实之日起 ${ban.years} 年内（至 ${addDays(free, -1)}）不得申报职称${t}`,
          fix: `${free} 起方可申报`,
        },
      ];
    }
    if (r.foundOn <= ctx.today) past.push(`${r.foundOn} 查实的弄虚作假记录已满 ${ban.years} 年`);
  }
  return [{ ruleId: ban.ruleId, passed: true, message: past.length > 0 ? `${past.join('；')}${t}` : `无弄虚作假记录${t}` }];
}

// --- one path per year (A24-3) ---------------------------------------------------------------

function checkOnePathPerYear(ctx: Ctx): RuleResult[] {
  const rule = ctx.campaign.onePathPerYear;
  if (!rule) return [];
  const t = tag(rule.ruleId);
  const what = `${ctx.campaign.year} 年度${ctx.seriesName}${ctx.level}`;
  const other = ctx.priorApplications.find(
    (p) => !p.withdrawn && p.year === ctx.campaign.year && p.seriesId === ctx.seriesId && p.level === ctx.level,
  );
  if (!other) return [{ ruleId: rule.ruleId, passed: true, message: `${what}未通过其他方式申报${t}` }];
  return [
    {
      ruleId: rule.ruleId,
      passed: false,
      message: `已通过“${PATH_KIND_LABELS[other.pathKind]}”方式申报${what}，同一年度同一系列同一级别只能选择一种方式${t}`,
      fix: '撤回另一申报后，方可以本方式申报',
    },
  ];
}

// --- continuing education (B21-9, A24-15; exemption B21-8, A24-8; platform records A24-8) ------

function checkContinuingEducation(ctx: Ctx): RuleResult[] {
  const ce = ctx.campaign.rules.continuingEducation;
  if (!ce) return [];
  const t = tag(ce.ruleId);
  const results: RuleResult[] = [];
  const platform = ce.platformRecords;
  const sourceFailures: RuleResult[] = [];
  const exemptionHint = (y: number) => (ce.exemption ? `；符合免学条件的，可上传 ${y} 年${ce.exemption.formName}${tag(ce.exemption.ruleId)}` : '');

  for (let y = ce.yearsCovered.from; y <= ce.yearsCovered.to; y++) {
    if (beforeWork(ctx, y)) {
      results.push({
        ruleId: ce.ruleId,
        passed: true,
        message: `${y} 年尚未参加工作（${ctx.archive.workStartedOn} 参加工作），不要求该年度继续教育${t}`,
      });
      continue;
    }
    const rec = ctx.archive.continuingEducation.find((r) => r.year === y);
    if (rec?.exemptionApproved && ce.exemption) {
      results.push({
        ruleId: ce.exemption.ruleId,
        passed: true,
        message: `${y} 年已上传经批准的${ce.exemption.formName}，免除当年继续教育${tag(ce.exemption.ruleId)}`,
      });
      continue;
    }
    if (!rec) {
      results.push({
        ruleId: ce.ruleId,
        passed: false,
        message: `未填报 ${y} 年继续教育学时${t}`,
        fix: `上传 ${y} 年继续教育合格证书${exemptionHint(y)}`,
      });
      continue;
    }
    const total = rec.professionalHours + rec.publicHours;
    const short: string[] = [];
    if (rec.professionalHours < ce.minProfessionalHoursPerYear) {
      short.push(`专业科目 ${rec.professionalHours} 学时，少于 ${ce.minProfessionalHoursPerYear} 学时`);
    }
    if (ce.minPublicHoursPerYear !== null && rec.publicHours < ce.minPublicHoursPerYear) {
      short.push(`公需科目 ${rec.publicHours} 学时，少于 ${ce.minPublicHoursPerYear} 学时`);
    }
    if (total < ce.minTotalHoursPerYear) short.push(`合计 ${total} 学时，少于 ${ce.minTotalHoursPerYear} 学时`);
    if (short.length > 0) {
      results.push({
        ruleId: ce.ruleId,
        passed: false,
        message: `${y} 年继续教育${short.join('，')}${t}`,
        fix: `补足学时后上传 ${y} 年继续教育合格证书${exemptionHint(y)}`,
      });
    } else {
      results.push({
        ruleId: ce.ruleId,
        passed: true,
        message: `${y} 年继续教育专业科目 ${rec.professionalHours} 学时、公需科目 ${rec.publicHours} 学时，合计 ${total} 学时，符合要求${t}`,
      });
    }
    if (platform) {
      const uploadedButPlatform: string[] = [];
      if (y >= platform.professionalFromYear && rec.professionalSource === 'upload') uploadedButPlatform.push('专业课');
      if (y >= platform.publicFromYear && rec.publicSource === 'upload') uploadedButPlatform.push('公需课');
      if (uploadedButPlatform.length > 0) {
        const kinds = uploadedButPlatform.join('、');
        sourceFailures.push({
          ruleId: platform.ruleId,
          passed: false,
          message: `${y} 年${kinds}合格证书须从系统获取，不接受手动上传${tag(platform.ruleId)}`,
          fix: `删除手动上传的证书，在平台继续教育栏目获取 ${y} 年${kinds}合格证书`,
        });
      }
    }
  }
  if (platform) {
    results.push(
      ...(sourceFailures.length > 0
        ? sourceFailures
        : [
            {
              ruleId: platform.ruleId,
              passed: true,
              message: `继续教育证书来源符合要求：${platform.professionalFromYear} 年起的专业课、${platform.publicFromYear} 年起的公需课合格证书从系统获取，其余年度手动上传${tag(platform.ruleId)}`,
            },
          ]),
    );
  }
  return results;
}

// --- Mandarin (A24-9) -------------------------------------------------------------------------

function checkMandarin(ctx: Ctx): RuleResult[] {
  const m = ctx.campaign.rules.mandarin;
  if (!m) return [];
  const t = tag(m.ruleId);
  if (m.appliesWhen && !evaluateCondition(m.appliesWhen, ctx.facts)) {
    return [
      {
        ruleId: m.ruleId,
        passed: true,
        message: `普通话等级要求适用于${describeCondition(m.appliesWhen, ctx.names)}的人员，本申报不要求${t}`,
      },
    ];
  }
  const byPost = m.byPost.find((b) => ctx.archive.post !== null && b.posts.includes(ctx.archive.post));
  const required = byPost?.minimum ?? m.minimum;
  const who = byPost ? `${ctx.archive.post}岗位` : '专业技术人员';
  const have = ctx.archive.mandarin;
  if (have === null) {
    return [
      {
        ruleId: m.ruleId,
        passed: false,
        message: `未上传普通话等级证书，${who}须达到${required}${t}`,
        fix: `参加普通话水平测试，取得${required}及以上证书后上传`,
      },
    ];
  }
  if (MANDARIN_LEVELS.indexOf(have) < MANDARIN_LEVELS.indexOf(required)) {
    return [
      {
        ruleId: m.ruleId,
        passed: false,
        message: `普通话${have}，低于${who}须达到的${required}${t}`,
        fix: `参加普通话水平测试，取得${required}及以上证书后上传`,
      },
    ];
  }
  return [{ ruleId: m.ruleId, passed: true, message: `普通话${have}，达到${who}须达到的${required}${t}` }];
}

// --- annual assessments (B21-5) ---------------------------------------------------------------

function checkAnnualAssessments(ctx: Ctx): RuleResult[] {
  const results: RuleResult[] = [];
  for (const slot of ctx.slots) {
    if (slot.kind !== 'annualAssessment' || !slot.years || !slotApplies(ctx, slot)) continue;
    const t = tag(slot.ruleId);
    for (const y of slot.years) {
      if (beforeWork(ctx, y)) {
        results.push({ ruleId: slot.ruleId, passed: true, message: `${y} 年尚未参加工作，不要求该年度${slot.name}${t}` });
        continue;
      }
      const a = ctx.archive.annualAssessments.find((x) => x.year === y);
      results.push(
        a
          ? { ruleId: slot.ruleId, passed: true, message: `已有 ${y} 年度${slot.name}（${a.grade}）${t}` }
          : { ruleId: slot.ruleId, passed: false, message: `缺少 ${y} 年度${slot.name}${t}`, fix: `上传 ${y} 年度${slot.name}` },
      );
    }
  }
  return results;
}

// --- representative works (B21-5) -------------------------------------------------------------

function checkRepresentativeWorks(ctx: Ctx): RuleResult[] {
  return ctx.slots
    .filter((slot) => slot.kind === 'representativeWorks')
    .map((slot) => {
      const t = tag(slot.ruleId);
      const when = slot.when ? describeCondition(slot.when, ctx.names) : null;
      if (!slotApplies(ctx, slot)) {
        return { ruleId: slot.ruleId, passed: true, message: `代表作品仅要求${when}的人员提供，本申报不要求${t}` };
      }
      const have = ctx.archive.representativeWorksCount;
      const who = when ? `${when}，` : '';
      return have >= slot.minCount
        ? { ruleId: slot.ruleId, passed: true, message: `${who}须提供代表作品 ${slot.minCount} 篇及以上，已有 ${have} 篇${t}` }
        : {
            ruleId: slot.ruleId,
            passed: false,
            message: `${who}须提供代表作品 ${slot.minCount} 篇及以上，现有 ${have} 篇${t}`,
            fix: `再提供 ${slot.minCount - have} 篇能反映本人学识和理论水平的代表作品（封面、目录、正文）`,
          };
    });
}

// --- education verification (B21-5, A24-6) ----------------------------------------------------

function checkEducationVerification(ctx: Ctx): RuleResult[] {
  const verification = ctx.slots.find((s) => s.kind === 'educationVerification');
  const fallback = ctx.slots.find((s) => s.kind === 'educationFallback');
  if (!verification || !fallback) return [];
  const ruleId = verification.ruleId;
  const t = tag(ruleId);
  if (ctx.archive.education.length === 0) {
    return [{ ruleId, passed: false, message: `未填写学历信息${t}`, fix: `填写学历并上传${verification.name}` }];
  }
  return ctx.archive.education.map((e) => {
    const what = `${e.level}学历（${e.graduatedOn} 毕业）`;
    switch (e.verification) {
      case 'verified':
        return { ruleId, passed: true, message: `${what}已通过学信网验证${t}` };
      case 'unverifiable':
        return e.fallbackUploaded
          ? { ruleId, passed: true, message: `${what}学信网无法验证，已上传${fallback.name}${t}` }
          : { ruleId, passed: false, message: `${what}学信网无法验证，且未上传${fallback.name}${t}`, fix: `上传${fallback.name}` };
      case 'pending':
        return {
          ruleId,
          passed: false,
          message: `${what}尚未上传${verification.name}${t}`,
          fix: `上传${verification.name}；学信网无法查询的，上传${fallback.name}`,
        };
    }
  });
}

// --- education and years per level (B21-3, A24-13; cut-off A24-12) -----------------------------

type Route = Campaign['rules']['qualifications'][number]['levels'][number]['routes'][number];

function educationRank(e: EducationLevel): number {
  return EDUCATION_LEVELS.indexOf(e);
}

function routeText(r: Route): string {
  const top = educationRank(r.education) === EDUCATION_LEVELS.length - 1;
  const parts = [top ? r.education : `${r.education}及以上学历`];
  if (r.title) parts.push(`取得${r.title.level}职称满 ${r.title.minYears} 年`);
  if (r.serviceYears > 0) parts.push(`从事本专业工作满 ${r.serviceYears} 年`);
  return parts.join('，');
}

function checkQualifications(ctx: Ctx): RuleResult[] {
  const { campaign, archive } = ctx;
  const table = campaign.rules.qualifications.find((q) => q.seriesId === ctx.seriesId);
  const row = table?.levels.find((l) => l.level === ctx.level);
  if (!table || !row) {
    const ruleId = campaign.scope.ruleId;
    return [
      {
        ruleId,
        passed: true,
        message: `${ctx.seriesName}${ctx.level}的学历、资历条件未录入本次评审配置，由评审委员会办公室按评审条件审核${tag(ruleId)}`,
      },
    ];
  }
  const t = tag(table.ruleId);
  const cutoff = campaign.seniorityCutoff.date;
  const highest = archive.education.reduce<EducationLevel | null>(
    (best, e) => (best === null || educationRank(e.level) > educationRank(best) ? e.level : best),
    null,
  );
  const titleYears = archive.currentTitle ? fullYearsBetween(archive.currentTitle.obtainedOn, cutoff) : null;
  const serviceStart = archive.professionalWorkStartedOn ?? archive.workStartedOn;
  const serviceYears = fullYearsBetween(serviceStart, cutoff);

  const meets = (r: Route) => ({
    education: highest !== null && educationRank(highest) >= educationRank(r.education),
    title: !r.title || (archive.currentTitle?.level === r.title.level && (titleYears ?? 0) >= r.title.minYears),
    service: serviceYears >= r.serviceYears,
  });
  const ok = (m: ReturnType<typeof meets>) => m.education && m.title && m.service;

  const needsService = row.routes.some((r) => r.serviceYears > 0);
  const state = [
    highest ?? '未填写学历',
    archive.currentTitle
      ? `取得${archive.currentTitle.level}职称（${archive.currentTitle.obtainedOn}）满 ${titleYears} 年`
      : '未取得职称',
    ...(needsService ? [`从事本专业工作（${serviceStart} 起）满 ${serviceYears} 年`] : []),
  ].join('，');
  const source =
    table.provenance && table.provenance !== 'notice' ? `；条件依据：${table.source}，${PROVENANCE_LABELS[table.provenance]}` : '';

  const winner = row.routes.find((r) => ok(meets(r)));
  if (winner) {
    return [
      {
        ruleId: table.ruleId,
        passed: true,
        message: `符合申报${ctx.level}的学历资历条件（${routeText(winner)}；资历计算截至 ${cutoff}）：${state}${source}${t}`,
      },
    ];
  }
  return [
    {
      ruleId: table.ruleId,
      passed: false,
      message: `申报${ctx.level}须满足下列条件之一：${row.routes.map(routeText).join('；')}（资历计算截至 ${cutoff}）。现为：${state}${source}${t}`,
      fix: qualificationFix(ctx, row.routes, meets, highest),
    },
  ];
}

/** Advice from the route the applicant is closest to: right education and title, years short. */
function qualificationFix(
  ctx: Ctx,
  routes: Route[],
  meets: (r: Route) => { education: boolean; title: boolean; service: boolean },
  highest: EducationLevel | null,
): string {
  const title = ctx.archive.currentTitle;
  const closest =
    routes.find((r) => meets(r).education && (!r.title || r.title.level === title?.level)) ?? routes.find((r) => meets(r).education);
  if (!closest) {
    const lowest = routes.reduce((a, b) => (educationRank(b.education) < educationRank(a.education) ? b : a));
    return highest === null ? '填写学历信息' : `须具备${lowest.education}及以上学历`;
  }
  const tips: string[] = [];
  if (closest.title && title?.level !== closest.title.level) tips.push(`须先取得${closest.title.level}职称`);
  else if (closest.title && title) {
    const reached = addYears(title.obtainedOn, closest.title.minYears);
    if (reached > ctx.campaign.seniorityCutoff.date) {
      tips.push(`取得${closest.title.level}职称满 ${closest.title.minYears} 年之日为 ${reached}，请在资历计算截止日不早于该日的年度申报`);
    }
  }
  if (closest.serviceYears > 0) {
    const start = ctx.archive.professionalWorkStartedOn ?? ctx.archive.workStartedOn;
    const reached = addYears(start, closest.serviceYears);
    if (reached > ctx.campaign.seniorityCutoff.date) tips.push(`从事本专业工作满 ${closest.serviceYears} 年之日为 ${reached}`);
  }
  return tips.length > 0 ? tips.join('；') : `按“${routeText(closest)}”准备申报`;
}
