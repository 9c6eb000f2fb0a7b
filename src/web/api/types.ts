// Shapes of the JSON the server sends, as the web app uses them.
import type { Role } from '../../domain/roles';
import type { OrgKind, UnitKind } from '../../domain/organisations';
import type { FileType, Level, PathKind } from '../../domain/campaign/vocabulary';
import type { ApplicationStatus } from '../../domain/application/status';
import type { ArchiveKind } from '../../domain/application/archive-records';
import type { FormValues } from '../../domain/application/form';

export type Ability =
  | 'membership.review'
  | 'org.manage'
  | 'user.manage'
  | 'role.assign'
  | 'audit.read'
  | 'campaign.manage'
  | 'calendar.manage'
  | 'application.declare'
  | 'application.unit_review'
  | 'application.dept_review'
  | 'application.office_review'
  | 'payment.manage'
  | 'fee.confirm'
  | 'evaluation.manage'
  | 'evaluation.expert'
  | 'results.object';

export type MembershipStatus = 'pending' | 'confirmed' | 'rejected';

export interface RoleAssignment {
  id: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
}

export interface Me {
  id: string;
  username: string | null;
  name: string;
  idNumber: string | null;
  phone: string | null;
  roles: RoleAssignment[];
  membership: { unitId: string; unitName: string; status: MembershipStatus; reason: string | null } | null;
  totpEnabled: boolean;
  mustEnrolTotp: boolean;
  abilities: string[];
}

export interface Prefecture {
  id: string;
  name: string;
  portal: string | null;
}

export interface PublicUnit {
  id: string;
  name: string;
  countyName: string | null;
}

