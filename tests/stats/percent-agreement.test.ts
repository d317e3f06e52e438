import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, percentAgreement } from '@threadcoder/stats';
import { krippendorffCNominal } from './worked-examples.ts';

const _ = null;

describe('percent agreement (pairwise)', () => {
  test('two coders: share of units where they agree', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'] }));
    expect(percentAgreement(t)).toEqual({ value: 0.75 });
  });

  test('three coders: a 2-1 split agrees on one pair of three', () => {
    const t = buildTable(codingsFromCoderRows({ A: ['x', 'x'], B: ['x', 'x'], C: ['x', 'y'] }));
    expect(percentAgreement(t).value).toBeCloseTo((1 + 1 / 3) / 2, 12);
  });

  test('Krippendorff (2011) example C: 9 of 11 pairable units, unit 12 (one coding) left out', () => {
    // Unit shares: 1, .5, 1, 1, 1, 0, 1, .5, 1, 1, 1.
    expect(percentAgreement(krippendorffCNominal).value).toBeCloseTo(9 / 11, 12);
  });

  test('sets agree only when equal', () => {
    const t = buildTable(
      codingsFromCoderRows({
        A: [['a', 'b'], ['a']],
        B: [
          ['b', 'a'],
          ['a', 'c'],
        ],
      }),
    );
    expect(percentAgreement(t)).toEqual({ value: 0.5 });
  });

  test.each([
    ['perfect agreement', { A: ['x', 'y'], B: ['x', 'y'] }, 1],
    ['one category only', { A: ['x', 'x'], B: ['x', 'x'] }, 1],
    ['a single unit, disagreeing', { A: ['x'], B: ['y'] }, 0],
    ['no overlap', { A: ['x', _], B: [_, 'y'] }, null],
    ['no codings', {}, null],
  ] as const)('%s', (_name, rows, value) => {
    const pa = percentAgreement(buildTable(codingsFromCoderRows(rows)));
    expect(pa.value).toBe(value);
    if (value === null)
      expect(pa).toEqual({
        value: null,
        reason: 'no unit has two or more codings, so there is no pair of codings to compare',
      });
  });
});
