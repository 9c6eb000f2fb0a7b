// Campaign configuration: one evaluation notice as validated data (architecture principle 4). A new
// year, a new prefecture or a changed fee is a new file or an edit in the admin UI, never code.
//
// Conventions of the file format (schemaVersion 1):
// - Every rule object carries `ruleId` (catalogue: rule-ids.ts), optionally `clause` (the notice's
//   words), `provenance` (absent = "notice") and `note` (why, when the notice is silent or unclear).
// - Clock times are Beijing time written 'YYYY-MM-DDTHH:mm:ss+08:00'; a window is the closed
//   interval [opensAt, closesAt]. Dates are 'YYYY-MM-DD'.
// - A window a notice does not set is absent; `null` marks a rule the notice does not have.
// - Objects are strict: an unknown key (usually a typo) is an error, not silently ignored.
// Cross-field checks (window order, fees for every level, condition facts, …) run in superRefine
// even when other parts of the file are broken, so a hostile file gets every error at once.
// Pure; shared with the web.

import { z } from 'zod';
import { conditionIssues, conditionSchema, type ConditionIssue } from './conditions.js';
import { instantOf, isBeijingDateTime, isValidDate, formatBeijing } from './dates.js';
import { isKnownRuleId } from './rule-ids.js';
import {
  ASSESSMENT_GRADES,
  EDUCATION_LEVELS,
  FILE_TYPES,
  GRASS_ROOTS_SERVICE_IDS,
  LEVELS,
  levelRank,
  MANDARIN_LEVELS,
  PATH_KINDS,
  PROVENANCES,
  SANCTION_KINDS,
  SLOT_KINDS,
  type Level,
} from './vocabulary.js';

export const CAMPAIGN_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Building blocks.

const text = z.string().refine((s) => s.trim() !== '', '不能为空');
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '标识只能由小写字母、数字和连字符组成，如 bayingol-2021-news');
const date = z.string().refine(isValidDate, '应为有效日期，格式 YYYY-MM-DD');
const beijingTime = z
  .string()
  .refine(isBeijingDateTime, '应为北京时间，格式 YYYY-MM-DDTHH:mm:ss+08:00，如 2021-09-25T23:59:59+08:00');
const year = z.int().min(2000, '年度应不早于 2000').max(2100, '年度应不晚于 2100');
const level = z.enum(LEVELS);
const ruleId = z.string().refine(isKnownRuleId, {
  error: (issue) => `未知的规则编号“${String(issue.input)}”：规则编号须在规则目录（rule-ids.ts）中`,
});

/** Fields every rule object has. */
const ruleRef = {
  ruleId,
  clause: text.optional(),
  provenance: z.enum(PROVENANCES).optional(),
  note: text.optional(),
};

// ---------------------------------------------------------------------------------------------
// Sections.

export const windowSchema = z.strictObject({
  opensAt: beijingTime,
  closesAt: beijingTime,
  /** The notice gives only an approximate time (B21: 评审“拟定于 10 月下旬”). */
  tentative: z.boolean().optional(),
  ...ruleRef,
});
export type CampaignWindow = z.infer<typeof windowSchema>;

export const deadlineSchema = z.strictObject({ at: beijingTime, ...ruleRef });

export const WINDOW_KEYS = [
  'declaration',
  'unitReview',
  'committeeReview',
  'paperMaterials',
  'meetingAndPublicity',
  'documents',
  'eCertificates',
] as const;
export type WindowKey = (typeof WINDOW_KEYS)[number];

export const WINDOW_LABELS: Record<WindowKey | 'paymentDeadline', string> = {
  declaration: '网上申报',
  unitReview: '用人单位及主管部门审核',
  committeeReview: '评审委员会审核',
  paperMaterials: '纸质材料报送',
  meetingAndPublicity: '评审及公示',
  documents: '任职资格文件印发',
  eCertificates: '事后备案及电子证书签发',
  paymentDeadline: '缴费截止',
};

export const windowsSchema = z.strictObject({
  declaration: windowSchema,
  unitReview: windowSchema.optional(),
  committeeReview: windowSchema.optional(),
  paymentDeadline: deadlineSchema.optional(),
  paperMaterials: windowSchema.optional(),
  meetingAndPublicity: windowSchema.optional(),
  documents: windowSchema.optional(),
  eCertificates: windowSchema.optional(),
});

const specialtySchema = z.strictObject({
  id: slug,
  name: text,
  /** Title name per level, e.g. { "初级": "助理记者", "中级": "记者" }; exactly the series' levels. */
  titles: z.partialRecord(level, text),
});

