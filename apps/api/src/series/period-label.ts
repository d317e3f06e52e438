// A column heading or cell that names a period: 2021-03, 2021/03, 2021-03-01 (a time after it is
// ignored), "Mar 2021", "March 2021", "2021-Mar". Returns the first day it covers and whether the
// label named a whole month or one day; null when the text is not a date (a "total" column).
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface PeriodLabel {
  /** YYYY-MM-DD: the day, or the first day of the month. */
  date: string;
  precision: 'month' | 'day';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 1-12 for a month's English name or its three-letter abbreviation. */
function monthOf(name: string): number | null {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((full) => full === n || (n.length === 3 && full.startsWith(n)));
  return i >= 0 ? i + 1 : null;
}

function valid(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function parsePeriodLabel(text: string): PeriodLabel | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})$/.exec(t);
  if (m) return valid(+m[1]!, +m[2]!, 1) ? { date: `${m[1]}-${pad(+m[2]!)}-01`, precision: 'month' } : null;
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return valid(+m[1]!, +m[2]!, +m[3]!) ? { date: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day' } : null;
  const named = /^([A-Za-z]+)[ -](\d{4})$/.exec(t);
  const yearFirst = /^(\d{4})[ -]([A-Za-z]+)$/.exec(t);
  const [name, year] = named ? [named[1]!, named[2]!] : yearFirst ? [yearFirst[2]!, yearFirst[1]!] : [];
  const month = name ? monthOf(name) : null;
  return month ? { date: `${year}-${pad(month)}-01`, precision: 'month' } : null;
}
