// Shapes of the evaluation stage's JSON (issue 6, /tmp/evaluation-api.md): expert pool, committees,
// the expert's desk, defence, meeting and vote, results, cases, documents, certificates and
// statistics — field by field as the contract names them.
import type { Level } from '../../domain/campaign/vocabulary';
import type { ConflictKind } from '../../domain/evaluation/recusal';
import type { VoteChoice } from '../../domain/evaluation/vote';

export type { ConflictKind, VoteChoice };

// --- A. expert pool and committees (office) ---------------------------------------------------

export interface Expert {
  id: string;
  name: string;
  seriesId: string;
  specialtyIds: string[];
  level: Level;
  titleName: string;
  unitId: string | null;
  unitName: string;
  phoneMasked: string | null;
  termStart: string;
  termEnd: string;
  active: boolean;
  userId: string | null;
  accountName: string | null;
}

export interface ExpertAccount {
  userId: string;
  name: string;
  username: string;
}

/** POST /office/experts; PATCH takes any of these plus `active`. */
export interface ExpertInput {
  name: string;
  seriesId: string;
  specialtyIds: string[];
  level: Level;
  titleName: string;
  unitId: string | null;
  unitName: string;
  phone: string | null;
  termStart: string;
  termEnd: string;
  userId: string | null;
}

export type ExpertPatch = Partial<ExpertInput> & { active?: boolean };

export interface RowErrors {
  row: number;
  message: string;
}

export interface ExpertImportResult {
  created: number;
  errors: RowErrors[];
}

export type CommitteeStatus = 'formed' | 'scoring_closed' | 'meeting_open' | 'ballot_closed' | 'results_publicised' | 'confirmed';

export interface CommitteeSummary {
  id: string;
  campaignId: string;
  seriesId: string;
  seriesName: string;
  level: Level;
  name: string;
  size: number;
  status: CommitteeStatus;
  chairExpertId: string | null;
  chairName: string | null;
  passRatePolicy: 'capped' | 'uncapped';
  passRatePercent: number | null;
  memberCount: number;
  candidateCount: number;
  scoringClosedAt: string | null;
  meetingOpenedAt: string | null;
  ballotClosedAt: string | null;
  confirmedAt: string | null;
}

export interface DrawRequest {
  seriesId: string;
  level: Level;
  size: number;
  seed: string | null;
  requiredSpecialtyIds: string[];
  meetingDate: string;
}

export interface DrawResponse {
  committee: CommitteeSummary;
  excluded: { expertId: string; name: string; reason: string }[];
}

export interface CommitteeMember {
  expertId: string;
  name: string;
  unitName: string;
  level: Level;
  titleName: string;
  isChair: boolean;
  conflictsDeclared: boolean;
  present: boolean | null;
}

/** 'overturned': passed the vote, then an objection was upheld before the confirmation. */
export type CandidateResult = 'passed' | 'failed' | 'failed_cap' | 'tied_at_cap' | 'overturned';

export interface Tally {
  voters: number;
  agree: number;
  disagree: number;
  abstain: number;
}

export interface OfficeCandidate {
  applicationId: string;
  code: string;
  name: string;
  unitName: string;
  specialtyId: string;
  specialtyName: string;
  packetHeld: boolean;
  heldReason: string | null;
  leakHits: number;
  defenceRequired: boolean;
  defenceExemptReason: string | null;
  defenceRuleId: string | null;
  defenceSessionId: string | null;
  reviewScores: number;
  reviewAverage: number | null;
  defenceAverage: number | null;
  defenceScoreText: string | null;
  /** Ballots cast (receipts), once the meeting is open; never a choice. */
  voted: number;
  /** Only after the ballot closed. */
  tally: Tally | null;
  result: CandidateResult | null;
  resultLabel: string | null;
  rank: number | null;
}

export interface Conflict {
  id: string;
  expertId: string;
  expertName: string;
  applicationId: string;
  code: string;
  kind: ConflictKind;
  kindLabel: string;
  source: 'automatic' | 'declared' | 'office';
  note: string;
}

export interface CommitteeDetail extends CommitteeSummary {
  seed: string;
  meetingPlace: string | null;
  minMembers: number;
  quorumNeeded: number;
  members: CommitteeMember[];
  candidates: OfficeCandidate[];
  conflicts: Conflict[];
  /**
   * Not in the contract, which has no read of the results publicity: the page reads it when a
   * server provides it, else shows what the POST answered and the public list's dates.
   */
  publicity?: PublicityPeriod | null;
}

export interface CommitteePatch {
  chairExpertId?: string;
  passRatePercent?: number;
  meetingPlace?: string;
}

export interface ScoringProgress {
  experts: { expertId: string; name: string; assigned: number; scored: number }[];
  candidates: { applicationId: string; code: string; assigned: number; scored: number }[];
  scoringClosed: boolean;
}

// --- B. the expert's desk ---------------------------------------------------------------------

export interface ExpertCommittee {
  id: string;
  name: string;
  seriesName: string;
  level: Level;
  status: CommitteeStatus;
  conflictsDeclared: boolean;
  assigned: number;
  scored: number;
  isChair: boolean;
}

export type DeclaredConflictKind = 'relation' | 'coauthor' | 'other';

export interface DeclaredPerson {
  name: string;
  kind: DeclaredConflictKind;
  note: string;
}

export interface MyScore {
  items: Record<string, number>;
  total: number;
  comment: string;
}

export interface ScoringFormView {
  items: { id: string; name: string; maxPoints: number }[];
}

export interface PacketSummary {
  applicationId: string;
  code: string;
  level: Level;
  seriesName: string;
  specialtyName: string;
  myScore: MyScore | null;
}