export const seriesSchema = z.strictObject({
  id: slug,
  name: text,
  levels: z.array(level).min(1, '至少开设一个级别'),
  specialties: z.array(specialtySchema).min(1, '至少设置一个专业'),
});

const pathSchema = z.strictObject({
  id: slug,
  kind: z.enum(PATH_KINDS),
  name: text,
  /** Where the applicant declares for this path (aks.xjzcsq.com, or the regional www.xjzcsq.com). */
  portalHost: text,
  evaluatedBy: text,
  ...ruleRef,
});

const feesSchema = z.strictObject({
  ...ruleRef,
  amounts: z.array(z.strictObject({ level, amountYuan: z.int().positive('评审费应为正整数（元）') })).min(1, '至少设置一个级别的评审费'),
  /** A24-16: the fee is paid once the office marks the application "已接收材料". */
  payableAfterMaterialsReceived: z.boolean(),
  methods: z.array(z.enum(['qrCode', 'bankTransfer'])),
});

const passRateSchema = z.discriminatedUnion('policy', [
  z.strictObject({
    level,
    policy: z.literal('capped'),
    /** Percent of candidates who may pass; null while the committee has not set it (A24-17). */
    ratePercent: z.number().gt(0, '通过率应大于 0').max(100, '通过率不能超过 100').nullable(),
    rateSetBy: text,
    ...ruleRef,
  }),
  z.strictObject({ level, policy: z.literal('uncapped'), ...ruleRef }),
]);

const resubmissionSchema = z.discriminatedUnion('kind', [
  /** A24-5: resubmit within N calendar days after a return (the day of the return not counted). */
  z.strictObject({ kind: z.literal('withinDays'), days: z.int().min(1, '天数至少为 1'), ...ruleRef }),
  /**
   * Resubmit until a window closes (B21: the online system closes with the declaration window).
   * `atLeastDays`: a return late in (or after) the window still leaves this many calendar days, the
   * day of the return not counted; the deadline is then the later of the two.
   */
  z.strictObject({
    kind: z.literal('untilWindowCloses'),
    window: z.enum(WINDOW_KEYS),
    atLeastDays: z.int().min(1, '天数至少为 1').optional(),
    ...ruleRef,
  }),
]);

const submissionSchema = z.strictObject({
  ...ruleRef,
  maxSubmissions: z.int().min(1, '提交次数上限至少为 1'),
  /** B21-12 / A24-5: after the last allowed submission still fails, it is returned and not accepted this year. */
  afterLastReturn: z.literal('notAcceptedThisYear'),
  resubmission: resubmissionSchema,
});

const declarationFormSchema = z.strictObject({
  ...ruleRef,
  /** B21-12: a field with nothing to say reads this text; null when the notice does not say. */
  emptyFieldText: text.nullable(),
  attachmentsMustNotBeEmpty: z.boolean(),
});

const scanRequirementSchema = z.strictObject({ ...ruleRef, text });

const blindReviewSchema = z.strictObject({
  ...ruleRef,
  levels: z.array(level).min(1),
  maskedItems: z.array(text).min(1),
  declassifyClassifiedMaterial: z.boolean(),
});

const reviewChainSchema = z.strictObject({
  ...ruleRef,
  countyUnitsSubmitVia: text.nullable(),
  prefectureUnitsSubmitVia: text.nullable(),
  batchSubmission: z.boolean(),
  individualSubmissionAccepted: z.boolean(),
});

const unitReviewSchema = z.strictObject({
  ...ruleRef,
  checks: z.array(text).min(1),
  publicityWorkingDays: z.int().min(5, '单位内部公示不少于 5 个工作日'),
  publicityContents: z.array(text),
  /** B21-10: the words the unit writes by hand in the opinion box; null when not prescribed. */
  recommendationOpinion: text.nullable(),
  opinionSignedAndStamped: z.boolean(),
});

const resultsPublicitySchema = z.strictObject({
  ...ruleRef,
  workingDays: z.int().min(5, '评审结果公示不少于 5 个工作日'),
  startsDayAfterMeeting: z.boolean(),
  unitsPubliciseToo: z.boolean(),
});

/** One committee per series and level (N40-COMMITTEE): the smallest size and the most members from one unit. */
const committeeRuleSchema = z.strictObject({
  level,
  minMembers: z.int().min(3, '评审委员会至少 3 人').refine((n) => n % 2 === 1, '评审委员会人数应为单数'),
  maxPerUnit: z.int().min(1, '同一单位专家人数上限至少为 1'),
  ...ruleRef,
});

