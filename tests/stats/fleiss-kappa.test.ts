import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, fleissKappa, scottPi } from '@threadcoder/stats';
import { codingsFromCounts, krippendorffC } from './worked-examples.ts';

const categories = ['1', '2', '3', '4', '5'];

describe("Fleiss' kappa", () => {
  test('Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses; kappa = .430', () => {
    // Subjects x (depression, personality disorder, schizophrenia, neurosis, other).
    // Kappa depends only on each subject's sum of squared counts and on the category totals;
    // these rows reproduce the paper's P-bar = .556 (sum n_ij^2 = 680) and p_j = .144, .144,
    // .167, .306, .239 (totals 26, 26, 30, 55, 43).
    const counts = [
      [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
      [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
      [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
    ];
    const t = buildTable(codingsFromCounts(categories, counts));
    // (500/900 - 7126/32400) / (1 - 7126/32400)
    expect(fleissKappa(t).value).toBeCloseTo((500 / 900 - 7126 / 32400) / (1 - 7126 / 32400), 12);
    expect(fleissKappa(t).value).toBeCloseTo(0.430, 3);
  });

  test('10 subjects, 14 raters, 5 categories (the example in most references): P = .378, P_e = .213, kappa = .210', () => {
    const counts = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const t = buildTable(codingsFromCounts(categories, counts));
    // P-bar = (sum n^2 - 140) / (10 * 14 * 13) = 688/1820; p_j = 20, 28, 39, 21, 32 over 140.
    const pe = (20 ** 2 + 28 ** 2 + 39 ** 2 + 21 ** 2 + 32 ** 2) / 140 ** 2;
    expect(fleissKappa(t).value).toBeCloseTo((688 / 1820 - pe) / (1 - pe), 12);
    expect(fleissKappa(t).value).toBeCloseTo(0.21, 3);
  });

  test('with the same number of codings per unit it equals the generalised Scott pi', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'z'], B: ['x', 'y', 'y', 'z'], C: ['y', 'x', 'y', 'x'] }));
    expect(fleissKappa(t).value).toBeCloseTo(scottPi(t).value!, 12);
  });

  test.each([
    ['varying numbers of codings (Krippendorff 2011 example C)', krippendorffC, 'units have between 1 and 4'],
    ['no codings', buildTable([]), 'there are no codings'],
    ['single-coded units only', buildTable(codingsFromCoderRows({ A: ['x', null], B: [null, 'y'] })), 'every unit has a single coding'],
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
