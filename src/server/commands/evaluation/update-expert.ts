// Changes a pool entry (any field, or takes it out of the pool with `active: false`). The entry
// as it would be is checked whole, so a new end date is checked against the stored start date.
// Committees already drawn keep their members: the draw recorded who qualified on that day.
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { experts } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import { officeExpert, type ExpertRow } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { checkExpert, expertColumns, type ExpertInput } from './expert-rules.js';

export type ExpertPatch = Partial<ExpertInput> & { active?: boolean };

export async function updateExpert(services: Services, ctx: RequestContext, actor: Actor, expertId: string, patch: ExpertPatch): Promise<ExpertRow> {
  const current = await officeExpert(services.db, actor, expertId);
  const merged: ExpertInput = {
    name: patch.name ?? current.name,
    seriesId: patch.seriesId ?? current.seriesId,
    specialtyIds: patch.specialtyIds ?? current.specialtyIds,
    level: patch.level ?? current.level,
    titleName: patch.titleName ?? current.titleName,
    unitId: patch.unitId !== undefined ? patch.unitId : current.unitId,
    // A new unit from the tree brings its own name unless one is given.
    unitName: patch.unitName ?? (patch.unitId !== undefined && patch.unitId !== current.unitId ? '' : current.unitName),
    phone: patch.phone !== undefined ? patch.phone : null,
    termStart: patch.termStart ?? current.termStart,
    termEnd: patch.termEnd ?? current.termEnd,
    userId: patch.userId !== undefined ? patch.userId : current.userId,
  };
  const checked = await checkExpert(services.db, current.prefectureId, merged, current.id);
  if (!checked.ok) throw badRequest(checked.problems.map((p) => p.message).join('；'), checked.problems);
  const columns = expertColumns((p) => services.cipher.encrypt(p), checked.values);
  // The stored phone stays unless the request names one (null clears it).
  const phoneCipher = patch.phone !== undefined ? columns.phoneCipher : current.phoneCipher;
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .update(experts)
        .set({ ...columns, phoneCipher, ...(patch.active !== undefined ? { active: patch.active } : {}) })
        .where(eq(experts.id, current.id))
        .returning();
      await appendAudit(tx, ctx, {
        action: 'expert.update',
        objectType: 'expert',
        objectId: row.id,
        // Which fields changed, never their values (a phone number must not reach the log).
        detail: { fields: Object.keys(patch).sort() },
      });
      return row;
    });
  } catch (err) {
    if (uniqueViolation(err) === 'experts_prefecture_user_key') throw conflict('该账号已关联专家库中的另一名专家', 'ACCOUNT_ALREADY_LINKED');
    throw err;
  }
}
