import { describe, expect, it } from 'vitest';
import { CONFLICT_KIND_LABELS, recusalReasons, type DeclaredConflict, type RecusalCandidate, type RecusalExpert } from './recusal.js';

const N40 = 'national rule (人社部令第40号)';

const expert: RecusalExpert = { id: 'exp-1', unitId: 'unit-a', departmentId: 'dept-hejing' };
const candidate: RecusalCandidate = { applicationId: 'app-1', unitId: 'unit-b', departmentId: 'dept-korla' };

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
    const noUnit: RecusalExpert = { id: 'exp-1', unitId: null, departmentId: null };
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
