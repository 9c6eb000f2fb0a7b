import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { organisations } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { uniqueViolation } from '../../db/errors.js';
import { badRequest, notFound } from '../../http/errors.js';
import { loadOrgMap } from '../../queries/organisations.js';
import type { Services } from '../../services.js';
import { duplicateOrgName } from './create-organisation.js';
import { checkOrgDraft, type OrgDraft } from './rules.js';

export async function updateOrganisation(services: Services, ctx: RequestContext, id: string, patch: Partial<OrgDraft>) {
  return services.db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!current) throw notFound();
    const draft: OrgDraft = {
      parentId: patch.parentId !== undefined ? patch.parentId : current.parentId,
      kind: patch.kind ?? (current.kind as OrgDraft['kind']),
      name: patch.name ?? current.name,
      code: patch.code !== undefined ? patch.code : current.code,
      unitKind: patch.unitKind !== undefined ? patch.unitKind : (current.unitKind as OrgDraft['unitKind']),
      countyLevelOrBelow: patch.countyLevelOrBelow ?? current.countyLevelOrBelow,
      departmentId: patch.departmentId !== undefined ? patch.departmentId : current.departmentId,
    };
    const orgs = await loadOrgMap(tx);
    const errors = checkOrgDraft(orgs, draft);
    // Moving an organisation under itself or its own descendant would cut it off the tree.
    for (let p = draft.parentId; p; p = orgs.get(p)?.parentId ?? null) {
      if (p === id) {
        errors.push({ path: 'parentId', message: '不能把机构移动到它自己的下级之下' });
        break;
      }
    }
    if (errors.length > 0) throw badRequest(errors.map((e) => e.message).join('；'), errors);
    const [org] = await tx
      .update(organisations)
      .set({ ...draft, name: draft.name.trim() })
      .where(eq(organisations.id, id))
      .returning()
      .catch((err: unknown) => {
        throw uniqueViolation(err) === 'organisations_parent_name_key' ? duplicateOrgName(draft.name.trim()) : err;
      });
    await appendAudit(tx, ctx, { action: 'org.update', objectType: 'organisation', objectId: id, detail: { name: org.name } });
    return org;
  });
}
