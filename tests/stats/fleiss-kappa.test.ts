import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, fleissKappa, scottPi } from '@threadcoder/stats';
import { codingsFromCounts, krippendorffC } from './worked-examples.ts';

const _ = null;
const categories = ['1', '2', '3', '4', '5'];

describe("Fleiss' kappa", () => {
  test('Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses; kappa = .430', () => {
    // Subjects x (depression, personality disorder, schizophrenia, neurosis, other).
    // Kappa depends only on each subject's sum of squared counts and on the category totals;
    // these rows reproduce the paper's P-bar = .556 (sum n_ij^2 = 680) and p_j = .144, .144,
    // .167, .306, .239 (totals 26, 26, 30, 55, 43).
    const counts = [
      [0, 0, 0, 6, 0],
      [0, 3, 0, 0, 3],
      [0, 1, 4, 0, 1],
      [0, 0, 0, 0, 6],
      [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0],
      [0, 0, 4, 0, 2],
      [2, 0, 3, 1, 0],
      [2, 0, 0, 4, 0],
      [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0],
      [1, 1, 0, 4, 0],
      [0, 3, 3, 0, 0],
      [1, 0, 0, 5, 0],
      [0, 2, 0, 3, 1],
      [0, 0, 5, 0, 1],
      [3, 0, 0, 1, 2],
      [5, 1, 0, 0, 0],
      [0, 2, 0, 4, 0],
      [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 6],
      [0, 1, 0, 5, 0],
      [0, 2, 0, 1, 3],
      [2, 0, 0, 4, 0],
      [1, 0, 0, 4, 1],
      [0, 5, 0, 1, 0],
      [4, 0, 0, 0, 2],
      [0, 2, 0, 4, 0],
      [1, 0, 5, 0, 0],
      [0, 0, 0, 0, 6],
    ];
    const t = buildTable(codingsFromCounts(categories, counts));
    // (500/900 - 7126/32400) / (1 - 7126/32400)
    expect(fleissKappa(t).value).toBeCloseTo((500 / 900 - 7126 / 32400) / (1 - 7126 / 32400), 12);
    expect(fleissKappa(t).value).toBeCloseTo(0.43, 3);
  });

  test('10 subjects, 14 raters, 5 categories (the example in most references): P = .378, P_e = .213, kappa = .210', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const t = buildTable(codingsFromCounts(categories, counts));
    // P-bar = (sum n^2 - 140) / (10 * 14 * 13) = 688/1820; p_j = 20, 28, 39, 21, 32 over 140.
    const pe = (20 ** 2 + 28 ** 2 + 39 ** 2 + 21 ** 2 + 32 ** 2) / 140 ** 2;
    expect(fleissKappa(t).value).toBeCloseTo((688 / 1820 - pe) / (1 - pe), 12);
    expect(fleissKappa(t).value).toBeCloseTo(0.21, 3);
  });

  test('with the same number of codings per unit it equals the generalised Scott pi', () => {
    const t = buildTable(
      codingsFromCoderRows({ A: ['x', 'x', 'y', 'z'], B: ['x', 'y', 'y', 'z'], C: ['y', 'x', 'y', 'x'] }),
    );
    expect(fleissKappa(t).value).toBeCloseTo(scottPi(t).value!, 12);
  });

  describe('varying numbers of codings per unit: Gwet’s generalization, as irrCAC fleiss.kappa.raw', () => {
    test('hand-computed from Gwet (2014): kappa = 2689/8305', () => {
      // Units (coders A-D): u1 x x y x | u2 x x | u3 y z y | u4 z z z | u5 x | u6 y z.
      // p_a = mean over the 5 units with m_u >= 2 of sum_k n_uk (n_uk - 1) / (m_u (m_u - 1)):
      //   u1 (3*2)/(4*3) = 1/2, u2 1, u3 (2*1)/(3*2) = 1/3, u4 1, u6 0  ->  p_a = (17/6)/5 = 17/30.
      // pi_k = mean over all 6 units of n_uk / m_u:
      //   x = (3/4 + 1 + 1)/6 = 11/24, y = (1/4 + 2/3 + 1/2)/6 = 17/72, z = (1/3 + 1 + 1/2)/6 = 11/36.
      // p_e = (33^2 + 17^2 + 22^2)/72^2 = 1862/5184 = 931/2592.
      // kappa = (17/30 - 931/2592)/(1 - 931/2592) = (2689/12960)/(8305/12960) = 2689/8305 = 0.32378…
      const t = buildTable(
        codingsFromCoderRows({
          A: ['x', 'x', 'y', _, 'x', _],
          B: ['x', 'x', 'z', 'z', _, _],
          C: ['y', _, 'y', 'z', _, 'y'],
          D: ['x', _, _, 'z', _, 'z'],
        }),
      );
      expect(fleissKappa(t).value).toBeCloseTo(2689 / 8305, 14);
      expect(fleissKappa(t)).toEqual(scottPi(t));
    });

    test('Krippendorff (2011) example C = irrCAC cac.raw4raters: 0.7611693, as fleiss.kappa.raw prints', () => {
      // p_a = 9/11 over the 11 pairable units; p_e = 34.375/144 (see scott-pi.test.ts).
      const pe = 34.375 / 144;
      expect(fleissKappa(krippendorffC).value).toBeCloseTo((9 / 11 - pe) / (1 - pe), 14);
      expect(fleissKappa(krippendorffC).value).toBeCloseTo(0.7611693, 7);
      expect(fleissKappa(krippendorffC)).toEqual(scottPi(krippendorffC));
    });

    test('not defined when only one category occurs', () => {
      const kappa = fleissKappa(buildTable(codingsFromCoderRows({ A: ['x', 'x'], B: ['x', _] })));
      expect(kappa.value).toBeNull();
      expect('reason' in kappa && kappa.reason).toContain('same single category');
    });
  });

  test.each([
    ['no codings', buildTable([]), 'there are no codings'],
    [
      'single-coded units only',
      buildTable(codingsFromCoderRows({ A: ['x', null], B: [null, 'y'] })),
      'every unit has a single coding',
    ],
    ['one category only', buildTable(codingsFromCoderRows({ A: ['x', 'x'], B: ['x', 'x'] })), 'same single category'],
  ])('not defined: %s', (_name, table, reason) => {
    const kappa = fleissKappa(table);
    expect(kappa.value).toBeNull();
    expect('reason' in kappa && kappa.reason).toContain(reason);
  });

  test.each([
    ['perfect agreement', { A: ['x', 'y'], B: ['x', 'y'], C: ['x', 'y'] }, 1],
    ['a single unit, disagreeing', { A: ['x'], B: ['y'] }, -1],
  ] as const)('%s', (_name, rows, value) => {
    expect(fleissKappa(buildTable(codingsFromCoderRows(rows)))).toEqual({ value });
  });
});
