// "Is the shift real?" for a set of codes over periods (docs/trend-tests.md):
// - Pearson's chi-square of the code × period table of label counts (packages/stats drops
//   all-zero rows and columns and warns about small expected counts). In a multi-label study
//   a unit with two codes is in two cells, so the cells are not independent observations:
//   read the test as descriptive there.
// - Per code, Mann–Kendall and Spearman's rho of the code's share of coded units against
//   time (period position), over periods that have coded units (a period with none has no
//   share, so it is left out rather than counted as 0). p-values are Holm-adjusted across
//   the codes tested, separately for each test.
import {
  chiSquareIndependence,
  holmAdjust,
  mannKendall,
  spearman,
  type ChiSquareResult,
  type Outcome,
} from '@threadcoder/stats';

export interface CodeSeries {
  codeId: string;
  counts: readonly number[];
}

type TestResult<T> = { value: T & { pHolm: number } } | { value: null; reason: string };

interface CodeTrendTest {
  codeId: string;
  mannKendall: TestResult<{ n: number; s: number; z: number; p: number }>;
  spearman: TestResult<{ n: number; rho: number; p: number }>;
}

export interface ShiftTests {
  chiSquare: Outcome<ChiSquareResult & { codeIds: string[]; droppedCodeIds: string[]; droppedPeriods: number[] }>;
  trends: CodeTrendTest[];
}

function holmInto<T extends { p: number }>(results: Outcome<T>[]): TestResult<T>[] {
  const defined = results.flatMap((r, i) => (r.value === null ? [] : [i]));
  const adjusted = holmAdjust(defined.map((i) => (results[i]!.value as T).p));
  const out = results.map((r) => ('reason' in r ? { value: null, reason: r.reason } : r)) as TestResult<T>[];
  defined.forEach((i, k) => {
    out[i] = { value: { ...(results[i]!.value as T), pHolm: adjusted[k]! } };
  });
  return out;
}

export function shiftTests(codes: readonly CodeSeries[], codedUnits: readonly number[]): ShiftTests {
  const chi = chiSquareIndependence(codes.map((c) => c.counts));
  const chiSquare: ShiftTests['chiSquare'] =
    chi.value === null
      ? chi
      : {
          value: {
            ...chi.value,
            codeIds: codes.filter((_, i) => !chi.value.droppedRows.includes(i)).map((c) => c.codeId),
            droppedCodeIds: chi.value.droppedRows.map((i) => codes[i]!.codeId),
            droppedPeriods: chi.value.droppedColumns,
          },
        };
  const observed = codedUnits.flatMap((n, i) => (n > 0 ? [i] : []));
  const mk = codes.map((c) => {
    const r = mannKendall(observed.map((i) => c.counts[i]! / codedUnits[i]!));
    return r.value === null ? r : { value: { n: r.value.n, s: r.value.s, z: r.value.z, p: r.value.p } };
  });
  const rho = codes.map((c) => {
    const r = spearman(
      observed,
      observed.map((i) => c.counts[i]! / codedUnits[i]!),
    );
    return r.value === null ? r : { value: { n: r.value.n, rho: r.value.rho, p: r.value.p } };
  });
  const mkHolm = holmInto(mk);
  const rhoHolm = holmInto(rho);
  return {
    chiSquare,
    trends: codes.map((c, i) => ({ codeId: c.codeId, mannKendall: mkHolm[i]!, spearman: rhoHolm[i]! })),
  };
}

/** Spearman's rho between two series over the periods where `observed` is true (e.g. a code's share has coded units). */
export function seriesCorrelation(
  x: readonly number[],
  y: readonly number[],
  observed: readonly boolean[],
): Outcome<{ n: number; rho: number; p: number }> {
  const keep = observed.flatMap((o, i) => (o ? [i] : []));
  const r = spearman(
    keep.map((i) => x[i]!),
    keep.map((i) => y[i]!),
  );
  return r.value === null ? r : { value: { n: r.value.n, rho: r.value.rho, p: r.value.p } };
}
