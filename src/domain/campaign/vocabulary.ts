// The closed vocabularies a campaign file and an applicant's archive are written in. Lists that
// carry an order (levels, Mandarin grades, education) are written lowest first, so comparing two
// values is comparing their indexes. Pure data, shared with the web (labels fill the selects).

/** Title levels. Literary creation calls them 四级–一级作家; the campaign maps each to a title name. */
export const LEVELS = ['初级', '中级', '副高', '正高'] as const;
export type Level = (typeof LEVELS)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/**
 * Declaration paths (A24-3). `prefecture`: the prefecture's own committee evaluates (A24 calls it
 * 地区“定向评价”评审; B21 has only this path). `recommended`: the prefecture's 人社 department
 * recommends the applicant to the region's or another prefecture's committee.
 */
export const PATH_KINDS = ['prefecture', 'recommended'] as const;
export type PathKind = (typeof PATH_KINDS)[number];
export const PATH_KIND_LABELS: Record<PathKind, string> = {
  prefecture: '本地州评审委员会评审（定向评价）',
  recommended: '推荐自治区或其他地州评审',
};

/** Highest education, lowest first. 学位 and 学历 are not told apart: the tables use either. */
export const EDUCATION_LEVELS = ['中专', '大专', '本科', '硕士', '博士'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Putonghua proficiency grades, lowest first (A24-9: 一级甲 > 一级乙 > 二级甲 > 二级乙 > 三级甲 > 三级乙). */
export const MANDARIN_LEVELS = ['三级乙等', '三级甲等', '二级乙等', '二级甲等', '一级乙等', '一级甲等'] as const;
export type MandarinLevel = (typeof MANDARIN_LEVELS)[number];

/** Annual assessment grades (称职 is written 合格 here). 不定等次: first-year staff on probation. */
export const ASSESSMENT_GRADES = ['优秀', '合格', '基本合格', '不合格', '不定等次'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

/**
 * Sanctions: 政务处分 / 事业单位工作人员处分 and Party discipline. Which of them bar an application
 * during their term is campaign data (rules.exclusions, kind "sanction"), not an order coded here.
 */
export const SANCTION_KINDS = [
  '警告',
  '记过',
  '记大过',
  '降低岗位等级',
  '降级',
  '撤职',
  '开除',
  '严重警告',
  '撤销党内职务',
  '留党察看',
  '开除党籍',
] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/**
 * Grass-roots services that exempt from continuing education (B21-8, A24-8), from the oral defence
 * (B21-7, A24-14) and, after three excellent years, lead to direct recognition (B21-8). B21's
 * 驻村管寺 and A24's 驻村宗教 are the same service, as are B21's “访惠聚”驻村 and A24's 驻村.
 */
export const GRASS_ROOTS_SERVICES = {
  'village-work-team': '驻村工作（含“访惠聚”驻村及抽调到各级“访惠聚”办公室）',
  'village-religious-affairs': '驻村管寺（驻村宗教）工作',
  'south-xinjiang-preschool': '南疆学前教育支教',
  'inland-service': '内地服务管理工作',
  'poor-village-first-secretary': '担任深度贫困村第一书记',
  'cooperative-founding': '下沉基层一线创办、领办合作社',
  'village-committee': '进入村“两委”班子',
  'cooperative-village-agriculture': '参与合作社所在村农业生产组织管理工作',
  'township-enterprise-secondment': '到乡（镇）村和企业挂职、兼职',
  'innovation-leave': '离岗创新创业',
} as const;
export type GrassRootsService = keyof typeof GRASS_ROOTS_SERVICES;
export const GRASS_ROOTS_SERVICE_IDS = Object.keys(GRASS_ROOTS_SERVICES) as [GrassRootsService, ...GrassRootsService[]];

export const FILE_TYPES = ['jpg', 'png', 'pdf'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/**
 * What an upload slot is for. The eligibility engine reads some kinds: representativeWorks (B21-5),
 * annualAssessment (B21-5), educationVerification / educationFallback (B21-5, A24-6).
 */
export const SLOT_KINDS = [
  'educationCertificate',
  'educationVerification',
  'educationFallback',
  'titleCertificate',
  'achievements',
  'works',
  'representativeWorks',
  'continuingEducation',
  'continuingEducationExemption',
  'annualAssessment',
  'mandarinCertificate',
  'politicalConduct',
  'unitPublicity',
  'publicityResult',
  'recommendationReport',
  'personalCommitment',
  'other',
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/**
 * Where a rule's content comes from. `notice`: the clause quoted in `clause`. `national-rule`: a
 * national regulation applied where the notice is silent. `secondary-source-to-be-confirmed`:
 * commonly published text whose original was not available (domain-rules.md, "Not certain").
 * `platform-decision`: the notice is silent and the platform chose; `note` says why.
 */
export const PROVENANCES = ['notice', 'national-rule', 'secondary-source-to-be-confirmed', 'platform-decision'] as const;
export type Provenance = (typeof PROVENANCES)[number];
export const PROVENANCE_LABELS: Record<Provenance, string> = {
  notice: '通知原文',
  'national-rule': '国家规定',
  'secondary-source-to-be-confirmed': '来自二手资料，待核实',
  'platform-decision': '通知未规定，平台决定',
};
