// Codings from CSV rows (columns unit, coder, value; fields already split and trimmed):
// - several rows for one unit and coder make a set (multi-label data); once any unit-coder has
//   several rows, every value is a set (a single row is a one-code set);
// - otherwise a value is a number only if every value looks numeric (a plain decimal or
//   exponent form such as 3, -1.5, 2e3); a single non-numeric value keeps them all strings;
// - empty fields and repeated identical rows are problems (a missing coding is a missing row).
import type { Coding } from '../data/coding.ts';
import type { InputProblem, ParsedCodings } from './problem.ts';

export interface CsvCodingRow {
  readonly unit: string;
  readonly coder: string;
  readonly value: string;
}

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function codingsFromCsvRows(rows: readonly CsvCodingRow[]): ParsedCodings {
  const problem = (index: number | null, field: string, message: string): { problem: InputProblem } => ({
    problem: { index, field, message },
  });
  if (rows.length === 0) return problem(null, '', 'there are no codings (the header has no rows under it)');
  const groups = new Map<string, { unit: string; coder: string; values: string[]; rows: number[] }>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (const field of ['unit', 'coder', 'value'] as const) {
      if (row[field].length === 0)
        return problem(
          i,
          field,
          `${field} is empty${field === 'value' ? '; leave out the row for a missing coding' : ''}`,
        );
    }
    const key = JSON.stringify([row.unit, row.coder]);
    let group = groups.get(key);
    if (!group) {
      group = { unit: row.unit, coder: row.coder, values: [], rows: [] };
      groups.set(key, group);
    }
    const same = group.values.indexOf(row.value);
    if (same >= 0)
      return problem(
        i,
        'value',
        `repeats row ${group.rows[same]}: coder "${row.coder}" already gave unit "${row.unit}" the value "${row.value}"`,
      );
    group.values.push(row.value);
    group.rows.push(i);
  }
  const all = [...groups.values()];
  if (all.some((g) => g.values.length > 1)) {
    return { codings: all.map((g) => ({ unit: g.unit, coder: g.coder, value: [...g.values].sort() })) };
  }
  const numeric = all.every((g) => NUMERIC.test(g.values[0]!) && Number.isFinite(Number(g.values[0])));
  return {
    codings: all.map(
      (g): Coding => ({ unit: g.unit, coder: g.coder, value: numeric ? Number(g.values[0]) : g.values[0]! }),
    ),
  };
}
