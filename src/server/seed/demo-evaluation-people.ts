// Demo mode only: the synthetic people of the committee stage (demo-evaluation.ts) — names, ID
// numbers and phone numbers are made up, units are those of the demo organisation tree:
// - the candidates of the completed years, whose applications to the shipped campaigns
//   (bayingol-2021-news: 中级; aksu-2024-news-literature-publishing: 副高) are written as history;
// - three young Bayingol reporters and editors who declare 初级 in the practice campaign through
//   the product's commands, for the committee whose results publicity runs today.
// Every one gets an account (password Zhiping#Demo2026), so the demo can log in as a candidate
// and see the result page, the certificate or its revocation. Their archives are built like the
// demo applicants' (demo-people.ts personArchive), with the years of the campaign they apply to.
import type { ArchiveData, ArchiveKind } from '../../domain/application/index.js';
import type { MandarinLevel } from '../../domain/campaign/vocabulary.js';
import { personArchive, type DemoPerson, type Which } from './demo-people.js';

export interface EvaluationPerson {
  username: string;
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD. */
  born: string;
  /** Six-digit Xinjiang area code of the ID number. */
  area: string;
  /** Organisation name in the demo tree. */
  unit: string;
  level: '初级' | '中级' | '副高';
  specialty: 'reporter' | 'editor';
  politicalStatus: string;
  mandarin: MandarinLevel;
  /**
   * Index for variety and for the ID number's sequence and the phone number: 30 and up, so neither
   * meets a demo applicant's (demo-people.ts numbers those from 0).
   */
  n: number;
  /** What the committee makes of the candidate (history only): the order of the vote, or a failure. */
  outcome?: 'passed' | 'failed' | 'failedCap';
}

type Row = [string, 'M' | 'F', string, string, string, 'reporter' | 'editor', string, MandarinLevel, EvaluationPerson['outcome']?];

function roster(prefix: string, level: EvaluationPerson['level'], firstN: number, rows: Row[]): EvaluationPerson[] {
  return rows.map(([name, sex, born, area, unit, specialty, politicalStatus, mandarin, outcome], i) => ({
    username: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    name,
    sex,
    born,
    area,
    unit,
    level,
    specialty,
    politicalStatus,
    mandarin,
    n: firstN + i,
    outcome,
  }));
}

// [name, sex, born, ID area, unit, specialty, political status, Putonghua, outcome]
// Bayingol 2021, 中级: four at county-level units (exempt from the defence, B21-7: 若羌县, and units
// at county level or below) and one at the prefecture's broadcaster, who defends. Ranked by the
// order of the list; the last fails the vote.
export const HISTORY_PEOPLE: Record<Which, EvaluationPerson[]> = {
  bz: roster('demo-history-bz', '中级', 30, [
    ['阿依古丽·吐尔逊', 'F', '1986-04-12', '652801', '库尔勒市融媒体中心', 'reporter', '中共党员', '二级乙等', 'passed'],
    ['杨志远', 'M', '1984-09-03', '652824', '若羌县融媒体中心', 'editor', '中共党员', '二级甲等', 'passed'],
    ['娜仁格日勒', 'F', '1987-02-25', '652827', '巴音郭楞蒙古自治州广播电视台', 'reporter', '群众', '二级乙等', 'passed'],
    ['买买提江·阿布都', 'M', '1985-12-08', '652822', '轮台县融媒体中心', 'reporter', '中共党员', '二级乙等', 'passed'],
    ['孙佳琪', 'F', '1988-07-19', '652801', '库尔勒市融媒体中心', 'editor', '共青团员', '二级甲等', 'failed'],
  ]),
  // Aksu 2024, 副高: all defend (A24-14). The committee's pass rate (A24-17) lets four of the five
  // the vote passes through; the fifth is over the cap, the sixth fails the vote.
  aks: roster('demo-history-aks', '副高', 30, [
    ['王建国', 'M', '1976-03-15', '652901', '阿克苏日报社', 'reporter', '中共党员', '二级甲等', 'passed'],
    ['古丽娜尔·买买提', 'F', '1979-08-22', '652901', '阿克苏地区广播电视台', 'editor', '中共党员', '二级乙等', 'passed'],
    ['陈卫东', 'M', '1977-11-30', '652902', '库车市融媒体中心', 'editor', '中共党员', '二级甲等', 'passed'],
    ['热孜万古丽·艾则孜', 'F', '1980-05-06', '652922', '温宿县融媒体中心', 'reporter', '中共党员', '二级乙等', 'passed'],
    ['周晓军', 'M', '1978-01-27', '652924', '沙雅县融媒体中心', 'reporter', '群众', '二级甲等', 'failedCap'],
    ['刘敏', 'F', '1981-10-11', '652901', '阿克苏日报社', 'editor', '中共党员', '二级甲等', 'failed'],
  ]),
};

/**
 * Bayingol 初级 (practice campaign): three young staff of 巴音郭楞日报社, a prefecture-level unit
 * that recommends straight to the committee office (no department, no batch), whose reviewer
 * account demo-unit-bz-daily exists. 初级 is exempt from the defence (B21-7).
 */
export const JUNIOR_PEOPLE: EvaluationPerson[] = roster('demo-junior-bz', '初级', 40, [
  ['迪丽娜尔·艾力', 'F', '1997-05-21', '652801', '巴音郭楞日报社', 'reporter', '共青团员', '二级甲等'],
  ['韩宇', 'M', '1996-10-08', '652801', '巴音郭楞日报社', 'editor', '共青团员', '二级甲等'],
  ['其其格', 'F', '1997-01-16', '652827', '巴音郭楞日报社', 'reporter', '群众', '二级乙等'],
]);

type Seed = { [K in ArchiveKind]: { kind: K; data: ArchiveData[K] } }[ArchiveKind];

/** The person as demo-people.ts's helpers take one (its stage is not used by them). */
export function asDemoPerson(p: EvaluationPerson): DemoPerson {
  return { ...p, level: p.level === '副高' ? '副高' : '中级', stage: 'paid' };
}

/**
 * The person's archive in the year they apply (`year`, on `today`): demo-people.ts personArchive;
 * a 初级 applicant holds no title yet, so the title records are left out.
 */
export function evaluationArchive(p: EvaluationPerson, which: Which, year: number, today: string): Seed[] {
  const records = personArchive(asDemoPerson(p), which, year, today) as Seed[];
  return p.level === '初级' ? records.filter((r) => r.kind !== 'title') : records;
}
