// Mean of pairwise Cohen's kappas (Light 1971, "Measures of response agreement for qualitative
// data", Psychological Bulletin 76(5):365-377; also Conger 1980): Cohen's kappa for every pair
// of coders on the units that pair both coded, averaged with equal weight per pair.
// Conventions: pairs whose kappa is not defined (no unit in common, or one shared category
// throughout) are left out of the mean, and pairwiseCohenKappa() lists them with the reason.
// Not defined with fewer than two coders or when no pair has a defined kappa.
import type { ReliabilityTable } from '../data/table.ts';
import { notDefined, type Stat } from '../result.ts';
import { coderPairs } from './coder-pairs.ts';
import { prepareKappaForPair } from './cohen-kappa.ts';
import type { WeightedStat } from './weighted.ts';

export interface PairKappa {
  readonly coderA: string;
  readonly coderB: string;
  readonly kappa: Stat;
}

export function pairwiseCohenKappa(table: ReliabilityTable): PairKappa[] {
  return coderPairs(table).map((pair) => ({
    coderA: table.coders[pair.a]!,
    coderB: table.coders[pair.b]!,
    kappa: prepareKappaForPair(table, pair)(table.weight),
  }));
}

export function prepareMeanPairwiseCohenKappa(table: ReliabilityTable): WeightedStat {
  if (table.coders.length < 2) return () => notDefined('there are fewer than two coders');
  const pairs = coderPairs(table).map((pair) => prepareKappaForPair(table, pair));
  return (weights) => {
    let sum = 0;
    let used = 0;
    let firstReason = '';
    for (const kappa of pairs) {
      const k = kappa(weights);
      if (k.value === null) firstReason ||= k.reason;
      else {
        sum += k.value;
        used++;
      }
    }
    return used > 0 ? { value: sum / used } : notDefined(`no pair of coders has a defined kappa (for example: ${firstReason})`);
  };
}

export function meanPairwiseCohenKappa(table: ReliabilityTable): Stat {
  return prepareMeanPairwiseCohenKappa(table)(table.weight);
}
