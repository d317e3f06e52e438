// One error shape for everything this package refuses, so the API can put it
// straight into its envelope: { code, message, where: { line?, field?, codeId? } }.
// Functions return a Result instead of throwing: the web app and the API both
// need the full list of issues, and nothing partial is ever handed back.

export interface IssueLocation {
  /** 1-based line in an imported file, when the format has lines. */
  line?: number;
  /** Path to the offending value, e.g. `codes[3].name`. */
  field?: string;
  /** The code the issue is about, when there is one. */
  codeId?: string;
}

export interface TaxonomyIssue {
  /** Stable, dotted machine code, e.g. `codebook.duplicate_name`. */
  code: string;
  /** A sentence a person can act on. */
  message: string;
  where: IssueLocation;
}

export type Result<T> = { ok: true; value: T; warnings: TaxonomyIssue[] } | { ok: false; errors: TaxonomyIssue[] };

export function issue(code: string, message: string, where: IssueLocation = {}): TaxonomyIssue {
  return { code, message, where };
}

export function ok<T>(value: T, warnings: TaxonomyIssue[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(first: TaxonomyIssue, ...rest: TaxonomyIssue[]): Result<T> {
  return { ok: false, errors: [first, ...rest] };
}

/** Turns a list of issues into a failure, or passes the value when there are none. */
export function orFail<T>(issues: TaxonomyIssue[], value: T): Result<T> {
  return issues.length > 0 ? { ok: false, errors: issues } : ok(value);
}

/** Formats a zod-style path (['codes', 3, 'name']) the way the API's `where.field` shows it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
