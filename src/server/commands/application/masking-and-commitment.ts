// Two declarations of the applicant: the masking items ticked for blind review (A24-7), and the
// signed personal commitment (个人承诺书), signed by typing one's own name.
import { and, eq, inArray } from 'drizzle-orm';
import { isEditable, type ApplicationStatus } from '../../../domain/application/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, users } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';
import { loadOwnApplication } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { recordEvent } from './events.js';
import { notEditable } from './save-section.js';

export async function setMasking(services: Services, ctx: RequestContext, actor: Actor, applicationId: string, items: string[]): Promise<void> {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  if (!isEditable(app.status as ApplicationStatus)) throw notEditable(app.status);
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const known = campaign.blindReview?.maskedItems ?? [];
  const unknown = items.filter((i) => !known.includes(i));
  if (unknown.length > 0) throw badRequest(`本次评审没有遮盖项目“${unknown[0]}”`, [{ path: 'items', message: '未知的遮盖项目' }]);
  await services.db.transaction(async (tx) => {
    await tx.update(applications).set({ masking: [...new Set(items)], updatedAt: new Date() }).where(eq(applications.id, app.id));
    await appendAudit(tx, ctx, { action: 'application.masking', objectType: 'application', objectId: app.id, detail: { items } });
  });
}

export async function signCommitment(services: Services, ctx: RequestContext, actor: Actor, applicationId: string, typedName: string): Promise<void> {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  if (!isEditable(app.status as ApplicationStatus)) throw notEditable(app.status);
  const [user] = await services.db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  if (typedName.trim() !== user.name) {
    throw badRequest('签名须与您的实名一致', [{ path: 'name', message: `请输入您的姓名“${user.name}”` }]);
  }
  await services.db.transaction(async (tx) => {
    await tx
      .update(applications)
      .set({ commitmentSignedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), inArray(applications.status, ['draft', 'returned'])));
    await recordEvent(tx, app.id, 'applicant', 'commitmentSigned');
    await appendAudit(tx, ctx, { action: 'application.commitment', objectType: 'application', objectId: app.id });
  });
}
