// Eligibility engine: pure functions of (campaign, application, archive, today). Shared with the web.
export type { ApplicantArchive, ContinuingEducationYear, EducationRecord, FraudRecord, PriorApplication, Sanction } from './archive.js';
export { applicationFacts, checkEligibility, type EligibilityInput, type EligibilityVerdict, type RuleResult } from './check.js';
export { checkDirectRecognition, defenceRequirement, type DefenceVerdict } from './defence.js';
