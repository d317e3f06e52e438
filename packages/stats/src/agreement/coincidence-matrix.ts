// Krippendorff's coincidence matrix (Krippendorff 2011, §C): o_ck sums, over units with
// m_u >= 2 codings, the ordered pairs of codings with values (c, k) divided by m_u - 1.
// Each pairable coding adds 1 to its row, so row sums n_c count pairable values.
// krippendorff-alpha.ts does not build it (it sums unit by unit); this is for reports and tests.
import { rowCounts } from '../data/row-counts.ts';
import type { CategoryValue, ReliabilityTable } from '../data/table.ts';

export interface CoincidenceMatrix {
  readonly categories: readonly CategoryValue[];
  /** o[c][k], symmetric. */
  readonly o: number[][];
  /** n_c = row sums; n = their total. */
  readonly nc: number[];
  readonly n: number;
}

export function coincidenceMatrix(table: ReliabilityTable): CoincidenceMatrix {
  const { size, start, category, count } = rowCounts(table);
  const k = table.categories.length;
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let r = 0; r < table.rows; r++) {
    const m = size[r]!;
    if (m < 2) continue;
    const w = table.weight[r]! / (m - 1);
    for (let i = start[r]!; i < start[r + 1]!; i++) {
      for (let j = start[r]!; j < start[r + 1]!; j++) {
        const pairs = i === j ? count[i]! * (count[i]! - 1) : count[i]! * count[j]!;
        o[category[i]!]![category[j]!]! += w * pairs;
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  return { categories: table.categories, o, nc, n: nc.reduce((a, b) => a + b, 0) };
}
