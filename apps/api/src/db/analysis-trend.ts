// Shift over time: final labels per (month, code) from SQL, bucketed into months, quarters or
// years with empty periods as zeros (label-counts/periods.ts), shares of coded units, and the
// tests of whether the shift is real (label-counts/shift-tests.ts → packages/stats).
import { codeNodes, type CodeNode } from '../label-counts/code-tree.ts';
import { axisFor, fillSeries, type Granularity, type Period } from '../label-counts/periods.ts';
import { shiftTests, type ShiftTests } from '../label-counts/shift-tests.ts';
import { ensureFacts } from './analysis-facts.ts';
import { factsWhere, filterParams, summaryAnswers, type AnalysisFilters } from './analysis-filters.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

type MonthRow = [month: number, codeId: string, units: number, direct: number, firsts: number];

const fromSummary = statement<[Record<string, unknown>], MonthRow>(
  `SELECT month, code_id, sum(units), sum(direct), sum(firsts) FROM analysis_months
   WHERE study_id = @studyId AND (@roundId IS NULL OR round_id = @roundId) GROUP BY month, code_id`,
  (s) => s.raw(),
);
const fromFacts = statement<[Record<string, unknown>], MonthRow>(
  `SELECT month, code_id, count(*), sum(direct), sum(first) FROM analysis_facts f WHERE ${factsWhere('f')} GROUP BY month, code_id`,
  (s) => s.raw(),
);

/** Rows of (month, code, units with the code or one below it, units with the code itself, units counted once). */
function monthCounts(db: Db, studyId: number, filters: AnalysisFilters): MonthRow[] {
  return (summaryAnswers(filters) ? fromSummary : fromFacts)(db).all(filterParams(studyId, filters));
}

export interface NodeSeries extends CodeNode {
  /** Units with the code or a code below it, per period, and in all. */
  counts: number[];
  total: number;
  /** Units carrying the code itself. */
  direct: number[];
  directTotal: number;
  /** counts / coded units of the period (0 where the period has none). */
  shares: number[];
}

export interface TrendData {
  granularity: Granularity;
  periods: Period[];
  /** Settled units per period: the denominator of shares. */
  codedUnits: number[];
  nodes: NodeSeries[];
}

export interface TrendQuery extends AnalysisFilters {
  granularity: Granularity;
}

export function trendData(db: Db, studyId: number, q: TrendQuery): TrendData {
  const { codebook } = ensureFacts(db, studyId);
  const rows = monthCounts(db, studyId, q);
  let min: number | null = null;
  let max: number | null = null;
  for (const [month] of rows) {
    if (min === null || month < min) min = month;
    if (max === null || month > max) max = month;
  }
  const axis = axisFor(q.granularity, { min, max }, q);
  const nodes = codeNodes(
    codebook.codes,
    rows.map((r) => r[1]),
  );
  const ids = nodes.map((n) => n.id);
  const counts = fillSeries(
    rows.map(([month, series, value]) => ({ month, series, value })),
    axis,
    ids,
  );
  const direct = fillSeries(
    rows.map(([month, series, , value]) => ({ month, series, value })),
    axis,
    ids,
  );
  const codedUnits = fillSeries(
    rows.map(([month, , , , value]) => ({ month, series: '', value })),
    axis,
    [''],
  ).get('')!;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    granularity: q.granularity,
    periods: axis.periods,
    codedUnits,
    nodes: nodes.map((n) => {
      const c = counts.get(n.id)!;
      const d = direct.get(n.id)!;
      return {
        ...n,
        counts: c,
        total: sum(c),
        direct: d,
        directTotal: sum(d),
        shares: c.map((x, i) => (codedUnits[i] ? x / codedUnits[i]! : 0)),
      };
    }),
  };
}

export interface TrendReport extends TrendData {
  /** The codes tested (labelled codes, of `dimension` when given) and the results. */
  tests: ShiftTests;
}

/** Counts and shares per period for every code, and the shift tests over the codes labelled directly. */
export function trendReport(db: Db, studyId: number, q: TrendQuery & { dimension?: string | undefined }): TrendReport {
  const data = trendData(db, studyId, q);
  const tested = data.nodes.filter(
    (n) => n.codable && n.directTotal > 0 && (!q.dimension || n.dimension === q.dimension),
  );
  return {
    ...data,
    tests: shiftTests(
      tested.map((n) => ({ codeId: n.id, counts: n.direct })),
      data.codedUnits,
    ),
  };
}
