// Dates from dumps -> UTC ISO-8601 with milliseconds (sortable as text).
// We parse by hand rather than with Date.parse, which silently rolls 2023-02-30 over to
// March 2 and reads zone-less strings as local time; both would corrupt trend charts.
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors } from './errors.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const daysIn = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * Returns the UTC ISO string, or throws import.invalid_date with `where`.
 * Accepts ISO dates and date-times (a missing zone means UTC, as in Stack Exchange dumps)
 * and numbers as Unix time: seconds, or milliseconds when above 1e11.
 */
export function toUtcIso(value: unknown, where: ErrorWhere): string {
  if (typeof value === 'number') return fromEpoch(value, where);
  if (typeof value !== 'string') throw importErrors.invalidDate(where, value, 'expected an ISO-8601 string');
  const s = value.trim();
  if (/^\d{9,13}$/.test(s)) return fromEpoch(Number(s), where);
  const m = ISO.exec(s);
  if (!m) throw importErrors.invalidDate(where, value, 'expected a date like 2023-05-01T12:00:00Z');
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) throw importErrors.invalidDate(where, value, `there is no month ${month}`);
  if (day < 1 || day > daysIn(year, month))
    throw importErrors.invalidDate(where, value, `month ${month} of ${year} has no day ${day}`);
  if (hour > 23 || minute > 59 || second > 59) throw importErrors.invalidDate(where, value, 'the time is out of range');
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 14 || om > 59) throw importErrors.invalidDate(where, value, `the zone offset ${zone} is out of range`);
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return checkRange(utc, value, where);
}

function fromEpoch(n: number, where: ErrorWhere): string {
  if (!Number.isFinite(n) || n < 0) throw importErrors.invalidDate(where, n, 'not a Unix time');
  return checkRange(n > 1e11 ? n : n * 1000, n, where);
}

function checkRange(ms: number, value: unknown, where: ErrorWhere): string {
  // Forum posts predate neither the web nor the future by much; anything else is a unit mix-up.
  if (ms < Date.UTC(1980, 0, 1) || ms > Date.UTC(2200, 0, 1))
    throw importErrors.invalidDate(where, value, 'the year is out of range');
  return new Date(ms).toISOString();
}
