import { describe, expect, it } from 'vitest';
import { findSection, NOTHING } from '../../../../domain/application/form';
import { checkedOf, mergeKeeping, pickFromChecked, sectionValues } from './formValues';

describe('sectionValues', () => {
  it('sends every text field, blank when unfilled', () => {
    const basic = findSection('basic')!;
    expect(sectionValues(basic, { basic: { post: '记者' } })).toEqual({ post: '记者', adminPost: '', politicalStatus: '' });
  });

  it('sends the picks made, and leaves an untouched records field out', () => {
    const education = findSection('education')!;
    expect(sectionValues(education, {})).toEqual({});
    expect(sectionValues(education, { education: { records: ['r1'] } })).toEqual({ records: ['r1'] });
    expect(sectionValues(education, { education: { records: NOTHING } })).toEqual({ records: NOTHING });
  });
});

describe('record picker', () => {
  it('shows the picked records or "无"', () => {
    expect(checkedOf(undefined)).toEqual([]);
    expect(checkedOf(['a', 'b'])).toEqual(['a', 'b']);
    expect(checkedOf(NOTHING)).toEqual([NOTHING]);
    expect(checkedOf('')).toEqual([]);
  });

  it('ticking "无" clears the records', () => {
    expect(pickFromChecked(['a'], ['a', NOTHING])).toBe(NOTHING);
    expect(pickFromChecked(undefined, [NOTHING])).toBe(NOTHING);
  });

  it('ticking a record clears "无"', () => {
    expect(pickFromChecked(NOTHING, [NOTHING, 'a'])).toEqual(['a']);
  });

  it('unticking everything leaves the field unfilled', () => {
    expect(pickFromChecked(['a'], [])).toEqual([]);
    expect(pickFromChecked(NOTHING, [])).toEqual([]);
  });
});

describe('mergeKeeping', () => {
  it('takes the server form and keeps the unsaved sections typed locally', () => {
    const server = { basic: { post: '编辑', adminPost: '主任' }, other: { note: '服务器' } };
    const local = { basic: { post: '记者' }, other: { note: '本地' } };
    expect(mergeKeeping(server, local, ['basic'])).toEqual({ basic: { post: '记者', adminPost: '主任' }, other: { note: '服务器' } });
  });
});
