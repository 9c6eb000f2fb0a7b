// The smallest valid campaign configuration, to start a new notice "from scratch": one series with
// one specialty and the two lower levels, one path, the declaration window and the sections every
// campaign must have. Everything else (rules, materials, windows) is added in the editor.
// Checked against parseCampaign in template.test.ts.
import { CAMPAIGN_SCHEMA_VERSION } from '../../domain/campaign/schema';

export interface TemplatePrefecture {
  code: string;
  name: string;
  shortName: string;
  portalHost: string;
  calendarRegion: 'national' | 'xinjiang';
}

/**
 * Rule ids the template cites. A new notice usually repeats the clauses of the prefecture's last
 * notice, so the template takes that notice's ids (B21-* for Bayingol, A24-* for Aksu); the office
 * changes any of them in the editor.
 */
const RULE_FAMILIES = {
  B21: {
    scope: 'B21-2',
    platform: 'B21-4',
    path: 'B21-4',
    windows: 'B21-1',
    cutoff: 'B21-3',
    fees: 'B21-14',
    submission: 'B21-12',
    scan: 'B21-11',
    chain: 'B21-13',
    unitReview: 'B21-10',
    materials: 'B21-5',
  },
  A24: {
    scope: 'A24-1',
    platform: 'A24-2',
    path: 'A24-3',
    windows: 'A24-4',
    cutoff: 'A24-12',
    fees: 'A24-16',
    submission: 'A24-5',
    scan: 'A24-5',
    chain: 'A24-11',
    unitReview: 'A24-11',
    materials: 'A24-6',
  },
} as const;

export type RuleFamily = keyof typeof RULE_FAMILIES;

/** The family of a rule id ('B21-2' → 'B21'); A24 (the newer notice) when unknown. */
export function ruleFamilyOf(ruleId: unknown): RuleFamily {
  return typeof ruleId === 'string' && ruleId.startsWith('B21-') ? 'B21' : 'A24';
}

export interface TemplateInput {
  id: string;
  title: string;
  year: number;
  prefecture: TemplatePrefecture;
  issuer: string;
  family?: RuleFamily;
}

export function campaignTemplate({ id, title, year, prefecture, issuer, family = 'A24' }: TemplateInput): Record<string, unknown> {
  const r = RULE_FAMILIES[family];
  const platformName = `${prefecture.name}职称评审系统`;
  return {
    schemaVersion: CAMPAIGN_SCHEMA_VERSION,
    id,
    title,
    year,
    prefecture,
    issuer: { name: issuer },
    noticeDate: `${year}-07-01`,
    notice: { sourceFile: '评委会办公室在平台新建', basisDocuments: [] },
    noticeText: `${title}\n（请在此粘贴通知全文）`,
    scope: { ruleId: r.scope },
    platform: { ruleId: r.platform, name: platformName, host: prefecture.portalHost, onlyPlatformRecognised: true },
    series: [
      {
        id: 'news',
        name: '新闻',
        levels: ['初级', '中级'],
        specialties: [{ id: 'reporter', name: '记者', titles: { 初级: '助理记者', 中级: '记者' } }],
      },
    ],
    paths: [
      {
        id: 'prefecture',
        kind: 'prefecture',
        name: `${prefecture.shortName}评审`,
        portalHost: prefecture.portalHost,
        evaluatedBy: `${prefecture.shortName}评审委员会`,
        ruleId: r.path,
      },
    ],
    onePathPerYear: null,
    windows: {
      declaration: { opensAt: `${year}-07-15T00:00:00+08:00`, closesAt: `${year}-08-31T23:59:59+08:00`, ruleId: r.windows },
    },
    seniorityCutoff: { date: `${year}-12-31`, ruleId: r.cutoff },
    fees: {
      ruleId: r.fees,
      amounts: [
        { level: '初级', amountYuan: 200 },
        { level: '中级', amountYuan: 400 },
      ],
      payableAfterMaterialsReceived: true,
      methods: ['qrCode'],
    },
    passRates: [],
    submission: {
      ruleId: r.submission,
      maxSubmissions: 3,
      afterLastReturn: 'notAcceptedThisYear',
      resubmission: { kind: 'withinDays', days: 2, ruleId: r.submission },
    },
    declarationForm: { ruleId: r.submission, emptyFieldText: '无', attachmentsMustNotBeEmpty: true },
    scanRequirement: { ruleId: r.scan, text: '上传正向、清晰的原件扫描件' },
    blindReview: null,
    reviewChain: {
      ruleId: r.chain,
      countyUnitsSubmitVia: null,
      prefectureUnitsSubmitVia: null,
      batchSubmission: false,
      individualSubmissionAccepted: true,
    },
    unitReview: {
      ruleId: r.unitReview,
      checks: ['真实性', '完整性', '时效性'],
      publicityWorkingDays: 5,
      publicityContents: [],
      recommendationOpinion: null,
      opinionSignedAndStamped: true,
    },
    resultsPublicity: { ruleId: 'N40-PUBLICITY', provenance: 'national-rule', workingDays: 5, startsDayAfterMeeting: true, unitsPubliciseToo: false },
    reviewForm: null,
    evaluation: {
      ruleId: 'N40-COMMITTEE',
      provenance: 'platform-decision',
      committees: [
        { level: '初级', minMembers: 11, maxPerUnit: 3, ruleId: 'N40-COMMITTEE', provenance: 'secondary-source-to-be-confirmed' },
        { level: '中级', minMembers: 11, maxPerUnit: 3, ruleId: 'N40-COMMITTEE', provenance: 'secondary-source-to-be-confirmed' },
      ],
      scoringForms: [
        {
          levels: ['初级', '中级'],
          items: [
            { id: 'achievements', name: '业绩成果', maxPoints: 40 },
            { id: 'competence', name: '专业能力', maxPoints: 30 },
            { id: 'works', name: '论文著作（作品）', maxPoints: 20 },
            { id: 'ethics', name: '职业道德', maxPoints: 10 },
          ],
        },
      ],
    },
    materials: [
      { id: 'education-certificate', kind: 'educationCertificate', name: '学历学位证书', fileTypes: ['jpg', 'pdf'], minCount: 1, masked: false, ruleId: r.materials },
    ],
    rules: {
      exclusions: [],
      fraudBan: { ruleId: 'N40-FRAUD', provenance: 'national-rule', years: 3 },
      continuingEducation: null,
      mandarin: null,
      defence: null,
      directRecognition: null,
      qualifications: [],
    },
    annexes: [],
  };
}

/** The prefecture block of a new configuration, from the prefecture's name and portal code. */
export function prefectureFor(name: string, portal: string | null): TemplatePrefecture {
  const code = portal ?? 'xx';
  return {
    code,
    name,
    shortName: name.replace(/(蒙古自治州|哈萨克自治州|回族自治州|柯尔克孜自治州|自治州|地区)$/, '') || name,
    portalHost: `${code}.xjzcsq.com`,
    calendarRegion: 'xinjiang',
  };
}
