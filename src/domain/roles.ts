// Roles of the platform and the separation-of-duties rule (三员分立).
// Shared by the server (policies) and the web (menus); pure data, no I/O.

export const ROLES = [
  'applicant',
  'unit_reviewer',
  'dept_reviewer',
  'office_staff',
  'finance',
  'expert',
  'committee_chair',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申报人',
  unit_reviewer: '单位审核员',
  dept_reviewer: '主管部门审核员',
  office_staff: '评委会办公室',
  finance: '财务人员',
  expert: '评审专家',
  committee_chair: '评委会主任',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** The kind of organisation each role is granted for (null: the whole platform). */
export const ROLE_SCOPE_KIND: Record<Role, 'unit' | 'department' | 'prefecture' | null> = {
  applicant: 'unit',
  unit_reviewer: 'unit',
  dept_reviewer: 'department',
  office_staff: 'prefecture',
  finance: 'prefecture',
  expert: 'prefecture',
  committee_chair: 'prefecture',
  system_admin: null,
  security_admin: null,
  audit_admin: null,
};

/** The three administrators kept apart (三员分立). */
export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];

/** Roles that must pass a second factor (TOTP) at log-in: everyone but applicants. */
export function roleRequiresSecondFactor(role: Role): boolean {
  return role !== 'applicant';
}

export function isAdminRole(role: Role): boolean {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

/**
 * Checks whether `role` may be added to an account that already holds `heldRoles`.
 * An administrator account holds exactly one role: no two admin roles on one account, and no
 * business role beside an admin role, so no administrator can act on applications.
 * Returns a Chinese reason when refused.
 */
export function checkRoleCombination(heldRoles: readonly Role[], role: Role): { ok: true } | { ok: false; reason: string } {
  if (heldRoles.includes(role)) return { ok: false, reason: `该账号已拥有“${ROLE_LABELS[role]}”角色` };
  const heldAdmin = heldRoles.find(isAdminRole);
  if (heldAdmin) {
    return { ok: false, reason: `三员分立：该账号已是${ROLE_LABELS[heldAdmin]}，不能再拥有其他角色` };
  }
  if (isAdminRole(role) && heldRoles.length > 0) {
    return { ok: false, reason: `三员分立：${ROLE_LABELS[role]}账号不能兼任其他角色，请为其单独开设账号` };
  }
  return { ok: true };
}

/** Roles in catalogue order, so "the" role of a multi-role account is the same every time. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}
