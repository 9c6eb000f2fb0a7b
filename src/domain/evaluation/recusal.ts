// Recusal (回避): an expert with an interest in a candidate is excluded from reviewing, scoring and
// voting on that candidate (national rule, 人社部令第40号: 评审专家与评审对象有利害关系的应当回避).
// Some interests the platform sees by itself (same unit, same competent department, co-authorship
// of a work the application lists); the others (relatives, …) it only knows when the expert
// declares them or the office adds them.
//
// Pure; shared with the web.
import type { ArchiveData, ArchiveRecord } from '../application/archive-records.js';

export type ConflictKind = 'same_unit' | 'same_department' | 'relation' | 'coauthor' | 'other';

export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  same_unit: '同一单位',
  same_department: '同一主管部门',
  relation: '亲属等利害关系',
  coauthor: '合作署名',
  other: '其他',
};

export interface RecusalExpert {
  id: string;
  /** The name in the expert pool, compared with the co-authors (normalisePersonName). */
  name: string;
  unitId: string | null;
  departmentId: string | null /* the competent department the expert's unit reports through */;
}

/** A work of the application (论文、著作、作品) with its other signing authors. */
export interface CoAuthoredWork {
  title: string;
  coAuthorNames: readonly string[];
}

export interface RecusalCandidate {
  applicationId: string;
  unitId: string;
  departmentId: string | null;
  /** The application's works that name co-authors (coAuthoredWorks of the submitted records). */
  coAuthoredWorks: readonly CoAuthoredWork[];
}

export interface DeclaredConflict {
  expertId: string;
  applicationId: string;
  kind: ConflictKind;
  note: string;
}

/**
 * A person's name as compared across records people typed: compatibility forms folded (NFKC:
 * full-width letters and digits, the half-width katakana dot), and spaces and the middle dots of
 * 'A·B' names (· • ・ ‧ ∙ ⋅ and '.') removed. '' for a name of nothing but those.
 */
export function normalisePersonName(name: string): string {
  return name.normalize('NFKC').replace(/[\s·・.•‧∙⋅]/g, '');
}

/** The publications among an application's records that name co-authors, with their titles. */
export function coAuthoredWorks(records: readonly ArchiveRecord[]): CoAuthoredWork[] {
  const works: CoAuthoredWork[] = [];
  for (const r of records) {
    if (r.kind !== 'publication') continue;
    const d = r.data as ArchiveData['publication'];
    if (d.coAuthors && d.coAuthors.length > 0) works.push({ title: d.title, coAuthorNames: d.coAuthors });
  }
  return works;
}

/** The note of a co-authorship conflict: every shared work, by title. */
function coAuthorNote(titles: readonly string[]): string {
  return `与申报人合作署名：${titles.map((t) => `《${t}》`).join('、')}`;
}

/**
 * Automatic recusal: same unit; same competent department (the county 宣传部 chain a county unit
 * reports through, B21-13); co-authorship — the expert's name is among the co-authors of a work
 * the application lists (names compared with normalisePersonName). Plus conflicts the expert
 * declared or the office added for this pair. Returns the reasons (empty: may evaluate).
 *
 * Same unit implies the same department, so the department reason is given only for experts of
 * another unit: one fact, one reason. An unknown unit or department (null) never matches: two
 * unknowns are not evidence of a shared interest, and the office can still add a conflict by hand.
 * Co-authorship is one reason however many works the expert shares, its note naming each of them
 * once (one conflict per kind and pair is stored). A declared conflict repeating an automatic one
 * is kept, since its note may say more.
 */
export function recusalReasons(
  expert: RecusalExpert,
  candidate: RecusalCandidate,
  declared: readonly DeclaredConflict[],
): { kind: ConflictKind; note: string }[] {
  const reasons: { kind: ConflictKind; note: string }[] = [];
  const sameUnit = expert.unitId !== null && expert.unitId === candidate.unitId;
  if (sameUnit) {
    reasons.push({ kind: 'same_unit', note: '专家与申报人在同一单位工作' });
  } else if (expert.departmentId !== null && expert.departmentId === candidate.departmentId) {
    reasons.push({ kind: 'same_department', note: '专家所在单位与申报人所在单位属同一主管部门' });
  }
  const expertName = normalisePersonName(expert.name);
  if (expertName !== '') {
    const shared: string[] = [];
    for (const work of candidate.coAuthoredWorks) {
      if (shared.includes(work.title)) continue;
      if (work.coAuthorNames.some((n) => normalisePersonName(n) === expertName)) shared.push(work.title);
    }
    if (shared.length > 0) reasons.push({ kind: 'coauthor', note: coAuthorNote(shared) });
  }
  for (const d of declared) {
    if (d.expertId !== expert.id || d.applicationId !== candidate.applicationId) continue;
    if (reasons.some((r) => r.kind === d.kind && r.note === d.note)) continue;
    reasons.push({ kind: d.kind, note: d.note });
  }
  return reasons;
}
