// Demo mode only: the extra demo applicants of both prefectures (synthetic people: names, ID
// numbers and phone numbers are made up; units are those of the demo organisation tree), the stage
// of the review chain each one's application is brought to (demo-applications.ts), their personal
// archives (built like demo-archives.ts, varied per person so that every one of them meets the
// practice campaign's conditions for the level applied for), and the extra unit and department
// reviewers for the units that have no demo reviewer of their own.
import { addDays } from '../../domain/campaign/dates.js';
import type { ArchiveData, ArchiveKind } from '../../domain/application/index.js';
import type { MandarinLevel } from '../../domain/campaign/vocabulary.js';

export type Which = 'bz' | 'aks';

/**
 * Where an application is left: draft (being filled), unitReview (submitted, waiting at the unit),
 * returned (by the unit, with reasons), publicity (the unit's publicity running now),
 * publicityEnded (over, ready to recommend), deptReview (recommended, waiting at the county
 * department), officeReview (forwarded in a batch), feeUnpaid (已接收材料, fee not paid),
 * receiptUploaded (waiting for finance), paid (fee confirmed, 评审表 issued).
 */
export const DEMO_STAGES = [
  'draft',
  'unitReview',
  'returned',
  'publicity',
  'publicityEnded',
  'deptReview',
  'officeReview',
  'feeUnpaid',
  'receiptUploaded',
  'paid',
] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

export interface DemoPerson {
  username: string;
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD. */
  born: string;
  /** Six-digit Xinjiang area code of the ID number (place of first registration). */
  area: string;
  /** Organisation name in the demo tree (names are unique there). */
  unit: string;
  level: '中级' | '副高';
  specialty: 'reporter' | 'editor';
  stage: DemoStage;
  politicalStatus: string;
  mandarin: MandarinLevel;
  /** Index within the prefecture: varies schools, works, hours … */
  n: number;
}

type Row = [string, 'M' | 'F', string, string, string, '中级' | '副高', 'reporter' | 'editor', DemoStage, string, MandarinLevel];

function people(which: Which, rows: Row[]): DemoPerson[] {
  return rows.map(([name, sex, born, area, unit, level, specialty, stage, politicalStatus, mandarin], i) => ({
    username: `demo-applicant-${which}-${String(i + 1).padStart(2, '0')}`,
    name,
    sex,
    born,
    area,
    unit,
    level,
    specialty,
    stage,
    politicalStatus,
    mandarin,
    n: i,
  }));
}

const QIEMO = '且末县融媒体中心';
const KORLA = '库尔勒市融媒体中心';
const BZ_DAILY = '巴音郭楞日报社';
const KUQA = '库车市融媒体中心';
const AKS_DAILY = '阿克苏日报社';
const AKS_TV = '阿克苏地区广播电视台';
const AKS_CITY = '阿克苏市融媒体中心';

