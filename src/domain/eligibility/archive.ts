// What the eligibility engine knows about an applicant: the facts of the personnel archive (人事档案)
// and the declaration, as the server assembles them from the database and the web from the form.
// Dates are Beijing dates 'YYYY-MM-DD'. Pure types.

import type { UnitKind } from '../organisations.js';
import type {
  AssessmentGrade,
  EducationLevel,
  GrassRootsService,
  Level,
  MandarinLevel,
  PathKind,
  SanctionKind,
} from '../campaign/vocabulary.js';

export type Sanction = {
  kind: SanctionKind;
  /** The day the decision took effect; the term counts from this day (政务处分法：自处分决定生效之日起计算). */
  effectiveFrom: string;
  /** Term in months from the decision. The term is over on the same day `termMonths` later. */
  termMonths?: number | null;
  /** Last day of the term when the decision states it (or it was lifted early); wins over termMonths. */
  endsOn?: string | null;
};

export type EducationRecord = {
  level: EducationLevel;
  school?: string;
  major?: string;
  graduatedOn: string;
  /**
   * 学信网 check: `verified` (report uploaded), `unverifiable` (学信网 has no record, e.g. older
   * diplomas), `pending` (nothing uploaded yet).
   */
  verification: 'verified' | 'unverifiable' | 'pending';
  /** The fallback the campaign names (B21-5: the diploma; A24-6: 毕业生登记表) is uploaded. */
  fallbackUploaded: boolean;
};

export type ContinuingEducationYear = {
  year: number;
  professionalHours: number;
  publicHours: number;
  /** An approved exemption form (免学审批表) for this year is uploaded (B21-8, A24-8). */
  exemptionApproved: boolean;
  /** Where the certificates came from; A24-8 requires the platform's own records for recent years. */
  professionalSource?: 'platform' | 'upload';
  publicSource?: 'platform' | 'upload';
};

export type ApplicantArchive = {
  sex: 'male' | 'female';
  birthDate: string;
  /** 已办理离退休手续 on this date; null when not retired. */
  retiredOn: string | null;
  /**
   * Statutory retirement date from the personnel office when known (the gradual reform from 2025,
   * special posts); otherwise birthDate + the campaign's age for the sex.
   */
  statutoryRetirementDate?: string | null;
  civilServant: boolean;
  unit: {
    kind: UnitKind;
    /** The unit is at county level or below (县及县以下单位): B21-5 representative works, B21-7 defence. */
    countyLevelOrBelow: boolean;
    /** County or city the unit is in, e.g. 且末县 (B21-7); null for prefecture-level units. */
    countyName: string | null;
  };
  /** Post (岗位) as the campaign's Mandarin rule names it: 播音员, 主持人, 汉语播音员, 汉语主持人, 记者 … */
  post: string | null;
  /** 参加工作时间. Years before it need no continuing education or annual assessment. */
  workStartedOn: string;
  /** 从事本专业技术工作起始日期, for conditions counted in years of professional work; default workStartedOn. */
  professionalWorkStartedOn?: string;
  sanctions: Sanction[];
  education: EducationRecord[];
  currentTitle: { level: Level; name: string; obtainedOn: string } | null;
  continuingEducation: ContinuingEducationYear[];
  annualAssessments: { year: number; grade: AssessmentGrade }[];
  mandarin: MandarinLevel | null;
  /** Representative works (代表作品) declared, each with cover, contents and text (B21-5). */
  representativeWorksCount: number;
  /** Grass-roots service per year, with that year's assessment grade (B21-7, B21-8, A24-14). */
  grassRootsService: { year: number; service: GrassRootsService; grade: AssessmentGrade | null }[];
};

/** Another application of the same person, this year or before (A24-3). Not the one being checked. */
export type PriorApplication = {
  campaignId: string;
  year: number;
  seriesId: string;
  level: Level;
  pathKind: PathKind;
  /** Withdrawn before evaluation: it no longer blocks another path. */
  withdrawn: boolean;
};

/** A finding of fraud (弄虚作假) against the applicant (B21-10). */
export type FraudRecord = { foundOn: string; description?: string };
