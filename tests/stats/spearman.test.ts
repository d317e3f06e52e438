import { describe, expect, test } from 'vitest';
import { spearman } from '@threadcoder/stats';

describe("Spearman's rho", () => {
  test('IQ vs hours of TV (the standard 10-person example): rho = -29/165, p = .6272', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const r = spearman(iq, tv);
    expect(r.value!.rho).toBeCloseTo(-29 / 165, 12);
    expect(r.value!.df).toBe(8);
    expect(r.value!.p).toBeCloseTo(0.627188, 6);
  });

  test('ties use average ranks: x = 1,2,2,3 vs y = 1,2,3,4', () => {
    // ranks x: 1, 2.5, 2.5, 4 → Pearson of ranks = 4.5 / sqrt(4.5 * 5)
    const r = spearman([1, 2, 2, 3], [1, 2, 3, 4]);
    expect(r.value!.rho).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  test('perfect monotone relation: rho = 1, t = Infinity, p = 0', () => {
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16]).value).toEqual({ n: 4, rho: 1, t: Infinity, df: 2, p: 0 });
    expect(spearman([1, 2, 3], [3, 2, 1]).value).toMatchObject({ rho: -1, t: -Infinity, p: 0 });
  });

  test.each([
    ['two pairs', [1, 2], [2, 1], 'at least 3 pairs, got 2'],
    ['constant x', [1, 1, 1], [1, 2, 3], 'x is constant'],
    ['constant y', [1, 2, 3], [5, 5, 5], 'y is constant'],
  ])('not defined: %s', (_name, x, y, reason) => {
    const r = spearman(x, y);
    expect(r.value).toBeNull();
    expect('reason' in r && r.reason).toContain(reason);
  });

  test('different lengths throw', () =>
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow('x has 3 values and y has 2'));
});
