// What makes a pool entry (专家库) valid, shared by create, update and the Excel import: every
// problem at once, in Chinese, with the field it concerns. N40-COMMITTEE: a term (聘期) lasts at
// most three years. The series need not exist in a campaign yet (the pool outlives notices); any
// well-formed series id is accepted. A linked log-in must be an expert (or committee chair)
// account of the same prefecture, and linked to one pool entry of it at most.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { addYears, isValidDate } from '../../../domain/campaign/dates.js';
import { LEVELS, type Level } from '../../../domain/campaign/index.js';
import { validatePhone } from '../../../domain/identifiers.js';
import type { Executor } from '../../db/client.js';
import { experts, roleAssignments } from '../../db/schema.js';
import type { FieldError } from '../../http/errors.js';
import { unitOfPrefecture } from '../../queries/evaluation.js';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TERM_YEARS = 3;

export interface ExpertInput {
  name: string;
  seriesId: string;
  specialtyIds: string[];
  level: string;
  titleName: string;
  unitId: string | null;
  unitName: string;
  phone: string | null;
  termStart: string;
  termEnd: string;
  userId: string | null;
}

/** A checked entry, ready to store: trimmed, phone normalised, unit name taken from the tree when linked. */
export interface ExpertValues {
  name: string;
  seriesId: string;
  specialtyIds: string[];
  level: Level;
  titleName: string;
  unitId: string | null;
  unitName: string;
  phone: string | null;
  termStart: string;
  termEnd: string;
  userId: string | null;
}

/** Control, invisible and bidi characters and lone surrogates, as routes/schemas.ts `text` refuses them (an Excel cell is not a route body). */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\p{Cs}/u;

/** Problems of the fields alone (no database): the term, the level, the formats. */
export function expertFieldProblems(input: ExpertInput): FieldError[] {
  const problems: FieldError[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  for (const [path, value] of [['name', input.name], ['titleName', input.titleName], ['unitName', input.unitName]] as const) {
    if (FORBIDDEN.test(value)) add(path, '包含不允许的控制字符或不可见字符');
  }
  if (input.name.trim() === '') add('name', '请填写专家姓名');
  else if (Array.from(input.name.trim()).length > 50) add('name', '专家姓名最多 50 个字');
  if (!SLUG.test(input.seriesId)) add('seriesId', `评审系列代码“${input.seriesId}”格式不正确：应为小写字母、数字和连字符，如 news`);
  const badSpecialty = input.specialtyIds.filter((s) => !SLUG.test(s));
  if (badSpecialty.length > 0) add('specialtyIds', `专业代码格式不正确：${badSpecialty.join('、')}（应为小写字母、数字和连字符）`);
  if (new Set(input.specialtyIds).size !== input.specialtyIds.length) add('specialtyIds', '专业重复');
  if (input.specialtyIds.length > 20) add('specialtyIds', '专业最多 20 个');
  if (!(LEVELS as readonly string[]).includes(input.level)) add('level', `职称级别应为：${LEVELS.join('、')}`);
  if (input.titleName.trim() === '') add('titleName', '请填写职称名称，如 高级记者');
  else if (Array.from(input.titleName.trim()).length > 50) add('titleName', '职称名称最多 50 个字');
  if (input.unitId === null && input.unitName.trim() === '') add('unitName', '请填写工作单位（退休人员填写原单位或“退休”）');
  if (Array.from(input.unitName.trim()).length > 100) add('unitName', '工作单位名称最多 100 个字');
  if (input.phone !== null && input.phone.trim() !== '') {
    const phone = validatePhone(input.phone);
    if (!phone.ok) add('phone', phone.message);
  }
  const startOk = isValidDate(input.termStart);
  const endOk = isValidDate(input.termEnd);
  if (!startOk) add('termStart', `聘期开始日期“${input.termStart}”无效，应为 YYYY-MM-DD`);
  if (!endOk) add('termEnd', `聘期结束日期“${input.termEnd}”无效，应为 YYYY-MM-DD`);
  if (startOk && endOk) {
    if (input.termEnd < input.termStart) add('termEnd', `聘期结束日期（${input.termEnd}）不能早于开始日期（${input.termStart}）`);
    else if (input.termEnd > addYears(input.termStart, MAX_TERM_YEARS)) {
      add('termEnd', `评审专家聘期不得超过 ${MAX_TERM_YEARS} 年（N40-COMMITTEE）：${input.termStart} 至 ${input.termEnd}`);
    }
  }
  return problems;
}

/** Whether the account holds the expert or committee-chair role for the prefecture. */
export async function isExpertAccount(db: Executor, prefectureId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.orgId, prefectureId), inArray(roleAssignments.role, ['expert', 'committee_chair'])))
    .limit(1);
  return rows.length > 0;
}

/**
 * Every problem of an entry of `prefectureId`, field checks and database checks together; the
 * values to store when there is none. `expertId`: the entry being edited (its own link is no clash).
 */
export async function checkExpert(
  db: Executor,
  prefectureId: string,
  input: ExpertInput,
  expertId?: string,
): Promise<{ ok: true; values: ExpertValues } | { ok: false; problems: FieldError[] }> {
  const problems = expertFieldProblems(input);
  let unitName = input.unitName.trim();
  if (input.unitId !== null) {
    const unit = await unitOfPrefecture(db, prefectureId, input.unitId);
    if (!unit) problems.push({ path: 'unitId', message: '所选工作单位不在本地州的组织机构中' });
    else if (unitName === '') unitName = unit.name;
  }
  if (input.userId !== null) {
    if (!(await isExpertAccount(db, prefectureId, input.userId))) {
      problems.push({ path: 'userId', message: '所选账号不是本地州的评审专家账号（须先由安全管理员授予“评审专家”角色）' });
    } else {
      const [linked] = await db
        .select({ id: experts.id, name: experts.name })
        .from(experts)
        .where(and(eq(experts.prefectureId, prefectureId), eq(experts.userId, input.userId), expertId ? ne(experts.id, expertId) : undefined));
      if (linked) problems.push({ path: 'userId', message: `该账号已关联专家库中的“${linked.name}”，一个账号只能关联一名专家` });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    values: {
      name: input.name.trim(),
      seriesId: input.seriesId,
      specialtyIds: input.specialtyIds,
      level: input.level as Level,
      titleName: input.titleName.trim(),
      unitId: input.unitId,
      unitName,
      phone: input.phone !== null && input.phone.trim() !== '' ? (validatePhone(input.phone) as { ok: true; value: string }).value : null,
      termStart: input.termStart,
      termEnd: input.termEnd,
      userId: input.userId,
    },
  };
}

/** The columns of a checked entry; the phone encrypted (never stored in clear). */
export function expertColumns(encrypt: (plain: string) => string, v: ExpertValues) {
  return {
    name: v.name,
    seriesId: v.seriesId,
    specialtyIds: v.specialtyIds,
    level: v.level,
    titleName: v.titleName,
    unitId: v.unitId,
    unitName: v.unitName,
    phoneCipher: v.phone ? encrypt(v.phone) : null,
    termStart: v.termStart,
    termEnd: v.termEnd,
    userId: v.userId,
  };
}
