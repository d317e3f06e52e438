// Monthly (or daily, weekly) values from a CSV, in the three layouts replication packages publish:
//   wide   one row per series, one column per period: "family,2021-01,2021-03,total" (gaps allowed;
//          columns that are not dates, such as totals, are reported and skipped)
//   long   one row per (date, series, value)
//   multi  a date column and several value columns: "month,models,with card,ratio"
// The layout is detected unless given. Empty cells and NA are missing values, never zeros.
// Bad input throws AppError('series.bad_csv') naming the file, line and column.
import { parse } from 'csv-parse/sync';
import { AppError } from '../http/errors.ts';
import { parsePeriodLabel } from './period-label.ts';

export const LAYOUTS = ['wide', 'long', 'multi'] as const;
export type Layout = (typeof LAYOUTS)[number];
export const FREQUENCIES = ['month', 'week', 'day'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface ParsedSeries {
  key: string;
  /** Ascending by date (YYYY-MM-DD, the first day of the month for monthly data). */
  points: { date: string; value: number }[];
}

export interface ParsedSeriesFile {
  layout: Layout;
  frequency: Frequency;
  series: ParsedSeries[];
  /** Columns left out (not a date in a wide file, not numbers in a multi-column file), with why. */
  skippedColumns: { column: string; reason: string }[];
  missingValues: number;
}

export interface ParseOptions {
  file: string;
  layout?: Layout;
  frequency?: Frequency;
}

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-']);

export function parseSeriesCsv(text: string, o: ParseOptions): ParsedSeriesFile {
  const bad = (message: string, line?: number, field?: string) =>
    new AppError('series.bad_csv', 400, message, { file: o.file, line, field });
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw bad(`${o.file} is not a readable CSV: ${(err as Error).message}`, (err as { lines?: number }).lines);
  }
  const header = rows[0];
  if (!header || rows.length < 2) throw bad(`${o.file} needs a header row and at least one row of values.`, 1);
  const layout = o.layout ?? detectLayout(header, rows);
  const cells = new Cells(o.file, header, bad);
  const read =
    layout === 'wide' ? readWide(rows, cells) : layout === 'long' ? readLong(rows, cells) : readMulti(rows, cells);
  const series = [...read.entries()].map(([key, byDate]) => ({
    key,
    points: [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value })),
  }));
  if (series.every((s) => s.points.length === 0)) throw bad(`${o.file} holds no values.`);
  return {
    layout,
    frequency:
      o.frequency ??
      detectFrequency(
        series.flatMap((s) => s.points.map((p) => p.date)),
        cells.monthLabels,
      ),
    series,
    skippedColumns: cells.skipped,
    missingValues: cells.missing,
  };
}

/** Wide when two or more headings past the first are dates; else long when a non-numeric, non-date column names the series; else multi. */
function detectLayout(header: string[], rows: string[][]): Layout {
  if (header.slice(1).filter((h) => parsePeriodLabel(h)).length >= 2) return 'wide';
  const body = rows.slice(1);
  const textColumn = header.findIndex(
    (_, i) => i !== 0 && body.some((r) => !MISSING.has((r[i] ?? '').toLowerCase()) && !Number.isFinite(Number(r[i]))),
  );
  return textColumn > 0 ? 'long' : 'multi';
}

type Collected = Map<string, Map<string, number>>;

/** Cell readers that know where they are, for the error messages. */
class Cells {
  skipped: { column: string; reason: string }[] = [];
  missing = 0;
  /** Whether every date seen was written as a month (2021-03, Mar 2021). */
  monthLabels = true;

  constructor(
    readonly file: string,
    readonly header: string[],
    readonly bad: (message: string, line?: number, field?: string) => AppError,
  ) {}

  date(text: string, line: number, field: string): string {
    const label = parsePeriodLabel(text);
    if (!label) throw this.bad(`"${text}" is not a date; write months as 2021-03 and days as 2021-03-15.`, line, field);
    if (label.precision === 'day') this.monthLabels = false;
    return label.date;
  }

