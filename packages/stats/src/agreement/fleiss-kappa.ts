// Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters",
// Psychological Bulletin 76(5):378-382), for N units each coded by the same number n >= 2:
//   P_i = (sum_j n_ij^2 - n) / (n (n - 1)),   P_bar = mean P_i
//   p_j = sum_i n_ij / (N n),                 P_e = sum_j p_j^2
//   kappa = (P_bar - P_e) / (1 - P_e)
// Not defined when n < 2, or when only one category occurs (P_e = 1).
// Units with different numbers of codings: Fleiss' derivation assumes a constant n, so this
// follows Gwet (2014, Handbook, 4th ed.) and irrCAC's fleiss.kappa.raw, whose "Fleiss'
// generalized kappa" is the multi-rater Scott's pi of scott-pi.ts (p_a over units with two or
// more codings, pi_k over all units). With a constant n both give the same value; the classic
// formula above is kept for that case.
import { rowCounts } from '../data/row-counts.ts';
import type { ReliabilityTable } from '../data/table.ts';
import { finiteStat, notDefined, type Stat } from '../result.ts';
import { ONE_CATEGORY, prepareScottPi } from './scott-pi.ts';
import type { WeightedStat } from './weighted.ts';

export function prepareFleissKappa(table: ReliabilityTable): WeightedStat {
  const { size, start, category, count } = rowCounts(table);
  const k = table.categories.length;
  const generalized = prepareScottPi(table);
  return (weights) => {
    let lo = Infinity;
    let hi = -Infinity;
    let units = 0;
    for (let r = 0; r < table.rows; r++) {
      if (weights[r] === 0) continue;
      lo = Math.min(lo, size[r]!);
      hi = Math.max(hi, size[r]!);
      units += weights[r]!;
    }
    if (units === 0) return notDefined('there are no codings');
    if (lo !== hi) return generalized(weights);
    const n = lo;
    if (n < 2) return notDefined('every unit has a single coding, so there is no pair of codings to compare');
    const p = new Float64Array(k);
    let pBar = 0;
    for (let r = 0; r < table.rows; r++) {
      const w = weights[r]!;
      if (w === 0) continue;
      let squares = 0;
      for (let i = start[r]!; i < start[r + 1]!; i++) {
        squares += count[i]! * count[i]!;
        p[category[i]!]! += w * count[i]!;
      }
      pBar += (w * (squares - n)) / (n * (n - 1));
    }
    pBar /= units;
    let pe = 0;
    for (let j = 0; j < k; j++) pe += (p[j]! / (units * n)) ** 2;
    if (1 - pe < 1e-12) return notDefined(ONE_CATEGORY);
    return finiteStat((pBar - pe) / (1 - pe));
  };
}

export function fleissKappa(table: ReliabilityTable): Stat {
  return prepareFleissKappa(table)(table.weight);
}
