// The one result shape every statistic returns: a value, or null with the reason it is not
// defined for these data. A statistic never hands back NaN; callers switch on `value === null`.

/** A defined result, or `null` with a sentence a person can act on. */
export type Outcome<T> = { value: T } | { value: null; reason: string };

/** A single-number statistic (kappa, alpha, a share). */
export type Stat = Outcome<number>;

export function defined<T>(value: T): { value: T } {
  return { value };
}

export function notDefined(reason: string): { value: null; reason: string } {
  return { value: null, reason };
}

/** The reason given if a computation ever produced a non-finite number despite the checks. */
export const NUMERIC_TROUBLE = 'the computation did not give a finite number (please report the data that caused this)';

/**
 * Wraps a computed number; anything non-finite becomes "not defined" with `reason`.
 * A last guard only: each statistic checks its own degenerate cases first and names them.
 */
export function finiteStat(value: number, reason: string = NUMERIC_TROUBLE): Stat {
  return Number.isFinite(value) ? { value } : { value: null, reason };
}
