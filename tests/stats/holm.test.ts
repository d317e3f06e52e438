import { describe, expect, test } from 'vitest';
import { holmAdjust } from '@threadcoder/stats';

describe('Holm-Bonferroni adjustment', () => {
  test.each([
    // sorted .005 .01 .03 .04 → ×4 ×3 ×2 ×1 = .02 .03 .06 .04 → running max .02 .03 .06 .06
    [
      [0.01, 0.04, 0.03, 0.005],
      [0.03, 0.06, 0.06, 0.02],
    ],
    [[0.5], [0.5]],
    [
      [0.3, 0.6],
      [0.6, 0.6],
    ],
    [
      [0.9, 0.8, 0.7],
      [1, 1, 1],
    ],
    [
      [0.01, 0.01],
      [0.02, 0.02],
    ],
    [[], []],
  ])('%j → %j', (p, adjusted) => {
    holmAdjust(p).forEach((x, i) => {
      expect(x).toBeCloseTo(adjusted[i]!, 12);
    });
    expect(holmAdjust(p)).toHaveLength(adjusted.length);
  });

  test.each([[[-0.1]], [[1.2]], [[Number.NaN]]])('throws on %j', (p) => {
    expect(() => holmAdjust(p)).toThrow(RangeError);
  });
});
