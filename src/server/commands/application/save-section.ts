// Autosave of one form section. Drafts may be incomplete (completeness is checked on submit), but
// every value is bounded and every picked record must be the applicant's own and of the right
// kind. `version` guards against a stale tab overwriting newer work: a mismatch is refused with
// 409 and nothing is lost on either side.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { findSection, isEditable, NOTHING, type ApplicationStatus, type FieldValue, type FormValues } from '../../../domain/application/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import { applications, archiveRecords } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadOwnApplication } from '../../queries/applications.js';
import type { Services } from '../../services.js';

export function notEditable(status: string) {
  return conflict(status === 'unit_review' ? '申报已提交，单位审核期间不能修改；如需修改请等待退回' : '当前状态不能修改申报', 'NOT_EDITABLE');
}

export async function saveSection(
  services: Services,
  ctx: RequestContext,
  actor: Actor,
  applicationId: string,
  input: { version: number; sectionId: string; values: Record<string, FieldValue> },
): Promise<{ version: number }> {
  const app = await loadOwnApplication(services.db, actor, applicationId);
  if (!isEditable(app.status as ApplicationStatus)) throw notEditable(app.status);
  const section = findSection(input.sectionId);
  if (!section) throw badRequest('未知的申报栏目', [{ path: 'sectionId', message: '未知的申报栏目' }]);
  const errors: { path: string; message: string }[] = [];
  const pickedIds: { id: string; kind: string }[] = [];
  for (const [fieldId, value] of Object.entries(input.values)) {
    const field = section.fields.find((f) => f.id === fieldId);
    const path = `${section.id}.${fieldId}`;
    if (!field) {
      errors.push({ path, message: '未知的填写项' });
    } else if (field.type === 'records') {
      if (typeof value === 'string' && value !== NOTHING) errors.push({ path, message: `请从档案中选择，或选择“${NOTHING}”` });
      if (Array.isArray(value)) value.forEach((id) => pickedIds.push({ id, kind: field.kind }));
    } else if (typeof value !== 'string') {
      errors.push({ path, message: '应填写文字' });
    } else if (value.length > field.maxLength) {
      errors.push({ path, message: `“${field.label}”不超过 ${field.maxLength} 个字，现有 ${value.length} 个字` });
    }
  }
  if (pickedIds.length > 0) {
    const own = await services.db
      .select({ id: archiveRecords.id, kind: archiveRecords.kind })
      .from(archiveRecords)
      .where(and(eq(archiveRecords.userId, actor.userId), inArray(archiveRecords.id, pickedIds.map((p) => p.id))));
    for (const p of pickedIds) {
      if (!own.some((o) => o.id === p.id && o.kind === p.kind)) errors.push({ path: `${section.id}.records`, message: '所选档案记录不存在或类型不符' });
    }
  }
  if (errors.length > 0) throw badRequest(errors[0].message, errors);

  return services.db.transaction(async (tx) => {
    const form = { ...(app.form as FormValues), [section.id]: { ...((app.form as FormValues)[section.id] ?? {}), ...input.values } };
    const updated = await tx
      .update(applications)
      .set({ form, version: sql`${applications.version} + 1`, updatedAt: new Date() })
      .where(and(eq(applications.id, app.id), eq(applications.version, input.version), inArray(applications.status, ['draft', 'returned'])))
      .returning({ version: applications.version });
    if (updated.length === 0) throw conflict('申报内容已在其他页面或设备上修改，请刷新后再保存（您本次填写的内容仍保留在页面上）', 'VERSION_CONFLICT');
    await appendAudit(tx, ctx, { action: 'application.save', objectType: 'application', objectId: app.id, detail: { section: section.id } });
    return { version: updated[0].version };
  });
}