  /** The number in a cell, or null when it is missing (empty, NA). */
  value(text: string | undefined, line: number, field: string): number | null {
    const t = (text ?? '').trim();
    if (MISSING.has(t.toLowerCase())) {
      this.missing++;
      return null;
    }
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) throw this.bad(`"${t}" is not a number.`, line, field);
    return n;
  }

  put(into: Collected, key: string, date: string, value: number | null, line: number, field: string): void {
    if (!key) throw this.bad('The series name is empty.', line, field);
    const byDate = into.get(key) ?? new Map<string, number>();
    into.set(key, byDate);
    if (value === null) return;
    if (byDate.has(date)) throw this.bad(`Series "${key}" has a second value for ${date}.`, line, field);
    byDate.set(date, value);
  }
}

function readWide(rows: string[][], c: Cells): Collected {
  const dates = c.header.map((h, i) => (i === 0 ? null : parsePeriodLabel(h)));
  c.header.forEach((h, i) => {
    if (i > 0 && !dates[i]) c.skipped.push({ column: h, reason: 'not a date (a total or a label column)' });
    if (dates[i]?.precision === 'day') c.monthLabels = false;
  });
  const out: Collected = new Map();
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    dates.forEach((d, i) => {
      if (d) c.put(out, row[0] ?? '', d.date, c.value(row[i], line, c.header[i]!), line, c.header[i]!);
    });
  });
  return out;
}

function readLong(rows: string[][], c: Cells): Collected {
  const named = (re: RegExp) => c.header.findIndex((h) => re.test(h));
  const dateAt = Math.max(0, named(/^(date|month|week|day|period|time)$/i));
  let seriesAt = named(/^(series|name|key|group|family|model_type|type|category)$/i);
  if (seriesAt < 0) seriesAt = dateAt === 0 ? 1 : 0;
  let valueAt = named(/^(value|count|n|total)$/i);
  if (valueAt < 0) valueAt = c.header.findIndex((_, i) => i !== dateAt && i !== seriesAt);
  if (c.header.length < 3 || valueAt < 0)
    throw c.bad('A long CSV needs a date, a series and a value column.', 1, c.header.join(','));
  c.header.forEach((h, i) => {
    if (![dateAt, seriesAt, valueAt].includes(i))
      c.skipped.push({ column: h, reason: 'not the date, series or value column' });
  });
  const out: Collected = new Map();
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    const date = c.date(row[dateAt] ?? '', line, c.header[dateAt]!);
    c.put(out, row[seriesAt] ?? '', date, c.value(row[valueAt], line, c.header[valueAt]!), line, c.header[seriesAt]!);
  });
  return out;
}

function readMulti(rows: string[][], c: Cells): Collected {
  const body = rows.slice(1);
  const numeric = c.header.map(
    (_, i) =>
      i > 0 && body.every((row) => MISSING.has((row[i] ?? '').toLowerCase()) || Number.isFinite(Number(row[i]))),
  );
  c.header.forEach((h, i) => {
    if (i > 0 && !numeric[i]) c.skipped.push({ column: h, reason: 'not numbers' });
  });
  const out: Collected = new Map();
  body.forEach((row, r) => {
    const line = r + 2;
    const date = c.date(row[0] ?? '', line, c.header[0]!);
    c.header.forEach((h, i) => {
      if (numeric[i]) c.put(out, h, date, c.value(row[i], line, h), line, h);
    });
  });
  return out;
}

/** Month when dates were written as months or all fall on the 1st; week when all are whole weeks apart; else day. */
function detectFrequency(dates: string[], monthLabels: boolean): Frequency {
  if (monthLabels || dates.every((d) => d.endsWith('-01'))) return 'month';
  const days = [...new Set(dates)].map((d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000).sort((a, b) => a - b);
  return days.length > 1 && days.every((d) => (d - days[0]!) % 7 === 0) ? 'week' : 'day';
}
