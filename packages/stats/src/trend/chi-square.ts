// Pearson's chi-square test of independence for a code x period contingency table
// (Pearson 1900; e.g. Agresti 2007, An Introduction to Categorical Data Analysis, §2.4):
//   E_ij = R_i C_j / N,   X^2 = sum (O_ij - E_ij)^2 / E_ij,   df = (r - 1)(c - 1)
//   p = Q(df/2, X^2/2)    (upper tail of chi-square, math/distributions.ts)
//   Cramér's V = sqrt(X^2 / (N (min(r, c) - 1)))   (Cramér 1946)
// Conventions: rows or columns that sum to 0 carry no information and would make E_ij = 0;
// they are dropped before the test and listed (droppedRows / droppedColumns), and r, c, df
// count only the rows and columns kept. The approximation is poor when expected counts are
// small: `expectedBelow5` counts cells with E_ij < 5 and `warning` says so (Cochran 1954's
// rule of thumb: no more than 20% of cells below 5, none below 1).
// Not defined when fewer than two non-empty rows or columns remain (nothing to compare).
// Throws on input that is not a table of finite, non-negative counts.
import { chiSquareSurvival } from '../math/distributions.ts';
import { notDefined, type Outcome } from '../result.ts';

export interface ChiSquareResult {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly cramersV: number;
  /** Total count N. */
  readonly n: number;
  /** Indices of the all-zero rows and columns that were left out. */
  readonly droppedRows: number[];
  readonly droppedColumns: number[];
  /** Cells (of those kept) whose expected count is below 5, and how many cells were kept. */
  readonly expectedBelow5: number;
  readonly cells: number;
  /** A sentence when any expected count is below 5; null otherwise. */
  readonly warning: string | null;
}

export function chiSquareIndependence(table: readonly (readonly number[])[]): Outcome<ChiSquareResult> {
  const width = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (row.length !== width) throw new RangeError(`row ${i} has ${row.length} cells, row 0 has ${width}`);
    row.forEach((x, j) => {
      if (!Number.isFinite(x) || x < 0) throw new RangeError(`cell [${i}][${j}] must be a finite count >= 0, got ${x}`);
    });
  });
  const rowSum = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: width }, (_, j) => table.reduce((a, row) => a + row[j]!, 0));
  const rows = rowSum.flatMap((s, i) => (s > 0 ? [i] : []));
  const cols = colSum.flatMap((s, j) => (s > 0 ? [j] : []));
  const droppedRows = rowSum.flatMap((s, i) => (s > 0 ? [] : [i]));
  const droppedColumns = colSum.flatMap((s, j) => (s > 0 ? [] : [j]));
  if (rows.length < 2 || cols.length < 2) {
    return notDefined(
      `the test needs at least two non-empty rows and two non-empty columns; after dropping empty ones there are ${rows.length} x ${cols.length}`,
    );
  }
  const n = rows.reduce((a, i) => a + rowSum[i]!, 0);
  let statistic = 0;
  let below5 = 0;
  let below1 = 0;
  for (const i of rows) {
    for (const j of cols) {
      const expected = (rowSum[i]! * colSum[j]!) / n;
      statistic += (table[i]![j]! - expected) ** 2 / expected;
      if (expected < 5) below5++;
      if (expected < 1) below1++;
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  const cells = rows.length * cols.length;
  const warning =
    below5 === 0
      ? null
      : `${below5} of ${cells} expected counts are below 5${below1 ? ` (${below1} below 1)` : ''}; the chi-square approximation may be poor${below5 / cells > 0.2 || below1 ? ' — consider merging periods or codes' : ''}`;
  return {
    value: {
      statistic,
      df,
      p: chiSquareSurvival(statistic, df),
      cramersV: Math.sqrt(statistic / (n * (Math.min(rows.length, cols.length) - 1))),
      n,
      droppedRows,
      droppedColumns,
      expectedBelow5: below5,
      cells,
      warning,
    },
  };
}
