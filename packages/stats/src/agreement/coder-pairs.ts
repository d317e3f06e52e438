// For each pair of coders, the units both coded and the two values: the raw material of
// Cohen's kappa and the confusion matrix. Built in one pass over the rows for all pairs that
// share a unit; the others need no storage.
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
/** Shared by every pair with no unit in common (an empty array holds nothing to change). */
const NONE = new Int32Array(0);
const unshared = (a: number, b: number): CoderPair => ({ a, b, rows: NONE, valueA: NONE, valueB: NONE });

/**
 * The pairs a < b that coded at least one unit in common, in order (0,1), (0,2), …, (1,2), ….
 * With many coders most pairs share nothing: 50 coders make 1,225 pairs, of which perhaps 25 share units.
 */
export function sharedCoderPairs(table: ReliabilityTable): CoderPair[] {
  const hit = cache.get(table);
  if (hit) return hit;
  const c = table.coders.length;
  // Keyed by a * c + b, which sorts as the pairs do.
  const buckets = new Map<number, number[]>();
  const { rowStart, entryCoder, entryValue } = table;
  for (let r = 0; r < table.rows; r++) {
    for (let i = rowStart[r]!; i < rowStart[r + 1]!; i++) {
      for (let j = i + 1; j < rowStart[r + 1]!; j++) {
        // entries are sorted by coder, so entryCoder[i] < entryCoder[j]
        const key = entryCoder[i]! * c + entryCoder[j]!;
        let flat = buckets.get(key);
        if (!flat) {
          flat = [];
          buckets.set(key, flat);
        }
        flat.push(r, entryValue[i]!, entryValue[j]!);
      }
    }
  }
  const pairs = [...buckets.keys()]
    .sort((x, y) => x - y)
    .map((key): CoderPair => {
      const flat = buckets.get(key)!;
      const n = flat.length / 3;
      const rows = new Int32Array(n),
        valueA = new Int32Array(n),
        valueB = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        rows[i] = flat[3 * i]!;
        valueA[i] = flat[3 * i + 1]!;
        valueB[i] = flat[3 * i + 2]!;
      }
      return { a: Math.floor(key / c), b: key % c, rows, valueA, valueB };
    });
  cache.set(table, pairs);
  return pairs;
}

/** Every pair a < b of coders, in order (0,1), (0,2), …, (1,2), …, including pairs with no unit in common. */
export function coderPairs(table: ReliabilityTable): CoderPair[] {
  const c = table.coders.length;
  const shared = sharedCoderPairs(table);
  const pairs: CoderPair[] = [];
  let next = 0;
  for (let a = 0; a < c; a++) {
    for (let b = a + 1; b < c; b++) {
      const pair = shared[next];
      if (pair && pair.a === a && pair.b === b) {
        pairs.push(pair);
        next++;
      } else pairs.push(unshared(a, b));
    }
  }
  return pairs;
}

/** The first pair a < b (in the order above) with no unit in common, or null when every pair shares one. */
export function firstUnsharedPair(table: ReliabilityTable): CoderPair | null {
  const c = table.coders.length;
  const shared = sharedCoderPairs(table);
  let next = 0;
  for (let a = 0; a < c; a++) {
    for (let b = a + 1; b < c; b++) {
      const pair = shared[next];
      if (!pair || pair.a !== a || pair.b !== b) return unshared(a, b);
      next++;
    }
  }
  return null;
}

/** The pair for two named coders (in either order), values oriented as (first, second). */
export function coderPair(table: ReliabilityTable, first: string, second: string): CoderPair {
  const a = table.coders.indexOf(first);
  const b = table.coders.indexOf(second);
  if (a < 0) throw new RangeError(`unknown coder "${first}"`);
  if (b < 0) throw new RangeError(`unknown coder "${second}"`);
  if (a === b) throw new RangeError(`a coder cannot be paired with itself ("${first}")`);
  const [low, high] = [Math.min(a, b), Math.max(a, b)];
  const pair = sharedCoderPairs(table).find((p) => p.a === low && p.b === high) ?? unshared(low, high);
  return a < b ? pair : { a: b, b: a, rows: pair.rows, valueA: pair.valueB, valueB: pair.valueA };
}
