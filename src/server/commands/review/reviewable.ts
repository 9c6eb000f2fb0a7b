// Which submitted applications a reviewer may see and act on, desk by desk: the unit reviewer
// those of the units their grant names; the department reviewer those of the units reporting
// through their department (B21-13); the committee office those of its prefecture's campaigns —
// each only once the application has reached that desk.
// Anything else — drafts included — is 404, so ids reveal nothing.
import { eq } from 'drizzle-orm';
import type { ReviewStage } from '../../../domain/application/index.js';
import type { Executor } from '../../db/client.js';
import { applications, campaigns, organisations } from '../../db/schema.js';
import type { Actor } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { canReviewUnit, officePrefectureIds } from '../../policies/scopes.js';

export type ApplicationRow = typeof applications.$inferSelect;

export function departmentIds(actor: Actor): string[] {
  return actor.roles.filter((g) => g.role === 'dept_reviewer' && g.orgId).map((g) => g.orgId!);
}

/**
 * A desk sees an application once it has reached that desk, and from then on (so it can follow
 * what it returned): the department after the unit recommended it, the committee office after the
 * department forwarded it (or, for a unit without a department, after the unit recommended it).
 */
export async function canSee(db: Executor, actor: Actor, app: ApplicationRow, stage: ReviewStage): Promise<boolean> {
  if (app.status === 'draft') return false;
  if (stage === 'unit') return canReviewUnit(actor, app.unitId);
  const [unit] = await db.select({ departmentId: organisations.departmentId }).from(organisations).where(eq(organisations.id, app.unitId));
  const departmentId = unit?.departmentId ?? null;
  if (stage === 'dept') return departmentId !== null && app.recommendedAt !== null && departmentIds(actor).includes(departmentId);
  const reachedOffice = departmentId === null ? app.recommendedAt !== null : app.batchId !== null;
  if (!reachedOffice) return false;
  const [campaign] = await db.select({ prefectureId: campaigns.prefectureId }).from(campaigns).where(eq(campaigns.id, app.campaignId));
  return campaign !== undefined && officePrefectureIds(actor).includes(campaign.prefectureId);
}

export async function reviewableApplication(db: Executor, actor: Actor, id: string, stage: ReviewStage): Promise<ApplicationRow> {
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  if (!app || !(await canSee(db, actor, app, stage))) throw notFound('未找到该申报');
  return app;
}
