// For each pair of coders, the units both coded and the two values: the raw material of
// Cohen's kappa and the confusion matrix. Built in one pass over the rows for all pairs.
import type { ReliabilityTable } from '../data/table.ts';

export interface CoderPair {
  /** Coder indices, a < b. */
  readonly a: number;
  readonly b: number;
  /** Rows both coded, with coder a's and coder b's category there. */
  readonly rows: Int32Array;
  readonly valueA: Int32Array;
  readonly valueB: Int32Array;
}

const cache = new WeakMap<ReliabilityTable, CoderPair[]>();

/** Every pair a < b of coders, in order (0,1), (0,2), …, (1,2), …, including pairs with no unit in common. */
export function coderPairs(table: ReliabilityTable): CoderPair[] {
  const hit = cache.get(table);
  if (hit) return hit;
  const c = table.coders.length;
  const buckets: number[][] = Array.from({ length: c * c }, () => []);
  const { rowStart, entryCoder, entryValue } = table;
  for (let r = 0; r < table.rows; r++) {
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) {
      for (let j = i + 1; j < rowStart[r + 1]!; j++) {
        // entries are sorted by coder, so entryCoder[i] < entryCoder[j]
        buckets[entryCoder[i]! * c + entryCoder[j]!]!.push(r, entryValue[i]!, entryValue[j]!);
      }
    }
  }
  const pairs: CoderPair[] = [];
  for (let a = 0; a < c; a++) {
    for (let b = a + 1; b < c; b++) {
      const flat = buckets[a * c + b]!;
      const n = flat.length / 3;
      const rows = new Int32Array(n), valueA = new Int32Array(n), valueB = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        rows[i] = flat[3 * i]!;
        valueA[i] = flat[3 * i + 1]!;
        valueB[i] = flat[3 * i + 2]!;
      }
      pairs.push({ a, b, rows, valueA, valueB });
    }
  }
  cache.set(table, pairs);
  return pairs;
}

/** The pair for two named coders (in either order), values oriented as (first, second). */
export function coderPair(table: ReliabilityTable, first: string, second: string): CoderPair {
  const a = table.coders.indexOf(first);
  const b = table.coders.indexOf(second);
  if (a < 0) throw new RangeError(`unknown coder "${first}"`);
  if (b < 0) throw new RangeError(`unknown coder "${second}"`);
  if (a === b) throw new RangeError(`a coder cannot be paired with itself ("${first}")`);
  const pair = coderPairs(table).find((p) => p.a === Math.min(a, b) && p.b === Math.max(a, b))!;
  return a < b ? pair : { a: b, b: a, rows: pair.rows, valueA: pair.valueB, valueB: pair.valueA };
}