// [name, sex, born, ID area, unit, level, specialty, stage, political status, Putonghua]
// The first nine of each prefecture work at the unit of the demo reviewers (demo-unit-*, whose
// department is demo-dept-*), one per stage; the paid ones are spread over more units.
export const DEMO_PEOPLE: Record<Which, DemoPerson[]> = {
  bz: people('bz', [
    ['古丽米拉·阿不都热合曼', 'F', '1992-03-14', '652825', QIEMO, '中级', 'reporter', 'draft', '共青团员', '二级乙等'],
    ['张建军', 'M', '1986-07-22', '652801', QIEMO, '中级', 'editor', 'unitReview', '中共党员', '二级甲等'],
    ['古丽扎尔·吐尔逊', 'F', '1990-11-05', '652825', QIEMO, '中级', 'reporter', 'returned', '群众', '二级乙等'],
    ['王海燕', 'F', '1988-01-30', '652823', QIEMO, '中级', 'editor', 'publicity', '中共党员', '二级甲等'],
    ['艾尔肯·吐尔洪', 'M', '1987-09-18', '652824', QIEMO, '中级', 'reporter', 'publicityEnded', '中共党员', '三级甲等'],
    ['刘晓东', 'M', '1985-05-09', '652801', QIEMO, '中级', 'reporter', 'deptReview', '中共党员', '二级甲等'],
    ['巴图孟克', 'M', '1989-12-02', '652827', QIEMO, '中级', 'editor', 'officeReview', '群众', '二级乙等'],
    ['马秀兰', 'F', '1987-04-26', '652826', QIEMO, '中级', 'reporter', 'feeUnpaid', '中共党员', '二级甲等'],
    ['陈志刚', 'M', '1984-08-15', '652822', QIEMO, '中级', 'editor', 'receiptUploaded', '中共党员', '二级甲等'],
    ['李娜', 'F', '1989-06-11', '652825', QIEMO, '中级', 'reporter', 'paid', '群众', '二级甲等'],
    ['阿力木江·艾海提', 'M', '1986-02-19', '652801', KORLA, '中级', 'reporter', 'paid', '中共党员', '二级乙等'],
    ['赵静', 'F', '1990-10-03', '652801', KORLA, '中级', 'editor', 'paid', '共青团员', '二级甲等'],
    ['其米格', 'F', '1988-03-27', '652827', KORLA, '中级', 'reporter', 'paid', '群众', '二级乙等'],
    ['周鹏', 'M', '1985-11-23', '652801', BZ_DAILY, '中级', 'editor', 'paid', '中共党员', '二级甲等'],
    ['努尔古丽·艾买提', 'F', '1991-07-08', '652828', BZ_DAILY, '中级', 'reporter', 'paid', '中共党员', '二级乙等'],
  ]),
  aks: people('aks', [
    ['吐尔逊娜依·阿布力孜', 'F', '1993-02-17', '652902', KUQA, '中级', 'editor', 'draft', '共青团员', '二级乙等'],
    ['杨晓峰', 'M', '1988-05-30', '652902', KUQA, '中级', 'reporter', 'unitReview', '中共党员', '二级甲等'],
    ['阿迪力·买买提明', 'M', '1990-09-12', '652924', KUQA, '中级', 'reporter', 'returned', '群众', '三级甲等'],
    ['孙丽萍', 'F', '1989-04-04', '652901', KUQA, '中级', 'editor', 'publicity', '中共党员', '二级甲等'],
    ['帕提古丽·吐尔地', 'F', '1983-08-21', '652902', KUQA, '副高', 'editor', 'publicityEnded', '中共党员', '二级乙等'],
    ['郭伟', 'M', '1987-01-16', '652922', KUQA, '中级', 'reporter', 'deptReview', '中共党员', '二级甲等'],
    ['麦合木提·艾力', 'M', '1982-06-07', '652902', KUQA, '副高', 'reporter', 'officeReview', '中共党员', '二级乙等'],
    ['黄雪梅', 'F', '1986-12-19', '652901', KUQA, '中级', 'editor', 'feeUnpaid', '群众', '二级甲等'],
    ['吴国庆', 'M', '1980-10-01', '652926', KUQA, '副高', 'reporter', 'receiptUploaded', '中共党员', '二级甲等'],
    ['米热古丽·热合曼', 'F', '1981-03-08', '652902', KUQA, '副高', 'editor', 'paid', '中共党员', '二级乙等'],
    ['何晨', 'M', '1991-05-25', '652902', KUQA, '中级', 'reporter', 'paid', '共青团员', '二级甲等'],
    ['高建华', 'M', '1979-11-14', '652901', AKS_DAILY, '副高', 'reporter', 'paid', '中共党员', '二级甲等'],
    ['布威玛丽亚木·阿不拉', 'F', '1982-07-29', '652927', AKS_DAILY, '副高', 'editor', 'paid', '中共党员', '二级乙等'],
    ['徐立新', 'M', '1983-02-06', '652901', AKS_DAILY, '副高', 'editor', 'paid', '群众', '二级甲等'],
    ['玛依努尔·库尔班', 'F', '1990-01-22', '652928', AKS_DAILY, '中级', 'reporter', 'paid', '中共党员', '二级乙等'],
    ['马建新', 'M', '1980-04-13', '652901', AKS_TV, '副高', 'reporter', 'paid', '中共党员', '二级甲等'],
    ['艾克拜尔·吾买尔', 'M', '1984-09-02', '652925', AKS_TV, '副高', 'editor', 'paid', '中共党员', '二级乙等'],
    ['林芳', 'F', '1992-06-18', '652901', AKS_TV, '中级', 'editor', 'paid', '群众', '二级甲等'],
    ['田玉兰', 'F', '1978-12-05', '652922', AKS_CITY, '副高', 'reporter', 'paid', '中共党员', '二级甲等'],
    ['依明江·托乎提', 'M', '1985-03-31', '652901', AKS_CITY, '副高', 'editor', 'paid', '中共党员', '二级乙等'],
    ['罗婷', 'F', '1991-08-09', '652901', AKS_CITY, '中级', 'reporter', 'paid', '共青团员', '二级甲等'],
  ]),
};

/** Reviewers of the units (and their departments) that have no demo reviewer: they carry the paid ones. */
export interface DemoStaff {
  username: string;
  name: string;
  role: 'unit_reviewer' | 'dept_reviewer';
  org: string;
}

