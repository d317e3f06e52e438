import { describe, expect, test } from 'vitest';
import {
  buildTable,
  codingsFromCoderRows,
  cohenKappa,
  compressTable,
  pairAgreement,
  percentAgreement,
} from '@threadcoder/stats';
import { krippendorffC } from './worked-examples.ts';

const _ = null;

// A and B share units 1-4, C and D units 5-6; no other pair shares a unit.
// A–B: agree on 1, 3, 4: p_o = 3/4; A x2 y2, B x1 y3: p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2, kappa = 1/2.
// C–D: agree on 5 only: p_o = 1/2; C x1 y1, D x2: p_e = (1/2)(2/2) = 1/2, kappa = 0.
const twoGroups = codingsFromCoderRows({
  A: ['x', 'x', 'y', 'y', _, _],
  B: ['x', 'y', 'y', 'y', _, _],
  C: [_, _, _, _, 'x', 'y'],
  D: [_, _, _, _, 'x', 'x'],
});

const unshared = (a: string, b: string) => ({
  coderA: a,
  coderB: b,
  units: 0,
  percentAgreement: {
    value: null,
    reason: 'no unit has two or more codings, so there is no pair of codings to compare',
  },
  kappa: { value: null, reason: `coders "${a}" and "${b}" coded no unit in common` },
});

describe('agreement of every coder pair', () => {
  test('pairs that share units get their values; pairs that share none are listed, not defined, with the reason', () => {
    expect(pairAgreement(buildTable(twoGroups))).toEqual([
      { coderA: 'A', coderB: 'B', units: 4, percentAgreement: { value: 0.75 }, kappa: { value: 0.5 } },
      unshared('A', 'C'),
      unshared('A', 'D'),
      unshared('B', 'C'),
      unshared('B', 'D'),
      { coderA: 'C', coderB: 'D', units: 2, percentAgreement: { value: 0.5 }, kappa: { value: 0 } },
    ]);
  });

  test('the same values as a table of only the two coders, on Krippendorff example C (four coders, gaps)', () => {
    const codings = codingsFromCoderRows({
      A: ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
      B: ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
      C: [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
      D: ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
    });
    const pairs = pairAgreement(buildTable(codings));
    expect(pairs).toHaveLength(6);
    for (const p of pairs) {
      const two = buildTable(codings.filter((c) => c.coder === p.coderA || c.coder === p.coderB));
      expect(p.percentAgreement).toEqual(percentAgreement(two));
      expect(p.kappa).toEqual(cohenKappa(two, p.coderA, p.coderB));
    }
    expect(pairs[0]).toEqual({
      coderA: 'A',
      coderB: 'B',
      units: 9,
      percentAgreement: { value: 8 / 9 },
      kappa: expect.anything(),
    });
  });

  test('a compressed table gives the same pairs (units are row weights)', () => {
    expect(pairAgreement(compressTable(krippendorffC).table)).toEqual(pairAgreement(krippendorffC));
    expect(pairAgreement(compressTable(buildTable(twoGroups)).table)).toEqual(pairAgreement(buildTable(twoGroups)));
  });

  test('no coders or one coder: no pairs', () => {
    expect(pairAgreement(buildTable([]))).toEqual([]);
    expect(pairAgreement(buildTable(codingsFromCoderRows({ A: ['x', 'y'] })))).toEqual([]);
  });
});
