// Mean of pairwise Cohen's kappas (Light 1971, "Measures of response agreement for qualitative
// data", Psychological Bulletin 76(5):365-377; also Conger 1980): Cohen's kappa for every pair
// of coders on the units that pair both coded, averaged with equal weight per pair.
// Conventions: pairs whose kappa is not defined (no unit in common, or one shared category
// throughout) are left out of the mean, and pairwiseCohenKappa() lists them with the reason.
// Not defined with fewer than two coders or when no pair has a defined kappa.
import type { ReliabilityTable } from '../data/table.ts';
import { notDefined, type Stat } from '../result.ts';
import { coderPairs, firstUnsharedPair, sharedCoderPairs } from './coder-pairs.ts';
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
  // A pair sharing no unit never has a kappa, whatever the weights: only pairs that share one
  // are evaluated (few of them with many coders). The reason for "none defined" is the first
  // undefined pair's in pair order (numbered a * c + b), which may be the first unshared pair.
  const c = table.coders.length;
  const shared = sharedCoderPairs(table).map((pair) => ({
    order: pair.a * c + pair.b,
    kappa: prepareKappaForPair(table, pair),
  }));
  const unshared = firstUnsharedPair(table);
  const unsharedAt = unshared ? unshared.a * c + unshared.b : Infinity;
  const unsharedKappa = unshared && prepareKappaForPair(table, unshared)(table.weight);
  const unsharedReason = unsharedKappa?.value === null ? unsharedKappa.reason : '';
  return (weights) => {
    let sum = 0;
    let used = 0;
    let firstReason = '';
    let firstReasonAt = Infinity;
    for (const { order, kappa } of shared) {
      const k = kappa(weights);
      if (k.value !== null) {
        sum += k.value;
        used++;
      } else if (firstReasonAt === Infinity) {
        firstReason = k.reason;
        firstReasonAt = order;
      }
    }
    if (used > 0) return { value: sum / used };
    return notDefined(
      `no pair of coders has a defined kappa (for example: ${unsharedAt < firstReasonAt ? unsharedReason : firstReason})`,
    );
  };
}

export function meanPairwiseCohenKappa(table: ReliabilityTable): Stat {
  return prepareMeanPairwiseCohenKappa(table)(table.weight);
}
