// The expert pool's add/edit form, pure: the term rule (national rule, 人社部令第40号: a term lasts
// at most 3 years, the end on or after the start), form values from an expert, and the request the
// form sends (POST for a new entry, PATCH with only what changed for an existing one).
import { addYears, isValidDate } from '../../../../domain/campaign/dates';
import type { Level } from '../../../../domain/campaign/vocabulary';
import type { Expert, ExpertInput, ExpertPatch } from '../../../api/evaluation';

export interface ExpertFormValues {
  name?: string;
  seriesId?: string;
  specialtyIds?: string[];
  level?: Level;
  titleName?: string;
  unitId?: string | null;
  unitName?: string;
  /** Blank when editing keeps the number on record (only its masked form is ever shown). */
  phone?: string;
  termStart?: string;
  termEnd?: string;
  userId?: string | null;
  active?: boolean;
}

export const MAX_TERM_YEARS = 3;

/** The problem with a term, in Chinese, or null when it is fine (exactly 3 years is allowed). */
export function termProblem(termStart: string | undefined, termEnd: string | undefined): string | null {
  if (!termStart || !termEnd) return null;
  if (!isValidDate(termStart) || !isValidDate(termEnd)) return '聘期日期无效，应为 YYYY-MM-DD';
  if (termEnd < termStart) return `聘期结束日期（${termEnd}）不能早于开始日期（${termStart}）`;
  const latest = addYears(termStart, MAX_TERM_YEARS);
  if (termEnd > latest) return `聘期不能超过 ${MAX_TERM_YEARS} 年：自 ${termStart} 起最晚至 ${latest}`;
  return null;
}

/** 11-digit mainland mobile number, spaces and hyphens allowed in between. */
export function normalisePhone(typed: string | undefined): string | null {
  const digits = (typed ?? '').replace(/[\s-]/g, '');
  return digits === '' ? null : digits;
}

export function phoneProblem(typed: string | undefined): string | null {
  const phone = normalisePhone(typed);
  if (phone === null) return null;
  return /^1[3-9]\d{9}$/.test(phone) ? null : '手机号应为 11 位数字';
}

export function toFormValues(expert: Expert): ExpertFormValues {
  return {
    name: expert.name,
    seriesId: expert.seriesId,
    specialtyIds: [...expert.specialtyIds],
    level: expert.level,
    titleName: expert.titleName,
    unitId: expert.unitId,
    unitName: expert.unitName,
    phone: '',
    termStart: expert.termStart,
    termEnd: expert.termEnd,
    userId: expert.userId,
    active: expert.active,
  };
}

/** The POST body of a new entry (the form has checked the required fields). */
export function toExpertInput(values: ExpertFormValues): ExpertInput {
  return {
    name: (values.name ?? '').trim(),
    seriesId: values.seriesId ?? '',
    specialtyIds: values.specialtyIds ?? [],
    level: values.level ?? '中级',
    titleName: (values.titleName ?? '').trim(),
    unitId: values.unitId ?? null,
    unitName: (values.unitName ?? '').trim(),
    phone: normalisePhone(values.phone),
    termStart: values.termStart ?? '',
    termEnd: values.termEnd ?? '',
    userId: values.userId ?? null,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/** The PATCH body: only the fields that changed; a blank phone keeps the one on record. */
export function toExpertPatch(expert: Expert, values: ExpertFormValues): ExpertPatch {
  const next = toExpertInput(values);
  const patch: ExpertPatch = {};
  if (next.name !== expert.name) patch.name = next.name;
  if (next.seriesId !== expert.seriesId) patch.seriesId = next.seriesId;
  if (!sameList(next.specialtyIds, expert.specialtyIds)) patch.specialtyIds = next.specialtyIds;
  if (next.level !== expert.level) patch.level = next.level;
  if (next.titleName !== expert.titleName) patch.titleName = next.titleName;
  if (next.unitId !== expert.unitId) patch.unitId = next.unitId;
  if (next.unitName !== expert.unitName) patch.unitName = next.unitName;
  if (next.phone !== null) patch.phone = next.phone;
  if (next.termStart !== expert.termStart) patch.termStart = next.termStart;
  if (next.termEnd !== expert.termEnd) patch.termEnd = next.termEnd;
  if (next.userId !== expert.userId) patch.userId = next.userId;
  if (values.active !== undefined && values.active !== expert.active) patch.active = values.active;
  return patch;
}

/** "2024-01-01 至 2026-12-31" */
export function termText(expert: Pick<Expert, 'termStart' | 'termEnd'>): string {
  return `${expert.termStart} 至 ${expert.termEnd}`;
}

/** Whether a term has ended before `today` (YYYY-MM-DD): shown as 聘期已满. */
export function termEnded(expert: Pick<Expert, 'termEnd'>, today: string): boolean {
  return expert.termEnd < today;
}
