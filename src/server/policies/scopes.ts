// Object-level checks: the role must be held for the organisation the object belongs to.
import type { Actor } from '../http/context.js';

/** A unit reviewer reviews memberships of the units their grant names. */
export function canReviewUnit(actor: Actor, unitId: string): boolean {
  return actor.roles.some((g) => g.role === 'unit_reviewer' && g.orgId === unitId);
}

/** Organisations (prefectures) whose committee office the actor works in. */
export function officePrefectureIds(actor: Actor): string[] {
  return actor.roles.filter((g) => g.role === 'office_staff' && g.orgId !== null).map((g) => g.orgId!);
}

/** The committee office manages the campaigns of its own prefecture only; others get 404. */
export function canManageCampaign(actor: Actor, prefectureId: string): boolean {
  return officePrefectureIds(actor).includes(prefectureId);
}

/** Organisations (prefectures) whose committee finance the actor works in. */
export function financePrefectureIds(actor: Actor): string[] {
  return actor.roles.filter((g) => g.role === 'finance' && g.orgId !== null).map((g) => g.orgId!);
}