export interface PacketFile {
  id: string;
  kind: 'jpg' | 'png' | 'pdf';
  pages: number;
}

export interface Packet {
  applicationId: string;
  code: string;
  level: Level;
  seriesName: string;
  specialtyName: string;
  sections: { title: string; rows: { label: string; value: string }[] }[];
  materials: { slotName: string; files: PacketFile[] }[];
  scoringForm: ScoringFormView;
  myScore: MyScore | null;
  scoringOpen: boolean;
}

export interface ScoreRequest {
  items: Record<string, number>;
  comment: string;
}

export interface ExpertDefence {
  sessions: {
    id: string;
    startsAt: string;
    place: string;
    videoLink: string | null;
    candidates: { applicationId: string; code: string; specialtyName: string; myScore: MyScore | null }[];
  }[];
  scoringForm: ScoringFormView;
}

export interface BallotCandidate {
  applicationId: string;
  code: string;
  specialtyName: string;
  reviewAverage: number | null;
  defenceScoreText: string | null;
  recused: boolean;
  voted: boolean;
}

export interface Ballot {
  open: boolean;
  closed: boolean;
  present: boolean;
  candidates: BallotCandidate[];
}

export interface BallotRequest {
  votes: { applicationId: string; choice: VoteChoice }[];
}

// --- C. defence, meeting and vote (office) ----------------------------------------------------

export interface DefenceSession {
  id: string;
  startsAt: string;
  place: string;
  videoLink: string | null;
  panel: { expertId: string; name: string }[];
  candidates: { applicationId: string; code: string; name: string }[];
}

export interface DefenceSessionRequest {
  startsAt: string;
  place: string;
  videoLink: string | null;
  panelExpertIds: string[];
  applicationIds: string[];
}

export interface AttendanceResult {
  members: number;
  present: number;
  quorumNeeded: number;
  quorate: boolean;
}

export interface BallotResultRow {
  applicationId: string;
  code: string;
  voters: number;
  agree: number;
  disagree: number;
  abstain: number;
  result: CandidateResult;
  resultLabel: string;
  rank: number | null;
}

// --- D. results, objections, cases, documents, certificates -----------------------------------

export interface PublicityPeriod {
  startsOn: string;
  endsOn: string;
  workingDays: number;
}

export interface PublicResultsPublicity {
  committeeId: string;
  title: string;
  campaignTitle: string;
  startsOn: string;
  endsOn: string;
  rows: { entryId: string; name: string; unitName: string; seriesName: string; specialtyName: string; level: Level; result: string }[];
}

export type CaseKind = 'review_request' | 'complaint' | (string & {});
export type CaseStatus = 'investigating' | 'upheld' | 'dismissed' | (string & {});

export interface OfficeCase {
  id: string;
  kind: CaseKind;
  kindLabel: string;
  applicationId: string;
  code: string;
  name: string;
  content: string;
  filedByName: string;
  createdAt: string;
  status: CaseStatus;
  statusLabel: string;
  investigation: string | null;
  outcome: string | null;
  decidedAt: string | null;
}

export interface CaseDecision {
  status: 'investigating' | 'upheld' | 'dismissed';
  investigation: string;
  outcome: string | null;
  /** Only for an upheld objection: the office found fraud (B21-10). */
  fraud?: boolean;
}

export interface QualificationDocument {
  documentNumber: string;
  issuedOn: string;
  filedAt: string | null;
}

export interface OfficeCertificate {
  id: string;
  applicationId: string;
  number: string;
  name: string;
  titleName: string;
  issuedAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface ApplicationResult {
  stage: string;
  stageLabel: string;
  result: string | null;
  resultLabel: string | null;
  publicity: { startsOn: string; endsOn: string } | null;
  certificate: { number: string; verificationCode: string; issuedAt: string; revoked: boolean; revokeReason: string | null } | null;
  cases: { id: string; kind: CaseKind; kindLabel: string; content: string; status: CaseStatus; statusLabel: string; outcome: string | null }[];
}

export interface CaseRequest {
  kind: 'review_request' | 'complaint';
  content: string;
}

export interface CertificateFacts {
  number: string;
  name: string;
  unitName: string;
  seriesName: string;
  level: string;
  titleName: string;
  qualificationDate: string;
  revokedAt: string | null;
}

export interface CertificateVerification {
  status: 'genuine' | 'revoked' | 'unknown';
  certificate: CertificateFacts | null;
}

export interface CertificatePdfVerification {
  status: 'genuine' | 'revoked' | 'tampered' | 'unknown';
  certificate: CertificateFacts | null;
}

// --- E. statistics ----------------------------------------------------------------------------

export type StatisticsGrouping = 'series' | 'level' | 'county' | 'unit';

export interface StatisticsRow {
  key: string;
  label: string;
  declared: number;
  returned: number;
  accepted: number;
  paid: number;
  passed: number;
  passRate: number | null;
}

export interface Statistics {
  rows: StatisticsRow[];
  total: StatisticsRow;
}

// --- addresses --------------------------------------------------------------------------------

const e = encodeURIComponent;

export const officeCommitteeUrl = (id: string, rest = '') => `/api/office/committees/${e(id)}${rest}`;
export const expertCommitteeUrl = (id: string, rest = '') => `/api/expert/committees/${e(id)}${rest}`;
export const packetUrl = (committeeId: string, applicationId: string, rest = '') => expertCommitteeUrl(committeeId, `/packets/${e(applicationId)}${rest}`);
export const packetFileUrl = (committeeId: string, applicationId: string, fileId: string) => packetUrl(committeeId, applicationId, `/files/${e(fileId)}`);
