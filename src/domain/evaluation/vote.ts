// The committee's secret ballot (无记名投票) and what follows from it: whether the meeting may vote
// at all, whether a candidate passed, and, for levels with a pass-rate cap (A24-17), who passes
// within the cap.
//
// National rule (《职称评审管理暂行规定》人社部令第40号, 2019): a meeting is valid only with at least
// 2/3 of the members present, and a candidate passes with at least 2/3 of the experts present
// voting yes. Every "2/3" below is integer arithmetic (a*3 >= b*2): 2/3 as a floating-point number
// is not exact, and a boundary such as 12 of 17 or 17 of 25 must never depend on rounding.
//
// Pure; shared with the web.

export type VoteChoice = 'agree' | 'disagree' | 'abstain';

export const VOTE_CHOICE_LABELS: Record<VoteChoice, string> = {
  agree: '同意',
  disagree: '不同意',
  abstain: '弃权',
};

function requireCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}应为非负整数：${n}`);
}

/**
 * National rule: the meeting is valid only with ≥ 2/3 of members present: present*3 >= members*2.
 * A committee without members never meets.
 */
export function meetingQuorate(members: number, present: number): boolean {
  requireCount(members, '评审委员会人数');
  requireCount(present, '出席人数');
  if (present > members) throw new RangeError(`出席人数（${present}）不能超过评审委员会人数（${members}）`);
  if (members === 0) return false;
  return present * 3 >= members * 2;
}

/** The smallest number present for a quorum: ⌈2 × members / 3⌉ (25 members → 17). */
export function quorumNeeded(members: number): number {
  requireCount(members, '评审委员会人数');
  // Integer ceiling of 2m/3 without floating point.
  return Math.floor((members * 2 + 2) / 3);
}

/**
 * A candidate passes with agree ≥ 2/3 of the experts present who may vote on them (present minus
 * recused): agree*3 >= voters*2. Abstentions and blank ballots simply are not "agree". No voter
 * at all (everyone recused) cannot make a decision, so the candidate does not pass.
 */
export function passesVote(voters: number, agree: number): boolean {
  requireCount(voters, '有表决权的专家人数');
  requireCount(agree, '同意票数');
  if (agree > voters) throw new RangeError(`同意票数（${agree}）不能超过有表决权的专家人数（${voters}）`);
  if (voters === 0) return false;
  return agree * 3 >= voters * 2;
}

/**
 * The smallest number of agree votes that passes: ⌈2 × voters / 3⌉ (17 voters → 12). With no voter
 * no number of votes passes, so 0 voters throws rather than answering a misleading 0.
 */
export function agreeNeeded(voters: number): number {
  requireCount(voters, '有表决权的专家人数');
  if (voters === 0) throw new RangeError('没有有表决权的专家，无法表决');
  return Math.floor((voters * 2 + 2) / 3);
}

export interface Tally {
  agree: number;
  disagree: number;
  abstain: number;
}

export function tallyVotes(choices: readonly VoteChoice[]): Tally {
  const tally: Tally = { agree: 0, disagree: 0, abstain: 0 };
  for (const c of choices) {
    if (c !== 'agree' && c !== 'disagree' && c !== 'abstain') throw new RangeError(`无效的表决意见：${String(c)}`);
    tally[c] += 1;
  }
  return tally;
}

export interface CandidateOutcomeInput {
  applicationId: string;
  level: string;
  voters: number;
  tally: Tally;
  /** Expert review + defence score, for ranking; null when none */
  score: number | null;
}

export type CandidateOutcome = {
  applicationId: string;
  passedVote: boolean;
  result: 'passed' | 'failed' | 'failed_cap' | 'tied_at_cap';
  rank: number | null;
};

/**
 * Turns a rate with at most two decimals into hundredths of a percent (33.3 → 3330), so the cap
 * can be computed with integers. A rate with more decimals is refused rather than silently rounded:
 * the committee sets the rate and must see exactly the number it set used.
 */
function rateInHundredths(ratePercent: number): number {
  if (!Number.isFinite(ratePercent) || ratePercent <= 0 || ratePercent > 100) {
    throw new RangeError(`通过率应大于 0 且不超过 100：${ratePercent}`);
  }
  const hundredths = Math.round(ratePercent * 100);
  // ratePercent * 100 of a two-decimal number is within floating-point noise of an integer.
  if (Math.abs(ratePercent * 100 - hundredths) > 1e-6) throw new RangeError(`通过率最多保留两位小数：${ratePercent}`);
  return hundredths;
}

/**
 * A24-17: how many of `candidateCount` candidates may pass at `ratePercent` percent:
 * floor(candidateCount × rate / 100), in integers (10 candidates at 33.3 % → 3).
 */
export function passCap(candidateCount: number, ratePercent: number): number {
  requireCount(candidateCount, '参评人数');
  const product = candidateCount * rateInHundredths(ratePercent);
  // Exact integer floor division by 10000 (rate in hundredths of a percent).
  return (product - (product % 10_000)) / 10_000;
}

/** Higher agree first, then higher score; a missing score ranks below every score. */
function compareForRanking(a: CandidateOutcomeInput, b: CandidateOutcomeInput): number {
  if (a.tally.agree !== b.tally.agree) return b.tally.agree - a.tally.agree;
  if (a.score === b.score) return 0;
  if (a.score === null) return 1;
  if (b.score === null) return -1;
  return b.score - a.score;
}

function validateCandidates(candidates: readonly CandidateOutcomeInput[]): void {
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.applicationId)) throw new Error(`申报 ${c.applicationId} 重复出现`);
    seen.add(c.applicationId);
    requireCount(c.voters, '有表决权的专家人数');
    for (const k of ['agree', 'disagree', 'abstain'] as const) requireCount(c.tally[k], VOTE_CHOICE_LABELS[k] + '票数');
    const cast = c.tally.agree + c.tally.disagree + c.tally.abstain;
    // A ballot from someone without a vote (recused, absent, a proxy) would show up as surplus.
    if (cast > c.voters) throw new Error(`申报 ${c.applicationId} 的票数（${cast}）超过有表决权的专家人数（${c.voters}）`);
    if (c.score !== null && !Number.isFinite(c.score)) throw new RangeError(`申报 ${c.applicationId} 的成绩无效：${c.score}`);
  }
}

/**
 * A24-17: for a level with a pass-rate cap only floor(candidates × rate / 100) may pass, where
 * candidates = all voted candidates of that level (those who failed the vote count too: the rate
 * is of those evaluated). Those who passed the vote are ranked by agree votes, then score (null
 * lowest); the first `cap` pass, the rest get 'failed_cap'. Candidates tied (same agree and score)
 * across the cap line all get 'tied_at_cap': the committee decides them and the server records
 * that decision; the order of the input never picks among them. A tie group entirely inside the
 * cap passes whole.
 *
 * Uncapped levels: everyone who passed the vote passes. A capped level whose rate the committee has
 * not yet set throws Error('通过率尚未设定'): results cannot be decided before it is.
 *
 * `rank`, for every policy: the competition rank (1, 2, 2, 4) among those who passed the vote, tied
 * candidates sharing a rank; null for those who failed the vote. The result list is in input order.
 *
 * One call decides one level: with a cap, candidates of several levels are refused (each level
 * has its own rate and its own count).
 */
export function decideResults(
  candidates: readonly CandidateOutcomeInput[],
  cap: { policy: 'uncapped' } | { policy: 'capped'; ratePercent: number | null },
): CandidateOutcome[] {
  validateCandidates(candidates);

  const passedVote = new Map(candidates.map((c) => [c.applicationId, passesVote(c.voters, c.tally.agree)]));
  const ranked = candidates.filter((c) => passedVote.get(c.applicationId)).sort(compareForRanking);

  // Tie groups in ranking order: candidates equal under compareForRanking.
  const groups: CandidateOutcomeInput[][] = [];
  for (const c of ranked) {
    const last = groups[groups.length - 1];
    if (last && compareForRanking(last[0], c) === 0) last.push(c);
    else groups.push([c]);
  }
  const rank = new Map<string, number>();
  let before = 0;
  for (const g of groups) {
    for (const c of g) rank.set(c.applicationId, before + 1);
    before += g.length;
  }

  const result = new Map<string, CandidateOutcome['result']>();
  if (cap.policy === 'uncapped') {
    for (const c of ranked) result.set(c.applicationId, 'passed');
  } else {
    if (cap.ratePercent === null) throw new Error('通过率尚未设定');
    const levels = new Set(candidates.map((c) => c.level));
    if (levels.size > 1) throw new Error(`设置通过率的级别须分别判定，本次包含多个级别：${[...levels].join('、')}`);
    const limit = passCap(candidates.length, cap.ratePercent);
    let taken = 0;
    for (const g of groups) {
      const outcome: CandidateOutcome['result'] =
        taken + g.length <= limit ? 'passed' : taken >= limit ? 'failed_cap' : 'tied_at_cap';
      for (const c of g) result.set(c.applicationId, outcome);
      taken += g.length;
    }
  }

  return candidates.map((c) => {
    const passed = passedVote.get(c.applicationId) === true;
    return {
      applicationId: c.applicationId,
      passedVote: passed,
      result: passed ? (result.get(c.applicationId) ?? 'passed') : 'failed',
      rank: passed ? (rank.get(c.applicationId) ?? null) : null,
    };
  });
}
