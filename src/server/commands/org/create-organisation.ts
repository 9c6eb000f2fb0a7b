import { appendAudit } from '../../audit/append-audit.js';
import { organisations } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { uniqueViolation } from '../../db/errors.js';
import { badRequest, conflict } from '../../http/errors.js';
import { loadOrgMap } from '../../queries/organisations.js';
import type { Services } from '../../services.js';
import { checkOrgDraft, type OrgDraft } from './rules.js';

/** Two organisations of one name under one parent could not be told apart (import matches by path). */
export const duplicateOrgName = (name: string) => conflict(`所选上级机构下已有名为“${name}”的机构`, 'ORG_NAME_TAKEN');

export async function createOrganisation(services: Services, ctx: RequestContext, draft: OrgDraft) {
  return services.db.transaction(async (tx) => {
    const errors = checkOrgDraft(await loadOrgMap(tx), draft);
    if (errors.length > 0) throw badRequest(errors.map((e) => e.message).join('；'), errors);
    const [org] = await tx
      .insert(organisations)
      .values({ ...draft, name: draft.name.trim() })
      .returning()
      .catch((err: unknown) => {
        throw uniqueViolation(err) === 'organisations_parent_name_key' ? duplicateOrgName(draft.name.trim()) : err;
      });
    await appendAudit(tx, ctx, { action: 'org.create', objectType: 'organisation', objectId: org.id, detail: { name: org.name, kind: org.kind } });
    return org;
  });
}