export const DEMO_EXTRA_STAFF: Record<Which, DemoStaff[]> = {
  bz: [
    { username: 'demo-unit-bz-korla', name: `${KORLA}审核员`, role: 'unit_reviewer', org: KORLA },
    { username: 'demo-dept-bz-korla', name: '库尔勒市委宣传部审核员', role: 'dept_reviewer', org: '库尔勒市委宣传部' },
    { username: 'demo-unit-bz-daily', name: `${BZ_DAILY}审核员`, role: 'unit_reviewer', org: BZ_DAILY },
  ],
  aks: [
    { username: 'demo-unit-aks-daily', name: `${AKS_DAILY}审核员`, role: 'unit_reviewer', org: AKS_DAILY },
    { username: 'demo-unit-aks-tv', name: `${AKS_TV}审核员`, role: 'unit_reviewer', org: AKS_TV },
    { username: 'demo-dept-aks-media', name: '地区融媒体中心审核员', role: 'dept_reviewer', org: '地区融媒体中心' },
    { username: 'demo-unit-aks-city', name: `${AKS_CITY}审核员`, role: 'unit_reviewer', org: AKS_CITY },
    { username: 'demo-dept-aks-city', name: '阿克苏市委宣传部审核员', role: 'dept_reviewer', org: '阿克苏市委宣传部' },
  ],
};

