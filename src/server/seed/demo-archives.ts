// Demo mode only: the demo applicants' personal archives, so a 中级 application can be filled from
// the archive at once. Years are relative to the seed's year, so the practice campaigns' rules
// (continuing education per year, annual assessments) find their records.
import type { ArchiveData, ArchiveKind } from '../../domain/application/index.js';
import type { Executor } from '../db/client.js';
import { archiveRecords } from '../db/schema.js';

type Seed = { [K in ArchiveKind]: { kind: K; data: ArchiveData[K] } }[ArchiveKind];

function yearly(thisYear: number, make: (year: number) => Seed): Seed[] {
  return Array.from({ length: 8 }, (_, i) => make(thisYear - 7 + i));
}

export function demoArchive(which: 'bz' | 'aks', thisYear: number): Seed[] {
  if (which === 'bz') {
    return [
      { kind: 'profile', data: { post: '记者', workStartedOn: '2011-07-01', civilServant: false, retiredOn: null, politicalStatus: '中共党员' } },
      { kind: 'education', data: { level: '本科', school: '新疆大学', major: '新闻学', graduatedOn: '2011-06-30', verification: 'verified' } },
      { kind: 'title', data: { level: '初级', name: '助理记者', obtainedOn: '2016-09-01', certificateNo: 'BZ-XW-2016-0318' } },
      { kind: 'work', data: { from: '2011-07-01', to: null, unit: '且末县融媒体中心', post: '记者' } },
      { kind: 'achievement', data: { year: thisYear - 2, name: '新疆新闻奖', grantor: '新疆新闻工作者协会', grade: '三等奖' } },
      { kind: 'publication', data: { kind: '作品', title: '沙漠边缘的护林人', publishedIn: '巴音郭楞日报', publishedOn: `${thisYear - 2}-05-18`, representative: true } },
      { kind: 'publication', data: { kind: '作品', title: '且末玉石产业调查', publishedIn: '巴州广播电视台', publishedOn: `${thisYear - 1}-09-02`, representative: true } },
      ...yearly(thisYear, (year) => ({ kind: 'continuingEducation', data: { year, professionalHours: 64, publicHours: 32, exemptionApproved: false } })),
      ...yearly(thisYear, (year) => ({ kind: 'annualAssessment', data: { year, grade: year === thisYear - 2 ? '优秀' : '合格' } })),
      { kind: 'mandarin', data: { level: '二级甲等', certificateNo: '6528201100123' } },
      { kind: 'politicalConduct', data: { issuedBy: '且末县委宣传部', issuedOn: `${thisYear}-11-01` } },
    ];
  }
  return [
    { kind: 'profile', data: { post: '编辑', workStartedOn: '2008-07-01', civilServant: false, retiredOn: null, politicalStatus: '群众' } },
    { kind: 'education', data: { level: '本科', school: '新疆师范大学', major: '汉语言文学', graduatedOn: '2008-06-30', verification: 'verified' } },
    { kind: 'title', data: { level: '初级', name: '助理编辑', obtainedOn: '2013-10-01', certificateNo: 'AKS-XW-2013-0107' } },
    { kind: 'work', data: { from: '2008-07-01', to: null, unit: '库车市融媒体中心', post: '编辑' } },
    { kind: 'achievement', data: { year: thisYear - 1, name: '阿克苏地区好新闻', grantor: '阿克苏地区新闻工作者协会', grade: '一等奖' } },
    { kind: 'publication', data: { kind: '作品', title: '龟兹故地的新农人', publishedIn: '阿克苏日报', publishedOn: `${thisYear - 1}-03-12`, representative: true } },
    ...yearly(thisYear, (year) => ({ kind: 'continuingEducation', data: { year, professionalHours: 60, publicHours: 30, exemptionApproved: false } })),
    ...yearly(thisYear, (year) => ({ kind: 'annualAssessment', data: { year, grade: '合格' } })),
    { kind: 'mandarin', data: { level: '二级甲等', certificateNo: '6529201000456' } },
    { kind: 'politicalConduct', data: { issuedBy: '库车市委宣传部', issuedOn: `${thisYear}-11-01` } },
  ];
}

export async function seedDemoArchive(db: Executor, userId: string, which: 'bz' | 'aks', thisYear: number): Promise<void> {
  await db.insert(archiveRecords).values(demoArchive(which, thisYear).map((r) => ({ userId, kind: r.kind, data: r.data })));
}
