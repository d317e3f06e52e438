// The two ingredients Scott's pi and Gwet's AC1 share when coders per unit vary
// (Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed., ch. 2 and 4; the same
// formulas as the irrCAC package's fleiss.kappa.raw and gwet.ac1.raw):
//   p_a   = mean over units with m_u >= 2 of  sum_k n_uk (n_uk - 1) / (m_u (m_u - 1))
//   pi_k  = mean over all units with m_u >= 1 of  n_uk / m_u
// p_a is the pairwise percent agreement. pi_k counts every coded unit once, including units
// with a single coding: each unit contributes its own category shares, not its raw counts.
import { rowCounts } from '../data/row-counts.ts';
import type { ReliabilityTable } from '../data/table.ts';
import { pairAgreementShares } from './percent-agreement.ts';

export interface MultiRaterParts {
  /** Observed agreement p_a; NaN-free: `pairedUnits` is 0 when it does not exist. */
  readonly pa: number;
  /** Category shares pi_k (length = number of categories); all 0 when there are no units. */
  readonly pi: Float64Array;
  /** Weighted number of units with two or more codings. */
  readonly pairedUnits: number;
}

export function prepareMultiRater(table: ReliabilityTable): (weights: Float64Array) => MultiRaterParts {
  const share = pairAgreementShares(table);
  const { size, start, category, count } = rowCounts(table);
  const k = table.categories.length;
  return (weights) => {
    const pi = new Float64Array(k);
    let units = 0;
    let paired = 0;
    let agree = 0;
    for (let r = 0; r < table.rows; r++) {
      const w = weights[r]!;
      if (w === 0) continue;
      units += w;
      const wm = w / size[r]!;
      for (let i = start[r]!; i < start[r + 1]!; i++) pi[category[i]!]! += wm * count[i]!;
      if (share[r]! >= 0) {
        paired += w;
        agree += w * share[r]!;
      }
    }
    if (units > 0) for (let c = 0; c < k; c++) pi[c]! /= units;
    return { pa: paired > 0 ? agree / paired : 0, pi, pairedUnits: paired };
  };
}
