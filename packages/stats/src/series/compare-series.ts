// Two families of time series compared pair by pair (a forum's monthly mentions of a model family
// against the Hub's monthly new models of that type), as in Taraghi et al. (SANER 2024), RQ3:
//   per pair, over the periods both sides have a value: Spearman's rho and Kendall's tau-b with
//     their two-sided p-values, Holm-adjusted across the pairs (one family per coefficient);
//     the Mann-Kendall trend of each side over those same periods: rising or falling when p < alpha;
//     "diverging" when one side rises and the other falls, both significantly;
//   pooled: the same two correlations between the per-period totals of all distinct left series and
//     all distinct right series, over the periods both totals have.
// A period missing on one side is left out of that pair (never read as 0). Pure; see
// docs/series-comparison.md.
import { holmAdjust } from '../trend/holm.ts';
import { kendallTau } from '../trend/kendall.ts';
import { mannKendall } from '../trend/mann-kendall.ts';
import { spearman } from '../trend/spearman.ts';

export interface SeriesPoint {
  /** Sortable period label, e.g. 2023-04. */
  readonly period: string;
  readonly value: number;
}

export interface NamedSeries {
  readonly name: string;
  readonly points: readonly SeriesPoint[];
}

export interface SeriesPair {
  readonly left: NamedSeries;
  readonly right: NamedSeries;
}

export interface Correlation {
  readonly coefficient: number;
  readonly p: number;
  /** Holm-adjusted across the pairs whose coefficient is defined (the pooled one is not adjusted). */
  readonly pHolm: number;
}

export type Direction = 'rising' | 'falling' | 'no trend';

export interface Trend {
  readonly s: number;
  readonly z: number;
  readonly p: number;
  readonly direction: Direction;
}

export interface Correlated {
  /** The periods both sides have, ascending. */
  readonly periods: string[];
  readonly spearman: Correlation | null;
  readonly kendall: (Correlation & { method: 'exact' | 'asymptotic' }) | null;
  /** Why a coefficient or a trend is missing (too few common periods, a constant side). */
  readonly notes: string[];
}

export interface PairComparison extends Correlated {
  readonly left: string;
  readonly right: string;
  readonly trendLeft: Trend | null;
  readonly trendRight: Trend | null;
  readonly diverging: boolean;
}

export interface SeriesComparison {
  readonly alpha: number;
  readonly pairs: PairComparison[];
  readonly pooled: Correlated;
}

export function compareSeries(pairs: readonly SeriesPair[], alpha = 0.05): SeriesComparison {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, got ${alpha}`);
  const raw = pairs.map((pair) => {
    const [periods, x, y] = common(pair.left.points, pair.right.points);
    const correlated = correlate(periods, x, y);
    const trendLeft = trend(x, alpha, `left ${pair.left.name}`, correlated.notes);
    const trendRight = trend(y, alpha, `right ${pair.right.name}`, correlated.notes);
    const opposite = (a: Trend | null, b: Trend | null) => a?.direction === 'rising' && b?.direction === 'falling';
    return {
      left: pair.left.name,
      right: pair.right.name,
      ...correlated,
      trendLeft,
      trendRight,
      diverging: opposite(trendLeft, trendRight) || opposite(trendRight, trendLeft),
    };
  });
  const adjust = <T extends Correlation | null>(pick: (r: (typeof raw)[number]) => T): T[] => {
    const defined = raw.flatMap((r, i) => (pick(r) ? [i] : []));
    const holm = holmAdjust(defined.map((i) => pick(raw[i]!)!.p));
    const out = raw.map(pick);
    defined.forEach((i, k) => {
      out[i] = { ...out[i]!, pHolm: holm[k]! };
    });
    return out;
  };
  const spearmans = adjust((r) => r.spearman);
  const kendalls = adjust((r) => r.kendall);
  return {
    alpha,
    pairs: raw.map((r, i) => ({ ...r, spearman: spearmans[i]!, kendall: kendalls[i]! })),
    pooled: pooled(pairs),
  };
}

/** The periods both sides have, with their values, ascending by period. */
function common(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): [string[], number[], number[]] {
  const right = new Map(b.map((p) => [p.period, p.value]));
  const both = a.filter((p) => right.has(p.period)).sort((p, q) => (p.period < q.period ? -1 : 1));
  return [both.map((p) => p.period), both.map((p) => p.value), both.map((p) => right.get(p.period)!)];
}

function correlate(periods: string[], x: number[], y: number[]): Correlated {
  const notes: string[] = [];
  const rho = spearman(x, y);
  const tau = kendallTau(x, y);
  if (rho.value === null) notes.push(`Spearman: ${rho.reason}`);
  if (tau.value === null) notes.push(`Kendall: ${tau.reason}`);
  return {
    periods,
    spearman: rho.value && { coefficient: rho.value.rho, p: rho.value.p, pHolm: rho.value.p },
    kendall: tau.value && { coefficient: tau.value.tau, p: tau.value.p, pHolm: tau.value.p, method: tau.value.method },
    notes,
  };
}

function trend(values: number[], alpha: number, name: string, notes: string[]): Trend | null {
  const mk = mannKendall(values);
  if (mk.value === null) {
    notes.push(`Mann-Kendall (${name}): ${mk.reason}`);
    return null;
  }
  const { s, z, p } = mk.value;
  return { s, z, p, direction: p >= alpha ? 'no trend' : s > 0 ? 'rising' : 'falling' };
}

/** Per-period totals of the distinct left and the distinct right series, correlated. */
function pooled(pairs: readonly SeriesPair[]): Correlated {
  const totals = (sides: NamedSeries[]) => {
    const byName = new Map(sides.map((s) => [s.name, s]));
    const sum = new Map<string, number>();
    for (const s of byName.values()) for (const p of s.points) sum.set(p.period, (sum.get(p.period) ?? 0) + p.value);
    return [...sum].map(([period, value]) => ({ period, value }));
  };
  const [periods, x, y] = common(totals(pairs.map((p) => p.left)), totals(pairs.map((p) => p.right)));
  return correlate(periods, x, y);
}
