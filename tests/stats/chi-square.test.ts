import { describe, expect, test } from 'vitest';
import { chiSquareIndependence } from '@threadcoder/stats';

describe('chi-square test of independence (code x period)', () => {
  test('2 x 2 by hand: [[10, 20], [30, 40]] → X^2 = 50/63, df 1, p = .3730, V = .0891', () => {
    // E = 12, 18, 28, 42: X^2 = 4/12 + 4/18 + 4/28 + 4/42 = 50/63.
    const r = chiSquareIndependence([
      [10, 20],
      [30, 40],
    ]);
    expect(r.value).toMatchObject({
      df: 1,
      n: 100,
      droppedRows: [],
      droppedColumns: [],
      expectedBelow5: 0,
      cells: 4,
      warning: null,
    });
    expect(r.value!.statistic).toBeCloseTo(50 / 63, 12);
    expect(r.value!.p).toBeCloseTo(0.373, 4);
    expect(r.value!.cramersV).toBeCloseTo(Math.sqrt(50 / 63 / 100), 12);
  });

  test('3 codes x 4 periods', () => {
    // Row sums 40, 60, 100; column sums 50 each; N = 200; E = 10, 15, 25 per row.
    // (O - E)^2 / E by row: 10 + 0 + 2.5 + 2.5 = 15;  4 * 25/15 = 20/3;  1 + 1 + 0 + 4 = 6.  X^2 = 83/3, df 6.
    const r = chiSquareIndependence([
      [20, 10, 5, 5],
      [10, 20, 20, 10],
      [20, 20, 25, 35],
    ]);
    expect(r.value!.statistic).toBeCloseTo(83 / 3, 12);
    expect(r.value!.df).toBe(6);
    expect(r.value!.p).toBeCloseTo(1.085617e-4, 9);
    expect(r.value!.cramersV).toBeCloseTo(Math.sqrt(83 / 3 / (200 * 2)), 12);
  });

  test('independent table gives X^2 = 0 and p = 1', () => {
    expect(
      chiSquareIndependence([
        [1, 2],
        [2, 4],
      ]).value,
    ).toMatchObject({ statistic: 0, p: 1, cramersV: 0 });
  });

  test('empty rows and columns are dropped and listed', () => {
    const r = chiSquareIndependence([
      [10, 0, 20],
      [0, 0, 0],
      [30, 0, 40],
    ]);
    expect(r.value).toMatchObject({ df: 1, droppedRows: [1], droppedColumns: [1], cells: 4 });
    expect(r.value!.statistic).toBeCloseTo(50 / 63, 12);
  });

  test('small expected counts produce a warning with the count', () => {
    const r = chiSquareIndependence([
      [3, 1],
      [1, 3],
    ]);
    expect(r.value!.expectedBelow5).toBe(4);
    expect(r.value!.warning).toBe(
      '4 of 4 expected counts are below 5; the chi-square approximation may be poor — consider merging periods or codes',
    );
  });

  test.each([
    ['no cells', [], 'there are 0 x 0'],
    [
      'all zero',
      [
        [0, 0],
        [0, 0],
      ],
      'there are 0 x 0',
    ],
    ['one code', [[1, 2, 3]], 'there are 1 x 3'],
    [
      'one non-empty period',
      [
        [1, 0],
        [2, 0],
      ],
      'there are 2 x 1',
    ],
  ])('not defined: %s', (_name, table, reason) => {
    const r = chiSquareIndependence(table);
    expect(r.value).toBeNull();
    expect('reason' in r && r.reason).toContain(reason);
  });

  test.each([
    [
      'a negative count',
      [
        [1, -1],
        [1, 1],
      ],
      'cell [0][1] must be a finite count >= 0, got -1',
    ],
    [
      'NaN',
      [
        [1, Number.NaN],
        [1, 1],
      ],
      'cell [0][1] must be a finite count >= 0, got NaN',
    ],
    ['ragged rows', [[1, 2], [1]], 'row 1 has 1 cells, row 0 has 2'],
  ])('throws on %s', (_name, table, message) => {
    expect(() => chiSquareIndependence(table)).toThrow(message);
  });
});
