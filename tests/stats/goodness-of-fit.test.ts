import { chiSquareGoodnessOfFit, fitCategories } from '@threadcoder/stats';
import { describe, expect, test } from 'vitest';

const must = <T>(outcome: { value: T | null }): T => {
  if (outcome.value === null) throw new Error('not defined');
  return outcome.value;
};

describe('chiSquareGoodnessOfFit', () => {
  test('a die rolled 60 times against fair shares (X² = 13.4, df 5; scipy chi2.sf: 0.0199052)', () => {
    const fit = must(chiSquareGoodnessOfFit([5, 8, 9, 8, 10, 20], [1, 1, 1, 1, 1, 1]));
    expect(fit.statistic).toBeCloseTo(13.4, 10);
    expect(fit.df).toBe(5);
    expect(fit.p).toBeCloseTo(0.0199052203, 8);
    expect(fit.n).toBe(60);
    expect(fit.pooled).toEqual([]);
    expect(fit.categories[5]).toEqual({
      observed: 20,
      expected: 10,
      shareDifference: 20 / 60 - 1 / 6,
      residual: 10 / Math.sqrt(10 * (5 / 6)),
    });
  });

  test('categories expected below 5 are pooled into one bin (X² = 2.3556, df 3; scipy: 0.5019616)', () => {
    // Expected 40, 45, 10, 3, 2: the last two (3 + 2 = 5) are tested as one bin of 4 observed.
    const fit = must(chiSquareGoodnessOfFit([40, 50, 6, 3, 1], [40, 45, 10, 3, 2]));
    expect(fit.pooled).toEqual([3, 4]);
    expect(fit.df).toBe(3);
    expect(fit.statistic).toBeCloseTo(25 / 45 + 16 / 10 + 1 / 5, 10);
    expect(fit.p).toBeCloseTo(0.5019615569, 8);
    expect(fit.categories[2]!.shareDifference).toBeCloseTo(-0.04, 12);
    expect(fit.categories[2]!.residual).toBeCloseTo(-4 / 3, 12);
  });

  test('a pool still below 5 takes in the smallest other category', () => {
    // n = 20: expected 10, 6, 2, 2 — the pool of 4 takes the 6.
    const fit = must(chiSquareGoodnessOfFit([10, 6, 2, 2], [50, 30, 10, 10]));
    expect(fit.pooled).toEqual([1, 2, 3]);
    expect(fit.df).toBe(1);
    expect(fit.statistic).toBe(0);
    expect(fit.p).toBe(1);
  });

  test('a category the reference never saw goes into the pool; its residual is null', () => {
    // Expected 55, 55, 0: the empty pool takes the first 55, leaving 60 vs 55 and 50 vs 55.
    const fit = must(chiSquareGoodnessOfFit([50, 50, 10], [1, 1, 0]));
    expect(fit.pooled).toEqual([0, 2]);
    expect(fit.statistic).toBeCloseTo(50 / 55, 12);
    expect(fit.df).toBe(1);
    expect(fit.categories[2]).toEqual({ observed: 10, expected: 0, shareDifference: 10 / 110, residual: null });
  });

  test.each([
    [[0, 0], [1, 1], 'there are no observations to compare with the reference'],
    [[3, 1], [1, 1], 'after pooling categories with expected counts below 5 only 1 bin is left'],
  ])('%j against %j is not defined', (observed, shares, reason) => {
    expect(chiSquareGoodnessOfFit(observed, shares)).toEqual({ value: null, reason });
  });

  test('residuals need no pooling: they are there when the test is not defined', () => {
    const [a, b] = fitCategories([3, 1], [1, 1]);
    expect(a).toEqual({ observed: 3, expected: 2, shareDifference: 0.25, residual: 1 });
    expect(b!.residual).toBe(-1);
    expect(fitCategories([0, 0], [1, 3])[1]).toEqual({
      observed: 0,
      expected: 0,
      shareDifference: -0.75,
      residual: null,
    });
  });

  test('input of the wrong shape throws', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow('2 observed counts but 1 reference shares');
    expect(() => chiSquareGoodnessOfFit([1, -2], [1, 1])).toThrow('observed[1] must be a finite count >= 0, got -2');
    expect(() => chiSquareGoodnessOfFit([1, 2], [0, 0])).toThrow('the reference shares sum to 0');
  });
});
