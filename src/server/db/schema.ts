// Database schema (Drizzle). Migrations under ./migrations are generated from this file with
// `npm run db:generate` and checked in; hand-written SQL (audit protection) lives in its own
// custom migration.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    /** Portal sub-domain of a prefecture (bz, aks …). */
    portal: text('portal'),
    unitKind: text('unit_kind'),
    /** Units at county level or below (B21-5 representative works, B21-7 defence exemption). */
    countyLevelOrBelow: boolean('county_level_or_below').notNull().default(false),
    /** Competent department (行业主管部门) a unit reports through (B21-13). */
    departmentId: uuid('department_id').references((): AnyPgColumn => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('organisations_parent_name_key').on(t.parentId, t.name).nullsNotDistinct(),
    index('organisations_parent_idx').on(t.parentId),
    check('organisations_kind_check', sql`${t.kind} in ('region','prefecture','county','department','unit')`),
    check(
      'organisations_unit_kind_check',
      sql`${t.unitKind} is null or ${t.unitKind} in ('public_institution','enterprise','civil_service_managed')`,
    ),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').unique(),
    name: text('name').notNull(),
    /** SM4-CBC + HMAC-SM3 ciphertext; lookups go through the blind index. */
    idNumberEnc: text('id_number_enc'),
    idNumberIndex: text('id_number_index').unique(),
    phoneEnc: text('phone_enc'),
    phoneIndex: text('phone_index').unique(),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time-step, so a code cannot be replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** Demo accounts are exempt from TOTP, and only in demo mode. */
    isDemo: boolean('is_demo').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    orgId: uuid('org_id').references(() => organisations.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('role_assignments_user_role_org_key').on(t.userId, t.role, t.orgId).nullsNotDistinct(),
    index('role_assignments_org_idx').on(t.orgId),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    index('memberships_unit_status_idx').on(t.unitId, t.status),
    check('memberships_status_check', sql`${t.status} in ('pending','confirmed','rejected')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SM3 of the cookie token: a leaked table does not hand out live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneIndex: text('phone_index').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phoneIndex, t.purpose)],
);

/** Outbox of text messages; the default sender only records them (no SMS gateway configured). */
export const smsOutbox = pgTable('sms_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  phoneEnc: text('phone_enc').notNull(),
  template: text('template').notNull(),
  createdAt: createdAt(),
});

/** Insert-only, SM3-chained; ids come from audit_log_id_seq (custom migration). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    outcome: text('outcome').notNull(),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_occurred_idx').on(t.occurredAt),
    index('audit_log_actor_idx').on(t.actorUserId),
    index('audit_log_action_idx').on(t.action),
  ],
);

/**
 * A campaign: one evaluation notice of one prefecture (issue 3). Its configuration lives in
 * campaign_versions, one row per save; `current_version` is the latest save and
 * `published_version` the one the public and applicants see. Editing a published campaign adds a
 * version without touching `published_version`: the change goes live only when published again.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    /** The slug of the configuration (`bayingol-2021-news`), also its public URL. */
    id: text('id').primaryKey(),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull().default('draft'),
    currentVersion: integer('current_version').notNull(),
    publishedVersion: integer('published_version'),
    /** The campaign this one was cloned from (e.g. last year's), and which of its versions. */
    clonedFromId: text('cloned_from_id').references((): AnyPgColumn => campaigns.id),
    clonedFromVersion: integer('cloned_from_version'),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [
    index('campaigns_prefecture_idx').on(t.prefectureId),
    check('campaigns_status_check', sql`${t.status} in ('draft','published','archived')`),
    check(
      'campaigns_published_version_check',
      sql`(${t.status} <> 'published' or ${t.publishedVersion} is not null) and (${t.publishedVersion} is null or ${t.publishedVersion} <= ${t.currentVersion})`,
    ),
  ],
);

/** Every saved configuration of a campaign, never changed once written. */
export const campaignVersions = pgTable(
  'campaign_versions',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    /** The whole configuration, as validated by parseCampaign (src/domain/campaign). */
    config: jsonb('config').notNull(),
    /** How the version came about: created in the form, cloned, edited, imported from a file, seeded. */
    origin: text('origin').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ name: 'campaign_versions_pkey', columns: [t.campaignId, t.version] }),
    check('campaign_versions_origin_check', sql`${t.origin} in ('created','cloned','edited','imported','seeded')`),
  ],
);

/**
 * The system administrator's entries on top of the built-in working-day calendar
 * (src/domain/calendar): a holiday, or a working day (调休, or undoing a wrong built-in holiday).
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    date: date('date', { mode: 'string' }).notNull(),
    region: text('region').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'calendar_days_pkey', columns: [t.date, t.region] }),
    check('calendar_days_region_check', sql`${t.region} in ('national','xinjiang')`),
    check('calendar_days_kind_check', sql`${t.kind} in ('holiday','workday')`),
  ],
);

/** Years beyond the built-in data whose every holiday and 调休 day the administrator has entered. */
export const calendarCompleteYears = pgTable(
  'calendar_complete_years',
  {
    region: text('region').notNull(),
    year: integer('year').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'calendar_complete_years_pkey', columns: [t.region, t.year] }),
    check('calendar_complete_years_region_check', sql`${t.region} in ('national','xinjiang')`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Declaration (issue 4): the applicant's archive, uploaded files, applications and their timeline.

/**
 * An uploaded scan, after inspection (type from the bytes, re-encoded, quality measured). Rows are
 * never changed in their bytes: a rotated page is a new file that replaces the old one in the
 * owner's drafts. `leak_status` tracks the blind-review text search, which runs as a job.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    storageKey: text('storage_key').notNull().unique(),
    sm3: text('sm3').notNull(),
    bytes: integer('bytes').notNull(),
    kind: text('kind').notNull(),
    originalName: text('original_name').notNull(),
    pages: integer('pages').notNull(),
    width: integer('width'),
    height: integer('height'),
    qualityWarnings: jsonb('quality_warnings').notNull().default([]),
    leakStatus: text('leak_status').notNull().default('pending'),
    leakHits: jsonb('leak_hits').notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index('files_owner_idx').on(t.ownerId),
    check('files_kind_check', sql`${t.kind} in ('jpg','png','pdf')`),
    check('files_leak_status_check', sql`${t.leakStatus} in ('pending','done','failed')`),
  ],
);

/** One record of the applicant's personal archive (reused every year); `data` is validated by kind. */
export const archiveRecords = pgTable(
  'archive_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('archive_records_user_idx').on(t.userId, t.kind)],
);

/**
 * One declaration of one applicant in one campaign. `form` holds the sections as typed,
 * `archive_snapshot` the picked archive records as they were at the last submission (later archive
 * edits do not change a submitted application), `version` guards against lost updates between tabs.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => users.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisations.id),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    campaignVersion: integer('campaign_version').notNull(),
    year: integer('year').notNull(),
    seriesId: text('series_id').notNull(),
    specialtyId: text('specialty_id').notNull(),
    level: text('level').notNull(),
    pathId: text('path_id').notNull(),
    status: text('status').notNull().default('draft'),
    form: jsonb('form').notNull().default({}),
    masking: jsonb('masking').$type<string[]>().notNull().default([]),
    archiveSnapshot: jsonb('archive_snapshot'),
    commitmentSignedAt: timestamp('commitment_signed_at', { withTimezone: true }),
    submissionCount: integer('submission_count').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    returnReasons: jsonb('return_reasons').$type<string[]>().notNull().default([]),
    resubmitDeadline: timestamp('resubmit_deadline', { withTimezone: true }),
    /** Who returned it last (unit, department, office): a resubmission goes back to that desk. */
    returnedAtStage: text('returned_at_stage'),
    /** B21-10: the unit's recommendation opinion, by whom and when. */
    recommendationOpinion: text('recommendation_opinion'),
    recommendedAt: timestamp('recommended_at', { withTimezone: true }),
    recommendedBy: uuid('recommended_by').references(() => users.id),
    /** The department's covering batch it was forwarded in (B21-13). */
    batchId: uuid('batch_id'),
    /** 已接收材料: the committee office accepted it; the fee becomes payable (A24-16). */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** The office received the printed 评审表 copies within the paper-materials window (B21-1, B21-6). */
    paperReceivedAt: timestamp('paper_received_at', { withTimezone: true }),
    paperReceivedBy: uuid('paper_received_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live application per person and campaign; a withdrawn one does not block starting again.
    uniqueIndex('applications_applicant_campaign_live_key').on(t.applicantId, t.campaignId).where(sql`${t.status} <> 'withdrawn'`),
    // The reviewers' queues: a desk's status, oldest submission first (src/server/queries/review-queue.ts).
    index('applications_unit_status_submitted_idx').on(t.unitId, t.status, t.submittedAt),
    index('applications_campaign_status_submitted_idx').on(t.campaignId, t.status, t.submittedAt),
    index('applications_status_deadline_idx').on(t.status, t.resubmitDeadline),
    check(
      'applications_status_check',
      sql`${t.status} in ('draft','unit_review','unit_publicity','dept_review','office_review','accepted','returned','lapsed','not_accepted','withdrawn','unpaid')`,
    ),
  ],
);

/** A file placed in a material slot of an application; `position` orders the files of a slot. */
export const applicationMaterials = pgTable(
  'application_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    slotId: text('slot_id').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('application_materials_slot_file_key').on(t.applicationId, t.slotId, t.fileId),
    index('application_materials_file_idx').on(t.fileId),
  ],
);

/** The status timeline: who acted (by role), when, and what they said. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.occurredAt)],
);

/** Messages to a user (a lapsed application, a return); the SMS outbox carries the same text. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Background jobs in PostgreSQL (no extra server): OCR of uploads, lapsing applications past their
 * resubmit deadline. Workers claim with FOR UPDATE SKIP LOCKED; `dedupe_key` keeps one live job per key.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key').unique(),
    createdAt: createdAt(),
  },
  (t) => [index('jobs_due_idx').on(t.doneAt, t.runAt)],
);

/**
 * The unit's internal publicity of one application (B21-10, A24-11): N working days of the
 * campaign's calendar from `starts_on`, both ends included; recommending waits for the day after
 * `ends_on` and for every objection to be resolved.
 */
export const publicities = pgTable('publicities', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  workingDays: integer('working_days').notNull(),
  startedBy: uuid('started_by').references(() => users.id),
  /** The unit's sealed copies (盖章扫描件) of the publicity notice and of its result. */
  noticeFileId: uuid('notice_file_id').references(() => files.id),
  resultFileId: uuid('result_file_id').references(() => files.id),
  createdAt: createdAt(),
});

/** An objection raised during the publicity; it must be resolved before the unit recommends. */
export const objections = pgTable(
  'objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    content: text('content').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('objections_application_idx').on(t.applicationId)],
);

/** A department's batch forwarding its units' recommended applications to the committee office (B21-13). */
export const batches = pgTable(
  'batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: bigint('number', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organisations.id),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('batches_department_idx').on(t.departmentId)],
);

/**
 * How applicants pay a prefecture's committee (B21-14, A24-16): the payee and, for the QR-code
 * method, the payee's payment code the office uploaded (a stored file).
 */
export const paymentSettings = pgTable('payment_settings', {
  prefectureId: uuid('prefecture_id')
    .primaryKey()
    .references(() => organisations.id),
  payeeName: text('payee_name').notNull(),
  bankName: text('bank_name').notNull(),
  accountNumber: text('account_number').notNull(),
  qrFileId: uuid('qr_file_id').references(() => files.id),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One fee order per accepted application (the amount by level from the campaign). The applicant
 * pays outside the platform (QR code or bank transfer) quoting `reference`, uploads the receipt,
 * and finance confirms or rejects it; a confirmed order never changes again. `duplicate_of` flags
 * a receipt whose file was already used for another order.
 */
export const feeOrders = pgTable(
  'fee_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .unique()
      .references(() => applications.id),
    amountYuan: integer('amount_yuan').notNull(),
    reference: text('reference').notNull().unique(),
    status: text('status').notNull().default('pending'),
    receiptFileId: uuid('receipt_file_id').references(() => files.id),
    receiptUploadedAt: timestamp('receipt_uploaded_at', { withTimezone: true }),
    duplicateOf: uuid('duplicate_of'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('fee_orders_status_idx').on(t.status),
    check('fee_orders_status_check', sql`${t.status} in ('pending','receipt_uploaded','confirmed','rejected')`),
  ],
);

/**
 * The 评审表 (B21-6) of an accepted application: its printed number and the verification code in
 * the watermark of every page, which the public verification page looks up.
 */
export const reviewForms = pgTable('review_forms', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id),
  number: text('number').notNull().unique(),
  verificationCode: text('verification_code').notNull().unique(),
  generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// Evaluation (issue 6): the expert pool, committees, blind review, defence, the secret ballot,
// results, certificates.

/**
 * The prefecture committee's expert pool (专家库). `user_id` links the expert's log-in account (role
 * `expert`) once they have one; `level` is the expert's own title level, which bounds the levels
 * they may evaluate; the term (任期) is at most three years (N40-COMMITTEE).
 */
export const experts = pgTable(
  'experts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    prefectureId: uuid('prefecture_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    seriesId: text('series_id').notNull(),
    specialtyIds: jsonb('specialty_ids').$type<string[]>().notNull().default([]),
    level: text('level').notNull(),
    titleName: text('title_name').notNull(),
    /** The expert's employer in the organisation tree (recusal by unit and department), or null for one outside it. */
    unitId: uuid('unit_id').references(() => organisations.id),
    unitName: text('unit_name').notNull(),
    /** SM4-encrypted mobile number (field-cipher), never returned unmasked. */
    phoneCipher: text('phone_cipher'),
    termStart: date('term_start', { mode: 'string' }).notNull(),
    termEnd: date('term_end', { mode: 'string' }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index('experts_prefecture_idx').on(t.prefectureId, t.seriesId),
    uniqueIndex('experts_prefecture_user_key').on(t.prefectureId, t.userId),
  ],
);

/**
 * A committee (评审委员会) of one campaign, series and level, drawn from the pool: the seed makes
 * the draw reproducible. `status` walks formed → scoring_closed → meeting_open → ballot_closed →
 * results_publicised → confirmed.
 */
export const committees = pgTable(
  'committees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    seriesId: text('series_id').notNull(),
    level: text('level').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    seed: text('seed').notNull(),
    drawnBy: uuid('drawn_by').references(() => users.id),
    chairExpertId: uuid('chair_expert_id').references(() => experts.id),
    /** A24-17: the pass rate the committee set for a capped level (null: not yet set, or uncapped). */
    passRatePercent: numeric('pass_rate_percent', { precision: 5, scale: 2 }),
    meetingPlace: text('meeting_place'),
    status: text('status').notNull().default('formed'),
    scoringClosedAt: timestamp('scoring_closed_at', { withTimezone: true }),
    meetingOpenedAt: timestamp('meeting_opened_at', { withTimezone: true }),
    ballotClosedAt: timestamp('ballot_closed_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('committees_campaign_series_level_key').on(t.campaignId, t.seriesId, t.level),
    check('committees_status_check', sql`${t.status} in ('formed','scoring_closed','meeting_open','ballot_closed','results_publicised','confirmed')`),
  ],
);

/** Members of a committee; `conflicts_declared_at`: the expert declared conflicts (回避申报) before seeing any packet. */
export const committeeMembers = pgTable(
  'committee_members',
  {
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    conflictsDeclaredAt: timestamp('conflicts_declared_at', { withTimezone: true }),
    /** Attendance at the meeting (null: not recorded). */
    present: boolean('present'),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.expertId] })],
);

/**
 * A candidate before the committee: an accepted, paid application with its anonymous code. The
 * office may hold a packet back (a leak-check hit). Defence and results are filled in as the
 * evaluation goes on; the tallies are written only when the ballot closes.
 */
export const candidates = pgTable(
  'candidates',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id),
    code: text('code').notNull(),
    packetHeld: boolean('packet_held').notNull().default(false),
    heldReason: text('held_reason'),
    defenceRequired: boolean('defence_required').notNull(),
    defenceExemptReason: text('defence_exempt_reason'),
    defenceRuleId: text('defence_rule_id'),
    defenceSessionId: uuid('defence_session_id'),
    voters: integer('voters'),
    agree: integer('agree'),
    disagree: integer('disagree'),
    abstain: integer('abstain'),
    result: text('result'),
    rank: integer('rank'),
    /** How the committee decided a tie at the pass-rate line (A24-17), when it had to. */
    tieDecision: text('tie_decision'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('candidates_committee_code_key').on(t.committeeId, t.code),
    // 'overturned': passed the vote, then an objection was upheld (A24-4) before the confirmation.
    check('candidates_result_check', sql`${t.result} is null or ${t.result} in ('passed','failed','failed_cap','tied_at_cap','overturned')`),
  ],
);

/** Recusal (回避, N40-RECUSAL): automatic (same unit / department), declared by the expert, or added by the office. */
export const conflicts = pgTable(
  'conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('conflicts_expert_application_kind_key').on(t.expertId, t.applicationId, t.kind),
    index('conflicts_committee_idx').on(t.committeeId),
    check('conflicts_source_check', sql`${t.source} in ('automatic','declared','office')`),
  ],
);

/** Which expert reviews which candidate's blind packet. */
export const assignments = pgTable(
  'assignments',
  {
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
  },
  (t) => [primaryKey({ columns: [t.expertId, t.applicationId] }), index('assignments_committee_idx').on(t.committeeId)],
);

/** An expert's score of a candidate: the blind review (`review`) or the defence (`defence`). */
export const scores = pgTable(
  'scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
    kind: text('kind').notNull(),
    items: jsonb('items').$type<Record<string, number>>().notNull(),
    /** Tenths of a point, so sums and averages stay integers. */
    totalTenths: integer('total_tenths').notNull(),
    comment: text('comment').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('scores_application_expert_kind_key').on(t.applicationId, t.expertId, t.kind), check('scores_kind_check', sql`${t.kind} in ('review','defence')`)],
);

/** A defence session (答辩): when, where or by video, and its panel of committee members. */
export const defenceSessions = pgTable('defence_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  committeeId: uuid('committee_id')
    .notNull()
    .references(() => committees.id),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  place: text('place').notNull(),
  videoLink: text('video_link'),
  panelExpertIds: jsonb('panel_expert_ids').$type<string[]>().notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * The secret ballot (N40-MEETING). A receipt records THAT an expert voted on a candidate (once,
 * never changed); the choice only increments the candidate's running tally, so no row anywhere
 * links an expert to a choice. Both tables refuse UPDATE/DELETE except the tally's increment.
 */
export const ballotReceipts = pgTable(
  'ballot_receipts',
  {
    committeeId: uuid('committee_id')
      .notNull()
      .references(() => committees.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => experts.id),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.expertId] })],
);

export const ballotTallies = pgTable('ballot_tallies', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id),
  committeeId: uuid('committee_id')
    .notNull()
    .references(() => committees.id),
  agree: integer('agree').notNull().default(0),
  disagree: integer('disagree').notNull().default(0),
  abstain: integer('abstain').notNull().default(0),
});

/** The results publicity (A24-4): from the day after the meeting, N working days on the campaign's calendar. */
export const resultPublicities = pgTable('result_publicities', {
  committeeId: uuid('committee_id')
    .primaryKey()
    .references(() => committees.id),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  workingDays: integer('working_days').notNull(),
  publishedBy: uuid('published_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * After the vote: a real-name objection during the results publicity (异议), a candidate's review
 * request (复查) or complaint (投诉); the office investigates and upholds or dismisses with a record.
 */
export const resultCases = pgTable(
  'result_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull().default('open'),
    investigation: text('investigation'),
    outcome: text('outcome'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('result_cases_application_idx').on(t.applicationId),
    check('result_cases_kind_check', sql`${t.kind} in ('objection','review_request','complaint')`),
    check('result_cases_status_check', sql`${t.status} in ('open','investigating','upheld','dismissed')`),
  ],
);

/** The qualification document (任职资格文件) of a committee's results, and its filing (备案). */
export const qualificationDocuments = pgTable('qualification_documents', {
  committeeId: uuid('committee_id')
    .primaryKey()
    .references(() => committees.id),
  documentNumber: text('document_number').notNull().unique(),
  fileId: uuid('file_id')
    .notNull()
    .references(() => files.id),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  issuedBy: uuid('issued_by').references(() => users.id),
  filedAt: timestamp('filed_at', { withTimezone: true }),
  filedBy: uuid('filed_by').references(() => users.id),
  createdAt: createdAt(),
});

/**
 * An electronic title certificate: the SM2-signed payload, the SM3 of the issued PDF (a changed
 * file fails verification), and its revocation for fraud (B21-10).
 */
export const certificates = pgTable('certificates', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id')
    .notNull()
    .unique()
    .references(() => applications.id),
  number: text('number').notNull().unique(),
  verificationCode: text('verification_code').notNull().unique(),
  payload: text('payload').notNull(),
  signature: text('signature').notNull(),
  pdfSm3: text('pdf_sm3').notNull(),
  fileId: uuid('file_id')
    .notNull()
    .references(() => files.id),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  issuedBy: uuid('issued_by').references(() => users.id),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by').references(() => users.id),
  revokeReason: text('revoke_reason'),
});

/** A finding of fraud (弄虚作假, B21-10): the eligibility engine refuses the person for the campaign's ban years. */
export const fraudFindings = pgTable(
  'fraud_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    certificateId: uuid('certificate_id').references(() => certificates.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('fraud_findings_user_idx').on(t.userId)],
);
