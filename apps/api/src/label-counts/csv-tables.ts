// The analysis tables as tidy CSV (one row per period and code, per test, per pair…), built
// from the same reports the JSON endpoints return.
import type { Cooccurrence } from '../db/analysis-cooccurrence.ts';
import type { CountsReport } from '../db/analysis-counts.ts';
import type { MentionsReport } from '../db/analysis-mentions.ts';
import type { CodeTerms } from '../db/analysis-terms.ts';
import type { TrendReport } from '../db/analysis-trend.ts';
import { writeCsv, type Cell } from '../exports/csv-writer.ts';

type Named = { id: string; name: string; parentId: string | null };

/** "Challenge > Documentation gaps" from the node list's parent links. */
function paths(nodes: readonly Named[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  for (const n of nodes) {
    const names: string[] = [];
    for (
      let c: Named | undefined = n, guard = 0;
      c && guard < 100;
      c = c.parentId ? byId.get(c.parentId) : undefined, guard++
    )
      names.unshift(c.name);
    out.set(n.id, names.join(' > '));
  }
  return out;
}

const REPORTED_COLUMNS = ['reported_units', 'reported_share', 'dimension_share', 'share_difference', 'std_residual'];

export function countsCsv(r: CountsReport): string {
  const path = paths(r.rows);
  // Beside the published counts (where the codebook's template has them): their count and
  // share of the dimension, ours, the difference and the standardized residual.
  const reported = new Map(
    (r.reported?.dimensions ?? []).flatMap((d) =>
      d.rows.map((x): [string, Cell[]] => [
        x.codeId,
        [x.reported, x.reportedShare, x.share, x.shareDifference, x.residual],
      ]),
    ),
  );
  const none = REPORTED_COLUMNS.map(() => null);
  const rows: Cell[][] = r.rows.map((n) => [
    'final labels',
    '',
    n.id,
    path.get(n.id)!,
    n.depth,
    n.units,
    n.share,
    n.threads,
    ...(reported.get(n.id) ?? none),
  ]);
  // A split adds each group's rows, its name in scope (e.g. "Accepted answers"), shares of the group's units.
  for (const [i, group] of (r.split?.groups ?? []).entries()) {
    for (const n of r.rows) {
      const c = r.split!.codes[n.id]?.[i];
      rows.push([
        group.label,
        '',
        n.id,
        path.get(n.id)!,
        n.depth,
        c?.units ?? 0,
        c?.share ?? 0,
        c?.threads ?? 0,
        ...none,
      ]);
    }
  }
  for (const coder of r.coders) {
    for (const n of r.rows) {
      const c = coder.codes[n.id];
      rows.push([
        'coder',
        coder.name,
        n.id,
        path.get(n.id)!,
        n.depth,
        c?.units ?? 0,
        c?.share ?? 0,
        c?.threads ?? 0,
        ...none,
      ]);
    }
  }
  return writeCsv(
    ['scope', 'coder', 'code_id', 'code', 'depth', 'units', 'share', 'threads', ...REPORTED_COLUMNS],
    rows,
  );
}

export function trendCsv(r: TrendReport): string {
  const path = paths(r.nodes);
  const rows = r.periods.flatMap((p, i) =>
    r.nodes.map((n): Cell[] => [
      p.key,
      p.start,
      p.end,
      n.id,
      path.get(n.id)!,
      n.counts[i],
      n.direct[i],
      r.codedUnits[i],
      n.shares[i],
    ]),
  );
  return writeCsv(
    ['period', 'period_start', 'period_end', 'code_id', 'code', 'units', 'units_direct', 'coded_units', 'share'],
    rows,
  );
}

export function testsCsv(r: TrendReport): string {
  const path = paths(r.nodes);
  const chi = r.tests.chiSquare;
  const rows: Cell[][] = [
    chi.value === null
      ? ['chi-square', '', '', null, null, null, null, null, null, chi.reason]
      : [
          'chi-square',
          '',
          '',
          chi.value.statistic,
          chi.value.df,
          chi.value.n,
          chi.value.p,
          null,
          chi.value.cramersV,
          chi.value.warning ?? '',
        ],
  ];
  for (const t of r.tests.trends) {
    const mk = t.mannKendall;
    const rho = t.spearman;
    rows.push(
      mk.value === null
        ? ['mann-kendall', t.codeId, path.get(t.codeId), null, null, null, null, null, null, mk.reason]
        : [
            'mann-kendall',
            t.codeId,
            path.get(t.codeId),
            mk.value.z,
            null,
            mk.value.n,
            mk.value.p,
            mk.value.pHolm,
            mk.value.s,
            '',
          ],
    );
    rows.push(
      rho.value === null
        ? ['spearman', t.codeId, path.get(t.codeId), null, null, null, null, null, null, rho.reason]
        : [
            'spearman',
            t.codeId,
            path.get(t.codeId),
            null,
            rho.value.n - 2,
            rho.value.n,
            rho.value.p,
            rho.value.pHolm,
            rho.value.rho,
            '',
          ],
    );
  }
  // effect: Cramér's V for chi-square, S for Mann–Kendall, rho for Spearman.
  return writeCsv(['test', 'code_id', 'code', 'statistic', 'df', 'n', 'p', 'p_holm', 'effect', 'note'], rows);
}

export function cooccurrenceCsv(r: Cooccurrence): string {
  const rows: Cell[][] = [];
  r.codes.forEach((a, i) => {
    r.codes.forEach((b, j) => {
      if (j > i) rows.push([a.id, a.name, b.id, b.name, a.units, b.units, r.counts[i]![j], r.jaccard[i]![j]]);
    });
  });
  return writeCsv(['code_a', 'name_a', 'code_b', 'name_b', 'units_a', 'units_b', 'units_both', 'jaccard'], rows);
}

export function termsCsv(codes: readonly CodeTerms[]): string {
  const rows = codes.flatMap((c) =>
    c.terms.map((t, i): Cell[] => [c.codeId, c.name, i + 1, t.term, t.stem, t.score, t.count, t.docs, t.countRest]),
  );
  return writeCsv(['code_id', 'code', 'rank', 'term', 'stem', 'score', 'count', 'units_with_term', 'count_rest'], rows);
}

export function mentionsCsv(r: MentionsReport): string {
  const rows = r.periods.flatMap((p, i) =>
    r.groups.map((g): Cell[] => [
      p.key,
      p.start,
      p.end,
      g.name,
      g.terms.join('; '),
      g.matching,
      g.counts[i],
      r.posts[i],
      g.shares[i],
    ]),
  );
  return writeCsv(
    ['period', 'period_start', 'period_end', 'group', 'terms', 'matching', 'posts_mentioning', 'posts', 'share'],
    rows,
  );
}

export function correlationsCsv(r: MentionsReport, codeNames: ReadonlyMap<string, string>): string {
  const groups = new Map(r.groups.map((g) => [g.id, g.name]));
  const rows = r.correlations.map((c): Cell[] =>
    c.result.value === null
      ? [groups.get(c.groupId), c.codeId, codeNames.get(c.codeId) ?? c.codeId, null, null, null, c.result.reason]
      : [
          groups.get(c.groupId),
          c.codeId,
          codeNames.get(c.codeId) ?? c.codeId,
          c.result.value.n,
          c.result.value.rho,
          c.result.value.p,
          '',
        ],
  );
  return writeCsv(['group', 'code_id', 'code', 'n', 'rho', 'p', 'note'], rows);
}
