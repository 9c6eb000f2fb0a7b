// The archive form of each record kind: its inputs, labels and limits, and the conversion between
// the form's values and the record data the server validates (archiveDataSchemas). Blank optional
// dates become null ("至今", "未退休") or are left out, as each kind's schema expects; so does an
// empty list of names (a publication without co-authors).
import { MAX_CO_AUTHOR_NAME_LENGTH, MAX_CO_AUTHORS, type ArchiveKind } from '../../../../domain/application/archive-records';
import {
  ASSESSMENT_GRADES,
  EDUCATION_LEVELS,
  GRASS_ROOTS_SERVICE_IDS,
  GRASS_ROOTS_SERVICES,
  LEVELS,
  MANDARIN_LEVELS,
} from '../../../../domain/campaign/vocabulary';

export type ArchiveInput =
  | { key: string; label: string; type: 'text'; maxLength: number; blank?: 'null'; hint?: string }
  | { key: string; label: string; type: 'date'; blank?: 'null' | 'omit'; hint?: string }
  | { key: string; label: string; type: 'year' | 'hours'; hint?: string }
  | { key: string; label: string; type: 'boolean'; hint?: string }
  | { key: string; label: string; type: 'select'; options: { value: string; label: string }[]; blank?: 'null'; hint?: string }
  /** A list of short texts typed one by one (names), each at most `maxLength`, at most `maxCount`; empty is left out. */
  | { key: string; label: string; type: 'tags'; maxLength: number; maxCount: number; blank: 'omit'; hint?: string };

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
const year: ArchiveInput = { key: 'year', label: '年度', type: 'year' };

export const ARCHIVE_INPUTS: Record<ArchiveKind, ArchiveInput[]> = {
  profile: [
    { key: 'post', label: '现从事专业技术岗位', type: 'text', maxLength: 50, blank: 'null', hint: '没有专业技术岗位可留空' },
    { key: 'workStartedOn', label: '参加工作时间', type: 'date' },
    { key: 'professionalWorkStartedOn', label: '从事专业技术工作时间', type: 'date', blank: 'omit', hint: '与参加工作时间相同可留空' },
    { key: 'civilServant', label: '公务员或参照公务员法管理人员', type: 'boolean' },
    { key: 'retiredOn', label: '退休时间', type: 'date', blank: 'null', hint: '未退休请留空' },
    { key: 'politicalStatus', label: '政治面貌', type: 'text', maxLength: 20 },
  ],
  education: [
    { key: 'level', label: '学历', type: 'select', options: choices(EDUCATION_LEVELS) },
    { key: 'school', label: '毕业学校', type: 'text', maxLength: 100 },
    { key: 'major', label: '所学专业', type: 'text', maxLength: 100 },
    { key: 'graduatedOn', label: '毕业时间', type: 'date' },
    {
      key: 'verification',
      label: '学信网验证',
      type: 'select',
      options: [
        { value: 'verified', label: '已取得学信网在线验证报告' },
        { value: 'unverifiable', label: '学信网查不到，以学历证书原件代替' },
        { value: 'pending', label: '尚未验证' },
      ],
    },
  ],
  title: [
    { key: 'level', label: '职称级别', type: 'select', options: choices(LEVELS) },
    { key: 'name', label: '职称名称', type: 'text', maxLength: 50 },
    { key: 'obtainedOn', label: '取得时间', type: 'date' },
    { key: 'certificateNo', label: '证书编号', type: 'text', maxLength: 50 },
  ],
  work: [
    { key: 'from', label: '起始时间', type: 'date' },
    { key: 'to', label: '截止时间', type: 'date', blank: 'null', hint: '至今请留空' },
    { key: 'unit', label: '工作单位', type: 'text', maxLength: 100 },
    { key: 'post', label: '岗位', type: 'text', maxLength: 50 },
  ],
  achievement: [
    year,
    { key: 'name', label: '业绩或奖项名称', type: 'text', maxLength: 200 },
    { key: 'grantor', label: '授予单位', type: 'text', maxLength: 100 },
    { key: 'grade', label: '等级', type: 'text', maxLength: 50 },
  ],
  publication: [
    { key: 'kind', label: '类别', type: 'select', options: choices(['论文', '著作', '作品']) },
    { key: 'title', label: '题目', type: 'text', maxLength: 200 },
    { key: 'publishedIn', label: '发表刊物、出版或播出单位', type: 'text', maxLength: 200 },
    { key: 'publishedOn', label: '发表时间', type: 'date' },
    { key: 'representative', label: '代表作品', type: 'boolean', hint: '能反映本人学识和理论水平的代表作' },
    {
      key: 'coAuthors',
      label: '合作者（署名作者，本人除外）',
      type: 'tags',
      maxLength: MAX_CO_AUTHOR_NAME_LENGTH,
      maxCount: MAX_CO_AUTHORS,
      blank: 'omit',
      hint: '逐个输入姓名，按回车或用顿号“、”、逗号分隔；独立完成的可留空',
    },
  ],
  continuingEducation: [
    year,
    { key: 'professionalHours', label: '专业科目学时', type: 'hours' },
    { key: 'publicHours', label: '公需科目学时', type: 'hours' },
    { key: 'exemptionApproved', label: '经批准免学', type: 'boolean', hint: '“访惠聚”驻村等经批准免除当年继续教育' },
  ],
  annualAssessment: [year, { key: 'grade', label: '考核结果', type: 'select', options: choices(ASSESSMENT_GRADES) }],
  mandarin: [
    { key: 'level', label: '普通话等级', type: 'select', options: choices(MANDARIN_LEVELS) },
    { key: 'certificateNo', label: '证书编号', type: 'text', maxLength: 50 },
  ],
  politicalConduct: [
    { key: 'issuedBy', label: '出具单位', type: 'text', maxLength: 100 },
    { key: 'issuedOn', label: '出具时间', type: 'date' },
  ],
  grassRootsService: [
    year,
    {
      key: 'service',
      label: '服务类型',
      type: 'select',
      options: GRASS_ROOTS_SERVICE_IDS.map((value) => ({ value, label: GRASS_ROOTS_SERVICES[value] })),
    },
    { key: 'grade', label: '考核结果', type: 'select', options: choices(ASSESSMENT_GRADES), blank: 'null', hint: '没有考核结果可留空' },
  ],
};

