import { describe, expect, it } from 'vitest';
import { COMMON_RETURN_REASONS, withCommonReason } from './returnReasons';

describe('common return reasons', () => {
  it('fill the first empty line, then add new lines, keeping what was typed', () => {
    const [a, b] = COMMON_RETURN_REASONS;
    expect(withCommonReason([''], a)).toEqual([a]);
    expect(withCommonReason([a], b)).toEqual([a, b]);
    expect(withCommonReason(['自己写的', '  '], a)).toEqual(['自己写的', a]);
  });
});
