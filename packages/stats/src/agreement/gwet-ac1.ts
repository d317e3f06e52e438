// Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance in the presence
// of high agreement", Br J Math Stat Psychol 61:29-48; multi-rater form with varying numbers
// of raters per unit from Gwet 2014, Handbook, 4th ed.; irrCAC gwet.ac1.raw):
//   AC1 = (p_a - p_e) / (1 - p_e),   p_e = sum_k pi_k (1 - pi_k) / (q - 1)
// with p_a and pi_k as in multi-rater.ts and q the number of categories: every category that
// occurs anywhere in the data plus any declared via buildTable's `categories` option.
// Not defined when no unit has two codings, or when q < 2 (p_e divides by q - 1).
// p_e <= 1/q < 1 otherwise, so AC1 is defined even when every coding uses one category.
import type { ReliabilityTable } from '../data/table.ts';
import { finiteStat, notDefined, type Stat } from '../result.ts';
import { prepareMultiRater } from './multi-rater.ts';
import { NO_PAIRABLE_UNIT } from './percent-agreement.ts';
import type { WeightedStat } from './weighted.ts';

export function prepareGwetAc1(table: ReliabilityTable): WeightedStat {
  const parts = prepareMultiRater(table);
  const q = table.categories.length;
  return (weights) => {
    const { pa, pi, pairedUnits } = parts(weights);
    if (pairedUnits === 0) return notDefined(NO_PAIRABLE_UNIT);
    if (q < 2)
      return notDefined(
        'only one category exists (q = 1), so chance agreement sum pi_k(1 - pi_k)/(q - 1) is 0/0; declare the codebook categories to define it',
      );
    let spread = 0;
    for (const p of pi) spread += p * (1 - p);
    const pe = spread / (q - 1);
    return finiteStat((pa - pe) / (1 - pe));
  };
}

export function gwetAc1(table: ReliabilityTable): Stat {
  return prepareGwetAc1(table)(table.weight);
}
