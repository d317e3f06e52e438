// Which codes appear together on the same unit: for each pair, the units carrying both
// (count) and Jaccard = |A ∩ B| / |A ∪ B| = n_ab / (n_a + n_b − n_ab). Codes as labelled
// (not rolled up), in codebook order, only those labelled at least once under the filters.
import { codeNodes } from '../label-counts/code-tree.ts';
import { ensureFacts } from './analysis-facts.ts';
import { factsWhere, filterParams, type AnalysisFilters } from './analysis-filters.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

const codeUnits = statement<[Record<string, unknown>], [string, number]>(
  `SELECT code_id, count(*) FROM analysis_facts f WHERE ${factsWhere('f')} AND f.direct = 1 GROUP BY code_id`,
  (s) => s.raw(),
);
const pairs = statement<[Record<string, unknown>], [string, string, number]>(
  `SELECT f.code_id, b.code_id, count(*) FROM analysis_facts f
   JOIN final_labels b ON b.unit_id = f.unit_id AND b.code_id > f.code_id
   WHERE ${factsWhere('f')} AND f.direct = 1 GROUP BY f.code_id, b.code_id`,
  (s) => s.raw(),
);

export interface Cooccurrence {
  codes: { id: string; name: string; units: number }[];
  /** counts[i][j]: units with both codes; the diagonal holds each code's units. */
  counts: number[][];
  /** jaccard[i][j]; 1 on the diagonal. */
  jaccard: number[][];
}

export function cooccurrence(db: Db, studyId: number, filters: AnalysisFilters): Cooccurrence {
  const { codebook } = ensureFacts(db, studyId);
  const params = filterParams(studyId, filters);
  const units = new Map(codeUnits(db).all(params));
  const codes = codeNodes(codebook.codes, units.keys())
    .filter((n) => (units.get(n.id) ?? 0) > 0)
    .map((n) => ({ id: n.id, name: n.name, units: units.get(n.id)! }));
  const index = new Map(codes.map((c, i) => [c.id, i]));
  const counts = codes.map((a, i) => codes.map((_, j) => (i === j ? a.units : 0)));
  for (const [a, b, n] of pairs(db).all(params)) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) continue;
    counts[i]![j] = n;
    counts[j]![i] = n;
  }
  const jaccard = counts.map((row, i) =>
    row.map((n, j) => (i === j ? 1 : n / (codes[i]!.units + codes[j]!.units - n))),
  );
  return { codes, counts, jaccard };
}
