// Dates in a format the user names (--date-format, the Sources page), e.g. "MMM d, yyyy h:mm a"
// for a scrape's "Sep 6, 2020 9:38 am". Parsed by date-fns `parse` with Unicode format tokens:
// it checks the whole string against the pattern and refuses impossible dates (Feb 30) instead
// of rolling them over. A pattern without a zone token reads the time as UTC (the reference
// date is a UTCDate), whatever the server's time zone; one with X/x/O honours the offset.
import { UTCDate } from '@date-fns/utc';
import { format as formatDate, isValid, parse } from 'date-fns';
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors } from './errors.ts';
import { toUtcIso } from './dates.ts';

const reference = new UTCDate(2000, 0, 1);

/**
 * Throws import.invalid_date_format when date-fns refuses the pattern (YYYY, an unknown letter) or
 * cannot read back what the pattern writes (tokens that only format, such as "b").
 */
export function checkDateFormat(format: string): void {
  let written: string;
  try {
    written = formatDate(reference, format);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('; see:')[0]! : String(err);
    throw importErrors.invalidDateFormat(format, why);
  }
  if (!isValid(parse(written, format, reference)))
    throw importErrors.invalidDateFormat(format, `a date written in it ("${written}") cannot be read back`);
}

/** A date in `format` -> UTC ISO-8601, or import.invalid_date naming `where` (row and column). */
export function parseDateWithFormat(value: unknown, format: string, where: ErrorWhere): string {
  if (typeof value !== 'string')
    throw importErrors.invalidDate(where, value, `expected text in the format "${format}"`);
  const date = parse(value.trim(), format, reference);
  if (!isValid(date)) throw importErrors.invalidDate(where, value, `it does not match the date format "${format}"`);
  // The same range check and output as every other date.
  return toUtcIso(date.getTime(), where);
}
