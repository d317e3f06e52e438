import { describe, expect, test } from 'vitest';
import {
  buildTable,
  codingsFromCoderRows,
  cohenKappa,
  meanPairwiseCohenKappa,
  pairwiseCohenKappa,
} from '@threadcoder/stats';
import { codingsFromConfusion, krippendorffA, krippendorffCNominal } from './worked-examples.ts';

const _ = null;

describe("Cohen's kappa — textbook examples", () => {
  test('Cohen (1960), Table 1: p_o = .70, p_e = .41, kappa = .29/.59 = .492', () => {
    // 200 cases; proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06 (rows judge A, columns judge B).
    const t = buildTable(
      codingsFromConfusion(
        ['1', '2', '3'],
        [
          [88, 14, 18],
          [10, 40, 10],
          [2, 6, 12],
        ],
      ),
    );
    expect(cohenKappa(t).value).toBeCloseTo(0.29 / 0.59, 12);
    expect(cohenKappa(t).value).toBeCloseTo(0.492, 3);
  });

  test('two readers of 50 proposals (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): kappa = 0.4', () => {
    const t = buildTable(
      codingsFromConfusion(
        ['yes', 'no'],
        [
          [20, 5],
          [10, 15],
        ],
      ),
    );
    expect(cohenKappa(t).value).toBeCloseTo(0.4, 12);
  });

  test('Krippendorff (2011) example A: p_o = .6, p_e = .56, kappa = 1/11', () => {
    expect(cohenKappa(krippendorffA).value).toBeCloseTo(1 / 11, 12);
  });

  test('hand-computed: x x y y vs x y y y gives 0.5', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'] }));
    expect(cohenKappa(t)).toEqual({ value: 0.5 });
  });

  test('units coded by only one of the two are left out', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y', 'y', _], B: ['x', 'y', 'y', 'y', _, 'x'] }));
    expect(cohenKappa(t)).toEqual({ value: 0.5 });
  });

  test('named coders in a larger table, in either order', () => {
    const t = buildTable(
      codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'], C: ['y', 'y', 'y', 'x'] }),
    );
    expect(cohenKappa(t, 'A', 'B')).toEqual({ value: 0.5 });
    expect(cohenKappa(t, 'B', 'A')).toEqual({ value: 0.5 });
    expect(() => cohenKappa(t, 'A', 'Z')).toThrow('unknown coder "Z"');
  });
});

describe("Cohen's kappa — degenerate data", () => {
  test.each([
    ['three coders without names', { A: ['x'], B: ['x'], C: ['y'] }, null, 'needs exactly two coders, and there are 3'],
    ['one coder', { A: ['x', 'y'] }, null, 'needs exactly two coders, and there is 1'],
    ['no overlap', { A: ['x', 'y', _, _], B: [_, _, 'x', 'y'] }, null, 'coded no unit in common'],
    ['one category only', { A: ['x', 'x'], B: ['x', 'x'] }, null, 'one and the same category'],
    ['perfect agreement', { A: ['x', 'y', 'z'], B: ['x', 'y', 'z'] }, 1, ''],
    ['a single unit, disagreeing', { A: ['x'], B: ['y'] }, 0, ''],
    ['each coder uses one (different) category', { A: ['x', 'x'], B: ['y', 'y'] }, 0, ''],
  ] as const)('%s', (_name, rows, value, reason) => {
    const kappa = cohenKappa(buildTable(codingsFromCoderRows(rows)));
    expect(kappa.value).toBe(value);
    if (value === null) expect('reason' in kappa && kappa.reason).toContain(reason);
  });
});

describe("mean of pairwise Cohen's kappas (Light's kappa)", () => {
  test('three coders: the plain mean of the three pairs', () => {
    const t = buildTable(
      codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'], C: ['x', 'x', 'y', 'y'] }),
    );
    // A-B 0.5, A-C 1, B-C 0.5
    expect(pairwiseCohenKappa(t).map((p) => [p.coderA, p.coderB, p.kappa.value])).toEqual([
      ['A', 'B', 0.5],
      ['A', 'C', 1],
      ['B', 'C', 0.5],
    ]);
    expect(meanPairwiseCohenKappa(t).value).toBeCloseTo(2 / 3, 12);
  });

  test('pairs without a defined kappa are left out of the mean', () => {
    // C shares no unit with A or B.
    const t = buildTable(
      codingsFromCoderRows({ A: ['x', 'x', 'y', 'y', _], B: ['x', 'y', 'y', 'y', _], C: [_, _, _, _, 'x'] }),
    );
    expect(meanPairwiseCohenKappa(t)).toEqual({ value: 0.5 });
  });

  test('Krippendorff (2011) example C as categories: mean over the six pairs', () => {
    const pairs = pairwiseCohenKappa(krippendorffCNominal);
    expect(pairs).toHaveLength(6);
    const mean = pairs.reduce((a, p) => a + p.kappa.value!, 0) / 6;
    expect(meanPairwiseCohenKappa(krippendorffCNominal).value).toBeCloseTo(mean, 12);
  });

  test.each([
    [
      'the first pair shares no unit',
      { A: ['x', _], B: [_, 'x'], C: ['x', 'x'] },
      'coders "A" and "B" coded no unit in common',
    ],
    [
      'the first pair shares units, the next none',
      { A: ['x', 'x', _], B: ['x', 'x', _], C: [_, _, 'y'] },
      'coders "A" and "B" used one and the same category on every unit they both coded, so chance agreement is 1 and kappa is 0/0',
    ],
  ] as const)('not defined, the reason is the first pair’s (in coder order): %s', (_name, rows, example) => {
    expect(meanPairwiseCohenKappa(buildTable(codingsFromCoderRows(rows)))).toEqual({
      value: null,
      reason: `no pair of coders has a defined kappa (for example: ${example})`,
    });
  });

  test.each([
    ['one coder', { A: ['x', 'y'] }, 'fewer than two coders'],
    ['no overlap anywhere', { A: ['x', _], B: [_, 'y'] }, 'no pair of coders has a defined kappa'],
    ['one category only', { A: ['x', 'x'], B: ['x', 'x'], C: ['x', 'x'] }, 'no pair of coders has a defined kappa'],
  ] as const)('not defined: %s', (_name, rows, reason) => {
    const kappa = meanPairwiseCohenKappa(buildTable(codingsFromCoderRows(rows)));
    expect(kappa.value).toBeNull();
    expect('reason' in kappa && kappa.reason).toContain(reason);
  });
});
