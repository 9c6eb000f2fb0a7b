import { describe, expect, it } from 'vitest';
import { loginPathFor, resultColor, toObjection } from './results';

describe('public results publicity', () => {
  it('sends visitors to log in and back', () => {
    expect(loginPathFor('/portal/bz/results')).toBe('/login?next=%2Fportal%2Fbz%2Fresults');
  });

  it('checks an objection', () => {
    expect(toObjection('  业绩材料与事实不符 ')).toEqual({ request: { content: '业绩材料与事实不符' } });
    expect(toObjection('')).toEqual({ problem: '请填写异议内容' });
    expect(toObjection('字'.repeat(2001))).toEqual({ problem: '异议内容不超过 2000 个字' });
  });

  it('colours a pass green', () => {
    expect(resultColor('通过')).toBe('success');
    expect(resultColor('未通过')).toBe('default');
  });
});
