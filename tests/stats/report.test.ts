import { describe, expect, test } from 'vitest';
import { agreementReport, codingsFromCoderRows } from '@threadcoder/stats';

const _ = null;

describe('agreementReport', () => {
  test('two coders, categories: every key, nulls explained in notes', () => {
    const { report, notes } = agreementReport(
      codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'] }),
    );
    expect(Object.keys(report)).toEqual([
      'units',
      'coders',
      'percent_agreement',
      'cohen_kappa',
      'mean_pairwise_cohen_kappa',
      'fleiss_kappa',
      'scott_pi',
      'gwet_ac1',
      'krippendorff_alpha',
      'per_code',
    ]);
    expect(report.units).toBe(4);
    expect(report.coders).toEqual(['A', 'B']);
    expect(report.percent_agreement).toBe(0.75);
    expect(report.cohen_kappa).toBe(0.5);
    expect(report.mean_pairwise_cohen_kappa).toBe(0.5);
    expect(report.fleiss_kappa).toBeCloseTo(7 / 15, 12);
    expect(report.scott_pi).toBeCloseTo(7 / 15, 12);
    expect(report.gwet_ac1).toBeCloseTo(9 / 17, 12);
    expect(report.krippendorff_alpha).toEqual({
      nominal: expect.closeTo(8 / 15, 12),
      ordinal: null,
      interval: null,
      ratio: null,
    });
    expect(Object.keys(report.per_code)).toEqual(['x', 'y']);
    expect(report.per_code.x).toEqual({ kappa: 0.5, alpha: expect.closeTo(8 / 15, 12), prevalence: 0.375 });
    expect(notes).toEqual({
      'krippendorff_alpha.ordinal': 'ordinal alpha needs numeric values, and these codings are categories',
      'krippendorff_alpha.interval': 'interval alpha needs numeric values, and these codings are categories',
      'krippendorff_alpha.ratio': 'ratio alpha needs numeric values, and these codings are categories',
    });
  });

  test('numbers: Krippendorff (2011) example C gives all four alphas; numbers have no per-code entries', () => {
    const { report, notes } = agreementReport(
      codingsFromCoderRows({
        A: [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
        B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
        C: [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
        D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
      }),
    );
    expect(report.units).toBe(12);
    expect(report.cohen_kappa).toBeNull();
    // Units have 1 to 4 codings: Fleiss' generalized kappa (Gwet 2014; irrCAC fleiss.kappa.raw) is the multi-rater pi.
    expect(report.fleiss_kappa).toBeCloseTo(0.7611693, 7);
    expect(report.fleiss_kappa).toBe(report.scott_pi);
    expect(report.scott_pi).toBeCloseTo(0.76117, 5);
    expect(report.gwet_ac1).toBeCloseTo(0.77544, 5);
    const alpha = report.krippendorff_alpha as Record<string, number>;
    expect(
      [alpha.nominal, alpha.ordinal, alpha.interval, alpha.ratio].map((x) => Math.round(x! * 1000) / 1000),
    ).toEqual([0.743, 0.815, 0.849, 0.797]);
    expect(report.per_code).toEqual({});
    expect(notes.cohen_kappa).toBe(
      "Cohen's kappa needs exactly two coders, and there are 4; see mean_pairwise_cohen_kappa",
    );
    expect(notes.fleiss_kappa).toBeUndefined();
  });

  test('sets: alpha by MASI and Jaccard, per-code for each code', () => {
    const { report } = agreementReport(
      codingsFromCoderRows({ A: [['a'], ['a', 'b'], ['b']], B: [['a'], ['a'], ['c']] }),
    );
    expect(report.krippendorff_alpha).toEqual({ masi: expect.closeTo(0.21875, 12), jaccard: expect.closeTo(0.25, 12) });
    expect(Object.keys(report.per_code)).toEqual(['a', 'b', 'c']);
    expect(report.per_code.c!.prevalence).toBe(1 / 6);
  });

  test('bootstrap adds ci95 with one interval (or null) per statistic', () => {
    const codings = codingsFromCoderRows({ A: [...'xxyyxyxyxx'], B: [...'xyyyxyxxxx'] });
    const { report, notes } = agreementReport(codings, { bootstrap: { resamples: 200, seed: 5 } });
    expect(Object.keys(report.ci95!)).toEqual([
      'percent_agreement',
      'cohen_kappa',
      'mean_pairwise_cohen_kappa',
      'fleiss_kappa',
      'scott_pi',
      'gwet_ac1',
      'krippendorff_alpha_nominal',
      'krippendorff_alpha_ordinal',
      'krippendorff_alpha_interval',
      'krippendorff_alpha_ratio',
    ]);
    const [lo, hi] = report.ci95!.percent_agreement!;
    expect(lo).toBeLessThanOrEqual(report.percent_agreement!);
    expect(hi).toBeGreaterThanOrEqual(report.percent_agreement!);
    expect(report.ci95!.krippendorff_alpha_ordinal).toBeNull();
    expect(notes['ci95.krippendorff_alpha_ordinal']).toBe(
      'not defined on the data: ordinal alpha needs numeric values, and these codings are categories',
    );
    expect(agreementReport(codings, { bootstrap: { resamples: 200, seed: 5 } }).report).toEqual(report);
  });

  test('no codings: every statistic null with a reason', () => {
    const { report, notes } = agreementReport([]);
    expect(report).toMatchObject({
      units: 0,
      coders: [],
      percent_agreement: null,
      cohen_kappa: null,
      mean_pairwise_cohen_kappa: null,
      fleiss_kappa: null,
      scott_pi: null,
      gwet_ac1: null,
      per_code: {},
    });
    expect(Object.keys(notes)).toHaveLength(10);
  });
});
