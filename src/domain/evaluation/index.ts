// Evaluation stage: committee draw, recusal, score sheets, oral defence, secret vote and results
// (domain-rules.md "Evaluation"). Pure; shared with the web.
export {
  LEVEL_ORDER,
  drawCommittee,
  expertMayEvaluate,
  validateCommitteeSize,
  type DrawResult,
  type DrawRules,
  type PoolExpert,
} from './committee.js';
export { defenceDecision, exemptDefenceScore, type DefenceDecision } from './defence.js';
export {
  CONFLICT_KIND_LABELS,
  coAuthoredWorks,
  normalisePersonName,
  recusalReasons,
  type CoAuthoredWork,
  type ConflictKind,
  type DeclaredConflict,
  type RecusalCandidate,
  type RecusalExpert,
} from './recusal.js';
export {
  DEFAULT_SCORING_FORM,
  MAX_COMMENT_LENGTH,
  averageScore,
  scoreProblems,
  scoreTotal,
  type ScoreInput,
  type ScoringForm,
  type ScoringItem,
} from './scoring.js';
export {
  VOTE_CHOICE_LABELS,
  agreeNeeded,
  decideResults,
  meetingQuorate,
  passCap,
  passesVote,
  quorumNeeded,
  tallyVotes,
  type CandidateOutcome,
  type CandidateOutcomeInput,
  type Tally,
  type VoteChoice,
} from './vote.js';
