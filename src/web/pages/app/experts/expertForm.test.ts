import { describe, expect, it } from 'vitest';
import type { Expert } from '../../../api/evaluation';
import { normalisePhone, phoneProblem, termEnded, termProblem, toExpertInput, toExpertPatch, toFormValues } from './expertForm';

const expert: Expert = {
  id: 'e1',
  name: '王建国',
  seriesId: 'news',
  specialtyIds: ['reporter', 'editor'],
  level: '正高',
  titleName: '高级记者',
  unitId: 'u1',
  unitName: '巴州日报社',
  phoneMasked: '139****0001',
  termStart: '2024-01-01',
  termEnd: '2026-12-31',
  active: true,
  userId: null,
  accountName: null,
};

describe('expert pool form', () => {
  it('national rule: a term of exactly 3 years is allowed, one day more is not', () => {
    expect(termProblem('2024-01-01', '2027-01-01')).toBeNull();
    expect(termProblem('2024-01-01', '2027-01-02')).toBe('聘期不能超过 3 年：自 2024-01-01 起最晚至 2027-01-01');
    expect(termProblem('2024-02-29', '2027-02-28')).toBeNull();
  });

  it('the end may not come before the start; dates must be real', () => {
    expect(termProblem('2025-01-01', '2024-12-31')).toBe('聘期结束日期（2024-12-31）不能早于开始日期（2025-01-01）');
    expect(termProblem('2025-01-01', '2025-01-01')).toBeNull();
    expect(termProblem('2025-02-30', '2026-01-01')).toBe('聘期日期无效，应为 YYYY-MM-DD');
    expect(termProblem(undefined, '2026-01-01')).toBeNull();
  });

  it('phones: blank is none, separators are dropped, 11 digits required', () => {
    expect(normalisePhone(' 139 0000-0001 ')).toBe('13900000001');
    expect(normalisePhone('')).toBeNull();
    expect(phoneProblem('')).toBeNull();
    expect(phoneProblem('1390000000')).toBe('手机号应为 11 位数字');
    expect(phoneProblem('13900000001')).toBeNull();
  });

  it('a new entry sends every field, trimmed, with nulls for what was left out', () => {
    expect(
      toExpertInput({ name: ' 李娜 ', seriesId: 'news', specialtyIds: ['editor'], level: '副高', titleName: '主任编辑 ', unitName: '退休', termStart: '2025-01-01', termEnd: '2027-12-31' }),
    ).toEqual({
      name: '李娜',
      seriesId: 'news',
      specialtyIds: ['editor'],
      level: '副高',
      titleName: '主任编辑',
      unitId: null,
      unitName: '退休',
      phone: null,
      termStart: '2025-01-01',
      termEnd: '2027-12-31',
      userId: null,
    });
  });

  it('an edit sends only what changed; a blank phone keeps the one on record', () => {
    const values = toFormValues(expert);
    expect(values.phone).toBe('');
    expect(toExpertPatch(expert, values)).toEqual({});
    expect(toExpertPatch(expert, { ...values, specialtyIds: ['editor', 'reporter'] })).toEqual({});
    expect(toExpertPatch(expert, { ...values, termEnd: '2025-12-31', userId: 'u-9', active: false, phone: '13900000002' })).toEqual({
      termEnd: '2025-12-31',
      userId: 'u-9',
      active: false,
      phone: '13900000002',
    });
    expect(toExpertPatch(expert, { ...values, unitId: null, unitName: '已退休' })).toEqual({ unitId: null, unitName: '已退休' });
  });

  it('a term that ended before today is flagged', () => {
    expect(termEnded(expert, '2027-01-01')).toBe(true);
    expect(termEnded(expert, '2026-12-31')).toBe(false);
  });
});
