// Percent agreement and Cohen's kappa for every pair of coders, each on the units that pair
// both coded, all from one pass over the table (coder-pairs.ts). The same values as building a
// table of just the two coders' codings, without building 1,225 tables for 50 coders: a pair
// sharing no unit gets its "not defined" answers and nothing else.
import type { ReliabilityTable } from '../data/table.ts';
import { notDefined, type Stat } from '../result.ts';
import { coderPairs } from './coder-pairs.ts';
import { prepareKappaForPair } from './cohen-kappa.ts';
import { NO_PAIRABLE_UNIT } from './percent-agreement.ts';

export interface PairAgreement {
  readonly coderA: string;
  readonly coderB: string;
  /** Units both coded (row weights summed). */
  readonly units: number;
  /** Share of those units where the two gave the same value (sets: the same set). */
  readonly percentAgreement: Stat;
  readonly kappa: Stat;
}

/** Every pair a < b of coders, in coder order, including pairs with no unit in common. */
export function pairAgreement(table: ReliabilityTable): PairAgreement[] {
  return coderPairs(table).map((pair) => {
    let units = 0;
    let agree = 0;
    for (let i = 0; i < pair.rows.length; i++) {
      const w = table.weight[pair.rows[i]!]!;
      units += w;
      if (pair.valueA[i] === pair.valueB[i]) agree += w;
    }
    return {
      coderA: table.coders[pair.a]!,
      coderB: table.coders[pair.b]!,
      units,
      percentAgreement: units > 0 ? { value: agree / units } : notDefined(NO_PAIRABLE_UNIT),
      kappa: prepareKappaForPair(table, pair)(table.weight),
    };
  });
}
