// Which left series goes with which right series: the same name once case, spaces and
// punctuation are ignored ("GPT-2" = "gpt2"), unless the user's mapping says otherwise. A mapping
// entry to "" leaves that left series out.
export interface Matched {
  pairs: { left: string; right: string }[];
  unmatchedLeft: string[];
  unmatchedRight: string[];
}

export const nameKey = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export function matchPairs(left: string[], right: string[], mapping: Record<string, string> = {}): Matched {
  const rightByKey = new Map<string, string>();
  for (const r of right) if (!rightByKey.has(nameKey(r))) rightByKey.set(nameKey(r), r);
  const rightNames = new Set(right);
  const pairs: Matched['pairs'] = [];
  const unmatchedLeft: string[] = [];
  for (const l of left) {
    const mapped = Object.hasOwn(mapping, l) ? mapping[l]! : undefined;
    const r = mapped === undefined ? rightByKey.get(nameKey(l)) : rightNames.has(mapped) ? mapped : undefined;
    if (r === undefined) unmatchedLeft.push(l);
    else pairs.push({ left: l, right: r });
  }
  const used = new Set(pairs.map((p) => p.right));
  return { pairs, unmatchedLeft, unmatchedRight: right.filter((r) => !used.has(r)) };
}
