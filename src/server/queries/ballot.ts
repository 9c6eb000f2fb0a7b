// GET /expert/committees/:id/ballot: what an expert sees of the secret ballot — whether it is open
// or closed, whether they are recorded present, and for each candidate (anonymous code) the review
// average, the defence score, whether they are recused and whether they have voted. Never a choice,
// never a tally: an expert's own vote cannot be read back either. The review average only once
// the office closed scoring, the defence score only once the meeting opened (defence scoring ends
// then), null before: while experts still score, a running average would let one watch the
// others' scores move, and each expert's review is independent (A24-7).
import { and, asc, eq } from 'drizzle-orm';
import { averageScore } from '../../domain/evaluation/index.js';
import type { Executor } from '../db/client.js';
import { applications, ballotReceipts, ballotTallies, candidates, committeeMembers } from '../db/schema.js';
import type { Actor } from '../http/context.js';
import { candidatesOf, committeeCampaign, defenceScoresOf, recusedApplicationIds, scoreTotalsOf, specialtyName } from './defence.js';
import { memberCommittee } from './evaluation-scope.js';

export interface ExpertBallotView {
  open: boolean;
  closed: boolean;
  present: boolean;
  candidates: {
    applicationId: string;
    code: string;
    specialtyName: string;
    reviewAverage: number | null;
    defenceScoreText: string | null;
    recused: boolean;
    voted: boolean;
  }[];
}

const CLOSED = new Set(['ballot_closed', 'results_publicised', 'confirmed']);

export async function expertBallot(db: Executor, actor: Actor, committeeId: string): Promise<ExpertBallotView> {
  const { committee, expert } = await memberCommittee(db, actor, committeeId);
  const { campaign } = await committeeCampaign(db, committee);
  const [member] = await db
    .select({ present: committeeMembers.present })
    .from(committeeMembers)
    .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.expertId, expert.id)));
  const opened = committee.status === 'meeting_open' || CLOSED.has(committee.status);

  // Once the meeting has opened, the candidates put to the vote are those with a tally row; before,
  // those whose packets are not held back.
  const rows = opened
    ? await db
        .select({ applicationId: candidates.applicationId, code: candidates.code, seriesId: applications.seriesId, specialtyId: applications.specialtyId })
        .from(ballotTallies)
        .innerJoin(candidates, eq(candidates.applicationId, ballotTallies.applicationId))
        .innerJoin(applications, eq(applications.id, candidates.applicationId))
        .where(eq(ballotTallies.committeeId, committee.id))
        .orderBy(asc(candidates.code))
    : await db
        .select({ applicationId: candidates.applicationId, code: candidates.code, seriesId: applications.seriesId, specialtyId: applications.specialtyId })
        .from(candidates)
        .innerJoin(applications, eq(applications.id, candidates.applicationId))
        .where(and(eq(candidates.committeeId, committee.id), eq(candidates.packetHeld, false)))
        .orderBy(asc(candidates.code));

  const recused = await recusedApplicationIds(db, committee.id, expert.id);
  const voted = new Set(
    (
      await db
        .select({ applicationId: ballotReceipts.applicationId })
        .from(ballotReceipts)
        .where(and(eq(ballotReceipts.committeeId, committee.id), eq(ballotReceipts.expertId, expert.id)))
    ).map((r) => r.applicationId),
  );
  const reviewFinal = committee.status !== 'formed';
  const reviewTotals = reviewFinal ? await scoreTotalsOf(db, committee.id, 'review') : new Map<string, number[]>();
  const defence = opened ? await defenceScoresOf(db, committee.id, campaign, await candidatesOf(db, committee.id), { withReason: false }) : new Map<string, { defenceScoreText: string | null }>();

  return {
    open: committee.status === 'meeting_open',
    closed: CLOSED.has(committee.status),
    present: member?.present === true,
    candidates: rows.map((r) => ({
      applicationId: r.applicationId,
      code: r.code,
      specialtyName: specialtyName(campaign, r.seriesId, r.specialtyId),
      reviewAverage: averageScore(reviewTotals.get(r.applicationId) ?? []),
      defenceScoreText: defence.get(r.applicationId)?.defenceScoreText ?? null,
      recused: recused.has(r.applicationId),
      voted: voted.has(r.applicationId),
    })),
  };
}
