// Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal scales", Educational and
// Psychological Measurement 20:37-46), for two coders over the units both coded:
//   p_o = share of those units where they agree
//   p_e = sum_k pA_k pB_k   (each coder's own category shares on those units)
//   kappa = (p_o - p_e) / (1 - p_e)
// Units coded by only one of the two are left out. Sets count as categories (agree when equal).
// Not defined when there are not exactly two coders (unless two are named), when the two
// coded no unit in common, or when both used one and the same category throughout (p_e = 1).
import type { ReliabilityTable } from '../data/table.ts';
import { finiteStat, notDefined, type Stat } from '../result.ts';
import { coderPair, type CoderPair } from './coder-pairs.ts';
import type { WeightedStat } from './weighted.ts';

export function prepareKappaForPair(table: ReliabilityTable, pair: CoderPair): WeightedStat {
  const k = table.categories.length;
  const names = `"${table.coders[pair.a]}" and "${table.coders[pair.b]}"`;
  if (pair.rows.length === 0) {
    // Most pairs of a many-coder study: no weighting can give them a unit, so answer without work.
    const none = notDefined(`coders ${names} coded no unit in common`);
    return () => none;
  }
  return (weights) => {
    const pA = new Float64Array(k);
    const pB = new Float64Array(k);
    let n = 0;
    let agree = 0;
    for (let i = 0; i < pair.rows.length; i++) {
      const w = weights[pair.rows[i]!]!;
      if (w === 0) continue;
      n += w;
      pA[pair.valueA[i]!]! += w;
      pB[pair.valueB[i]!]! += w;
      if (pair.valueA[i] === pair.valueB[i]) agree += w;
    }
    if (n === 0) return notDefined(`coders ${names} coded no unit in common`);
    let pe = 0;
    for (let c = 0; c < k; c++) pe += (pA[c]! / n) * (pB[c]! / n);
    if (1 - pe < 1e-12)
      return notDefined(
        `coders ${names} used one and the same category on every unit they both coded, so chance agreement is 1 and kappa is 0/0`,
      );
    return finiteStat((agree / n - pe) / (1 - pe));
  };
}

export function prepareCohenKappa(table: ReliabilityTable, coderA?: string, coderB?: string): WeightedStat {
  if (coderA === undefined || coderB === undefined) {
    if (table.coders.length !== 2) {
      const reason = `Cohen's kappa needs exactly two coders, and there ${table.coders.length === 1 ? 'is 1' : `are ${table.coders.length}`}; see mean_pairwise_cohen_kappa`;
      return () => notDefined(reason);
    }
    [coderA, coderB] = table.coders as [string, string];
  }
  return prepareKappaForPair(table, coderPair(table, coderA, coderB));
}

/** Cohen's kappa for the two named coders, or for the table's only two coders. */
export function cohenKappa(table: ReliabilityTable, coderA?: string, coderB?: string): Stat {
  return prepareCohenKappa(table, coderA, coderB)(table.weight);
}
