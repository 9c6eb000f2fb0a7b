// The expert's conflict declaration (回避声明), pure: the persons typed as the request. Blank rows
// are dropped; a row with anything in it needs a name and a kind. An empty list declares none.
import type { DeclaredConflictKind, DeclaredPerson } from '../../../api/evaluation';

export const DECLARED_KIND_OPTIONS: { value: DeclaredConflictKind; label: string }[] = [
  { value: 'relation', label: '亲属等利害关系' },
  { value: 'coauthor', label: '合作署名' },
  { value: 'other', label: '其他' },
];

export interface PersonValues {
  name?: string;
  kind?: DeclaredConflictKind;
  note?: string;
}

export function toDeclaration(rows: readonly (PersonValues | undefined)[]): { persons: DeclaredPerson[] } | { problems: string[] } {
  const persons: DeclaredPerson[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const name = row?.name?.trim() ?? '';
    const note = row?.note?.trim() ?? '';
    if (name === '' && note === '') return;
    if (name === '') problems.push(`第 ${i + 1} 行：请填写姓名`);
    if (!row?.kind) problems.push(`第 ${i + 1} 行：请选择关系`);
    if (name !== '' && row?.kind) persons.push({ name, kind: row.kind, note });
  });
  return problems.length > 0 ? { problems } : { persons };
}
