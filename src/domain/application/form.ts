// The declaration form (专业技术人员职称申报表): its sections and fields, and the completeness
// rule of B21-12 — every item is filled in, "无" where there is nothing to say, never blank.
// The same definition drives the web form and the server's check. Pure.
import type { ArchiveKind } from './archive-records.js';

export const NOTHING = '无';

export type FormField =
  | { id: string; label: string; type: 'text'; maxLength: number; hint?: string }
  | { id: string; label: string; type: 'longText'; maxLength: number; hint?: string }
  /** Records picked from the archive; "无" when the applicant has none of this kind. */
  | { id: string; label: string; type: 'records'; kind: ArchiveKind; hint?: string };

export type FormSection = { id: string; title: string; fields: FormField[] };

export const DECLARATION_SECTIONS: FormSection[] = [
  {
    id: 'basic',
    title: '基本情况',
    fields: [
      { id: 'post', label: '现从事专业技术岗位', type: 'text', maxLength: 50 },
      { id: 'adminPost', label: '现任行政职务', type: 'text', maxLength: 50, hint: '没有行政职务请填写“无”' },
      { id: 'politicalStatus', label: '政治面貌', type: 'text', maxLength: 20 },
    ],
  },
  { id: 'education', title: '学历学位', fields: [{ id: 'records', label: '学历学位', type: 'records', kind: 'education' }] },
  { id: 'title', title: '现任专业技术职务', fields: [{ id: 'records', label: '现任职称', type: 'records', kind: 'title' }] },
  { id: 'work', title: '工作经历', fields: [{ id: 'records', label: '工作经历', type: 'records', kind: 'work' }] },
  {
    id: 'performance',
    title: '任现职以来专业技术工作业绩',
    fields: [
      {
        id: 'summary',
        label: '主要专业技术工作经历、实践经验和工作能力',
        type: 'longText',
        maxLength: 5000,
        hint: '逐项填写，不得漏项（B21-12）',
      },
    ],
  },
  { id: 'achievements', title: '业绩与获奖', fields: [{ id: 'records', label: '获奖情况', type: 'records', kind: 'achievement' }] },
  { id: 'publications', title: '论文、著作和作品', fields: [{ id: 'records', label: '论文、著作和作品', type: 'records', kind: 'publication' }] },
  {
    id: 'continuingEducation',
    title: '继续教育',
    fields: [{ id: 'records', label: '继续教育学时', type: 'records', kind: 'continuingEducation' }],
  },
  { id: 'assessments', title: '年度考核', fields: [{ id: 'records', label: '年度考核', type: 'records', kind: 'annualAssessment' }] },
  { id: 'mandarin', title: '普通话水平', fields: [{ id: 'records', label: '普通话水平测试等级', type: 'records', kind: 'mandarin' }] },
  {
    id: 'conduct',
    title: '政治表现和职业道德',
    fields: [{ id: 'records', label: '政治表现和职业道德证明', type: 'records', kind: 'politicalConduct' }],
  },
  {
    id: 'grassRoots',
    title: '基层服务经历',
    fields: [{ id: 'records', label: '基层服务经历', type: 'records', kind: 'grassRootsService' }],
  },
  { id: 'other', title: '其他需要说明的事项', fields: [{ id: 'note', label: '其他需要说明的事项', type: 'longText', maxLength: 2000 }] },
];

/** A field's value: text, or picked record ids, or "无". */
export type FieldValue = string | string[];
export type FormValues = Record<string, Record<string, FieldValue>>;

export type FormProblem = {
  /** `section.field`, `materials.<slot id>`, `masking`, `commitment` … the web scrolls to it. */
  path: string;
  message: string;
};

export function findSection(sectionId: string): FormSection | undefined {
  return DECLARATION_SECTIONS.find((s) => s.id === sectionId);
}

/** Record ids picked anywhere in the form. */
export function pickedRecordIds(form: FormValues): string[] {
  const ids = new Set<string>();
  for (const section of DECLARATION_SECTIONS) {
    for (const field of section.fields) {
      const v = form[section.id]?.[field.id];
      if (field.type === 'records' && Array.isArray(v)) v.forEach((id) => ids.add(id));
    }
  }
  return [...ids];
}

/**
 * B21-12: every item filled in. `ruleId` is the campaign's declaration-form rule; `emptyFieldText`
 * is what the notice asks for when there is nothing to say ("无"; null when it does not say).
 */
export function formProblems(form: FormValues, ruleId: string, emptyFieldText: string | null): FormProblem[] {
  const problems: FormProblem[] = [];
  const nothingHint = `没有内容请填写“${emptyFieldText ?? NOTHING}”`;
  for (const section of DECLARATION_SECTIONS) {
    for (const field of section.fields) {
      const v = form[section.id]?.[field.id];
      const path = `${section.id}.${field.id}`;
      const where = `“${section.title}”中的“${field.label}”`;
      if (field.type === 'records') {
        const empty = v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && v.trim() !== NOTHING);
        if (empty) problems.push({ path, message: `${where}未填写：请从档案中选择，没有请选择“无”（${ruleId}）` });
      } else if (typeof v !== 'string' || v.trim() === '') {
        problems.push({ path, message: `${where}不能留空，${nothingHint}（${ruleId}）` });
      } else if (v.length > field.maxLength) {
        problems.push({ path, message: `${where}不超过 ${field.maxLength} 个字，现有 ${v.length} 个字` });
      }
    }
  }
  return problems;
}

/** The form with picks of records that no longer exist taken out (a deleted archive record). */
export function withExistingPicks(form: FormValues, existing: ReadonlySet<string>): FormValues {
  const result: FormValues = {};
  for (const [sectionId, fields] of Object.entries(form)) {
    result[sectionId] = Object.fromEntries(
      Object.entries(fields).map(([fieldId, v]) => [fieldId, Array.isArray(v) ? v.filter((id) => existing.has(id)) : v]),
    );
  }
  return result;
}