const scoringItemSchema = z.strictObject({ id: slug, name: text, maxPoints: z.int().min(1, '分值至少为 1').max(100, '分值不超过 100') });

/** The experts' scoring form (评分表) of the levels it lists; its full mark is the sum of the items. */
const scoringFormSchema = z.strictObject({ levels: z.array(level).min(1, '评分表至少适用一个级别'), items: z.array(scoringItemSchema).min(1, '评分表至少一项') });

const evaluationSchema = z.strictObject({
  ...ruleRef,
  committees: z.array(committeeRuleSchema).min(1, '至少设置一个级别的评审委员会'),
  scoringForms: z.array(scoringFormSchema).min(1, '至少设置一张评分表'),
});
export type EvaluationConfig = z.infer<typeof evaluationSchema>;

const reviewFormSchema = z.strictObject({
  ...ruleRef,
  copies: z.int().min(1),
  paperSize: z.literal('A4'),
  duplex: z.boolean(),
  watermarkRequired: z.boolean(),
  deliverTo: text,
});

const platformSchema = z.strictObject({
  ...ruleRef,
  name: text,
  host: text,
  /** A24-2: a title not evaluated on the platform is not recognised. */
  onlyPlatformRecognised: z.boolean(),
  guide: text.optional(),
});

export const materialSlotSchema = z.strictObject({
  id: slug,
  kind: z.enum(SLOT_KINDS),
  name: text,
  /** Section of the declaration form (A24-10: “其他附件或证明材料”). */
  section: text.optional(),
  fileTypes: z.array(z.enum(FILE_TYPES)).min(1, '至少允许一种文件类型'),
  /** Minimum items: files, or works for representativeWorks (a work may span several files). */
  minCount: z.int().min(0),
  /** A24-7: masked (name, photo, unit) for blind review. */
  masked: z.boolean(),
  /** Absent: the slot applies to every application. */
  when: conditionSchema.optional(),
  /** annualAssessment only: one upload per listed year (B21-5: 2018–2020). */
  years: z.array(year).min(1).optional(),
  ...ruleRef,
});
export type MaterialSlot = z.infer<typeof materialSlotSchema>;

const exclusionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('civilServant'), ...ruleRef }),
  z.strictObject({ kind: z.literal('civilServiceManagedUnit'), ...ruleRef }),
  z.strictObject({ kind: z.literal('retired'), ...ruleRef }),
  z.strictObject({
    kind: z.literal('statutoryRetirementAge'),
    ageMale: z.int().min(40).max(80),
    ageFemale: z.int().min(40).max(80),
    ...ruleRef,
  }),
  z.strictObject({ kind: z.literal('sanction'), sanctionKinds: z.array(z.enum(SANCTION_KINDS)).min(1), ...ruleRef }),
  z.strictObject({
    kind: z.literal('examInsteadOfEvaluation'),
    entries: z.array(z.strictObject({ seriesId: slug, levels: z.array(level).min(1), exam: text })).min(1),
    ...ruleRef,
  }),
]);
export type Exclusion = z.infer<typeof exclusionSchema>;

const continuingEducationSchema = z.strictObject({
  ...ruleRef,
  yearsCovered: z.strictObject({ from: year, to: year }),
  minTotalHoursPerYear: z.int().min(0),
  minProfessionalHoursPerYear: z.int().min(0),
  /** null: the notice sets no separate minimum for public subjects (A24-15). */
  minPublicHoursPerYear: z.int().min(0).nullable(),
  exemption: z
    .strictObject({
      ...ruleRef,
      formName: text,
      services: z.array(z.enum(GRASS_ROOTS_SERVICE_IDS)).optional(),
    })
    .nullable(),
  /** A24-8: from these years on, certificates come from the platform's own records, not uploads. */
  platformRecords: z
    .strictObject({ ...ruleRef, professionalFromYear: year, publicFromYear: year })
    .nullable(),
});

const mandarinSchema = z.strictObject({
  ...ruleRef,
  /** Absent: every applicant. A24-9: staff of public institutions. */
  appliesWhen: conditionSchema.optional(),
  minimum: z.enum(MANDARIN_LEVELS),
  /** First entry listing the applicant's post wins. */
  byPost: z.array(z.strictObject({ posts: z.array(text).min(1), minimum: z.enum(MANDARIN_LEVELS) })),
});

const defenceExemptionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grassRootsService'), services: z.array(z.enum(GRASS_ROOTS_SERVICE_IDS)).min(1), ...ruleRef }),
  z.strictObject({ kind: z.literal('counties'), counties: z.array(text).min(1), ...ruleRef }),
  z.strictObject({ kind: z.literal('countyLevelOrBelow'), ...ruleRef }),
]);

const defenceSchema = z.strictObject({
  ...ruleRef,
  requiredForLevels: z.array(level),
  exemptions: z.array(defenceExemptionSchema),
  exemptScoring: z.strictObject({
    whenScored: z.enum(['averageOfAllParticipants', 'averageOfSameSpecialty']),
    whenUnscored: z.literal('treatedAsPassed').nullable(),
  }),
  videoAllowed: z.boolean(),
});

const directRecognitionSchema = z.strictObject({
  ...ruleRef,
  services: z.array(z.enum(GRASS_ROOTS_SERVICE_IDS)).min(1),
  consecutiveYears: z.int().min(1),
  requiredGrade: z.enum(ASSESSMENT_GRADES),
});

const qualificationRouteSchema = z.strictObject({
  /** Minimum highest education. */
  education: z.enum(EDUCATION_LEVELS),
  /** Current title required and the full years held at the seniority cut-off; null: none needed. */
  title: z.strictObject({ level, minYears: z.int().min(0) }).nullable(),
  /** Full years of professional work at the cut-off (0: none). */
  serviceYears: z.int().min(0),
});

const qualificationTableSchema = z.strictObject({
  ...ruleRef,
  seriesId: slug,
  source: text,
  levels: z
    .array(z.strictObject({ level, routes: z.array(qualificationRouteSchema).min(1, '每个级别至少一种学历资历条件') }))
    .min(1),
});
export type QualificationTable = z.infer<typeof qualificationTableSchema>;

const rulesSchema = z.strictObject({
  exclusions: z.array(exclusionSchema),
  fraudBan: z.strictObject({ ...ruleRef, years: z.int().min(1) }).nullable(),
  continuingEducation: continuingEducationSchema.nullable(),
  mandarin: mandarinSchema.nullable(),
  defence: defenceSchema.nullable(),
  directRecognition: directRecognitionSchema.nullable(),
  qualifications: z.array(qualificationTableSchema),
});

// ---------------------------------------------------------------------------------------------
// The campaign.

const campaignShape = z.strictObject({
  schemaVersion: z.literal(CAMPAIGN_SCHEMA_VERSION, { error: `不支持的配置版本：schemaVersion 应为 ${CAMPAIGN_SCHEMA_VERSION}` }),
  id: slug,
  title: text,
  /** 评审年度; "one path per year" (A24-3) compares it. */
  year,
  prefecture: z.strictObject({
    /** Portal code: bz.xjzcsq.com → "bz", aks.xjzcsq.com → "aks". */
    code: z.string().regex(/^[a-z]+$/, '门户代码只能是小写字母，如 bz、aks'),
    name: text,
    shortName: text,
    portalHost: text,
    calendarRegion: z.enum(['national', 'xinjiang']),
  }),
  issuer: z.strictObject({ name: text, address: text.optional() }),
  noticeDate: date,
  notice: z.strictObject({
    /** The source text the file was written from (e.g. a seed file name). */
    sourceFile: text,
    basisDocuments: z.array(text),
  }),
  /** The notice's full text, shown on the public page. */
  noticeText: text,
  /** Who and what the evaluation covers (B21-2, A24-1): series, specialties, levels and paths outside it are refused. */
  scope: z.strictObject({ ...ruleRef }),
  platform: platformSchema,
  series: z.array(seriesSchema).min(1, '至少开设一个系列'),
  paths: z.array(pathSchema).min(1, '至少设置一种申报途径'),
  /** A24-3; null when the notice has no such rule. */
  onePathPerYear: z.strictObject({ ...ruleRef }).nullable(),
  windows: windowsSchema,
  /** Seniority (资历) is counted up to this date (A24-12). */
  seniorityCutoff: z.strictObject({ date, ...ruleRef }),
  fees: feesSchema,
  passRates: z.array(passRateSchema),
  submission: submissionSchema,
  declarationForm: declarationFormSchema,
  scanRequirement: scanRequirementSchema,
  blindReview: blindReviewSchema.nullable(),
  reviewChain: reviewChainSchema,
  unitReview: unitReviewSchema,
  resultsPublicity: resultsPublicitySchema.nullable(),
  reviewForm: reviewFormSchema.nullable(),
  /** The committee's part: committee sizes per level and the experts' scoring forms. */
  evaluation: evaluationSchema,
  materials: z.array(materialSlotSchema).min(1, '至少设置一个材料栏目'),
  rules: rulesSchema,
  annexes: z.array(z.strictObject({ number: z.int().min(1), name: text, ...ruleRef })),
});

