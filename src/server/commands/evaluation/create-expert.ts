// Adds an expert to the prefecture's pool (专家库): checked by expert-rules.ts (term ≤ 3 years,
// N40-COMMITTEE; unit in the prefecture's tree; a linked account an expert of the prefecture).
import { appendAudit } from '../../audit/append-audit.js';
import { uniqueViolation } from '../../db/errors.js';
import { experts } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { badRequest, conflict } from '../../http/errors.js';
import type { ExpertRow } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';
import { checkExpert, expertColumns, type ExpertInput } from './expert-rules.js';

export async function createExpert(services: Services, ctx: RequestContext, prefectureId: string, input: ExpertInput): Promise<ExpertRow> {
  const checked = await checkExpert(services.db, prefectureId, input);
  if (!checked.ok) throw badRequest(checked.problems.map((p) => p.message).join('；'), checked.problems);
  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(experts)
        .values({ prefectureId, ...expertColumns((p) => services.cipher.encrypt(p), checked.values) })
        .returning();
      await appendAudit(tx, ctx, {
        action: 'expert.create',
        objectType: 'expert',
        objectId: row.id,
        detail: { seriesId: row.seriesId, level: row.level, termStart: row.termStart, termEnd: row.termEnd, linked: row.userId !== null },
      });
      return row;
    });
  } catch (err) {
    // Checked above; a concurrent link of the same account lands here.
    if (uniqueViolation(err) === 'experts_prefecture_user_key') throw conflict('该账号已关联专家库中的另一名专家', 'ACCOUNT_ALREADY_LINKED');
    throw err;
  }
}