export type ArchiveFormValues = Record<string, string | number | boolean | string[] | undefined>;

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The names of a tags input as the schema takes them: trimmed, blanks dropped, each once. */
export function cleanTags(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const names = v.filter((x): x is string => typeof x === 'string').map((x) => x.trim());
  return [...new Set(names.filter((x) => x !== ''))];
}

/** Why a tags input's names would be refused (null: fine), checked before the server sees them. */
export function tagsProblem(input: Extract<ArchiveInput, { type: 'tags' }>, v: unknown): string | null {
  const names = cleanTags(v);
  if (names.length > input.maxCount) return `最多填写 ${input.maxCount} 人，现有 ${names.length} 人`;
  const long = names.find((n) => n.length > input.maxLength);
  return long ? `“${long.slice(0, 10)}…”超过 ${input.maxLength} 个字，每人一项` : null;
}

/** The form item a server error path belongs to: 'data.coAuthors.2' is the coAuthors input's. */
export function formItemOf(path: string): string[] {
  const parts = path.split('.');
  return parts[0] === 'data' ? parts.slice(0, 2) : parts.slice(0, 1);
}

/** Whether the input must be filled in (blank is not allowed by the kind's schema). */
export function isRequired(input: ArchiveInput): boolean {
  return input.type !== 'boolean' && !('blank' in input && input.blank);
}

/** Record data from the form's values, in the shape archiveDataSchemas[kind] validates. */
export function toRecordData(kind: ArchiveKind, values: ArchiveFormValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of ARCHIVE_INPUTS[kind]) {
    const v = input.type === 'tags' ? cleanTags(values[input.key]) : values[input.key];
    if (input.type === 'boolean') {
      data[input.key] = v === true;
    } else if (isBlank(v) && 'blank' in input && input.blank === 'omit') {
      continue;
    } else if (isBlank(v) && 'blank' in input && input.blank === 'null') {
      data[input.key] = null;
    } else {
      data[input.key] = v;
    }
  }
  return data;
}

/** The form's values for a stored record (null shows as blank). */
export function toFormValues(kind: ArchiveKind, data: Record<string, unknown>): ArchiveFormValues {
  const values: ArchiveFormValues = {};
  for (const input of ARCHIVE_INPUTS[kind]) {
    const v = data[input.key];
    if (input.type === 'tags') values[input.key] = cleanTags(v);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[input.key] = v;
    else if (input.type === 'boolean') values[input.key] = false;
  }
  return values;
}
