// Validates untrusted records (parsed JSON, a request body) as codings: an array of
// { unit: string, coder: string, value: string | number | string[] }. Stops at the first
// problem. Rules: unit and coder are non-empty strings; a value is a non-empty string, a
// finite number, or an array of non-empty strings (duplicates collapse; [] is the empty set);
// all values are of one kind; one coder codes a unit at most once. Extra fields are ignored.
import type { Coding, CodingValue } from '../data/coding.ts';
import type { InputProblem, ParsedCodings } from './problem.ts';

const describe = (v: unknown) =>
  v === undefined
    ? 'nothing (the field is missing)'
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'an array'
        : typeof v === 'object'
          ? 'an object'
          : `a ${typeof v}`;
const kindName = { category: 'a string', number: 'a number', set: 'an array of strings' } as const;
type Kind = keyof typeof kindName;

function checkValue(value: unknown): { kind: Kind } | { field: string; message: string } {
  if (typeof value === 'string')
    return value.length > 0 ? { kind: 'category' } : { field: 'value', message: 'value must not be an empty string' };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'number' } : { field: 'value', message: 'value must be a finite number' };
  if (Array.isArray(value)) {
    const bad = value.findIndex((code) => typeof code !== 'string' || code.length === 0);
    if (bad >= 0)
      return {
        field: `value[${bad}]`,
        message: `each code in a set must be a non-empty string, got ${describe(value[bad])}`,
      };
    return { kind: 'set' };
  }
  return { field: 'value', message: `value must be a string, a number or an array of strings, got ${describe(value)}` };
}

export function parseCodingRecords(records: unknown): ParsedCodings {
  const problem = (index: number | null, field: string, message: string): { problem: InputProblem } => ({
    problem: { index, field, message },
  });
  if (!Array.isArray(records)) return problem(null, '', `expected an array of codings, got ${describe(records)}`);
  if (records.length === 0) return problem(null, '', 'there are no codings');
  const codings: Coding[] = [];
  const seen = new Map<string, number>();
  let firstKind: Kind | null = null;
  for (let i = 0; i < records.length; i++) {
    const record: unknown = records[i];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return problem(i, '', `expected an object with unit, coder and value, got ${describe(record)}`);
    }
    const { unit, coder, value } = record as Record<string, unknown>;
    for (const [field, v] of [
      ['unit', unit],
      ['coder', coder],
    ] as const) {
      if (typeof v !== 'string' || v.length === 0)
        return problem(
          i,
          field,
          `${field} must be a non-empty string, got ${v === '' ? 'an empty string' : describe(v)}`,
        );
    }
    const checked = checkValue(value);
    if ('field' in checked) return problem(i, checked.field, checked.message);
    firstKind ??= checked.kind;
    if (checked.kind !== firstKind) {
      return problem(
        i,
        'value',
        `value is ${kindName[checked.kind]}, but the first value is ${kindName[firstKind]}; all values must be of one kind`,
      );
    }
    const key = JSON.stringify([unit, coder]);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      return problem(i, '', `coder "${coder as string}" already coded unit "${unit as string}" in record ${earlier}`);
    seen.set(key, i);
    codings.push({ unit: unit as string, coder: coder as string, value: value as CodingValue });
  }
  return { codings };
}
