import { describe, expect, test } from 'vitest';
import { seriesCorrelation, shiftTests } from '../../apps/api/src/label-counts/shift-tests.ts';

describe('shift tests', () => {
  test('chi-square of a known code × period table: [[10, 20], [30, 40]] gives X² = 50/63', () => {
    const { chiSquare } = shiftTests(
      [
        { codeId: 'a', counts: [10, 20] },
        { codeId: 'b', counts: [30, 40] },
      ],
      [40, 60],
    );
    if (chiSquare.value === null) throw new Error(chiSquare.reason);
    expect(chiSquare.value.statistic).toBeCloseTo(50 / 63, 12);
    expect(chiSquare.value.df).toBe(1);
    expect(chiSquare.value.p).toBeCloseTo(0.373, 3);
    expect(chiSquare.value.cramersV).toBeCloseTo(0.089, 3);
    expect(chiSquare.value).toMatchObject({ n: 100, codeIds: ['a', 'b'], droppedCodeIds: [], warning: null });
  });

  test('codes never used are dropped and named; small expected counts warn', () => {
    const { chiSquare } = shiftTests(
      [
        { codeId: 'a', counts: [1, 2, 0] },
        { codeId: 'z', counts: [0, 0, 0] },
        { codeId: 'b', counts: [3, 1, 0] },
      ],
      [4, 3, 0],
    );
    if (chiSquare.value === null) throw new Error(chiSquare.reason);
    expect(chiSquare.value).toMatchObject({
      codeIds: ['a', 'b'],
      droppedCodeIds: ['z'],
      droppedPeriods: [2],
      df: 1,
      expectedBelow5: 4,
      cells: 4,
    });
    expect(chiSquare.value.warning).toMatch(/4 of 4 expected counts are below 5/);
  });

  test('per code: Mann–Kendall and Spearman of the share against time, Holm-adjusted across codes', () => {
    const coded = [10, 10, 10, 10, 10];
    const { trends } = shiftTests(
      [
        { codeId: 'up', counts: [1, 2, 3, 4, 5] },
        { codeId: 'down', counts: [5, 4, 3, 2, 1] },
        { codeId: 'flat', counts: [2, 2, 2, 2, 2] },
      ],
      coded,
    );
    const [up, down, flat] = trends;
    // S = 10, Var = 5·4·15/18 = 16.67, Z = 9/√16.67 = 2.205, p = .0275; Holm over two codes doubles it.
    expect(up!.mannKendall.value).toMatchObject({ n: 5, s: 10 });
    expect(up!.mannKendall.value!.p).toBeCloseTo(0.0275, 4);
    expect(up!.mannKendall.value!.pHolm).toBeCloseTo(0.055, 3);
    expect(down!.mannKendall.value).toMatchObject({ s: -10 });
    expect(up!.spearman.value).toMatchObject({ n: 5, rho: 1, p: 0, pHolm: 0 });
    expect(down!.spearman.value).toMatchObject({ rho: -1 });
    expect(flat!.mannKendall).toEqual({ value: null, reason: 'every value is the same, so S has no variance' });
    expect(flat!.spearman.value).toBeNull();
  });

  test('a period without coded units has no share and is left out of the series', () => {
    const { trends } = shiftTests([{ codeId: 'a', counts: [1, 0, 2, 3] }], [10, 0, 10, 10]);
    expect(trends[0]!.mannKendall.value).toMatchObject({ n: 3, s: 3 });
    expect(shiftTests([{ codeId: 'a', counts: [1, 0, 2] }], [10, 0, 10]).trends[0]!.mannKendall).toEqual({
      value: null,
      reason: 'the test needs at least 3 values, got 2',
    });
  });

  test('series correlation uses only the observed periods', () => {
    const r = seriesCorrelation([0.1, 0.9, 0.2, 0.3, 0.4], [1, 0, 2, 3, 4], [true, false, true, true, true]);
    expect(r.value).toMatchObject({ n: 4, rho: 1 });
  });
});
