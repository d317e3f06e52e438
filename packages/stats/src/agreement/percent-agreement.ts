// Percent agreement, pairwise form (e.g. Krippendorff 2004, Content Analysis 2nd ed., §11.2;
// Gwet 2014, Handbook of Inter-Rater Reliability, 4th ed., eq. 2.8 without chance correction):
//   for a unit with m >= 2 codings, the share of its m(m-1)/2 coder pairs that agree,
//   a_u = sum_k n_uk (n_uk - 1) / (m (m - 1));   percent agreement = mean of a_u over those units.
// Conventions: units with a single coding are left out (no pair to compare); every unit
// counts the same however many coders it has. Sets agree only when equal.
// Not defined when no unit has two or more codings.
import { rowCounts } from '../data/row-counts.ts';
import type { ReliabilityTable } from '../data/table.ts';
import { notDefined, type Stat } from '../result.ts';
import type { WeightedStat } from './weighted.ts';

export const NO_PAIRABLE_UNIT = 'no unit has two or more codings, so there is no pair of codings to compare';

/** Per row: share of agreeing pairs, or -1 for rows with fewer than two codings. */
export function pairAgreementShares(table: ReliabilityTable): Float64Array {
  const { size, start, count } = rowCounts(table);
  const share = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    const m = size[r]!;
    if (m < 2) {
      share[r] = -1;
      continue;
    }
    let agree = 0;
    for (let i = start[r]!; i < start[r + 1]!; i++) agree += count[i]! * (count[i]! - 1);
    share[r] = agree / (m * (m - 1));
  }
  return share;
}

export function preparePercentAgreement(table: ReliabilityTable): WeightedStat {
  const share = pairAgreementShares(table);
  return (weights) => {
    let sum = 0;
    let units = 0;
    for (let r = 0; r < share.length; r++) {
      if (share[r]! < 0) continue;
      sum += weights[r]! * share[r]!;
      units += weights[r]!;
    }
    return units > 0 ? { value: sum / units } : notDefined(NO_PAIRABLE_UNIT);
  };
}

export function percentAgreement(table: ReliabilityTable): Stat {
  return preparePercentAgreement(table)(table.weight);
}
