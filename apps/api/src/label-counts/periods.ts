// Periods for the analysis: a month is an integer (months since year 0, so 2021-03 is
// 2021 * 12 + 2), which SQL computes once per unit and GROUP BYs cheaply. Quarters and years
// are buckets of months, summed here rather than in SQL, and every period between the first
// and the last is present: a period without data is a zero, never a gap in a chart.

export type Granularity = 'month' | 'quarter' | 'year';

const monthsPer: Record<Granularity, number> = { month: 1, quarter: 3, year: 12 };

export interface Period {
  /** '2021-03', '2021-Q1' or '2021': stable, sortable, used in CSV. */
  key: string;
  /** '2021-03', '2021 Q1', '2021': for axes and tables. */
  label: string;
  /** First and last day, inclusive (YYYY-MM-DD). */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month index of an ISO date or date-time ('2021-03-31T23:59:59Z' → 2021 * 12 + 2). */
export function monthIndex(iso: string): number {
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

/** Days since 1970-01-01 of an ISO date (UTC), the unit the date-range filter compares in SQL. */
export function dayIndex(isoDate: string): number {
  return (
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000
  );
}

function lastDay(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The period a bucket number stands for (bucket = floor(month / months per period)). */
export function periodOf(bucket: number, granularity: Granularity): Period {
  const first = bucket * monthsPer[granularity];
  const last = first + monthsPer[granularity] - 1;
  const year = Math.floor(first / 12);
  const m0 = first % 12;
  const key =
    granularity === 'month'
      ? `${year}-${pad(m0 + 1)}`
      : granularity === 'quarter'
        ? `${year}-Q${m0 / 3 + 1}`
        : String(year);
  return {
    key,
    label: granularity === 'quarter' ? `${year} Q${m0 / 3 + 1}` : key,
    start: `${year}-${pad(m0 + 1)}-01`,
    end: `${Math.floor(last / 12)}-${pad((last % 12) + 1)}-${pad(lastDay(Math.floor(last / 12), last % 12))}`,
  };
}

export interface PeriodAxis {
  granularity: Granularity;
  periods: Period[];
  /** Position of a month on the axis, or -1 when it falls outside. */
  indexOf(month: number): number;
}

/** Every period from the one holding `fromMonth` to the one holding `toMonth`; empty when from > to. */
export function periodAxis(granularity: Granularity, fromMonth: number, toMonth: number): PeriodAxis {
  const size = monthsPer[granularity];
  const first = Math.floor(fromMonth / size);
  const last = Math.floor(toMonth / size);
  const periods: Period[] = [];
  if (fromMonth <= toMonth) for (let b = first; b <= last; b++) periods.push(periodOf(b, granularity));
  return {
    granularity,
    periods,
    indexOf: (month) => {
      const b = Math.floor(month / size);
      return b < first || b > last || periods.length === 0 ? -1 : b - first;
    },
  };
}

export interface MonthValue {
  month: number;
  /** Which series the value belongs to (a code id, a keyword group). */
  series: string;
  value: number;
}

/** Sums month rows into the axis's periods, one zero-filled array per series; rows outside the axis are ignored. */
export function fillSeries(
  rows: Iterable<MonthValue>,
  axis: PeriodAxis,
  seriesKeys: Iterable<string> = [],
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const zeros = () => new Array<number>(axis.periods.length).fill(0);
  for (const key of seriesKeys) out.set(key, zeros());
  for (const row of rows) {
    const i = axis.indexOf(row.month);
    if (i < 0) continue;
    let series = out.get(row.series);
    if (!series) {
      series = zeros();
      out.set(row.series, series);
    }
    series[i]! += row.value;
  }
  return out;
}

/** The axis for data spanning [minMonth, maxMonth], narrowed or widened to a date-range filter when one is given. */
export function axisFor(
  granularity: Granularity,
  data: { min: number | null; max: number | null },
  range: { from?: string; to?: string },
): PeriodAxis {
  const from = range.from ? monthIndex(range.from) : data.min;
  const to = range.to ? monthIndex(range.to) : data.max;
  if (from === null || to === null) return periodAxis(granularity, 1, 0); // no data: no periods
  return periodAxis(granularity, from, to);
}