export type Campaign = z.infer<typeof campaignShape>;

export const campaignSchema = campaignShape.superRefine(
  (value, ctx) => {
    for (const issue of crossFieldIssues(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  },
  // Run even when parts of the file failed: the checks below parse what they need themselves.
  { when: () => true },
);

// ---------------------------------------------------------------------------------------------
// Cross-field checks. `raw` may be anything. Each check parses only the fields it reads, with loose
// shapes (other fields and their errors are the base schema's business), so one broken field — an
// unknown rule id in a window, say — does not hide an overlap of that window's dates.

function parsed<T>(schema: z.ZodType<T>, v: unknown): T | undefined {
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
}

function field(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
}

function items(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Reports the second and later occurrences of a duplicated value. */
function duplicates(values: { value: unknown; path: (string | number)[] }[], what: string): ConditionIssue[] {
  const seen = new Set<unknown>();
  const out: ConditionIssue[] = [];
  for (const { value, path } of values) {
    if (value === undefined) continue;
    if (seen.has(value)) out.push({ path, message: `${what}“${String(value)}”重复` });
    seen.add(value);
  }
  return out;
}

const looseWindow = z.object({ opensAt: beijingTime, closesAt: beijingTime });
const looseDeadline = z.object({ at: beijingTime });
const looseSeries = z.object({
  id: slug,
  name: z.string(),
  levels: z.array(level),
  specialties: z.array(z.object({ id: slug, titles: z.record(z.string(), z.unknown()) })),
});
const looseLevelItem = z.object({ level });
const looseSlot = z.object({
  kind: z.enum(SLOT_KINDS),
  fileTypes: z.array(z.enum(FILE_TYPES)).optional(),
  years: z.array(year).optional(),
});
const looseQualificationTable = z.object({
  seriesId: z.string(),
  levels: z.array(z.object({ level, routes: z.array(z.object({ title: z.object({ level }).nullable() })) })),
});

// Pairs of windows that must not overlap: the first must close before the second opens.
const WINDOW_ORDER: [WindowKey, WindowKey, string][] = [
  ['declaration', 'meetingAndPublicity', '评审须在网上申报结束后进行'],
  ['unitReview', 'meetingAndPublicity', '评审须在审核结束后进行'],
  ['committeeReview', 'meetingAndPublicity', '评审须在审核结束后进行'],
  ['paperMaterials', 'meetingAndPublicity', '纸质材料须在评审前报送'],
  ['declaration', 'paperMaterials', '评审表在网上申报结束后才生成（B21-6）'],
  ['meetingAndPublicity', 'documents', '任职资格文件在评审及公示结束后印发'],
  ['meetingAndPublicity', 'eCertificates', '电子证书在评审及公示结束后签发'],
];

export function crossFieldIssues(raw: unknown): ConditionIssue[] {
  return [...windowIssues(raw), ...offerIssues(raw), ...materialIssues(raw), ...ruleIssues(raw)];
}

/** Windows in order and not overlapping where they must not (B21-1, A24-4). */
function windowIssues(raw: unknown): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const rawWindows = field(raw, 'windows');
  const windows: Partial<Record<WindowKey, z.infer<typeof looseWindow>>> = {};
  for (const key of WINDOW_KEYS) {
    const w = parsed(looseWindow, field(rawWindows, key));
    if (!w) continue;
    windows[key] = w;
    if (instantOf(w.opensAt) > instantOf(w.closesAt)) {
      issues.push({
        path: ['windows', key, 'closesAt'],
        message: `${WINDOW_LABELS[key]}的结束时间（${formatBeijing(w.closesAt)}）早于开始时间（${formatBeijing(w.opensAt)}）`,
      });
    }
  }
  for (const [first, second, why] of WINDOW_ORDER) {
    const a = windows[first];
    const b = windows[second];
    if (a && b && instantOf(a.closesAt) >= instantOf(b.opensAt)) {
      issues.push({
        path: ['windows', second, 'opensAt'],
        message: `${WINDOW_LABELS[second]}时间（${formatBeijing(b.opensAt)} 起）与${WINDOW_LABELS[first]}时间（至 ${formatBeijing(a.closesAt)}）重叠：${why}`,
      });
    }
  }
  const decl = windows.declaration;
  if (decl) {
    for (const key of ['unitReview', 'committeeReview'] as const) {
      const w = windows[key];
      if (!w) continue;
      if (instantOf(w.opensAt) < instantOf(decl.opensAt)) {
        issues.push({ path: ['windows', key, 'opensAt'], message: `${WINDOW_LABELS[key]}不能早于网上申报开始（${formatBeijing(decl.opensAt)}）` });
      }
      if (instantOf(w.closesAt) < instantOf(decl.closesAt)) {
        issues.push({
          path: ['windows', key, 'closesAt'],
          message: `${WINDOW_LABELS[key]}不能早于网上申报结束（${formatBeijing(decl.closesAt)}），否则最后提交的申报无人审核`,
        });
      }
    }
  }
  const payment = parsed(looseDeadline, field(rawWindows, 'paymentDeadline'));
  if (payment) {
    if (decl && instantOf(payment.at) < instantOf(decl.opensAt)) {
      issues.push({ path: ['windows', 'paymentDeadline', 'at'], message: `缴费截止时间早于网上申报开始（${formatBeijing(decl.opensAt)}）` });
    }
    const meeting = windows.meetingAndPublicity;
    if (meeting && instantOf(payment.at) > instantOf(meeting.closesAt)) {
      issues.push({ path: ['windows', 'paymentDeadline', 'at'], message: `缴费截止时间晚于评审及公示结束（${formatBeijing(meeting.closesAt)}）` });
    }
  }
  const noticeDate = parsed(date, field(raw, 'noticeDate'));
  if (noticeDate && decl && noticeDate > decl.opensAt.slice(0, 10)) {
    issues.push({ path: ['noticeDate'], message: `通知日期（${noticeDate}）晚于网上申报开始（${formatBeijing(decl.opensAt)}）` });
  }
  const submission = field(raw, 'submission');
  const resubmission = parsed(z.object({ kind: z.literal('untilWindowCloses'), window: z.enum(WINDOW_KEYS) }), field(submission, 'resubmission'));
  if (resubmission && field(rawWindows, resubmission.window) === undefined) {
    issues.push({ path: ['submission', 'resubmission', 'window'], message: `引用的时间段“${WINDOW_LABELS[resubmission.window]}”未设置` });
  }
  return issues;
}

type Known = { seriesIds: string[]; specialtyIds: string[]; offered: Set<Level>; series: z.infer<typeof looseSeries>[] };

/** What the campaign offers, when the series list is readable; undefined otherwise (checks depending on it are skipped). */
function knownOffer(raw: unknown): Known | undefined {
  const list = items(field(raw, 'series')).map((s) => parsed(looseSeries, s));
  if (list.length === 0 || list.some((s) => s === undefined)) return undefined;
  const series = list as z.infer<typeof looseSeries>[];
  return {
    series,
    seriesIds: series.map((s) => s.id),
    specialtyIds: series.flatMap((s) => s.specialties.map((sp) => sp.id)),
    offered: new Set(series.flatMap((s) => s.levels)),
  };
}

/** Series, specialties, paths, fees for every level offered (B21-14, A24-16), pass rates (A24-17). */
function offerIssues(raw: unknown): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const rawSeries = items(field(raw, 'series'));
  const seriesList = rawSeries.map((s) => parsed(looseSeries, s));
  issues.push(...duplicates(seriesList.map((s, i) => ({ value: s?.id, path: ['series', i, 'id'] })), '系列标识'));
  issues.push(
    ...duplicates(
      seriesList.flatMap((s, i) => (s ? s.specialties.map((sp, j) => ({ value: sp.id, path: ['series', i, 'specialties', j, 'id'] })) : [])),
      '专业标识',
    ),
  );
  seriesList.forEach((s, i) => {
    if (!s) return;
    issues.push(...duplicates(s.levels.map((l, j) => ({ value: l, path: ['series', i, 'levels', j] })), '级别'));
    s.specialties.forEach((sp, j) => {
      for (const l of s.levels) {
        if (typeof sp.titles[l] !== 'string') issues.push({ path: ['series', i, 'specialties', j, 'titles'], message: `缺少${l}的职称名称` });
      }
      for (const l of Object.keys(sp.titles)) {
        if ((LEVELS as readonly string[]).includes(l) && !s.levels.includes(l as Level)) {
          issues.push({ path: ['series', i, 'specialties', j, 'titles', l], message: `系列“${s.name}”未开设${l}` });
        }
      }
    });
  });
  issues.push(...duplicates(items(field(raw, 'paths')).map((p, i) => ({ value: field(p, 'id'), path: ['paths', i, 'id'] })), '申报途径标识'));

  const known = knownOffer(raw);
  const amounts = items(field(field(raw, 'fees'), 'amounts')).map((a) => parsed(looseLevelItem, a));
  issues.push(...duplicates(amounts.map((a, i) => ({ value: a?.level, path: ['fees', 'amounts', i, 'level'] })), '评审费级别'));
  if (known && Array.isArray(field(field(raw, 'fees'), 'amounts'))) {
    for (const l of LEVELS) {
      if (known.offered.has(l) && !amounts.some((a) => a?.level === l)) {
        issues.push({ path: ['fees', 'amounts'], message: `缺少${l}的评审费：开设的每个级别都须设置评审费` });
      }
    }
    amounts.forEach((a, i) => {
      if (a && !known.offered.has(a.level)) issues.push({ path: ['fees', 'amounts', i, 'level'], message: `未开设${a.level}，不应设置其评审费` });
    });
  }

  const passRates = items(field(raw, 'passRates')).map((p) => parsed(looseLevelItem, p));
  issues.push(...duplicates(passRates.map((p, i) => ({ value: p?.level, path: ['passRates', i, 'level'] })), '通过率级别'));
  passRates.forEach((p, i) => {
    if (p && known && !known.offered.has(p.level)) issues.push({ path: ['passRates', i, 'level'], message: `未开设${p.level}，不应设置其通过率` });
  });
  issues.push(...evaluationIssues(raw, known));
  return issues;
}

const looseScoringForm = z.object({ levels: z.array(level), items: z.array(z.object({ id: z.string() })) });

/** Every offered level has one committee rule and exactly one scoring form; none for levels not offered. */
function evaluationIssues(raw: unknown, known: ReturnType<typeof knownOffer>): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const evaluation = field(raw, 'evaluation');
  const committees = items(field(evaluation, 'committees')).map((c) => parsed(looseLevelItem, c));
  issues.push(...duplicates(committees.map((c, i) => ({ value: c?.level, path: ['evaluation', 'committees', i, 'level'] })), '评审委员会级别'));
  const forms = items(field(evaluation, 'scoringForms')).map((f) => parsed(looseScoringForm, f));
  issues.push(
    ...duplicates(
      forms.flatMap((f, i) => (f ? f.levels.map((l, j) => ({ value: l, path: ['evaluation', 'scoringForms', i, 'levels', j] })) : [])),
      '评分表级别',
    ),
  );
  forms.forEach((f, i) => {
    if (f) issues.push(...duplicates(f.items.map((item, j) => ({ value: item.id, path: ['evaluation', 'scoringForms', i, 'items', j, 'id'] })), '评分项标识'));
  });
  if (!known || evaluation === undefined) return issues;
  for (const l of LEVELS) {
    if (!known.offered.has(l)) continue;
    if (!committees.some((c) => c?.level === l)) issues.push({ path: ['evaluation', 'committees'], message: `缺少${l}评审委员会的组建要求` });
    if (!forms.some((f) => f?.levels.includes(l))) issues.push({ path: ['evaluation', 'scoringForms'], message: `缺少${l}的评分表` });
  }
  committees.forEach((c, i) => {
    if (c && !known.offered.has(c.level)) issues.push({ path: ['evaluation', 'committees', i, 'level'], message: `未开设${c.level}，不应设置其评审委员会` });
  });
  forms.forEach((f, i) => {
    f?.levels.forEach((l, j) => {
      if (!known.offered.has(l)) issues.push({ path: ['evaluation', 'scoringForms', i, 'levels', j], message: `未开设${l}，不应设置其评分表` });
    });
  });
  return issues;
}

