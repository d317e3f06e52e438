import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, gwetAc1 } from '@threadcoder/stats';
import { codingsFromConfusion, krippendorffCNominal } from './worked-examples.ts';

const _ = null;

describe("Gwet's AC1", () => {
  test('two coders, hand-computed: p_a = .75, pi = (.375, .625), p_e = .46875, AC1 = 9/17', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'] }));
    expect(gwetAc1(t).value).toBeCloseTo(9 / 17, 12);
  });

  test('Gwet (2014) multi-rater form on Krippendorff example C: p_e = (1 - 34.375/144)/4, AC1 = 0.77544', () => {
    // The irrCAC package's gwet.ac1.raw(cac.raw4raters) gives 0.77544 for these data.
    const pe = (1 - 34.375 / 144) / 4;
    expect(gwetAc1(krippendorffCNominal).value).toBeCloseTo((9 / 11 - pe) / (1 - pe), 12);
    expect(gwetAc1(krippendorffCNominal).value).toBeCloseTo(0.77544, 5);
  });

  test('high agreement on a rare category: kappa paradox, AC1 stays high', () => {
    // 100 units: 90 both "no", 5 both "yes", 5 disagree. p_a = .95; pi_yes = .075, p_e = 2 * .075 * .925 = .13875.
    const t = buildTable(
      codingsFromConfusion(
        ['yes', 'no'],
        [
          [5, 3],
          [2, 90],
        ],
      ),
    );
    expect(gwetAc1(t).value).toBeCloseTo((0.95 - 0.13875) / (1 - 0.13875), 12);
  });

  test('declared but unused categories raise q', () => {
    const codings = codingsFromCoderRows({ A: ['x', 'x'], B: ['x', 'x'] });
    expect(gwetAc1(buildTable(codings)).value).toBeNull();
    // q = 2, pi = (1, 0), p_e = 0: AC1 = p_a = 1.
    expect(gwetAc1(buildTable(codings, { categories: ['x', 'y'] }))).toEqual({ value: 1 });
  });

  test.each([
    ['one category only', { A: ['x', 'x'], B: ['x', 'x'] }, null, 'only one category exists'],
    ['no overlap', { A: ['x', _], B: [_, 'y'] }, null, 'no unit has two or more codings'],
    ['no codings', {}, null, 'no unit has two or more codings'],
    ['perfect agreement', { A: ['x', 'y'], B: ['x', 'y'] }, 1, ''],
    ['a single unit, disagreeing', { A: ['x'], B: ['y'] }, -1, ''],
  ] as const)('%s', (_name, rows, value, reason) => {
    const ac1 = gwetAc1(buildTable(codingsFromCoderRows(rows)));
    expect(ac1.value).toBe(value);
    if (value === null) expect('reason' in ac1 && ac1.reason).toContain(reason);
  });
});
