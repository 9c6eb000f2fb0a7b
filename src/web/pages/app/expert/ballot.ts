// The expert's ballot, pure: which candidates can still be voted on, the request of the choices
// made, and what the ballot tab says. A choice is never kept once sent: after voting the page only
// knows 已投票 (from the server), never which way.
import type { Ballot, BallotCandidate, BallotRequest, VoteChoice } from '../../../api/evaluation';

export function votable(c: Pick<BallotCandidate, 'recused' | 'voted'>): boolean {
  return !c.recused && !c.voted;
}

/** The votes to send — every votable candidate needs a choice; `missing` names the codes without one. */
export function toBallotRequest(candidates: readonly BallotCandidate[], choices: Readonly<Record<string, VoteChoice | undefined>>): { request: BallotRequest; missing: string[] } {
  const votes: BallotRequest['votes'] = [];
  const missing: string[] = [];
  for (const c of candidates) {
    if (!votable(c)) continue;
    const choice = choices[c.applicationId];
    if (choice) votes.push({ applicationId: c.applicationId, choice });
    else missing.push(c.code);
  }
  return { request: { votes }, missing };
}

export type BallotPhase = 'not_open' | 'absent' | 'open' | 'done' | 'closed';

/** Where the expert stands: before the meeting, not recorded present, voting, all voted, or closed. */
export function ballotPhase(ballot: Pick<Ballot, 'open' | 'closed' | 'present' | 'candidates'>): BallotPhase {
  if (ballot.closed) return 'closed';
  if (!ballot.open) return 'not_open';
  if (!ballot.present) return 'absent';
  return ballot.candidates.some(votable) ? 'open' : 'done';
}

export const BALLOT_PHASE_TEXT: Record<BallotPhase, string> = {
  not_open: '评审会议尚未开始，开始后出席的委员可在此投票。',
  absent: '您未被登记为出席本次评审会议，不能投票。如有误，请联系评委会办公室。',
  open: '请对每名评审对象选择“同意”“不同意”或“弃权”后提交。投票为无记名投票，提交后不能更改。',
  done: '您已完成全部投票。投票结果在评审会议结束后由评委会办公室公布。',
  closed: '投票已结束。',
};
