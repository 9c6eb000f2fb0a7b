// What the meeting, results and certificate commands share: the committee row lock, the pass-rate
// policy of the committee's level (A24-17), storing a generated PDF as a files row, and the
// certificate-signing key derived from the master key.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Campaign } from '../../../domain/campaign/index.js';
import type { Executor } from '../../db/client.js';
import { committees, files } from '../../db/schema.js';
import { conflict, notFound } from '../../http/errors.js';
import type { CommitteeRow } from '../../queries/evaluation-scope.js';
import type { Services } from '../../services.js';

export const COMMITTEE_STATUS_LABELS: Record<string, string> = {
  formed: '已组建，专家评审中',
  scoring_closed: '专家评分已结束',
  meeting_open: '评审会议投票中',
  ballot_closed: '投票已结束',
  results_publicised: '评审结果公示中',
  confirmed: '评审结果已确认',
};

/** The committee row under FOR UPDATE: every status change of a committee is serialised on it. */
export async function lockCommittee(tx: Executor, committeeId: string): Promise<CommitteeRow> {
  const [row] = await tx.select().from(committees).where(eq(committees.id, committeeId)).for('update');
  if (!row) throw notFound('未找到该评审委员会');
  return row;
}

/** 409 unless the committee is in one of `allowed`, naming where it stands. */
export function assertCommitteeStatus(committee: CommitteeRow, allowed: readonly string[], message: string, code = 'WRONG_STAGE'): void {
  if (!allowed.includes(committee.status)) {
    throw conflict(`${message}（评审委员会当前状态：${COMMITTEE_STATUS_LABELS[committee.status] ?? committee.status}）`, code);
  }
}

export type PassRatePolicy = { policy: 'uncapped' } | { policy: 'capped'; ratePercent: number | null; ruleId: string };

/**
 * A24-17: the pass-rate policy of the committee's level. A capped level uses the rate the committee
 * set (committees.pass_rate_percent), else the campaign's; a level the campaign does not list is
 * uncapped.
 */
export function passRatePolicy(campaign: Campaign, committee: CommitteeRow): PassRatePolicy {
  const entry = campaign.passRates.find((p) => p.level === committee.level);
  if (!entry || entry.policy === 'uncapped') return { policy: 'uncapped' };
  const own = committee.passRatePercent === null ? null : Number(committee.passRatePercent);
  return { policy: 'capped', ratePercent: own ?? entry.ratePercent, ruleId: entry.ruleId };
}

async function pdfPages(pdf: Buffer): Promise<number> {
  try {
    return (await PDFDocument.load(new Uint8Array(pdf), { updateMetadata: false })).getPageCount();
  } catch {
    return 1;
  }
}

/**
 * Stores a PDF the server generated (never an upload, so no inspection or leak check) and inserts
 * its files row inside `tx`. Order as for uploads: durable put → row in the caller's transaction;
 * a crash in between leaves an orphan that the start-up sweep removes.
 */
export async function storeGeneratedPdf(services: Services, tx: Executor, ownerId: string, folder: string, name: string, pdf: Buffer) {
  const id = randomUUID();
  const stored = await services.files.put(`${folder}/${id}.pdf`, pdf);
  const [row] = await tx
    .insert(files)
    .values({ id, ownerId, storageKey: stored.key, sm3: stored.sm3, bytes: stored.bytes, kind: 'pdf', originalName: name.slice(0, 200), pages: await pdfPages(pdf), leakStatus: 'done' })
    .returning();
  return row;
}
