// What leaves the server about the evaluation (issue 6), field by field: the expert pool, the
// committees as the office sees them (names and units of the candidates included), and the
// expert's desk, which never carries anything that identifies a candidate (A24-7 blind review):
// no name, ID or phone number, unit, photo, file name or uploader — only the anonymous code.
// Presenters list their fields; no row is ever spread into a response.
import { z } from 'zod';
import { CONFLICT_KIND_LABELS, type ConflictKind } from '../../domain/evaluation/index.js';
import { LEVELS } from '../../domain/campaign/index.js';
import { maskPhone } from '../../domain/identifiers.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { ExpertRow } from '../queries/evaluation-scope.js';

const level = z.enum(LEVELS);

// ---------------------------------------------------------------------------------------------
// Expert pool.

export const expertSchema = z.object({
  id: z.string(),
  name: z.string(),
  seriesId: z.string(),
  specialtyIds: z.array(z.string()),
  level,
  titleName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string(),
  phoneMasked: z.string().nullable(),
  termStart: z.string(),
  termEnd: z.string(),
  active: z.boolean(),
  userId: z.string().nullable(),
  accountName: z.string().nullable(),
});
export type ExpertView = z.infer<typeof expertSchema>;

/** `accountName`: the log-in name (username) of the linked account. The phone only ever masked. */
export function presentExpert(cipher: FieldCipher, e: ExpertRow, accountName: string | null): ExpertView {
  return {
    id: e.id,
    name: e.name,
    seriesId: e.seriesId,
    specialtyIds: e.specialtyIds,
    level: e.level as ExpertView['level'],
    titleName: e.titleName,
    unitId: e.unitId,
    unitName: e.unitName,
    phoneMasked: e.phoneCipher ? maskPhone(cipher.decrypt(e.phoneCipher)) : null,
    termStart: e.termStart,
    termEnd: e.termEnd,
    active: e.active,
    userId: e.userId,
    accountName,
  };
}

export const expertAccountSchema = z.object({ userId: z.string(), name: z.string(), username: z.string().nullable() });

export const importResultSchema = z.object({ created: z.number(), errors: z.array(z.object({ row: z.number(), message: z.string() })) });

// ---------------------------------------------------------------------------------------------
// Committees (office).

export const RESULT_LABELS: Record<string, string> = {
  passed: '通过',
  failed: '未通过',
  failed_cap: '同意票达到三分之二，但超出通过率未通过',
  tied_at_cap: '通过率线上并列，待评审委员会决定',
  overturned: '公示异议查实，评审结果不予确认',
};

export const committeeSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  seriesId: z.string(),
  seriesName: z.string(),
  level,
  name: z.string(),
  size: z.number(),
  status: z.string(),
  chairExpertId: z.string().nullable(),
  chairName: z.string().nullable(),
  passRatePolicy: z.enum(['capped', 'uncapped']),
  passRatePercent: z.number().nullable(),
  memberCount: z.number(),
  candidateCount: z.number(),
  scoringClosedAt: z.string().nullable(),
  meetingOpenedAt: z.string().nullable(),
  ballotClosedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export type CommitteeSummary = z.infer<typeof committeeSummarySchema>;

export const memberSchema = z.object({
  expertId: z.string(),
  name: z.string(),
  unitName: z.string(),
  level,
  titleName: z.string(),
  isChair: z.boolean(),
  conflictsDeclared: z.boolean(),
  present: z.boolean().nullable(),
});

const tallySchema = z.object({ voters: z.number(), agree: z.number(), disagree: z.number(), abstain: z.number() });

export const officeCandidateSchema = z.object({
  applicationId: z.string(),
  code: z.string(),
  name: z.string(),
  unitName: z.string(),
  specialtyId: z.string(),
  specialtyName: z.string(),
  packetHeld: z.boolean(),
  heldReason: z.string().nullable(),
  leakHits: z.number(),
  defenceRequired: z.boolean(),
  defenceExemptReason: z.string().nullable(),
  defenceRuleId: z.string().nullable(),
  defenceSessionId: z.string().nullable(),
  reviewScores: z.number(),
  reviewAverage: z.number().nullable(),
  defenceAverage: z.number().nullable(),
  defenceScoreText: z.string().nullable(),
  voted: z.number(),
  tally: tallySchema.nullable(),
  result: z.enum(['passed', 'failed', 'failed_cap', 'tied_at_cap', 'overturned']).nullable(),
  resultLabel: z.string().nullable(),
  rank: z.number().nullable(),
});
export type OfficeCandidate = z.infer<typeof officeCandidateSchema>;