/** 17 digits for makeIdNumber: area, birth date, a sequence whose last digit is odd for men, even for women. */
export function idPrefix17(p: DemoPerson, which: Which): string {
  const sequence = 500 + (which === 'bz' ? 0 : 200) + p.n * 6 + (p.sex === 'M' ? 1 : 2);
  return `${p.area}${p.born.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
}

/** 1390996xxxx (巴州) and 1390997xxxx (阿克苏) like the demo applicants, numbered from 1001. */
export function demoPhone(p: DemoPerson, which: Which): string {
  return `${which === 'bz' ? '1390996' : '1390997'}${1001 + p.n}`;
}

type Seed = { [K in ArchiveKind]: { kind: K; data: ArchiveData[K] } }[ArchiveKind];

const SCHOOLS = ['新疆大学', '新疆师范大学', '喀什大学', '伊犁师范大学', '石河子大学', '中央民族大学', '西北民族大学', '陕西师范大学'];
const MAJORS: Record<DemoPerson['specialty'], string[]> = {
  reporter: ['新闻学', '广播电视学', '网络与新媒体', '汉语言文学'],
  editor: ['汉语言文学', '编辑出版学', '中国少数民族语言文学', '新闻学'],
};
const WORKS: Record<Which, string[]> = {
  bz: [
    '塔里木河畔的守绿人',
    '且末红枣丰收记',
    '孔雀河生态治理纪实',
    '博斯腾湖的渔歌',
    '天山南麓牧民的新居',
    '库尔勒香梨走向全国',
    '若羌楼兰文化探访',
    '开都河畔的乡村振兴',
    '沙漠公路上的养护工',
    '和静东归节见闻',
    '焉耆盆地的葡萄园',
    '车尔臣河的春天',
    '阿尔金山下的护边员',
    '轮台胡杨林里的守护者',
    '且末玉石产业调查',
    '巴音布鲁克草原的新牧歌',
  ],
  aks: [
    '天山神木园的守护者',
    '苹果之乡的丰收季',
    '龟兹石窟的数字化保护',
    '塔克拉玛干边缘的防沙林',
    '库车老城的新生活',
    '温宿大峡谷旅游开发调查',
    '沙雅胡杨林保护纪实',
    '克孜尔千佛洞走访记',
    '阿瓦提慕萨莱思的传承',
    '柯柯牙绿化工程三十年',
    '乌什县的核桃产业',
    '新和县的乐器村',
    '托木尔峰下的护林员',
    '渭干河灌区的节水改造',
    '拜城县的冬日牧场',
    '阿克苏河畔的稻香',
  ],
};
const MEDIA: Record<Which, string[]> = {
  bz: ['巴音郭楞日报', '巴州广播电视台', '新疆日报', '巴州零距离'],
  aks: ['阿克苏日报', '阿克苏地区广播电视台', '新疆日报', '天山网'],
};

const TITLE_NAMES: Record<DemoPerson['specialty'], { 初级: string; 中级: string }> = {
  reporter: { 初级: '助理记者', 中级: '记者' },
  editor: { 初级: '助理编辑', 中级: '编辑' },
};

const POSTS: Record<DemoPerson['specialty'], string> = { reporter: '记者', editor: '编辑' };

const date = (year: number, monthDay: string) => `${year}-${monthDay}`;

/**
 * The person's archive, with years relative to the seed's year like the demo applicants': a
 * bachelor's degree; 初级 for at least five years before a 中级 application, and 中级 for at least
 * six before a 副高 one (the notices ask four and five by their cut-off dates); continuing education
 * and annual assessments for every year the practice campaigns look at; two representative works.
 */
export function personArchive(p: DemoPerson, which: Which, thisYear: number, today: string): Seed[] {
  const birthYear = Number(p.born.slice(0, 4));
  const graduated = birthYear + 22 + (p.n % 2);
  const junior = Math.min(graduated + 2, thisYear - 5 - (p.n % 3));
  const intermediate = Math.min(junior + 5 + (p.n % 2), thisYear - 6 - (p.n % 3));
  const prefix = which === 'bz' ? 'BZ' : 'AKS';
  const works = WORKS[which];
  const media = MEDIA[which];
  const titles: Seed[] = [
    { kind: 'title', data: { level: '初级', name: TITLE_NAMES[p.specialty].初级, obtainedOn: date(junior, '09-01'), certificateNo: `${prefix}-XW-${junior}-${String(101 + p.n * 7).padStart(4, '0')}` } },
  ];
  if (p.level === '副高') {
    titles.push({
      kind: 'title',
      data: { level: '中级', name: TITLE_NAMES[p.specialty].中级, obtainedOn: date(intermediate, '10-15'), certificateNo: `${prefix}-XW-${intermediate}-${String(203 + p.n * 5).padStart(4, '0')}` },
    });
  }
  const yearly = (make: (year: number, i: number) => Seed): Seed[] => Array.from({ length: 8 }, (_, i) => make(thisYear - 7 + i, i));
  const excellentYear = thisYear - 2 - (p.n % 3);
  return [
    {
      kind: 'profile',
      data: { post: POSTS[p.specialty], workStartedOn: date(graduated, '07-01'), civilServant: false, retiredOn: null, politicalStatus: p.politicalStatus },
    },
    {
      kind: 'education',
      data: { level: '本科', school: SCHOOLS[p.n % SCHOOLS.length], major: MAJORS[p.specialty][p.n % 4], graduatedOn: date(graduated, '06-30'), verification: 'verified' },
    },
    ...titles,
    { kind: 'work', data: { from: date(graduated, '07-01'), to: null, unit: p.unit, post: POSTS[p.specialty] } },
    {
      kind: 'achievement',
      data:
        which === 'bz'
          ? { year: thisYear - 1 - (p.n % 3), name: '巴州新闻奖', grantor: '巴音郭楞蒙古自治州新闻工作者协会', grade: ['一等奖', '二等奖', '三等奖'][p.n % 3] }
          : { year: thisYear - 1 - (p.n % 3), name: '阿克苏地区好新闻', grantor: '阿克苏地区新闻工作者协会', grade: ['一等奖', '二等奖', '三等奖'][p.n % 3] },
    },
    ...(p.level === '副高'
      ? [{ kind: 'achievement', data: { year: thisYear - 3, name: '新疆新闻奖', grantor: '新疆新闻工作者协会', grade: p.n % 2 ? '二等奖' : '三等奖' } } as Seed]
      : []),
    ...[0, 1, 2].map(
      (k): Seed => ({
        kind: 'publication',
        data: {
          kind: '作品',
          title: works[(p.n * 3 + k) % works.length],
          publishedIn: media[(p.n + k) % media.length],
          publishedOn: date(thisYear - 1 - k, ['03-18', '06-09', '09-26'][k]),
          representative: k < 2,
        },
      }),
    ),
    ...yearly((year) => ({
      kind: 'continuingEducation',
      data: { year, professionalHours: 60 + (p.n % 3) * 4, publicHours: 30 + (p.n % 2) * 6, exemptionApproved: false },
    })),
    ...yearly((year) => ({ kind: 'annualAssessment', data: { year, grade: year === excellentYear ? '优秀' : '合格' } })),
    { kind: 'mandarin', data: { level: p.mandarin, certificateNo: `${p.area}${String(graduated).slice(2)}${String(10_031 + p.n * 17).padStart(5, '0')}` } },
    { kind: 'politicalConduct', data: { issuedBy: p.unit, issuedOn: addDays(today, -21) } },
  ];
}

/** What the person wrote under 任现职以来的工作业绩 (nothing identifying: A24-7 blind review). */
export function performanceSummary(p: DemoPerson): string {
  const n = p.n;
  if (p.specialty === 'reporter') {
    return `任现职以来，承担重大主题宣传、乡村振兴和突发事件报道，采写消息、通讯和深度报道 ${220 + n * 13} 篇，其中 ${30 + n * 3} 篇被自治区级以上媒体采用；${p.level === '副高' ? '牵头策划系列报道 6 组，带教青年记者 5 名。' : '参与策划系列报道 3 组。'}`;
  }
  return `任现职以来，负责要闻版和专题版的编辑工作，编发稿件 ${1500 + n * 70} 篇，策划专题 ${12 + n} 组，版面差错率低于万分之三；${p.level === '副高' ? '主持编辑部业务培训，修订采编流程规范。' : '参与新媒体产品的策划与制作。'}`;
}
