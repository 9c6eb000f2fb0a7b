// The applicant's personal archive (个人档案): records kept across years and picked into each
// application. One schema per kind, shared by the server (validation) and the web (forms).
// Pure.
import { z } from 'zod';
import { isValidDate } from '../campaign/dates.js';
import {
  ASSESSMENT_GRADES,
  EDUCATION_LEVELS,
  GRASS_ROOTS_SERVICE_IDS,
  GRASS_ROOTS_SERVICES,
  LEVELS,
  MANDARIN_LEVELS,
} from '../campaign/vocabulary.js';

const date = z.string().max(10).refine(isValidDate, '应为有效日期，格式 YYYY-MM-DD');
const year = z.int('年度应为整数').min(1950, '年度不早于 1950 年').max(2100, '年度不晚于 2100 年');
const words = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '不能为空；没有内容请填写“无”')
    .max(max, `不超过 ${max} 个字`);
const hours = z.number().min(0, '学时不能为负数').max(10_000, '学时过大');

/** Limits of a publication's co-author list (署名作者，本人除外). */
export const MAX_CO_AUTHORS = 30;
export const MAX_CO_AUTHOR_NAME_LENGTH = 50;
const coAuthorName = z
  .string()
  .trim()
  .min(1, '合作者姓名不能为空')
  .max(MAX_CO_AUTHOR_NAME_LENGTH, `合作者姓名不超过 ${MAX_CO_AUTHOR_NAME_LENGTH} 个字`);

export const ARCHIVE_KINDS = [
  'profile',
  'education',
  'title',
  'work',
  'achievement',
  'publication',
  'continuingEducation',
  'annualAssessment',
  'mandarin',
  'politicalConduct',
  'grassRootsService',
] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export const ARCHIVE_KIND_LABELS: Record<ArchiveKind, string> = {
  profile: '个人基本情况',
  education: '学历学位',
  title: '现任职称',
  work: '工作经历',
  achievement: '业绩与获奖',
  publication: '论文、著作和作品',
  continuingEducation: '继续教育',
  annualAssessment: '年度考核',
  mandarin: '普通话水平',
  politicalConduct: '政治表现和职业道德证明',
  grassRootsService: '基层服务经历',
};

/** Kinds an applicant keeps only one of. */
export const SINGLE_RECORD_KINDS: readonly ArchiveKind[] = ['profile', 'mandarin', 'politicalConduct'];

export const archiveDataSchemas = {
  profile: z.strictObject({
    post: words(50).nullable(),
    workStartedOn: date,
    professionalWorkStartedOn: date.optional(),
    civilServant: z.boolean(),
    retiredOn: date.nullable(),
    politicalStatus: words(20),
  }),
  education: z.strictObject({
    level: z.enum(EDUCATION_LEVELS),
    school: words(100),
    major: words(100),
    graduatedOn: date,
    /** 学信网 report uploaded (verified), or 学信网 has no record and the campaign's fallback is used (A24-6). */
    verification: z.enum(['verified', 'unverifiable', 'pending']),
  }),
  title: z.strictObject({ level: z.enum(LEVELS), name: words(50), obtainedOn: date, certificateNo: words(50) }),
  work: z.strictObject({ from: date, to: date.nullable(), unit: words(100), post: words(50) }),
  achievement: z.strictObject({ year, name: words(200), grantor: words(100), grade: words(50) }),
  publication: z.strictObject({
    kind: z.enum(['论文', '著作', '作品']),
    title: words(200),
    publishedIn: words(200),
    publishedOn: date,
    /** 代表作品 (B21-5: at least two for county-level units, each with cover, contents and text). */
    representative: z.boolean(),
    /**
     * The other signing authors (合作者，本人除外), for automatic recusal of a co-author expert
     * (N40-RECUSAL). Optional: records stored before the field existed have none.
     */
    coAuthors: z.array(coAuthorName).max(MAX_CO_AUTHORS, `合作者最多 ${MAX_CO_AUTHORS} 人`).optional(),
  }),
  continuingEducation: z.strictObject({ year, professionalHours: hours, publicHours: hours, exemptionApproved: z.boolean() }),
  annualAssessment: z.strictObject({ year, grade: z.enum(ASSESSMENT_GRADES) }),
  mandarin: z.strictObject({ level: z.enum(MANDARIN_LEVELS), certificateNo: words(50) }),
  politicalConduct: z.strictObject({ issuedBy: words(100), issuedOn: date }),
  grassRootsService: z.strictObject({ year, service: z.enum(GRASS_ROOTS_SERVICE_IDS), grade: z.enum(ASSESSMENT_GRADES).nullable() }),
} satisfies Record<ArchiveKind, z.ZodType>;

export type ArchiveData = { [K in ArchiveKind]: z.infer<(typeof archiveDataSchemas)[K]> };

export type ArchiveRecord<K extends ArchiveKind = ArchiveKind> = {
  id: string;
  kind: K;
  data: ArchiveData[K];
  fileIds: string[];
};

/** A one-line Chinese summary of a record, for pick lists and the timeline. */
export function describeRecord(record: ArchiveRecord): string {
  const r = record as ArchiveRecord<ArchiveKind>;
  switch (r.kind) {
    case 'profile': {
      const d = r.data as ArchiveData['profile'];
      return `${d.post ?? '无岗位'}，${d.workStartedOn} 参加工作`;
    }
    case 'education': {
      const d = r.data as ArchiveData['education'];
      return `${d.graduatedOn.slice(0, 4)} 年 ${d.school} ${d.major} ${d.level}`;
    }
    case 'title': {
      const d = r.data as ArchiveData['title'];
      return `${d.name}（${d.level}），${d.obtainedOn} 取得`;
    }
    case 'work': {
      const d = r.data as ArchiveData['work'];
      return `${d.from} 至 ${d.to ?? '今'} ${d.unit} ${d.post}`;
    }
    case 'achievement': {
      const d = r.data as ArchiveData['achievement'];
      return `${d.year} 年 ${d.name}（${d.grantor}，${d.grade}）`;
    }
    case 'publication': {
      const d = r.data as ArchiveData['publication'];
      const coAuthors = d.coAuthors && d.coAuthors.length > 0 ? `（合作者：${d.coAuthors.join('、')}）` : '';
      return `${d.kind}《${d.title}》，${d.publishedIn}，${d.publishedOn}${d.representative ? '（代表作）' : ''}${coAuthors}`;
    }
    case 'continuingEducation': {
      const d = r.data as ArchiveData['continuingEducation'];
      return `${d.year} 年继续教育：专业科目 ${d.professionalHours} 学时，公需科目 ${d.publicHours} 学时${d.exemptionApproved ? '（已批准免学）' : ''}`;
    }
    case 'annualAssessment': {
      const d = r.data as ArchiveData['annualAssessment'];
      return `${d.year} 年度考核：${d.grade}`;
    }
    case 'mandarin': {
      const d = r.data as ArchiveData['mandarin'];
      return `普通话 ${d.level}（证书 ${d.certificateNo}）`;
    }
    case 'politicalConduct': {
      const d = r.data as ArchiveData['politicalConduct'];
      return `${d.issuedBy} ${d.issuedOn} 出具`;
    }
    case 'grassRootsService': {
      const d = r.data as ArchiveData['grassRootsService'];
      return `${d.year} 年${GRASS_ROOTS_SERVICES[d.service]}${d.grade ? `，考核${d.grade}` : ''}`;
    }
  }
}
