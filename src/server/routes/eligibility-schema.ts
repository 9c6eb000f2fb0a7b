// The request of the public self-check (申报资格自查): an applicant's archive as the web form holds
// it, bounded in every dimension (this endpoint is public), typed exactly as the engine's input.
import { z } from 'zod';
import {
  ASSESSMENT_GRADES,
  EDUCATION_LEVELS,
  GRASS_ROOTS_SERVICE_IDS,
  LEVELS,
  MANDARIN_LEVELS,
  PATH_KINDS,
  SANCTION_KINDS,
} from '../../domain/campaign/index.js';
import { isValidDate } from '../../domain/campaign/dates.js';
import type { ApplicantArchive, PriorApplication } from '../../domain/eligibility/index.js';
import { UNIT_KINDS } from '../../domain/organisations.js';
import { text } from './schemas.js';

const date = z.string().max(10).refine(isValidDate, '应为有效日期，格式 YYYY-MM-DD');
const year = z.int().min(1950).max(2100);
const slugParam = z.string().max(100).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '格式不正确');
export const campaignIdParam = z.strictObject({ id: slugParam });

const sanctionSchema = z.strictObject({
  kind: z.enum(SANCTION_KINDS),
  effectiveFrom: date,
  termMonths: z.int().min(0).max(1200).nullable().optional(),
  endsOn: date.nullable().optional(),
});

export const archiveSchema = z.strictObject({
  sex: z.enum(['male', 'female']),
  birthDate: date,
  retiredOn: date.nullable(),
  statutoryRetirementDate: date.nullable().optional(),
  civilServant: z.boolean(),
  unit: z.strictObject({ kind: z.enum(UNIT_KINDS), countyLevelOrBelow: z.boolean(), countyName: text(50).nullable() }),
  post: text(50).nullable(),
  workStartedOn: date,
  professionalWorkStartedOn: date.optional(),
  sanctions: z.array(sanctionSchema).max(20),
  education: z
    .array(
      z.strictObject({
        level: z.enum(EDUCATION_LEVELS),
        school: text(100).optional(),
        major: text(100).optional(),
        graduatedOn: date,
        verification: z.enum(['verified', 'unverifiable', 'pending']),
        fallbackUploaded: z.boolean(),
      }),
    )
    .max(10),
  currentTitle: z.strictObject({ level: z.enum(LEVELS), name: text(50), obtainedOn: date }).nullable(),
  continuingEducation: z
    .array(
      z.strictObject({
        year,
        professionalHours: z.number().min(0).max(10_000),
        publicHours: z.number().min(0).max(10_000),
        exemptionApproved: z.boolean(),
        professionalSource: z.enum(['platform', 'upload']).optional(),
        publicSource: z.enum(['platform', 'upload']).optional(),
      }),
    )
    .max(60),
  annualAssessments: z.array(z.strictObject({ year, grade: z.enum(ASSESSMENT_GRADES) })).max(60),
  mandarin: z.enum(MANDARIN_LEVELS).nullable(),
  representativeWorksCount: z.int().min(0).max(1000),
  grassRootsService: z.array(z.strictObject({ year, service: z.enum(GRASS_ROOTS_SERVICE_IDS), grade: z.enum(ASSESSMENT_GRADES).nullable() })).max(60),
}) satisfies z.ZodType<ApplicantArchive>;

const priorApplicationSchema = z.strictObject({
  campaignId: slugParam,
  year,
  seriesId: slugParam,
  level: z.enum(LEVELS),
  pathKind: z.enum(PATH_KINDS),
  withdrawn: z.boolean(),
}) satisfies z.ZodType<PriorApplication>;

export const eligibilityRequestSchema = z.strictObject({
  seriesId: slugParam,
  specialtyId: slugParam,
  level: z.enum(LEVELS),
  /** Id of one of the campaign's declaration paths. */
  path: slugParam,
  archive: archiveSchema,
  /** The applicant's other applications this year or before, as they state them (A24-3). */
  priorApplications: z.array(priorApplicationSchema).max(20).default([]),
});

export const eligibilityVerdictSchema = z.object({
  campaignId: z.string(),
  /** The published version the check ran against. */
  version: z.number(),
  /** The Beijing date the check used as today. */
  today: z.string(),
  eligible: z.boolean(),
  results: z.array(z.object({ ruleId: z.string(), passed: z.boolean(), message: z.string(), fix: z.string().optional() })),
});
