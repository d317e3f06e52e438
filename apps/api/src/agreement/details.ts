// Unit-level detail that can show how one coder labelled units: the confusion matrix of a
// coder pair and the list of disagreeing units. Callers pass only disclosed codings
// (agreement-data.ts decides which, by the blind rule).
import { buildTable, confusionMatrix, presenceTable, type Coding } from '@threadcoder/stats';

/**
 * Single-label studies: the full matrix over the codes the two coders used (rows coder A,
 * columns coder B). Multi-label studies: one present/absent 2×2 per code either coder used,
 * counts[a][b] with index 0 = absent, 1 = present — a matrix over whole label sets would be
 * mostly empty cells, and the per-code view matches the per-code kappa beside it.
 */
export type ConfusionView = {
  coderA: string;
  coderB: string;
  /** Units both coded. */
  units: number;
  /** Units only one of them coded (someone else coded them too). */
  onlyA: number;
  onlyB: number;
} & (
  | { layout: 'categories'; categories: string[]; counts: number[][] }
  | { layout: 'presence'; codes: { codeId: string; counts: number[][] }[] }
);

export function confusionView(codings: Coding[], coderA: string, coderB: string, sets: boolean): ConfusionView {
  const pair = codings.filter((c) => c.coder === coderA || c.coder === coderB);
  const base = { coderA, coderB, units: 0, onlyA: 0, onlyB: 0 };
  const table = buildTable(pair);
  if (table.coders.length < 2) {
    // One of them coded none of these units: nothing in common.
    const only = pair.length;
    return sets
      ? {
          ...base,
          onlyA: table.coders[0] === coderA ? only : 0,
          onlyB: table.coders[0] === coderB ? only : 0,
          layout: 'presence',
          codes: [],
        }
      : {
          ...base,
          onlyA: table.coders[0] === coderA ? only : 0,
          onlyB: table.coders[0] === coderB ? only : 0,
          layout: 'categories',
          categories: [],
          counts: [],
        };
  }
  const whole = confusionMatrix(table, coderA, coderB);
  const counts = { units: whole.units, onlyA: whole.onlyA, onlyB: whole.onlyB };
  if (!sets)
    return {
      coderA,
      coderB,
      ...counts,
      layout: 'categories',
      categories: whole.categories.map(String),
      counts: whole.counts,
    };
  const codes = table.codes.map((codeId) => ({
    codeId,
    counts: confusionMatrix(presenceTable(table, codeId), coderA, coderB).counts,
  }));
  return { coderA, coderB, ...counts, layout: 'presence', codes };
}

export interface Disagreement {
  unitId: number;
  /** Codes some but not all of the unit's coders applied; never who applied them. */
  codeIds: string[];
}

/** Units whose coders' label sets are not all equal, in the order given. */
export function disagreements(units: Map<number, string[][]>): Disagreement[] {
  const out: Disagreement[] = [];
  for (const [unitId, sets] of units) {
    const all = new Set(sets.flat());
    const differ = [...all].filter((code) => !sets.every((s) => s.includes(code))).sort();
    if (differ.length) out.push({ unitId, codeIds: differ });
  }
  return out;
}
