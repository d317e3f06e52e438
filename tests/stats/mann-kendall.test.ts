import { describe, expect, test } from 'vitest';
import { mannKendall } from '@threadcoder/stats';

describe('Mann-Kendall trend test', () => {
  test('strictly increasing 1..5: S = 10, Var = 5*4*15/18, Z = 9/sqrt(Var), p = .0275', () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.value).toMatchObject({ n: 5, s: 10 });
    expect(r.value!.variance).toBeCloseTo(50 / 3, 12);
    expect(r.value!.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    expect(r.value!.p).toBeCloseTo(0.027486, 6);
  });

  test('with ties: [1, 2, 2, 3, 3, 3, 5, 4]: S = 22, Var = (1176 - 18 - 66)/18', () => {
    const r = mannKendall([1, 2, 2, 3, 3, 3, 5, 4]);
    expect(r.value!.s).toBe(22);
    expect(r.value!.variance).toBeCloseTo(1092 / 18, 12);
    expect(r.value!.z).toBeCloseTo(21 / Math.sqrt(1092 / 18), 12);
    expect(r.value!.p).toBeCloseTo(0.0070146, 6);
  });

  test('decreasing series: negative S and Z, continuity correction towards 0', () => {
    const r = mannKendall([9, 7, 8, 4, 1]);
    // pairs: 9>7,9>8,9>4,9>1,7<8,7>4,7>1,8>4,8>1,4>1 → S = 1 - 9 = -8
    expect(r.value!.s).toBe(-8);
    expect(r.value!.z).toBeCloseTo(-7 / Math.sqrt(50 / 3), 12);
  });

  test('no trend: S = 0 gives Z = 0 and p = 1', () => {
    expect(mannKendall([1, 3, 2, 2, 3, 1]).value).toMatchObject({ s: 0, z: 0, p: 1 });
  });

  test.each([
    ['two values', [1, 2], 'at least 3 values, got 2'],
    ['empty', [], 'at least 3 values, got 0'],
    ['all tied', [4, 4, 4, 4], 'every value is the same'],
  ])('not defined: %s', (_name, series, reason) => {
    const r = mannKendall(series);
    expect(r.value).toBeNull();
    expect('reason' in r && r.reason).toContain(reason);
  });

  test('NaN throws', () => expect(() => mannKendall([1, Number.NaN, 3])).toThrow('series[1] must be a finite number'));
});
