// Our counts beside a published study's: where the codebook was made from a template whose
// categories carry the counts the authors reported, each dimension's categories are compared
// as shares of that dimension's instances (a unit with two categories is two instances, as in
// the study), with a chi-square goodness-of-fit test of our counts against their shares.
// Categories merged away or added since the template are left out of the comparison.
import { chiSquareGoodnessOfFit, fitCategories } from '@threadcoder/stats';
import { reportedCounts, type Codebook, type Template } from '@threadcoder/taxonomy';

interface ReportedRow {
  codeId: string;
  name: string;
  reported: number;
  reportedShare: number;
  units: number;
  /** Our share of this dimension's category instances; null while we have none. */
  share: number | null;
  shareDifference: number | null;
  residual: number | null;
}

type FitTest = { statistic: number; df: number; p: number; pooled: string[] } | { statistic: null; reason: string };

interface ReportedDimension {
  dimension: string;
  name: string;
  reportedTotal: number;
  total: number;
  test: FitTest;
  rows: ReportedRow[];
}

export interface ReportedComparison {
  /** The study the counts come from, as the template cites it. */
  source: string;
  dimensions: ReportedDimension[];
}

/** `units`: rolled-up units per code id (the code or one below it), from the counts table. */
export function reportedComparison(
  template: Template | null,
  codebook: Codebook,
  units: ReadonlyMap<string, number>,
): ReportedComparison | null {
  const present = new Set(codebook.codes.map((c) => c.id));
  const reported = template ? reportedCounts(template).filter((r) => present.has(r.codeId)) : [];
  if (!template || reported.length === 0) return null;
  const dimensions = template.dimensions.flatMap((d): ReportedDimension[] => {
    const own = reported.filter((r) => r.dimension === d.id);
    if (own.length === 0) return [];
    const reportedTotal = own.reduce((a, r) => a + r.count, 0);
    const observed = own.map((r) => units.get(r.codeId) ?? 0);
    const total = observed.reduce((a, b) => a + b, 0);
    const counts = own.map((r) => r.count);
    const fit = chiSquareGoodnessOfFit(observed, counts);
    const categories = fitCategories(observed, counts);
    const test: FitTest =
      fit.value === null
        ? { statistic: null, reason: fit.reason }
        : {
            statistic: fit.value.statistic,
            df: fit.value.df,
            p: fit.value.p,
            pooled: fit.value.pooled.map((i) => own[i]!.codeId),
          };
    const rows = own.map((r, i) => ({
      codeId: r.codeId,
      name: r.name,
      reported: r.count,
      reportedShare: r.count / reportedTotal,
      units: observed[i]!,
      share: total ? observed[i]! / total : null,
      shareDifference: total ? categories[i]!.shareDifference : null,
      residual: categories[i]!.residual,
    }));
    return [{ dimension: d.id, name: d.name, reportedTotal, total, test, rows }];
  });
  return { source: template.source, dimensions };
}
