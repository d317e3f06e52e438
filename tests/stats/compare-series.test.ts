// compareSeries on series whose common months hold the data of scipy's published examples, so
// that each pair's coefficients can be checked against scipy's printed outputs (see kendall.test.ts
// for where those numbers come from; no scipy runs here).
import { describe, expect, test } from 'vitest';
import { compareSeries, holmAdjust, type NamedSeries } from '@threadcoder/stats';

const close = (actual: number | undefined, expected: number) => expect(Math.abs(actual! - expected)).toBeLessThan(1e-9);
const months = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `2021-${String(from + i).padStart(2, '0')}`);
const series = (name: string, values: number[], from = 1): NamedSeries => ({
  name,
  points: values.map((value, i) => ({ period: months(values.length, from)[i]!, value })),
});

describe('compareSeries', () => {
  const pairs = [
    // the left side has one month more (2021-06), which the right side lacks: left out
    { left: series('bert', [12, 2, 1, 12, 2, 99]), right: series('bert', [1, 4, 7, 1, 0]) },
    { left: series('gpt2', [1, 2, 3, 4, 5]), right: series('gpt2', [5, 6, 7, 8, 7]) },
    { left: series('t5', [5, 2, 1, 3, 6, 4, 7]), right: series('t5', [5, 2, 6, 3, 1, 7, 4]) },
  ];
  const result = compareSeries(pairs);

  test('each pair is correlated over the months both sides have', () => {
    const [bert, gpt2, t5] = result.pairs;
    expect(bert!.periods).toEqual(months(5));
    close(bert!.kendall!.coefficient, -0.47140452079103173);
    close(bert!.kendall!.p, 0.2827454599327748);
    close(gpt2!.spearman!.coefficient, 0.8207826816681233);
    close(gpt2!.spearman!.p, 0.08858700531354381);
    close(t5!.kendall!.coefficient, -1 / 7);
    close(t5!.kendall!.p, 3894 / 5040);
    expect(t5!.kendall!.method).toBe('exact');
  });

  test('p-values are Holm-adjusted across the pairs, per coefficient', () => {
    const kendallP = result.pairs.map((p) => p.kendall!.p);
    expect(result.pairs.map((p) => p.kendall!.pHolm)).toEqual(holmAdjust(kendallP));
    const spearmanP = result.pairs.map((p) => p.spearman!.p);
    expect(result.pairs.map((p) => p.spearman!.pHolm)).toEqual(holmAdjust(spearmanP));
    // gpt2 has the smallest Spearman p of three: multiplied by 3
    close(result.pairs[1]!.spearman!.pHolm, 3 * 0.08858700531354381);
  });

  test('a family whose uploads rise while its topics fall is diverging', () => {
    const up = Array.from({ length: 12 }, (_, i) => i + 1);
    const r = compareSeries([{ left: series('llama', [...up].reverse()), right: series('llama', up) }]);
    const pair = r.pairs[0]!;
    expect(pair.trendLeft).toMatchObject({ s: -66, direction: 'falling' });
    expect(pair.trendRight).toMatchObject({ s: 66, direction: 'rising' });
    // Var(S) = 12·11·29/18; Z = (66 - 1)/sqrt(Var)
    close(pair.trendRight!.z, 65 / Math.sqrt((12 * 11 * 29) / 18));
    expect(pair.diverging).toBe(true);
    expect(result.pairs.map((p) => p.diverging)).toEqual([false, false, false]);
  });

  test('pooled: totals of the distinct series per month, correlated', () => {
    const r = compareSeries([
      { left: series('a', [1, 2, 3]), right: series('x', [3, 2, 1]) },
      { left: series('b', [1, 1, 1]), right: series('x', [3, 2, 1]) },
    ]);
    // left totals 2, 3, 4; right totals 3, 2, 1 (x counted once)
    expect(r.pooled.periods).toEqual(months(3));
    close(r.pooled.spearman!.coefficient, -1);
    close(r.pooled.kendall!.coefficient, -1);
    close(r.pooled.kendall!.p, 1 / 3);
  });

  test('too few common months: coefficients null with the reason, left out of Holm', () => {
    const r = compareSeries([
      { left: series('a', [1, 2]), right: series('a', [2, 1]) },
      { left: series('b', [1, 2, 3, 4]), right: series('b', [1, 3, 2, 4]) },
    ]);
    expect(r.pairs[0]).toMatchObject({ spearman: null, kendall: null, trendLeft: null, diverging: false });
    expect(r.pairs[0]!.notes).toEqual([
      'Spearman: the test needs at least 3 pairs, got 2',
      'Kendall: the test needs at least 3 pairs, got 2',
      'Mann-Kendall (left a): the test needs at least 3 values, got 2',
      'Mann-Kendall (right a): the test needs at least 3 values, got 2',
    ]);
    expect(r.pairs[1]!.kendall!.pHolm).toBe(r.pairs[1]!.kendall!.p);
  });

  test('alpha outside (0, 1) throws', () =>
    expect(() => compareSeries([], 1)).toThrow('alpha must be between 0 and 1'));
});
