// Codings as the statistics see them: one coder's value for one unit.

/**
 * One category (single-label study), a number (ordinal, interval or ratio data),
 * or a set of categories (multi-label study).
 */
export type CodingValue = string | number | readonly string[];

export interface Coding {
  readonly unit: string;
  readonly coder: string;
  readonly value: CodingValue;
}

/** What kind of values a data set holds; every coding in one data set has the same kind. */
export type ValueKind = 'category' | 'number' | 'set';

/** The kind of one value. */
export function kindOf(value: CodingValue): ValueKind {
  if (typeof value === 'string') return 'category';
  if (typeof value === 'number') return 'number';
  return 'set';
}

/**
 * Builds codings from a table laid out as in Krippendorff's papers: one row per coder,
 * one column per unit, `null` where the coder did not code the unit. Units are named "1", "2", ….
 */
export function codingsFromCoderRows(rows: Readonly<Record<string, readonly (CodingValue | null)[]>>): Coding[] {
  const codings: Coding[] = [];
  for (const [coder, values] of Object.entries(rows)) {
    values.forEach((value, i) => {
      if (value !== null) codings.push({ unit: String(i + 1), coder, value });
    });
  }
  return codings;
}
