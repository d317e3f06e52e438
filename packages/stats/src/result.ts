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

/**
 * Wraps a computed number; anything non-finite becomes "not defined" with `reason`.
 * A last guard only: each statistic checks its own degenerate cases first and names them.
 */
export function finiteStat(value: number, reason: string): Stat {
  return Number.isFinite(value) ? { value } : { value: null, reason };
}

/** The value, or null: for JSON output, where the reason travels separately. */
export function valueOrNull<T>(outcome: Outcome<T>): T | null {
  return outcome.value;
}
