// The confusion (agreement) matrix of two coders: counts[i][j] = units coder A put in
// category i and coder B in category j, over the units both coded. Units either coder
// skipped are left out and counted in `onlyA` / `onlyB`. Always defined: no overlap gives
// a matrix of zeros and units = 0.
import type { CategoryValue, ReliabilityTable } from '../data/table.ts';
import { coderPair } from './coder-pairs.ts';

export interface ConfusionMatrix {
  readonly coderA: string;
  readonly coderB: string;
  readonly categories: readonly CategoryValue[];
  /** Rows: coder A's category; columns: coder B's. */
  readonly counts: number[][];
  /** Units both coded. */
  readonly units: number;
  /** Units only coder A (only coder B) coded. */
  readonly onlyA: number;
  readonly onlyB: number;
}

export function confusionMatrix(table: ReliabilityTable, coderA: string, coderB: string): ConfusionMatrix {
  const pair = coderPair(table, coderA, coderB);
  const k = table.categories.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let units = 0;
  for (let i = 0; i < pair.rows.length; i++) {
    const w = table.weight[pair.rows[i]!]!;
    counts[pair.valueA[i]!]![pair.valueB[i]!]! += w;
    units += w;
  }
  const coded = (coder: number) => {
    let n = 0;
    for (let r = 0; r < table.rows; r++)
      for (let e = table.rowStart[r]!; e < table.rowStart[r + 1]!; e++)
        if (table.entryCoder[e] === coder) n += table.weight[r]!;
    return n;
  };
  return {
    coderA,
    coderB,
    categories: table.categories,
    counts,
    units,
    onlyA: coded(pair.a) - units,
    onlyB: coded(pair.b) - units,
  };
}