export interface SmsCodeResult {
  sent: true;
  demoCode?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface MembershipRequest {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  unitId: string;
  unitName: string;
  status: MembershipStatus;
  reason: string | null;
  requestedAt: string;
}

export interface Org {
  id: string;
  parentId: string | null;
  kind: OrgKind;
  name: string;
  code: string | null;
  unitKind: UnitKind | null;
  countyLevelOrBelow: boolean;
  departmentId: string | null;
}

export interface OrgImportResult {
  created: number;
  updated: number;
  errors: { row: number; message: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface AdminUser {
  id: string;
  username: string | null;
  name: string;
  phoneMasked: string | null;
  roles: Role[];
  lockedUntil: string | null;
  disabled: boolean;
}

export interface SecurityUser extends Omit<AdminUser, 'roles'> {
  roles: RoleAssignment[];
}

export interface AuditLog {
  id: string;
  occurredAt: string;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  requestId: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstAlteredId?: string;
  reason?: string;
}

// --- campaigns (评审活动) ----------------------------------------------------------------------

export type CampaignStatus = 'draft' | 'published' | 'archived';
export type CampaignVersionOrigin = 'created' | 'cloned' | 'edited' | 'imported' | 'seeded';

export interface OfficeCampaignSummary {
  id: string;
  title: string;
  year: number;
  status: CampaignStatus;
  currentVersion: number;
  publishedVersion: number | null;
  /** Saved versions after the published one, not yet visible to the public. */
  hasUnpublishedChanges: boolean;
  updatedAt: string;
  publishedAt: string | null;
}

export interface OfficeCampaign extends OfficeCampaignSummary {
  prefecture: { id: string; name: string };
  clonedFrom: { id: string; version: number } | null;
  /** The version shown (the current one unless ?version= asked for another). */
  version: number;
  config: Record<string, unknown>;
  versions: {
    version: number;
    origin: CampaignVersionOrigin;
    createdAt: string;
    createdBy: { id: string; name: string } | null;
    published: boolean;
  }[];
}

export interface PublicWindow {
  key: string;
  label: string;
  /** Beijing time 'YYYY-MM-DDTHH:mm:ss+08:00'; null for the payment deadline. */
  opensAt: string | null;
  closesAt: string;
  tentative: boolean;
  ruleId: string;
}

export interface PublicCampaign {
  id: string;
  title: string;
  prefecture: { name: string; portal: string | null };
  series: { id: string; name: string; levels: { level: Level; titles: string[] }[] }[];
  levels: Level[];
  windows: PublicWindow[];
  fees: { ruleId: string; amounts: { level: Level; amountYuan: number }[] };
}

export interface PublicCampaignDetail extends Omit<PublicCampaign, 'series'> {
  series: {
    id: string;
    name: string;
    levels: { level: Level; titles: string[] }[];
    specialties: { id: string; name: string; titles: Partial<Record<Level, string>> }[];
  }[];
  year: number;
  noticeDate: string;
  issuer: string;
  noticeText: string;
  seniorityCutoff: { date: string; ruleId: string };
  continuingEducationYears: { from: number; to: number; ruleId: string } | null;
  paths: { id: string; kind: PathKind; name: string; portalHost: string; evaluatedBy: string; ruleId: string }[];
  materials: {
    id: string;
    kind: string;
    name: string;
    fileTypes: string[];
    minCount: number;
    masked: boolean;
    appliesWhen: string | null;
    years: number[] | null;
    ruleId: string;
  }[];
}

export interface EligibilityVerdict {
  campaignId: string;
  version: number;
  today: string;
  eligible: boolean;
  results: { ruleId: string; passed: boolean; message: string; fix?: string }[];
}

// --- working-day calendar (工作日历) ------------------------------------------------------------

export type CalendarRegion = 'national' | 'xinjiang';
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDayEntry {
  date: string;
  region: CalendarRegion;
  kind: CalendarDayKind;
  name: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface CalendarYear {
  region: CalendarRegion;
  year: number;
  covered: boolean;
  notCoveredMessage: string | null;
  coverage: { firstYear: number; lastYear: number; years: number[] };
  completeYears: number[];
  builtIn: { date: string; kind: CalendarDayKind; name: string; layer: CalendarRegion; certainty: 'announced' | 'reported' | 'estimated' | null }[];
  overlays: CalendarDayEntry[];
  workingDays: number | null;
  exceptions: { date: string; working: boolean }[];
}

// --- declaration (职称申报) ---------------------------------------------------------------------

export interface ArchiveRecordView {
  id: string;
  kind: ArchiveKind;
  data: Record<string, unknown>;
  fileIds: string[];
  /** One Chinese line (describeRecord), for pick lists. */
  summary: string;
}

export interface FileWarning {
  code: string;
  /** Chinese, already naming the measured value. */
  message: string;
  measured: number;
}

export interface LeakHit {
  page: number;
  item: string;
  message: string;
}

export type LeakStatus = 'pending' | 'done' | 'failed';

export interface FileView {
  id: string;
  kind: 'jpg' | 'png' | 'pdf';
  originalName: string;
  bytes: number;
  pages: number;
  width: number | null;
  height: number | null;
  warnings: FileWarning[];
  leakStatus: LeakStatus;
  leakHits: LeakHit[];
  createdAt: string;
}

export interface ApplicationSummary {
  id: string;
  campaignId: string;
  year: number;
  level: Level;
  status: ApplicationStatus;
  statusLabel: string;
  submissionCount: number;
  updatedAt: string;
}

export interface UnitApplicationSummary extends ApplicationSummary {
  applicantName: string;
}

/** A row of the department's or the committee office's queue. */
export interface DeskApplicationSummary extends UnitApplicationSummary {
  unitName: string;
}

/** `path` names the place in the page: 'basic.post', 'materials.<slot id>', 'masking', 'commitment' … */
export interface Problem {
  path: string;
  message: string;
}

export interface MaterialSlotView {
  id: string;
  name: string;
  fileTypes: FileType[];
  /** Files needed (0: optional). */
  required: number;
  years: number[] | null;
  masked: boolean;
  ruleId: string | null;
  materials: { id: string; file: FileView }[];
}

export interface EligibilityResult {
  ruleId: string;
  passed: boolean;
  message: string;
  fix?: string;
}

export interface TimelineEvent {
  at: string;
  /** The actor's role in Chinese, never a name. */
  actor: string;
  action: string;
  label: string;
  reasons: string[];
}

export interface ApplicationView {
  id: string;
  campaignId: string;
  campaignTitle: string;
  year: number;
  series: { id: string; name: string };
  specialty: { id: string; name: string };
  level: Level;
  titleName: string;
  path: { id: string; name: string };
  fee: number | null;
  unitName: string;
  status: ApplicationStatus;
  statusLabel: string;
  editable: boolean;
  version: number;
  form: FormValues;
  emptyFieldText: string;
  masking: string[];
  maskingRequired: string[];
  blindReviewRuleId: string | null;
  commitmentSignedAt: string | null;
  submissionCount: number;
  maxSubmissions: number;
  submittedAt: string | null;
  returnReasons: string[];
  resubmitDeadline: string | null;
  declarationWindow: { opensAt: string; closesAt: string; text: string };
  /** The profile and the records picked into the form (the frozen copy once submitted). */
  records: ArchiveRecordView[];
  slots: MaterialSlotView[];
  eligibility: { eligible: boolean; today: string; results: EligibilityResult[] };
  problems: Problem[];
  timeline: TimelineEvent[];
  next: { label: string; by: string | null };
  review: ReviewFacts;
}

export interface PublicityPeriod {
  startsOn: string;
  endsOn: string;
  workingDays: number;
}

export interface Objection {
  id: string;
  content: string;
  recordedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
}

/** The review chain's facts: publicity, the unit's recommendation, 已接收材料; objections for reviewers only. */
export interface ReviewFacts {
  publicity: PublicityPeriod | null;
  recommendation: { opinion: string; at: string } | null;
  acceptedAt: string | null;
  objections: Objection[];
}

export interface BlindPreview {
  heading: string;
  sections: { title: string; items: { label: string; lines: string[] }[] }[];
  materials: { slotName: string; masked: boolean; files: FileView[] }[];
}

export interface Notification {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
}

// --- fees (评审费) and the 评审表 ------------------------------------------------------------------

export type FeeOrderStatus = 'pending' | 'receipt_uploaded' | 'confirmed' | 'rejected';

/** Whom applicants pay: the payee of the prefecture's committee office. */
export interface Payee {
  payeeName: string;
  bankName: string;
  accountNumber: string;
  hasQr: boolean;
}

/** 收款设置 as the office edits it. */
export interface PaymentSettings extends Payee {
  prefectureId: string;
  updatedAt: string;
}

export interface ApplicantFeeOrder {
  id: string;
  amountYuan: number;
  /** 缴费编号: written in the transfer's note so finance can match the payment. */
  reference: string;
  status: FeeOrderStatus;
  statusLabel: string;
  receipt: FileView | null;
  rejectReason: string | null;
  duplicate: boolean;
}

export interface ApplicantFee {
  order: ApplicantFeeOrder | null;
  payable: boolean;
  notPayableReason: string | null;
  /** 'YYYY-MM-DD HH:mm' Beijing time; null when the notice sets no deadline. */
  deadline: string | null;
  payee: Payee | null;
  /** How to pay with the site's payment provider (PAYMENT_PROVIDER); null before an order exists. */
  payment: {
    providerId: string;
    providerName: string;
    amountYuan: number;
    reference: string;
    payee: Payee | null;
    steps: string[];
    acceptsReceiptUpload: boolean;
  } | null;
  ruleId: string;
}

export interface FinanceFeeOrder {
  id: string;
  applicationId: string;
  applicantName: string;
  unitName: string;
  campaignId: string;
  level: Level;
  amountYuan: number;
  reference: string;
  status: FeeOrderStatus;
  statusLabel: string;
  duplicate: boolean;
  /** The order whose receipt has the same bytes. */
  duplicateOfReference: string | null;
  receiptUploadedAt: string | null;
}

export interface UnpaidList {
  /** 'YYYY-MM-DD HH:mm' Beijing time; null when the notice sets no deadline. */
  deadline: string | null;
  deadlinePassed: boolean;
  applications: {
    applicationId: string;
    applicantName: string;
    unitName: string;
    level: string;
    amountYuan: number | null;
    reference: string | null;
    orderStatus: FeeOrderStatus | null;
    statusLabel: string;
  }[];
}

/** A printed 评审表's code found: never anything personal. An unknown code answers 404. */
export interface ReviewFormVerification {
  genuine: true;
  number: string;
  campaignTitle: string;
  seriesName: string;
  level: string;
  generatedAt: string;
}