/** Material slots: unique ids, years only on annual assessments, conditions naming known facts and values. */
function materialIssues(raw: unknown): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const known = knownOffer(raw);
  const rawSlots = items(field(raw, 'materials'));
  issues.push(...duplicates(rawSlots.map((m, i) => ({ value: field(m, 'id'), path: ['materials', i, 'id'] })), '材料栏目标识'));
  const slots = rawSlots.map((m) => parsed(looseSlot, m));
  slots.forEach((s, i) => {
    if (!s) return;
    issues.push(...duplicates((s.fileTypes ?? []).map((t, j) => ({ value: t, path: ['materials', i, 'fileTypes', j] })), '文件类型'));
    if (s.kind === 'annualAssessment' && !s.years) {
      issues.push({ path: ['materials', i, 'years'], message: '年度考核表栏目须列出所需年度（years）' });
    }
    if (s.kind !== 'annualAssessment' && s.years) {
      issues.push({ path: ['materials', i, 'years'], message: '只有年度考核表栏目可设置年度（years）' });
    }
    if (s.years) issues.push(...duplicates(s.years.map((y, j) => ({ value: y, path: ['materials', i, 'years', j] })), '年度'));
  });
  rawSlots.forEach((m, i) => {
    const when = parsed(conditionSchema, field(m, 'when'));
    if (when && known) issues.push(...conditionIssues(when, ['materials', i, 'when'], known));
  });
  const hasKind = (k: string) => slots.some((s) => s?.kind === k);
  if (slots.every((s) => s !== undefined) && hasKind('educationVerification') !== hasKind('educationFallback')) {
    issues.push({
      path: ['materials'],
      message: '学信网验证栏目（educationVerification）与无法验证时的替代材料栏目（educationFallback）须同时设置（B21-5、A24-6）',
    });
  }
  return issues;
}

