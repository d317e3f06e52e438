import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, jaccardDistance, krippendorffAlpha, masiDistance } from '@threadcoder/stats';

describe('set distances', () => {
  test.each([
    ['equal sets', ['a', 'b'], ['b', 'a'], 0, 0],
    ['subset', ['a'], ['a', 'b'], 1 / 2, 1 - (1 / 2) * (2 / 3)],
    ['overlap', ['a', 'b'], ['b', 'c'], 2 / 3, 1 - (1 / 3) * (1 / 3)],
    ['disjoint', ['a'], ['b'], 1, 1],
    ['both empty', [], [], 0, 0],
    ['one empty', [], ['a'], 1, 1],
  ] as const)('%s: Jaccard %s, MASI %s', (_name, a, b, jaccard, masi) => {
    expect(jaccardDistance(a, b)).toBeCloseTo(jaccard, 12);
    expect(masiDistance(a, b)).toBeCloseTo(masi, 12);
    expect(masiDistance(b, a)).toBeCloseTo(masi, 12);
  });
});

describe("Krippendorff's alpha on sets (Passonneau 2006)", () => {
  // Units: {a} vs {a}; {a,b} vs {a}; {b} vs {c}. Values {a} x3, {a,b}, {b}, {c}: n = 6.
  const t = buildTable(codingsFromCoderRows({ A: [['a'], ['a', 'b'], ['b']], B: [['a'], ['a'], ['c']] }));

  test('Jaccard: observed 2 (0 + 1/2 + 1) = 3, expected 2 * 10 = 20, alpha = 1 - 5 * 3 / 20 = 0.25', () => {
    expect(krippendorffAlpha(t, 'jaccard').value).toBeCloseTo(0.25, 12);
  });

  test('MASI: observed 2 (0 + 2/3 + 1) = 10/3, expected 64/3, alpha = 1 - 50/64 = 0.21875', () => {
    expect(krippendorffAlpha(t, 'masi').value).toBeCloseTo(0.21875, 12);
  });

  test('nominal alpha treats each distinct set as a category', () => {
    // n_{a} = 3, others 1: expected 36 - 12 = 24; observed 4; alpha = 1 - 5 * 4 / 24.
    expect(krippendorffAlpha(t, 'nominal').value).toBeCloseTo(1 / 6, 12);
  });

  test('duplicate codes inside a set collapse', () => {
    const dup = buildTable(codingsFromCoderRows({ A: [['a', 'a'], ['b']], B: [['a'], ['b', 'b']] }));
    expect(dup.categories).toEqual([['a'], ['b']]);
  });

  test.each([
    [
      'identical sets everywhere',
      {
        A: [
          ['a', 'b'],
          ['a', 'b'],
        ],
        B: [
          ['a', 'b'],
          ['b', 'a'],
        ],
      },
      null,
    ],
    ['perfect agreement', { A: [['a'], ['a', 'b']], B: [['a'], ['a', 'b']] }, 1],
    ['empty sets agree', { A: [[], ['a']], B: [[], ['a']] }, 1],
  ] as const)('%s', (_name, rows, value) => {
    const table = buildTable(codingsFromCoderRows(rows));
    expect(krippendorffAlpha(table, 'masi').value).toBe(value);
    expect(krippendorffAlpha(table, 'jaccard').value).toBe(value);
  });

  test('MASI and Jaccard need set data', () => {
    const numbers = buildTable(codingsFromCoderRows({ A: [1, 2], B: [1, 2] }));
    expect(krippendorffAlpha(numbers, 'masi')).toEqual({
      value: null,
      reason: 'masi alpha needs set-valued codings, and these codings are numbers',
    });
  });
});
