// Checks shared by creating, editing and importing organisations.
import { ALLOWED_PARENT, type OrgKind, type UnitKind } from '../../../domain/organisations.js';
import type { FieldError } from '../../http/errors.js';

export interface OrgRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  departmentId: string | null;
}

export interface OrgDraft {
  parentId: string | null;
  kind: OrgKind;
  name: string;
  code: string | null;
  unitKind: UnitKind | null;
  countyLevelOrBelow: boolean;
  departmentId: string | null;
}

/** The prefecture an organisation belongs to (itself for a prefecture), or null. */
export function prefectureOf(orgs: Map<string, OrgRow>, id: string | null): string | null {
  let current = id ? orgs.get(id) : undefined;
  while (current) {
    if (current.kind === 'prefecture') return current.id;
    current = current.parentId ? orgs.get(current.parentId) : undefined;
  }
  return null;
}

const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\p{Cs}/u;

export function checkOrgDraft(orgs: Map<string, OrgRow>, draft: OrgDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.name.trim()) errors.push({ path: 'name', message: '机构名称不能为空' });
  // Invisible and bidi characters would let 温宿\u200b县 sit beside 温宿县 (the Excel import does not
  // pass the API's text schema, so the rule lives here too).
  if (HIDDEN_CHARACTERS.test(draft.name)) errors.push({ path: 'name', message: '机构名称包含不允许的控制字符、不可见字符或文字方向控制字符' });
  if (draft.code && HIDDEN_CHARACTERS.test(draft.code)) errors.push({ path: 'code', message: '机构代码包含不允许的控制字符、不可见字符或文字方向控制字符' });
  const parent = draft.parentId ? orgs.get(draft.parentId) : undefined;
  if (draft.parentId && !parent) errors.push({ path: 'parentId', message: '上级机构不存在' });
  const parentKind = (parent?.kind ?? null) as OrgKind | null;
  if (!ALLOWED_PARENT[draft.kind].includes(parentKind)) {
    errors.push({ path: 'parentId', message: '该类型的机构不能设在所选上级机构之下' });
  }
  if (draft.kind !== 'unit' && (draft.unitKind || draft.departmentId)) {
    errors.push({ path: 'kind', message: '只有用人单位才有单位性质和主管部门' });
  }
  if (draft.kind === 'unit' && !draft.unitKind) errors.push({ path: 'unitKind', message: '请选择单位性质' });
  if (draft.departmentId) {
    const dept = orgs.get(draft.departmentId);
    if (!dept || dept.kind !== 'department') {
      errors.push({ path: 'departmentId', message: '主管部门必须是一个行业主管部门' });
    } else if (prefectureOf(orgs, dept.id) !== prefectureOf(orgs, draft.parentId)) {
      errors.push({ path: 'departmentId', message: '主管部门必须与单位属于同一地州' });
    }
  }
  return errors;
}
