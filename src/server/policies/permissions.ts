// The permission catalogue: which roles hold which permission. Deny by default: a permission not
// listed here is held by nobody, and every route must name one (or say it is public / needs only
// a log-in). Object-level scope (which unit, which prefecture) is checked in ./scopes.ts.
import type { Role } from '../../domain/roles.js';

export const PERMISSION_ROLES = {
  'membership.review': ['unit_reviewer'],
  /** The applicant's own archive, files and applications; objects of others answer 404. */
  'application.declare': ['applicant'],
  /** Applications submitted by the reviewer's own unit: scope in ./scopes.ts. */
  'application.unit_review': ['unit_reviewer'],
  /** Applications recommended by the units reporting through the reviewer's department (B21-13). */
  'application.dept_review': ['dept_reviewer'],
  /** Applications of the office's own prefecture's campaigns: formal check, return, 已接收材料. */
  'application.office_review': ['office_staff'],
  /** The payee and payment code of the office's prefecture (B21-14, A24-16). */
  'payment.manage': ['office_staff'],
  /** Confirm or reject fee receipts, reconciliation sheets: the prefecture's finance staff. */
  'fee.confirm': ['finance'],
  /**
   * The committee's work for the office's own prefecture: expert pool, committees, recusal,
   * blind-review packets, defence, the meeting (never an individual vote), results, documents,
   * certificates, revocation, statistics. Scope in src/server/queries/evaluation-scope.ts.
   */
  'evaluation.manage': ['office_staff'],
  /**
   * A real-name objection to a running results publicity (A24-4). Anyone who registered with their
   * real name holds the applicant role; no administrator (三员分立) and no staff desk files one.
   */
  'results.object': ['applicant'],
  /** An expert's own committees: conflict declaration, blind packets, scores, defence scores, the ballot. */
  'evaluation.expert': ['expert', 'committee_chair'],
  'org.manage': ['system_admin'],
  'user.manage': ['system_admin'],
  'role.assign': ['security_admin'],
  'audit.read': ['audit_admin'],
  /** Campaigns (evaluation notices) of the office's own prefecture: scope in ./scopes.ts. */
  'campaign.manage': ['office_staff'],
  /** Holidays and 调休 days beyond the built-in data (future years are announced late). */
  'calendar.manage': ['system_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSION_ROLES;

/** What a route requires: a permission, any logged-in user, or nothing at all. */
export type RouteAccess = Permission | 'authenticated' | 'public';

export const PERMISSIONS = Object.keys(PERMISSION_ROLES) as Permission[];

export function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSION_ROLES[permission];
}

/** The first of the actor's roles that grants `permission`, or null. */
export function grantingRole(actorRoles: readonly Role[], permission: Permission): Role | null {
  const allowed: readonly Role[] = PERMISSION_ROLES[permission];
  return actorRoles.find((r) => allowed.includes(r)) ?? null;
}

export function abilitiesOf(actorRoles: readonly Role[]): Permission[] {
  return PERMISSIONS.filter((p) => grantingRole(actorRoles, p) !== null);
}
