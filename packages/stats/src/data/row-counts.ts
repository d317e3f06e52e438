// Per-row value-count vectors: for each row, which categories occur and how often. Most
// statistics only need these counts (not who coded what), so they are computed once per table.
import type { ReliabilityTable } from './table.ts';

export interface RowCounts {
  /** Number of codings in each row (m_u). */
  readonly size: Int32Array;
  /** Row r's distinct categories sit at start[r] .. start[r + 1] - 1 of `category` and `count`. */
  readonly start: Int32Array;
  readonly category: Int32Array;
  readonly count: Int32Array;
}

const cache = new WeakMap<ReliabilityTable, RowCounts>();

export function rowCounts(table: ReliabilityTable): RowCounts {
  const hit = cache.get(table);
  if (hit) return hit;
  const { rows, rowStart, entryValue } = table;
  const size = new Int32Array(rows);
  const start = new Int32Array(rows + 1);
  const category = new Int32Array(rowStart[rows]!);
  const count = new Int32Array(rowStart[rows]!);
  const scratch = new Int32Array(table.categories.length);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    const from = at;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const v = entryValue[e]!;
      if (scratch[v] === 0) category[at++] = v;
      scratch[v]!++;
    }
    for (let i = from; i < at; i++) {
      count[i] = scratch[category[i]!]!;
      scratch[category[i]!] = 0;
    }
    size[r] = rowStart[r + 1]! - rowStart[r]!;
    start[r + 1] = at;
  }
  const result = { size, start, category: category.subarray(0, at), count: count.subarray(0, at) };
  cache.set(table, result);
  return result;
}
