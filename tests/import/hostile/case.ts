// What a hostile file is and what importing it must give.
import type { ErrorWhere } from '../../../apps/api/src/http/errors.ts';
import type { ImportFormat, ImportLimits } from '../../../apps/api/src/import/types.ts';

/** The file is still valid after the mutation (e.g. a BOM, a cut between records): it must import. */
interface Accepted {
  ok: true;
  threads: number;
  posts: number;
  /** Stored values to check, as [SQL returning one row, expected row]. */
  stored?: [string, unknown][];
}

/** The file is invalid: the import fails with this code and location, and writes nothing. */
export interface Rejected {
  ok: false;
  code: string;
  /** Compared with toEqual, so asymmetric matchers (expect.stringMatching) may stand for a column. */
  where: ErrorWhere;
  message?: RegExp;
}

export interface HostileCase {
  category: string;
  /** The uploaded file's name: error locations use it. Unique across cases. */
  name: string;
  format: ImportFormat;
  /** Lazy: a few files are tens of megabytes. */
  bytes: () => Uint8Array;
  limits?: Partial<ImportLimits>;
  expected: Accepted | Rejected;
}

export const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** The 1-based line of byte/char offset `at` in `text`. */
export function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
