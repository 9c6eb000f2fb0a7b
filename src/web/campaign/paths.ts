// Reading and writing a campaign configuration (plain JSON) by path, and showing a path such as
// `windows.declaration.closesAt` (the form parseCampaign and the server report errors in) in a
// Chinese form an office user can find: “时间安排 › 网上申报 › 结束时间”.
import { WINDOW_LABELS } from '../../domain/campaign/schema';

export type Path = (string | number)[];
export type Json = unknown;

/** 'materials[3].when.of[0].fact' → ['materials', 3, 'when', 'of', 0, 'fact']; '$' → []. */
export function parsePath(text: string): Path {
  if (text === '$' || text === '') return [];
  const out: Path = [];
  for (const part of text.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(m[1]);
    for (const index of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** ['windows', 'declaration', 'closesAt'] → 'windows.declaration.closesAt' (as parseCampaign writes it). */
export function pathText(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '$' : out;
}

export function getIn(value: Json, path: Path): Json {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path` (objects and arrays on the way are copied, missing ones
 * created). `next === undefined` removes the key (an absent optional section, e.g. a window the
 * notice does not set).
 */
export function setIn(value: Json, path: Path, next: Json): Json {
  if (path.length === 0) return next;
  const [key, ...rest] = path;
  const container: Record<string | number, unknown> | unknown[] =
    Array.isArray(value) ? [...value] : value !== null && typeof value === 'object' ? { ...(value as object) } : typeof key === 'number' ? [] : {};
  const child = setIn((container as Record<string | number, unknown>)[key], rest, next);
  if (child === undefined && rest.length === 0) {
    if (Array.isArray(container)) container.splice(key as number, 1);
    else delete (container as Record<string | number, unknown>)[key];
  } else {
    (container as Record<string | number, unknown>)[key] = child;
  }
  return container;
}

const KEY_LABELS: Record<string, string> = {
  schemaVersion: '配置版本',
  id: '标识',
  title: '名称',
  year: '年度',
  prefecture: '地州',
  code: '门户代码',
  name: '名称',
  shortName: '简称',
  portalHost: '申报网址',
  calendarRegion: '工作日历地区',
  issuer: '发文单位',
  address: '地址',
  noticeDate: '通知日期',
  notice: '通知来源',
  sourceFile: '来源文件',
  basisDocuments: '依据文件',
  noticeText: '通知全文',
  scope: '评审范围',
  platform: '申报平台',
  host: '网址',
  guide: '操作指引',
  onlyPlatformRecognised: '仅认可平台评审',
  series: '系列',
  levels: '级别',
  specialties: '专业',
  titles: '职称名称',
  paths: '申报途径',
  kind: '类型',
  evaluatedBy: '评审机构',
  onePathPerYear: '同一年度只能选择一种方式',
  windows: '时间安排',
  opensAt: '开始时间',
  closesAt: '结束时间',
  at: '截止时间',
  tentative: '时间待定',
  seniorityCutoff: '资历计算截止',
  date: '日期',
  fees: '评审费',
  amounts: '金额',
  level: '级别',
  amountYuan: '金额（元）',
  payableAfterMaterialsReceived: '接收材料后缴费',
  methods: '缴费方式',
  passRates: '通过率',
  policy: '通过率政策',
  ratePercent: '通过率（%）',
  rateSetBy: '确定机构',
  submission: '提交与退回',
  maxSubmissions: '提交次数上限',
  afterLastReturn: '最后一次退回后',
  resubmission: '退回后重新提交',
  days: '天数',
  atLeastDays: '至少保留天数',
  window: '时间段',
  declarationForm: '填报要求',
  emptyFieldText: '无内容栏目填写',
  attachmentsMustNotBeEmpty: '附件不能为空',
  scanRequirement: '扫描要求',
  text: '内容',
  blindReview: '盲评',
  maskedItems: '遮盖项目',
  declassifyClassifiedMaterial: '涉密材料脱密',
  reviewChain: '报送渠道',
  unitReview: '单位审核',
  checks: '审核内容',
  publicityWorkingDays: '单位内部公示工作日',
  publicityContents: '公示内容',
  recommendationOpinion: '推荐意见',
  opinionSignedAndStamped: '签字盖章',
  resultsPublicity: '评审结果公示',
  workingDays: '公示工作日',
  startsDayAfterMeeting: '评审会次日开始',
  unitsPubliciseToo: '单位同步公示',
  reviewForm: '评审表',
  materials: '材料栏目',
  fileTypes: '文件类型',
  minCount: '最少数量',
  masked: '盲评遮盖',
  when: '适用条件',
  years: '年度',
  section: '所属栏目',
  rules: '规则',
  exclusions: '不得申报情形',
  fraudBan: '弄虚作假禁申',
  continuingEducation: '继续教育',
  yearsCovered: '年度范围',
  from: '起',
  to: '止',
  minTotalHoursPerYear: '每年总学时',
  minProfessionalHoursPerYear: '每年专业科目学时',
  minPublicHoursPerYear: '每年公需科目学时',
  exemption: '免学',
  formName: '审批表名称',
  services: '基层服务',
  platformRecords: '系统获取证书',
  mandarin: '普通话',
  appliesWhen: '适用条件',
  minimum: '最低等级',
  byPost: '按岗位',
  posts: '岗位',
  defence: '答辩',
  requiredForLevels: '须答辩的级别',
  exemptions: '免答辩情形',
  directRecognition: '直接认定',
  qualifications: '学历资历条件',
  routes: '条件',
  education: '学历',
  serviceYears: '从事本专业年限',
  minYears: '年限',
  annexes: '附件',
  number: '序号',
  ruleId: '规则编号',
  clause: '通知原文',
  provenance: '依据来源',
  note: '说明',
  of: '子条件',
  fact: '事实',
  value: '取值',
  values: '取值',
  op: '运算',
};

/** “时间安排 › 网上申报 › 结束时间”: the path in words, list positions as “第 n 项”. */
export function chinesePath(path: Path | string): string {
  const parts = typeof path === 'string' ? parsePath(path) : path;
  if (parts.length === 0) return '整个配置';
  const words: string[] = [];
  parts.forEach((key, i) => {
    if (typeof key === 'number') {
      words.push(`第 ${key + 1} 项`);
    } else if (parts[i - 1] === 'windows' && key in WINDOW_LABELS) {
      words.push(WINDOW_LABELS[key as keyof typeof WINDOW_LABELS]);
    } else if (parts[i - 1] === 'titles') {
      words.push(key);
    } else {
      words.push(KEY_LABELS[key] ?? key);
    }
  });
  return words.join(' › ');
}

/** True when an error at `errorPath` belongs to the form item at `itemPath` (itself or inside it). */
export function pathWithin(errorPath: string, itemPath: string): boolean {
  return errorPath === itemPath || errorPath.startsWith(`${itemPath}.`) || errorPath.startsWith(`${itemPath}[`);
}
