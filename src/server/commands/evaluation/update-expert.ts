// Changes a pool entry (any field, or takes it out of the pool with `active: false`). The entry
// as it would be is checked whole, so a new end date is checked against the stored start date.
// Committees already drawn keep their members: the draw recorded who qualified on that day.
// While the expert sits on a committee whose work is not over (not 'confirmed') the entry cannot
// be re-linked to another account, unlinked, or taken out of the pool (409 EXPERT_SEATED): the
// seat, its declaration, scores and ballot receipts belong to the person who logs in with the
// linked account, and an inactive entry no longer reaches the expert's desk (memberCommittee).
// Linking an account to an entry that has none is allowed: nobody has acted in that seat yet.
import { and, eq, ne } from 'drizzle-orm';
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { committeeMembers, committees, experts } from '../../db/schema.js';
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
  const relinks = patch.userId !== undefined && patch.userId !== current.userId && current.userId !== null;
  const retires = patch.active === false && current.active;
  if (relinks || retires) {
    const seats = await services.db
      .select({ name: committees.name })
      .from(committeeMembers)
      .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
      .where(and(eq(committeeMembers.expertId, current.id), ne(committees.status, 'confirmed')));
    if (seats.length > 0) {
      const what = relinks ? (patch.userId === null ? '解除其登录账号' : '更换其登录账号') : '将其移出专家库';
      throw conflict(`${current.name}是“${seats.map((s) => s.name).join('”“')}”的委员，评审结果确认前不能${what}`, 'EXPERT_SEATED');
    }
  }
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
