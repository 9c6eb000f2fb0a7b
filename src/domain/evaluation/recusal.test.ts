import { describe, expect, it } from 'vitest';
import type { ArchiveRecord } from '../application/archive-records.js';
import {
  CONFLICT_KIND_LABELS,
  coAuthoredWorks,
  normalisePersonName,
  recusalReasons,
  type DeclaredConflict,
  type RecusalCandidate,
  type RecusalExpert,
} from './recusal.js';

const N40 = 'national rule (人社部令第40号)';

const expert: RecusalExpert = { id: 'exp-1', name: '买买提·吐尔逊', unitId: 'unit-a', departmentId: 'dept-hejing' };
const candidate: RecusalCandidate = {
  applicationId: 'app-1',
  unitId: 'unit-b',
  departmentId: 'dept-korla',
  coAuthoredWorks: [{ title: '塔里木河畔的守望者', coAuthorNames: ['张三', '李四'] }],
};

describe('recusal (回避)', () => {
  it(`${N40}: no shared unit, department or declared conflict → may evaluate`, () => {
    expect(recusalReasons(expert, candidate, [])).toEqual([]);
  });

  it(`${N40}: same unit → recused, once (not also "same department")`, () => {
    expect(recusalReasons(expert, { ...candidate, unitId: 'unit-a', departmentId: 'dept-hejing' }, [])).toEqual([
      { kind: 'same_unit', note: '专家与申报人在同一单位工作' },
    ]);
  });

  it(`${N40}: another unit under the same competent department (county 宣传部 chain, B21-13) → recused`, () => {
    expect(recusalReasons(expert, { ...candidate, departmentId: 'dept-hejing' }, [])).toEqual([
      { kind: 'same_department', note: '专家所在单位与申报人所在单位属同一主管部门' },
    ]);
  });

  it(`${N40}: unknown unit or department never matches (two unknowns are not a shared interest)`, () => {
    const noUnit: RecusalExpert = { id: 'exp-1', name: '王五', unitId: null, departmentId: null };
    expect(recusalReasons(noUnit, { ...candidate, departmentId: null }, [])).toEqual([]);
    expect(recusalReasons({ ...expert, departmentId: null }, { ...candidate, departmentId: null }, [])).toEqual([]);
  });

  it(`${N40}: declared and office-added conflicts count for that expert and that candidate only`, () => {
    const declared: DeclaredConflict[] = [
      { expertId: 'exp-1', applicationId: 'app-1', kind: 'relation', note: '申报人系专家配偶之兄' },
      { expertId: 'exp-1', applicationId: 'app-1', kind: 'coauthor', note: '2022 年合著《基层融媒体实务》' },
      { expertId: 'exp-1', applicationId: 'app-2', kind: 'relation', note: '另一申报人' },
      { expertId: 'exp-2', applicationId: 'app-1', kind: 'other', note: '另一专家' },
    ];
    expect(recusalReasons(expert, candidate, declared)).toEqual([
      { kind: 'relation', note: '申报人系专家配偶之兄' },
      { kind: 'coauthor', note: '2022 年合著《基层融媒体实务》' },
    ]);
  });

  it(`${N40}: automatic and declared reasons are both listed; an exact repeat is listed once`, () => {
    const declared: DeclaredConflict[] = [
      { expertId: 'exp-1', applicationId: 'app-1', kind: 'same_unit', note: '专家与申报人在同一单位工作' },
      { expertId: 'exp-1', applicationId: 'app-1', kind: 'same_unit', note: '专家曾任申报人部门主任' },
      { expertId: 'exp-1', applicationId: 'app-1', kind: 'other', note: '申报人为专家指导的研究生' },
      { expertId: 'exp-1', applicationId: 'app-1', kind: 'other', note: '申报人为专家指导的研究生' },
    ];
    expect(recusalReasons(expert, { ...candidate, unitId: 'unit-a' }, declared)).toEqual([
      { kind: 'same_unit', note: '专家与申报人在同一单位工作' },
      { kind: 'same_unit', note: '专家曾任申报人部门主任' },
      { kind: 'other', note: '申报人为专家指导的研究生' },
    ]);
  });

  it(`N40-RECUSAL ${N40}: an expert named as a co-author of a work the application lists → recused, with the title`, () => {
    const works = [
      { title: '塔里木河畔的守望者', coAuthorNames: ['张三', '买买提·吐尔逊'] },
      { title: '沙漠边缘的护林人', coAuthorNames: ['李四'] },
    ];
    expect(recusalReasons(expert, { ...candidate, coAuthoredWorks: works }, [])).toEqual([
      { kind: 'coauthor', note: '与申报人合作署名：《塔里木河畔的守望者》' },
    ]);
  });

  it(`N40-RECUSAL ${N40}: names match across spaces, middle-dot variants and full-width forms; other names do not`, () => {
    const withCoAuthor = (name: string): RecusalCandidate => ({ ...candidate, coAuthoredWorks: [{ title: '作品', coAuthorNames: [name] }] });
    for (const written of ['买买提·吐尔逊', '买买提•吐尔逊', '买买提・吐尔逊', '买买提･吐尔逊', '买买提‧吐尔逊', '买买提.吐尔逊', '买买提．吐尔逊', '买买提吐尔逊', ' 买买提 · 吐尔逊 ', '买买提\u3000吐尔逊']) {
      expect(recusalReasons(expert, withCoAuthor(written), []), written).toEqual([{ kind: 'coauthor', note: '与申报人合作署名：《作品》' }]);
    }
    const latin: RecusalExpert = { ...expert, name: 'Li Ming2' };
    expect(recusalReasons(latin, withCoAuthor('Ｌｉ　Ｍｉｎｇ２'), [])).toHaveLength(1);
    for (const other of ['买买提', '吐尔逊', '买买提·吐尔逊江', '张三']) expect(recusalReasons(expert, withCoAuthor(other), []), other).toEqual([]);
    expect(normalisePersonName('阿依古丽 · 艾 力')).toBe('阿依古丽艾力');
  });

  it(`N40-RECUSAL ${N40}: several shared works are one reason naming each; an expert whose name is only dots or blank never matches`, () => {
    const works = [
      { title: '甲', coAuthorNames: ['买买提·吐尔逊'] },
      { title: '乙', coAuthorNames: ['张三', '买买提吐尔逊'] },
      { title: '甲', coAuthorNames: ['买买提·吐尔逊'] },
    ];
    expect(recusalReasons(expert, { ...candidate, coAuthoredWorks: works }, [])).toEqual([{ kind: 'coauthor', note: '与申报人合作署名：《甲》、《乙》' }]);
    const blank: RecusalExpert = { ...expert, name: ' · ' };
    expect(recusalReasons(blank, { ...candidate, coAuthoredWorks: [{ title: '甲', coAuthorNames: ['·', ' '] }] }, [])).toEqual([]);
  });

  it(`N40-RECUSAL ${N40}: co-authorship comes with the unit reasons and with declared conflicts`, () => {
    const coAuthored: RecusalCandidate = { ...candidate, unitId: 'unit-a', coAuthoredWorks: [{ title: '甲', coAuthorNames: ['买买提·吐尔逊'] }] };
    const declared: DeclaredConflict[] = [{ expertId: 'exp-1', applicationId: 'app-1', kind: 'coauthor', note: '2022 年合著《甲》' }];
    expect(recusalReasons(expert, coAuthored, declared)).toEqual([
      { kind: 'same_unit', note: '专家与申报人在同一单位工作' },
      { kind: 'coauthor', note: '与申报人合作署名：《甲》' },
      { kind: 'coauthor', note: '2022 年合著《甲》' },
    ]);
  });

  it('N40-RECUSAL: the co-authored works of an application are its publication records that name co-authors', () => {
    const records: ArchiveRecord[] = [
      { id: 'r1', kind: 'publication', data: { kind: '作品', title: '甲', publishedIn: '日报', publishedOn: '2024-01-02', representative: true, coAuthors: ['张三', '李四'] }, fileIds: [] },
      { id: 'r2', kind: 'publication', data: { kind: '论文', title: '乙', publishedIn: '期刊', publishedOn: '2023-01-02', representative: false, coAuthors: [] }, fileIds: [] },
      // Stored before co-authors were recorded: none.
      { id: 'r3', kind: 'publication', data: { kind: '论文', title: '丙', publishedIn: '期刊', publishedOn: '2022-01-02', representative: false }, fileIds: [] },
      { id: 'r4', kind: 'achievement', data: { year: 2024, name: '张三', grantor: '协会', grade: '一等奖' }, fileIds: [] },
    ];
    expect(coAuthoredWorks(records)).toEqual([{ title: '甲', coAuthorNames: ['张三', '李四'] }]);
    expect(coAuthoredWorks([])).toEqual([]);
  });

  it('every conflict kind has a Chinese label', () => {
    expect(CONFLICT_KIND_LABELS).toEqual({
      same_unit: '同一单位',
      same_department: '同一主管部门',
      relation: '亲属等利害关系',
      coauthor: '合作署名',
      other: '其他',
    });
  });
});
