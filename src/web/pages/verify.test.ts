import { describe, expect, it } from 'vitest';
import { verifyPathFor } from './verify';

describe('评审表 verification page', () => {
  it('turns what was typed into the printed form of the code', () => {
    expect(verifyPathFor('7kq2m9xf')).toBe('/verify/7KQ2-M9XF');
    expect(verifyPathFor(' 7KQ2-M9XF ')).toBe('/verify/7KQ2-M9XF');
  });

  it('refuses what cannot be a code (wrong length, 0/O/1/I)', () => {
    expect(verifyPathFor('')).toBeNull();
    expect(verifyPathFor('7KQ2-M9X')).toBeNull();
    expect(verifyPathFor('7KQ2-M9X0')).toBeNull();
    expect(verifyPathFor('OKQ2-M9XF')).toBeNull();
  });
});
