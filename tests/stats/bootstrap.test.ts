import { describe, expect, test } from 'vitest';
import {
  bootstrapIntervals,
  buildTable,
  codingsFromCoderRows,
  compressTable,
  prepareCohenKappa,
  prepareFleissKappa,
  prepareGwetAc1,
  prepareKrippendorffAlpha,
  prepareMeanPairwiseCohenKappa,
  preparePercentAgreement,
  prepareScottPi,
  quantileSorted,
  type Coding,
  type PrepareStat,
} from '@threadcoder/stats';
import { krippendorffC } from './worked-examples.ts';

const _ = null;

/** 400 units, two coders agreeing on 300: x/x 150, y/y 150, x/y 50, y/x 50. */
function agreeing300of400(): Coding[] {
  const codings: Coding[] = [];
  const pattern: [string, string, number][] = [
    ['x', 'x', 150],
    ['y', 'y', 150],
    ['x', 'y', 50],
    ['y', 'x', 50],
  ];
  let u = 0;
  for (const [a, b, n] of pattern) {
    for (let i = 0; i < n; i++, u++)
      codings.push({ unit: `u${u}`, coder: 'A', value: a }, { unit: `u${u}`, coder: 'B', value: b });
  }
  return codings;
}

describe('bootstrap confidence intervals over units', () => {
  const table = buildTable(agreeing300of400());

  test('the same seed reproduces the interval; another seed moves it', () => {
    const stats = { pa: preparePercentAgreement };
    const a = bootstrapIntervals(table, stats, { resamples: 200, seed: 9 });
    const b = bootstrapIntervals(table, stats, { resamples: 200, seed: 9 });
    const c = bootstrapIntervals(table, stats, { resamples: 200, seed: 10 });
    expect(a).toEqual(b);
    expect(a.pa.value).not.toEqual(c.pa.value);
  });

  test('percent agreement .75 over 400 units: about .75 ± 1.96 * sqrt(.75 * .25 / 400) = [.708, .792]', () => {
    const { pa } = bootstrapIntervals(table, { pa: preparePercentAgreement }, { seed: 1 });
    expect(pa.value!.resamples).toBe(1000);
    expect(pa.value!.defined).toBe(1000);
    expect(pa.value!.low).toBeGreaterThan(0.69);
    expect(pa.value!.low).toBeLessThan(0.725);
    expect(pa.value!.high).toBeGreaterThan(0.775);
    expect(pa.value!.high).toBeLessThan(0.81);
  });

  test('perfect agreement gives [1, 1]', () => {
    const perfect = buildTable(codingsFromCoderRows({ A: ['x', 'y', 'x', 'y'], B: ['x', 'y', 'x', 'y'] }));
    const { pa } = bootstrapIntervals(perfect, { pa: preparePercentAgreement }, { resamples: 50 });
    expect(pa).toEqual({ value: { low: 1, high: 1, defined: 50, resamples: 50 } });
  });

  test('a statistic not defined on the data has no interval', () => {
    const { kappa } = bootstrapIntervals(krippendorffC, { kappa: (t) => prepareCohenKappa(t) }, { resamples: 10 });
    expect(kappa.value).toBeNull();
    expect('reason' in kappa && kappa.reason).toContain('not defined on the data: Cohen');
  });

  test('resamples where the statistic is undefined are left out and counted', () => {
    // Two units: a resample that draws the same unit twice has no variation.
    const tiny = buildTable(codingsFromCoderRows({ A: ['x', 'y'], B: ['x', 'y'] }));
    const { alpha } = bootstrapIntervals(
      tiny,
      { alpha: (t) => prepareKrippendorffAlpha(t) },
      { resamples: 100, seed: 4 },
    );
    expect(alpha.value!.defined).toBeLessThan(100);
    expect(alpha.value!.defined).toBeGreaterThan(20);
    expect(alpha.value).toMatchObject({ low: 1, high: 1 });
  });

  test.each([0, 1.5, 2_000_000])('resamples = %s throws', (resamples) => {
    expect(() => bootstrapIntervals(table, { pa: preparePercentAgreement }, { resamples })).toThrow(RangeError);
  });
});

describe('weighted evaluation (what a resample computes) equals recomputing from codings', () => {
  // Krippendorff example C with unit 2 drawn three times, unit 6 twice and unit 12 not at all.
  const weights = [1, 3, 1, 1, 1, 2, 1, 1, 1, 1, 1, 0];
  const rows = {
    A: [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    C: [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  };
  const expanded: Record<string, (number | null)[]> = {};
  for (const [coder, values] of Object.entries(rows))
    expanded[coder] = values.flatMap((v, u) => new Array(weights[u]).fill(v));
  const resampled = buildTable(codingsFromCoderRows(expanded));
  // Rows follow first appearance (units 1-9, 10, 12, 11), so weights go by unit name.
  const rowWeights = Float64Array.from(krippendorffC.unitNames!, (name) => weights[Number(name) - 1]!);

  const stats: Record<string, PrepareStat> = {
    percent: preparePercentAgreement,
    meanKappa: prepareMeanPairwiseCohenKappa,
    fleiss: prepareFleissKappa,
    scott: prepareScottPi,
    ac1: prepareGwetAc1,
    nominal: (t) => prepareKrippendorffAlpha(t, 'nominal'),
    ordinal: (t) => prepareKrippendorffAlpha(t, 'ordinal'),
    interval: (t) => prepareKrippendorffAlpha(t, 'interval'),
    ratio: (t) => prepareKrippendorffAlpha(t, 'ratio'),
  };
  test.each(Object.keys(stats))('%s', (name) => {
    const weighted = stats[name]!(krippendorffC)(rowWeights);
    const direct = stats[name]!(resampled)(resampled.weight);
    if (direct.value === null) expect(weighted).toEqual(direct);
    else expect(weighted.value).toBeCloseTo(direct.value, 12);
  });

  test('and on the compressed table', () => {
    const { table, rowOf } = compressTable(krippendorffC);
    const w = new Float64Array(table.rows);
    rowWeights.forEach((x, r) => {
      w[rowOf[r]!]! += x;
    });
    expect(prepareKrippendorffAlpha(table, 'ordinal')(w).value).toBeCloseTo(
      prepareKrippendorffAlpha(resampled, 'ordinal')(resampled.weight).value!,
      12,
    );
  });
});

describe('type-7 quantile', () => {
  test.each([
    [0, 1],
    [0.25, 1.75],
    [0.5, 2.5],
    [1, 4],
  ])('p = %s → %s', (p, q) => expect(quantileSorted([1, 2, 3, 4], p)).toBe(q));
  test('empty sample throws', () => expect(() => quantileSorted([], 0.5)).toThrow(RangeError));
});
