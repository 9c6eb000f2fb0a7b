// Recusal (回避): an expert with an interest in a candidate is excluded from reviewing, scoring and
// voting on that candidate (national rule, 人社部令第40号: 评审专家与评审对象有利害关系的应当回避).
// Some interests the platform sees by itself (same unit, same competent department); the others
// (relatives, co-authors, …) it only knows when the expert declares them or the office adds them.
//
// Pure; shared with the web.

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
  unitId: string | null;
  departmentId: string | null /* the competent department the expert's unit reports through */;
}

export interface RecusalCandidate {
  applicationId: string;
  unitId: string;
  departmentId: string | null;
}

export interface DeclaredConflict {
  expertId: string;
  applicationId: string;
  kind: ConflictKind;
  note: string;
}

/**
 * Automatic recusal: same unit; same competent department (the county 宣传部 chain a county unit
 * reports through, B21-13). Plus conflicts the expert declared or the office added for this pair.
 * Returns the reasons (empty: may evaluate).
 *
 * Same unit implies the same department, so the department reason is given only for experts of
 * another unit: one fact, one reason. An unknown unit or department (null) never matches: two
 * unknowns are not evidence of a shared interest, and the office can still add a conflict by hand.
 * A declared conflict repeating an automatic one is kept, since its note may say more.
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
  for (const d of declared) {
    if (d.expertId !== expert.id || d.applicationId !== candidate.applicationId) continue;
    if (reasons.some((r) => r.kind === d.kind && r.note === d.note)) continue;
    reasons.push({ kind: d.kind, note: d.note });
  }
  return reasons;
}
