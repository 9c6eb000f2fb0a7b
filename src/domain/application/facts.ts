// From the applicant's stored data to the eligibility engine's input: the archive records picked
// into an application, the identity (sex and birth date from the ID number) and the unit. Pure.
import type { ApplicantArchive } from '../eligibility/archive.js';
import type { UnitKind } from '../organisations.js';
import type { ArchiveData, ArchiveKind, ArchiveRecord } from './archive-records.js';

export type ApplicantUnit = { kind: UnitKind; countyLevelOrBelow: boolean; countyName: string | null };

function dataOf<K extends ArchiveKind>(records: readonly ArchiveRecord[], kind: K): ArchiveData[K][] {
  return records.filter((r) => r.kind === kind).map((r) => r.data as ArchiveData[K]);
}

/**
 * `records`: the profile plus the records picked into the application. A record of education that
 * 学信网 cannot verify counts its own scans as the campaign's fallback document (A24-6).
 */
export function archiveForEligibility(
  identity: { sex: 'male' | 'female'; birthDate: string },
  unit: ApplicantUnit,
  records: readonly ArchiveRecord[],
): ApplicantArchive {
  const profile = dataOf(records, 'profile')[0];
  const titles = dataOf(records, 'title').sort((a, b) => b.obtainedOn.localeCompare(a.obtainedOn));
  return {
    sex: identity.sex,
    birthDate: identity.birthDate,
    retiredOn: profile?.retiredOn ?? null,
    civilServant: profile?.civilServant ?? false,
    unit,
    post: profile?.post ?? null,
    workStartedOn: profile?.workStartedOn ?? identity.birthDate,
    ...(profile?.professionalWorkStartedOn ? { professionalWorkStartedOn: profile.professionalWorkStartedOn } : {}),
    sanctions: [],
    education: records
      .filter((r): r is ArchiveRecord<'education'> => r.kind === 'education')
      .map((r) => {
        const d = r.data as ArchiveData['education'];
        return {
          level: d.level,
          school: d.school,
          major: d.major,
          graduatedOn: d.graduatedOn,
          verification: d.verification,
          fallbackUploaded: d.verification !== 'verified' && r.fileIds.length > 0,
        };
      }),
    currentTitle: titles[0] ? { level: titles[0].level, name: titles[0].name, obtainedOn: titles[0].obtainedOn } : null,
    continuingEducation: dataOf(records, 'continuingEducation').map((c) => ({
      year: c.year,
      professionalHours: c.professionalHours,
      publicHours: c.publicHours,
      exemptionApproved: c.exemptionApproved,
    })),
    annualAssessments: dataOf(records, 'annualAssessment').map((a) => ({ year: a.year, grade: a.grade })),
    mandarin: dataOf(records, 'mandarin')[0]?.level ?? null,
    representativeWorksCount: dataOf(records, 'publication').filter((p) => p.representative).length,
    grassRootsService: dataOf(records, 'grassRootsService'),
  };
}
