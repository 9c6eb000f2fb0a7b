// The office's own prefecture, pure: the organisation of its office_staff grant, which the
// evaluation routes take as ?prefectureId= (the server falls back to the office's only one).
import type { Me } from '../../../api/types';

export function officePrefectureId(me: Pick<Me, 'roles'>): string | null {
  return me.roles.find((r) => r.role === 'office_staff' && r.orgId)?.orgId ?? null;
}
