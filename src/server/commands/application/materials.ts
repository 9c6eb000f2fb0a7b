// Material slots of an application (B21-12: every required slot filled): a scan is uploaded
// straight into a slot, or an archive scan is placed there; a file can be taken out again while
// the application is editable. The slot's file types (B21-11: JPG only in Bayingol) are enforced.
// A file placed in a masked slot of an application reviewed blind gets its leak check (A24-7).
import { and, eq, max } from 'drizzle-orm';
import { isEditable, type ApplicationStatus } from '../../../domain/application/index.js';
import type { Campaign, FileType } from '../../../domain/campaign/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import type { Transaction } from '../../db/client.js';
import { applicationMaterials, applications } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { conflict, notFound } from '../../http/errors.js';
import { loadOwnApplication, loadOwnFile, type ApplicationRow } from '../../queries/applications.js';
import { loadPublishedCampaign } from '../../queries/campaigns.js';
import type { Services } from '../../services.js';
import { requestBlindReviewChecks } from '../files/request-leak-check.js';
import { uploadFile, uploadRefused, type FileRow } from '../files/upload-file.js';
import { notEditable } from './save-section.js';

const MAX_FILES_PER_SLOT = 50;
const TYPE_LABEL: Record<FileType, string> = { jpg: 'JPG', png: 'PNG', pdf: 'PDF' };

async function editableSlot(services: Services, actor: Actor, applicationId: string, slotId: string) {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  if (!isEditable(app.status as ApplicationStatus)) throw notEditable(app.status);
  const { campaign } = await loadPublishedCampaign(services.db, app.campaignId);
  const slot = campaign.materials.find((s) => s.id === slotId);
  if (!slot) throw notFound('本次评审没有该材料栏目');
  return { app, slot, campaign };
}

/** Places the file; returns whether its leak check was requested just now (it is then 'pending'). */
async function place(tx: Transaction, app: ApplicationRow, campaign: Campaign, slotId: string, fileId: string): Promise<boolean> {
  const [{ last }] = await tx
    .select({ last: max(applicationMaterials.position) })
    .from(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, app.id), eq(applicationMaterials.slotId, slotId)));
  if ((last ?? -1) + 1 >= MAX_FILES_PER_SLOT) throw conflict(`每个材料栏目最多 ${MAX_FILES_PER_SLOT} 个文件`, 'SLOT_FULL');
  await tx
    .insert(applicationMaterials)
    .values({ applicationId: app.id, slotId, fileId, position: (last ?? -1) + 1 })
    .onConflictDoNothing();
  await tx.update(applications).set({ updatedAt: new Date() }).where(eq(applications.id, app.id));
  return (await requestBlindReviewChecks(tx, app, campaign)).includes(fileId);
}

export async function uploadMaterial(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  slotId: string,
  upload: { bytes: Buffer; name: string },
): Promise<FileRow> {
  const { app, slot, campaign } = await editableSlot(services, actor, applicationId, slotId);
  let checking = false;
  const file = await uploadFile(services, ctx, actor, { ...upload, allowed: slot.fileTypes }, async (tx, stored) => {
    checking = await place(tx, app, campaign, slot.id, stored.id);
  });
  return checking ? { ...file, leakStatus: 'pending' } : file;
}

export async function addArchiveFileToSlot(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  slotId: string,
  fileId: string,
): Promise<void> {
  const { app, slot, campaign } = await editableSlot(services, actor, applicationId, slotId);
  const file = await loadOwnFile(services.db, actor, fileId);
  if (!slot.fileTypes.includes(file.kind as FileType)) {
    throw uploadRefused(`此项材料只接受 ${slot.fileTypes.map((t) => TYPE_LABEL[t]).join('、')} 文件，所选文件是 ${TYPE_LABEL[file.kind as FileType]}`, 'TYPE_NOT_ALLOWED');
  }
  await services.db.transaction(async (tx) => {
    await place(tx, app, campaign, slot.id, file.id);
    await appendAudit(tx, ctx, { action: 'application.material_add', objectType: 'application', objectId: app.id, detail: { slotId, fileId } });
  });
}

export async function removeMaterial(services: Services, ctx: RequestContext, actor: Actor, applicationId: string, materialId: string): Promise<void> {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  if (!isEditable(app.status as ApplicationStatus)) throw notEditable(app.status);
  await services.db.transaction(async (tx) => {
    const removed = await tx
      .delete(applicationMaterials)
      .where(and(eq(applicationMaterials.id, materialId), eq(applicationMaterials.applicationId, app.id)))
      .returning({ slotId: applicationMaterials.slotId });
    if (removed.length === 0) throw notFound('未找到该材料');
    await tx.update(applications).set({ updatedAt: new Date() }).where(eq(applications.id, app.id));
    await appendAudit(tx, ctx, { action: 'application.material_remove', objectType: 'application', objectId: app.id, detail: { slotId: removed[0].slotId } });
  });
}

