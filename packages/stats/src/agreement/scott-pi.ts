// Scott's pi (Scott 1955, "Reliability of content analysis: the case of nominal scale coding"):
//   pi = (p_o - p_e) / (1 - p_e),   p_e = sum_k pi_k^2 with pi_k the pooled category shares.
// More than two coders, or missing codings: the Fleiss-style generalisation in Gwet's form
// (Gwet 2014, Handbook, 4th ed., "Fleiss' kappa" with missing ratings; irrCAC fleiss.kappa.raw):
// p_o = p_a and pi_k as in multi-rater.ts. With two coders and no missing codings this is
// exactly Scott's pi; with the same number of codings on every unit it is exactly Fleiss' kappa.
// Not defined when no unit has two codings, or when only one category occurs (p_e = 1: 0/0).
import type { ReliabilityTable } from '../data/table.ts';
import { finiteStat, notDefined, type Stat } from '../result.ts';
import { prepareMultiRater } from './multi-rater.ts';
import { NO_PAIRABLE_UNIT } from './percent-agreement.ts';
import type { WeightedStat } from './weighted.ts';

export const ONE_CATEGORY =
  'every coding uses the same single category, so chance agreement is 1 and the coefficient is 0/0';

export function prepareScottPi(table: ReliabilityTable): WeightedStat {
  const parts = prepareMultiRater(table);
  return (weights) => {
    const { pa, pi, pairedUnits } = parts(weights);
    if (pairedUnits === 0) return notDefined(NO_PAIRABLE_UNIT);
    let pe = 0;
    for (const p of pi) pe += p * p;
    if (1 - pe < 1e-12) return notDefined(ONE_CATEGORY);
    return finiteStat((pa - pe) / (1 - pe));
  };
}

export function scottPi(table: ReliabilityTable): Stat {
  return prepareScottPi(table)(table.weight);
}
