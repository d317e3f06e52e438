// Typed reads of untrusted JSON values; each failure names the field it came from.
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors } from './errors.ts';

// Ids and names are short in every forum: a megabyte "title" is a broken or hostile file, not data.
const MAX_ID_CHARS = 1000;
export const MAX_TEXT_CHARS = 10_000;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An id: a non-negative integer or a non-empty string. */
export function readId(value: unknown, where: ErrorWhere, what: string): string {
  if (value === undefined || value === null || value === '') throw importErrors.missingField(where, what);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return short(value.trim(), where, what, MAX_ID_CHARS);
  throw importErrors.wrongType(where, `${what} (a number or a string)`, value);
}

/** `max` for short fields; post bodies have their own limit in bytes (limits.maxPostBytes). */
export function readString(value: unknown, where: ErrorWhere, what: string, max = Infinity): string {
  if (value === undefined || value === null) throw importErrors.missingField(where, what);
  if (typeof value !== 'string') throw importErrors.wrongType(where, `${what} (a string)`, value);
  return short(value, where, what, max);
}

export function optionalString(value: unknown, where: ErrorWhere, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw importErrors.wrongType(where, `${what} (a string)`, value);
  return short(value, where, what, MAX_TEXT_CHARS);
}

function short(value: string, where: ErrorWhere, what: string, max: number): string {
  if (value.length > max) throw importErrors.fieldTooLong(where, what, max);
  return value;
}

/** Integers may arrive as numbers or as digit strings (CSV, some JSON exporters). */
export function optionalInt(value: unknown, where: ErrorWhere, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw importErrors.wrongType(where, `${what} (an integer)`, value);
  return n;
}

export function requiredInt(value: unknown, where: ErrorWhere, what: string): number {
  const n = optionalInt(value, where, what);
  if (n === undefined) throw importErrors.missingField(where, what);
  return n;
}

/** `where` with `field` extended by a path step. */
export function at(where: ErrorWhere, step: string): ErrorWhere {
  const field = where.field ? (step.startsWith('[') ? `${where.field}${step}` : `${where.field}.${step}`) : step;
  return { ...where, field };
}
