// Remembers where each id was first seen, to report duplicates with both locations.
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors, type ImportError } from './errors.ts';

export class IdRegistry {
  private readonly seen = new Map<string, ErrorWhere>();

  /** Returns a duplicate_id error if `id` of this kind was seen before, else records it. */
  claim(kind: 'Thread' | 'Post', id: string, where: ErrorWhere): ImportError | undefined {
    const key = `${kind[0]}${id}`;
    const first = this.seen.get(key);
    if (first) return importErrors.duplicateId(where, kind, id, first);
    this.seen.set(key, where);
    return undefined;
  }
}