export const conflictSchema = z.object({
  id: z.string(),
  expertId: z.string(),
  expertName: z.string(),
  applicationId: z.string(),
  code: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  source: z.enum(['automatic', 'declared', 'office']),
  note: z.string(),
});
export type ConflictView = z.infer<typeof conflictSchema>;

export function presentConflict(c: { id: string; expertId: string; expertName: string; applicationId: string; code: string; kind: string; source: string; note: string }): ConflictView {
  return {
    id: c.id,
    expertId: c.expertId,
    expertName: c.expertName,
    applicationId: c.applicationId,
    code: c.code,
    kind: c.kind,
    kindLabel: CONFLICT_KIND_LABELS[c.kind as ConflictKind] ?? c.kind,
    source: c.source as ConflictView['source'],
    note: c.note,
  };
}

export const committeeDetailSchema = committeeSummarySchema.extend({
  seed: z.string(),
  meetingPlace: z.string().nullable(),
  minMembers: z.number().nullable(),
  quorumNeeded: z.number(),
  members: z.array(memberSchema),
  candidates: z.array(officeCandidateSchema),
  conflicts: z.array(conflictSchema),
});
export type CommitteeDetail = z.infer<typeof committeeDetailSchema>;

export const drawResultSchema = z.object({
  committee: committeeSummarySchema,
  excluded: z.array(z.object({ expertId: z.string(), name: z.string(), reason: z.string() })),
});

export const progressSchema = z.object({
  experts: z.array(z.object({ expertId: z.string(), name: z.string(), assigned: z.number(), scored: z.number() })),
  candidates: z.array(z.object({ applicationId: z.string(), code: z.string(), assigned: z.number(), scored: z.number() })),
  scoringClosed: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// The expert's desk: nothing identifying, ever.

const scoringItemSchema = z.object({ id: z.string(), name: z.string(), maxPoints: z.number() });
export const scoringFormSchema = z.object({ items: z.array(scoringItemSchema) });

export const myScoreSchema = z.object({ items: z.record(z.string(), z.number()), total: z.number(), comment: z.string() }).nullable();
export type MyScore = z.infer<typeof myScoreSchema>;

export function presentMyScore(row: { items: Record<string, number>; totalTenths: number; comment: string } | undefined | null): MyScore {
  if (!row) return null;
  return { items: { ...row.items }, total: row.totalTenths / 10, comment: row.comment };
}

export const expertCommitteeSchema = z.object({
  id: z.string(),
  name: z.string(),
  seriesName: z.string(),
  level,
  status: z.string(),
  conflictsDeclared: z.boolean(),
  assigned: z.number(),
  scored: z.number(),
  isChair: z.boolean(),
});

export const packetSummarySchema = z.object({
  applicationId: z.string(),
  code: z.string(),
  level,
  seriesName: z.string(),
  specialtyName: z.string(),
  myScore: myScoreSchema,
});

export const packetSchema = z.object({
  applicationId: z.string(),
  code: z.string(),
  level,
  seriesName: z.string(),
  specialtyName: z.string(),
  sections: z.array(z.object({ title: z.string(), rows: z.array(z.object({ label: z.string(), value: z.string() })) })),
  materials: z.array(
    z.object({
      slotName: z.string(),
      files: z.array(z.object({ id: z.string(), kind: z.enum(['jpg', 'png', 'pdf']), pages: z.number() })),
    }),
  ),
  scoringForm: scoringFormSchema,
  myScore: myScoreSchema,
  scoringOpen: z.boolean(),
});
export type Packet = z.infer<typeof packetSchema>;


export const defenceViewSchema = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      startsAt: z.string(),
      place: z.string(),
      videoLink: z.string().nullable(),
      candidates: z.array(z.object({ applicationId: z.string(), code: z.string(), specialtyName: z.string(), myScore: myScoreSchema })),
    }),
  ),
  scoringForm: scoringFormSchema,
});

export const ballotViewSchema = z.object({
  open: z.boolean(),
  closed: z.boolean(),
  present: z.boolean(),
  candidates: z.array(
    z.object({
      applicationId: z.string(),
      code: z.string(),
      specialtyName: z.string(),
      reviewAverage: z.number().nullable(),
      defenceScoreText: z.string().nullable(),
      recused: z.boolean(),
      voted: z.boolean(),
    }),
  ),
});
