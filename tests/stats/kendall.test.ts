// Reference values are scipy.stats.kendalltau's (method 'auto') as printed in scipy's own
// documentation and test suite, which cross-checks them against R's cor.test(method =
// "kendall"). No scipy runs here: the literal numbers below are those outputs. Where the exact
// p-value is a fraction k / n!, the fraction is written out.
import { describe, expect, test } from 'vitest';
import { kendallTau } from '@threadcoder/stats';

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe("Kendall's tau-b", () => {
  test.each([
    // scipy test_kendalltau: "case without ties, con-dis close to zero" (R: -0.14285714286, 0.77261904762)
    ['no ties, n = 7', [5, 2, 1, 3, 6, 4, 7], [5, 2, 6, 3, 1, 7, 4], -1 / 7, 3894 / 5040],
    // scipy test_kendalltau: arange(10) with y[1] and y[2] swapped (R: 5.511463844797e-06)
    ['one swap, n = 10', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 2, 1, 3, 4, 5, 6, 7, 8, 9], 43 / 45, 20 / 3628800],
    // scipy TestKendallTauAlternative, Hollander & Wolfe (1973) p. 187: two-sided 0.1194389329806
    [
      'Hollander & Wolfe, n = 9',
      [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1],
      [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8],
      4 / 9,
      43342 / 362880,
    ],
  ])('exact p without ties: %s', (_, x, y, tau, p) => {
    const r = kendallTau(x, y).value!;
    close(r.tau, tau);
    close(r.p, p);
    expect(r.method).toBe('exact');
    expect(r.z).toBeNull();
  });

  test("ties: the asymptotic p of scipy's docstring example (-0.47140452079103173, 0.2827454599327748)", () => {
    const r = kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]).value!;
    close(r.tau, -0.47140452079103173);
    close(r.p, 0.2827454599327748);
    expect(r).toMatchObject({ n: 5, s: -4, method: 'asymptotic' });
  });

  test('ties on both sides: Kendall (1970) tau-b = 0.85895569 (scipy test_kendalltau)', () => {
    const r = kendallTau([1, 2, 2, 4, 4, 6, 6, 8, 9, 9], [1, 2, 4, 4, 4, 4, 8, 8, 8, 10]).value!;
    expect(r.tau).toBeCloseTo(0.85895569, 8);
    expect(r.method).toBe('asymptotic');
  });

  // scipy divides by the two square roots in turn, and so do we: tau is 1 - 1e-16 here, as in scipy.
  test('perfect order: exact p = 2 / n!; reversed: tau = -1', () => {
    const r = kendallTau([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).value!;
    close(r.tau, 1);
    close(r.p, 2 / 3628800);
    const reversed = kendallTau([1, 2, 3], [3, 2, 1]).value!;
    close(reversed.tau, -1);
    expect(reversed).toMatchObject({ s: -3, p: 1 / 3 });
  });

  test('more than 33 values without ties use the normal approximation', () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const y = x.map((i) => (i * 17) % 40);
    expect(kendallTau(x, y).value!.method).toBe('asymptotic');
  });

  test.each([
    ['two pairs', [1, 2], [2, 1], 'at least 3 pairs, got 2'],
    ['constant x', [1, 1, 1], [1, 2, 3], 'x is constant'],
    ['constant y', [1, 2, 3], [5, 5, 5], 'y is constant'],
  ])('not defined: %s', (_name, x, y, reason) => {
    const r = kendallTau(x, y);
    expect(r.value).toBeNull();
    expect('reason' in r && r.reason).toContain(reason);
  });

  test('bad input throws', () => {
    expect(() => kendallTau([1, 2, 3], [1, 2])).toThrow('x has 3 values and y has 2');
    expect(() => kendallTau([1, Number.NaN, 3], [1, 2, 3])).toThrow('x[1] must be a finite number, got NaN');
  });
});
