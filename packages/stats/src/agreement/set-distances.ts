// Distances between two sets of codes, for Krippendorff's alpha on multi-label data.
//   Jaccard distance  d_J = 1 - |A ∩ B| / |A ∪ B|          (Jaccard 1912)
//   MASI distance     d_M = 1 - J * M                       (Passonneau 2006, "Measuring agreement
//     on set-valued items (MASI) for semantic and pragmatic annotation", LREC), where the
//     monotonicity weight M = 1 if A = B, 2/3 if one set contains the other, 1/3 if they
//     overlap otherwise, 0 if disjoint. (NLTK rounds these to 0.67 and 0.33; we do not.)
// Convention: two empty sets are equal (distance 0); an empty and a non-empty set are at 1.
// Both distances are used unsquared as alpha's delta, as Passonneau does.

/** |A ∩ B| for sorted index arrays. */
function intersectionSize(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

/** Jaccard distance of two sorted, duplicate-free index arrays. */
export function jaccardDistanceOfSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 && b.length === 0) return 0;
  const inter = intersectionSize(a, b);
  return 1 - inter / (a.length + b.length - inter);
}

/** MASI distance of two sorted, duplicate-free index arrays. */
export function masiDistanceOfSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 && b.length === 0) return 0;
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  const monotonicity = inter === union ? 1 : inter === Math.min(a.length, b.length) ? 2 / 3 : inter > 0 ? 1 / 3 : 0;
  return 1 - (inter / union) * monotonicity;
}

function sortedIndices(a: readonly string[], b: readonly string[]): [number[], number[]] {
  const ids = new Map<string, number>();
  for (const code of [...a, ...b]) if (!ids.has(code)) ids.set(code, ids.size);
  const toIdx = (s: readonly string[]) => [...new Set(s)].map((c) => ids.get(c)!).sort((x, y) => x - y);
  return [toIdx(a), toIdx(b)];
}

export function jaccardDistance(a: readonly string[], b: readonly string[]): number {
  return jaccardDistanceOfSorted(...sortedIndices(a, b));
}

export function masiDistance(a: readonly string[], b: readonly string[]): number {
  return masiDistanceOfSorted(...sortedIndices(a, b));
}
