import { describe, expect, test } from 'vitest';
import {
  buildTable,
  codingsFromCoderRows,
  coincidenceMatrix,
  krippendorffAlpha,
  type AlphaMetric,
} from '@threadcoder/stats';
import { krippendorffA, krippendorffB, krippendorffC, krippendorffCNominal } from './worked-examples.ts';

const _ = null;

describe("Krippendorff's alpha — Krippendorff (2011) worked examples", () => {
  test.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('example C (4 coders, 12 units, missing data): %s alpha = %s', (metric, published) => {
    const alpha = krippendorffAlpha(krippendorffC, metric);
    expect(alpha.value).toBeCloseTo(published, 3);
  });

  test('example C nominal alpha is exactly 1 - 39 * 4 / 608 (= 0.743421…)', () => {
    // o off-diagonal sum = 4, n = 40, sum n_c^2 = 81 + 169 + 100 + 25 + 9 = 384, so
    // alpha = 1 - (n - 1) * 4 / (n^2 - 384) = 1 - 156 / 1216.
    expect(krippendorffAlpha(krippendorffC, 'nominal').value).toBeCloseTo(0.743421052631579, 12);
    expect(krippendorffAlpha(krippendorffCNominal, 'nominal').value).toBeCloseTo(0.743421052631579, 12);
  });

  test('example C coincidence matrix matches the paper', () => {
    const { o, nc, n } = coincidenceMatrix(krippendorffC);
    const third = 1 / 3;
    const expected = [
      [7, 4 * third, third, third, 0],
      [4 * third, 10, 4 * third, third, 0],
      [third, 4 * third, 8, third, 0],
      [third, third, third, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    o.forEach((row, i) => {
      row.forEach((x, j) => {
        expect(x).toBeCloseTo(expected[i]![j]!, 12);
      });
    });
    nc.forEach((x, i) => {
      expect(x).toBeCloseTo([9, 13, 10, 5, 3][i]!, 12);
    });
    expect(n).toBeCloseTo(40, 12);
  });

  test('example A (binary, 2 coders): alpha = 1 - 19 * 8 / 168 = 0.0952…', () => {
    expect(krippendorffAlpha(krippendorffA).value).toBeCloseTo(0.095238095238095, 12);
  });

  test('example B (nominal, 2 coders): alpha = 1 - 23 * 6 / 448 = 0.692…', () => {
    expect(krippendorffAlpha(krippendorffB).value).toBeCloseTo(0.691964285714286, 12);
  });
});

describe("Krippendorff's alpha — hand-computed cases", () => {
  test('two coders, four units: x x y y vs x y y y gives 8/15', () => {
    // n = 8, n_x = 3, n_y = 5, one disagreeing unit: alpha = 1 - 7 * 2 / (64 - 9 - 25).
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'] }));
    expect(krippendorffAlpha(t).value).toBeCloseTo(8 / 15, 12);
  });

  test('interval alpha on 1,2,3 vs 1,2,4', () => {
    // values 1,1,2,2,3,4: n = 6, mean 13/6; sum (v - mean)^2 = 41/6; expected = 2 * 6 * 41/6 = 82.
    // observed: only unit 3 disagrees, (3 - 4)^2 * 2 ordered pairs / (m - 1 = 1) = 2. alpha = 1 - 5 * 2 / 82.
    const t = buildTable(codingsFromCoderRows({ A: [1, 2, 3], B: [1, 2, 4] }));
    expect(krippendorffAlpha(t, 'interval').value).toBeCloseTo(1 - 10 / 82, 12);
  });

  test('ordinal alpha ranks numbers: any increasing recoding gives the same value', () => {
    const a = buildTable(codingsFromCoderRows({ A: [1, 2, 3, 3, 1], B: [1, 3, 3, 2, 1], C: [2, 2, 3, 3, _] }));
    const b = buildTable(
      codingsFromCoderRows({ A: [10, 20, 300, 300, 10], B: [10, 300, 300, 20, 10], C: [20, 20, 300, 300, _] }),
    );
    expect(krippendorffAlpha(a, 'ordinal').value).toBeCloseTo(krippendorffAlpha(b, 'ordinal').value!, 12);
    expect(krippendorffAlpha(a, 'interval').value).not.toBeCloseTo(krippendorffAlpha(b, 'interval').value!, 3);
  });

  test('single-coded units do not change alpha', () => {
    const withExtra = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y', 'z'], B: ['x', 'y', 'y', 'y', _] }));
    expect(krippendorffAlpha(withExtra).value).toBeCloseTo(8 / 15, 12);
  });
});

describe("Krippendorff's alpha — degenerate data", () => {
  const cases: [string, Parameters<typeof codingsFromCoderRows>[0], AlphaMetric, number | null, string | null][] = [
    ['perfect agreement', { A: ['a', 'b', 'c'], B: ['a', 'b', 'c'] }, 'nominal', 1, null],
    ['perfect disagreement on two values', { A: ['a', 'b'], B: ['b', 'a'] }, 'nominal', -0.5, null],
    ['one category only', { A: ['a', 'a'], B: ['a', 'a'] }, 'nominal', null, 'same value'],
    ['no overlap', { A: ['a', 'b', _, _], B: [_, _, 'a', 'b'] }, 'nominal', null, 'no unit has two or more codings'],
    ['a single unit, agreeing', { A: ['a'], B: ['a'] }, 'nominal', null, 'same value'],
    ['a single unit, disagreeing', { A: ['a'], B: ['b'] }, 'nominal', 0, null],
    ['ordinal on categories', { A: ['a', 'b'], B: ['a', 'b'] }, 'ordinal', null, 'needs numeric values'],
    ['masi on categories', { A: ['a', 'b'], B: ['a', 'b'] }, 'masi', null, 'needs set-valued codings'],
    ['ratio with a negative value', { A: [-1, 2], B: [1, 2] }, 'ratio', null, 'non-negative'],
    // n_0 = 3, n_1 = 1, n_2 = 2; delta(0,1) = delta(0,2) = 1, delta(1,2) = 1/9; expected = 2 (3 + 6 + 2/9) = 166/9;
    // observed = 2 (unit 2: 0 vs 1). alpha = 1 - 5 * 2 / (166/9) = 38/83.
    ['ratio with zeros', { A: [0, 0, 2], B: [0, 1, 2] }, 'ratio', 38 / 83, null],
  ];
  test.each(cases)('%s', (_name, rows, metric, value, reason) => {
    const alpha = krippendorffAlpha(buildTable(codingsFromCoderRows(rows)), metric);
    if (value === null) {
      expect(alpha.value).toBeNull();
      expect('reason' in alpha && alpha.reason).toContain(reason);
    } else expect(alpha.value).toBeCloseTo(value, 12);
  });

  test('all missing (no codings at all)', () => {
    expect(krippendorffAlpha(buildTable([]))).toEqual({
      value: null,
      reason: 'no unit has two or more codings, so there are no pairable values',
    });
  });
});

describe("Krippendorff's alpha — floating point", () => {
  test('equal decimals are no variation, not a rounding residue', () => {
    const same = buildTable(codingsFromCoderRows({ A: [0.1, 0.1, 0.1], B: [0.1, 0.1, 0.1] }));
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      expect(krippendorffAlpha(same, metric)).toEqual({
        value: null,
        reason: 'all pairable codings have the same value, so expected disagreement is 0 and alpha is 0/0',
      });
    }
  });

  test('units that agree on decimals contribute exactly 0 disagreement', () => {
    const agree = buildTable(codingsFromCoderRows({ A: [0.1, 0.3, 0.7], B: [0.1, 0.3, 0.7], C: [0.1, 0.3, 0.7] }));
    for (const metric of ['nominal', 'ordinal', 'interval', 'ratio'] as const)
      expect(krippendorffAlpha(agree, metric)).toEqual({ value: 1 });
  });
});
