// Shared by the review and defence score commands: the sheet checked against the campaign's
// scoring form for the level (scoreProblems, Chinese, naming the item) and stored in tenths, one
// sheet per expert, candidate and kind (saving again replaces it).
import { scoreProblems, scoreTotal, type ScoringForm } from '../../../domain/evaluation/index.js';
import { appendAudit } from '../../audit/append-audit.js';
import type { Transaction } from '../../db/client.js';
import { scores } from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { badRequest } from '../../http/errors.js';

export interface ScoreSheetInput {
  items: Record<string, unknown>;
  comment: string;
}

/** 400 with every problem of the sheet; the total (one decimal) when it may be saved. */
export function checkedTotal(form: ScoringForm, input: ScoreSheetInput): { items: Record<string, number>; total: number } {
  const sheet = { items: input.items as Record<string, number>, comment: input.comment };
  const problems = scoreProblems(form, sheet);
  if (problems.length > 0) {
    throw badRequest(
      problems.join('；'),
      problems.map((message) => ({ path: 'items', message })),
    );
  }
  const items: Record<string, number> = {};
  for (const item of form.items) items[item.id] = sheet.items[item.id];
  return { items, total: scoreTotal(form, sheet) };
}

export async function storeScore(
  tx: Transaction,
  ctx: RequestContext,
  sheet: { committeeId: string; applicationId: string; expertId: string; kind: 'review' | 'defence'; items: Record<string, number>; total: number; comment: string },
): Promise<void> {
  const totalTenths = Math.round(sheet.total * 10);
  const now = new Date();
  await tx
    .insert(scores)
    .values({ applicationId: sheet.applicationId, expertId: sheet.expertId, kind: sheet.kind, items: sheet.items, totalTenths, comment: sheet.comment })
    .onConflictDoUpdate({
      target: [scores.applicationId, scores.expertId, scores.kind],
      set: { items: sheet.items, totalTenths, comment: sheet.comment, updatedAt: now },
    });
  await appendAudit(tx, ctx, {
    action: 'score.submit',
    objectType: 'application',
    objectId: sheet.applicationId,
    detail: { committeeId: sheet.committeeId, expertId: sheet.expertId, kind: sheet.kind, total: sheet.total },
  });
}
