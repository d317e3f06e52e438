// What input validation reports: which record (0-based index into the records), which field,
// and a message a person can act on. Callers map the index to a file line.
import type { Coding } from '../data/coding.ts';

export interface InputProblem {
  /** Index of the offending record, or null when the input as a whole is wrong (e.g. empty). */
  readonly index: number | null;
  /** Field path: "unit", "value", "value[2]"; "" for the whole record or input. */
  readonly field: string;
  readonly message: string;
}

export type ParsedCodings = { readonly codings: Coding[] } | { readonly problem: InputProblem };