/** Rules that refer to series, levels, posts or years of the campaign. */
function ruleIssues(raw: unknown): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  const known = knownOffer(raw);
  const rawRules = field(raw, 'rules');

  items(field(rawRules, 'exclusions')).forEach((e, i) => {
    if (field(e, 'kind') !== 'examInsteadOfEvaluation' || !known) return;
    items(field(e, 'entries')).forEach((entry, j) => {
      const seriesId = field(entry, 'seriesId');
      if (typeof seriesId === 'string' && !known.seriesIds.includes(seriesId)) {
        issues.push({ path: ['rules', 'exclusions', i, 'entries', j, 'seriesId'], message: `系列“${seriesId}”不在本次评审的系列中` });
      }
    });
  });

  const covered = parsed(z.object({ from: year, to: year }), field(field(rawRules, 'continuingEducation'), 'yearsCovered'));
  if (covered && covered.from > covered.to) {
    issues.push({ path: ['rules', 'continuingEducation', 'yearsCovered', 'to'], message: '继续教育结束年度早于开始年度' });
  }

  const mandarin = field(rawRules, 'mandarin');
  issues.push(
    ...duplicates(
      items(field(mandarin, 'byPost')).flatMap((b, i) =>
        items(field(b, 'posts')).map((p, j) => ({ value: p, path: ['rules', 'mandarin', 'byPost', i, 'posts', j] })),
      ),
      '岗位',
    ),
  );
  const appliesWhen = parsed(conditionSchema, field(mandarin, 'appliesWhen'));
  if (appliesWhen && known) issues.push(...conditionIssues(appliesWhen, ['rules', 'mandarin', 'appliesWhen'], known));

  const required = parsed(z.array(level), field(field(rawRules, 'defence'), 'requiredForLevels'));
  required?.forEach((l, i) => {
    if (known && !known.offered.has(l)) issues.push({ path: ['rules', 'defence', 'requiredForLevels', i], message: `未开设${l}` });
  });

  const tables = items(field(rawRules, 'qualifications')).map((q) => parsed(looseQualificationTable, q));
  issues.push(...duplicates(tables.map((t, i) => ({ value: t?.seriesId, path: ['rules', 'qualifications', i, 'seriesId'] })), '评审条件系列'));
  tables.forEach((t, i) => {
    if (!t || !known) return;
    const s = known.series.find((x) => x.id === t.seriesId);
    if (!s) {
      issues.push({ path: ['rules', 'qualifications', i, 'seriesId'], message: `系列“${t.seriesId}”不在本次评审的系列中` });
      return;
    }
    issues.push(...duplicates(t.levels.map((l, j) => ({ value: l.level, path: ['rules', 'qualifications', i, 'levels', j, 'level'] })), '级别'));
    t.levels.forEach((l, j) => {
      if (!s.levels.includes(l.level)) {
        issues.push({ path: ['rules', 'qualifications', i, 'levels', j, 'level'], message: `系列“${s.name}”未开设${l.level}` });
      }
      l.routes.forEach((r, k) => {
        if (r.title && levelRank(r.title.level) >= levelRank(l.level)) {
          issues.push({
            path: ['rules', 'qualifications', i, 'levels', j, 'routes', k, 'title', 'level'],
            message: `申报${l.level}所需的现职称级别（${r.title.level}）应低于${l.level}`,
          });
        }
      });
    });
  });
  return issues;
}
