import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, scottPi } from '@threadcoder/stats';
import { krippendorffA, krippendorffCNominal } from './worked-examples.ts';

const _ = null;

describe("Scott's pi", () => {
  test('two coders: pooled shares .375/.625, p_o = .75, pi = 7/15', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'] }));
    expect(scottPi(t).value).toBeCloseTo(7 / 15, 12);
  });

  test('Krippendorff (2011) example A: p_o = .6, p_e = .7^2 + .3^2 = .58, pi = 1/21', () => {
    expect(scottPi(krippendorffA).value).toBeCloseTo(1 / 21, 12);
  });

  test('Gwet (2014) multi-rater form on Krippendorff example C: p_a = 9/11, p_e = 34.375/144, pi = 0.76117', () => {
    // The irrCAC package's fleiss.kappa.raw(cac.raw4raters) gives 0.76117 for these data.
    const pe = 34.375 / 144;
    expect(scottPi(krippendorffCNominal).value).toBeCloseTo((9 / 11 - pe) / (1 - pe), 12);
    expect(scottPi(krippendorffCNominal).value).toBeCloseTo(0.76117, 5);
  });

  test('single-coded units count in the category shares but not in p_a', () => {
    // pi_k over units 1-5: x = (1 + .5 + 0 + 0 + 1)/5 = .5, p_e = .5; p_a over units 1-4 = .75.
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y', 'x'], B: ['x', 'y', 'y', 'y', _] }));
    expect(scottPi(t).value).toBeCloseTo(0.5, 12);
  });

  test.each([
    ['one category only', { A: ['x', 'x'], B: ['x', 'x'] }, null, 'same single category'],
    ['no overlap', { A: ['x', _], B: [_, 'y'] }, null, 'no unit has two or more codings'],
    ['no codings', {}, null, 'no unit has two or more codings'],
    ['perfect agreement', { A: ['x', 'y'], B: ['x', 'y'], C: ['x', 'y'] }, 1, ''],
    ['a single unit, disagreeing', { A: ['x'], B: ['y'] }, -1, ''],
  ] as const)('%s', (_name, rows, value, reason) => {
    const pi = scottPi(buildTable(codingsFromCoderRows(rows)));
    expect(pi.value).toBe(value);
    if (value === null) expect('reason' in pi && pi.reason).toContain(reason);
  });
});
