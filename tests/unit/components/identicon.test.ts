import { describe, expect, it } from 'vitest';
import { identiconPattern } from '@/components/identicon';

const A = 'CEIARAUIX3T3GD7AJUSPZOZPNPJGBYXCGFVXZRPEFMIBL34T77NAFJTQES';
/** Same first and last six characters as A (what the short form shows), a different middle. */
const LOOK_ALIKE = 'CEIARAQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQAFJTQES';

describe('identiconPattern', () => {
  it('is the same for the same address', () => {
    expect(identiconPattern(A)).toEqual(identiconPattern(A));
  });

  it('differs for a look-alike that shares the characters the short form shows', () => {
    expect(identiconPattern(LOOK_ALIKE)).not.toEqual(identiconPattern(A));
  });

  it('is mirrored left to right, 5 by 5', () => {
    for (const row of identiconPattern(A).cells) {
      expect(row).toHaveLength(5);
      expect(row).toEqual([...row].reverse());
    }
  });
});
