// Which codes kept their place among their siblings between two versions.
// For each parent, the codes under it in both versions are compared in order:
// the largest set that kept its relative order is "in place", the rest were
// reordered. Both lists hold the same ids, so this is a longest increasing
// subsequence of old indices (n log n), not a general LCS.
import type { Code } from './schema.ts';

export function stableIds(before: Map<string | null, Code[]>, after: Map<string | null, Code[]>): Set<string> {
  const out = new Set<string>();
  for (const [parentId, newSiblings] of after) {
    const oldIndex = new Map((before.get(parentId) ?? []).map((code, index) => [code.id, index]));
    const common = newSiblings.filter((code) => oldIndex.has(code.id));
    const kept = longestIncreasing(common.map((code) => oldIndex.get(code.id) as number));
    for (const index of kept) out.add((common[index] as Code).id);
  }
  return out;
}

/** Indices into `values` of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[k] = index of the smallest tail of an increasing run of length k+1
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] as number] as number) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[index] = tails[low - 1] as number;
    tails[low] = index;
  });
  const out: number[] = [];
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index] as number) out.push(index);
  return out.reverse();
}
