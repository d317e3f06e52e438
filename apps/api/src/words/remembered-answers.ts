// Answers kept in memory under a hash of everything they were computed from, so a repeated
// request whose inputs are unchanged is answered without computing again, and a change of any
// input (a label, a revision, an edit in place, a filter) is a new key by construction: there is
// no version to bump and no trigger to forget. Each thread keeps its own (a worker's, or the
// request thread's when tasks run inline); the least recently used answer goes first.
import { createHash } from 'node:crypto';

/** The key of an answer: a hash of its inputs, each part as written (the caller makes them unambiguous). */
export function inputsKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('base64');
}

export class RememberedAnswers<T> {
  private readonly answers = new Map<string, T>();
  constructor(private readonly capacity: number) {}

  /** The answer kept under `key`, if any. Callers must not change what they get back: it is shared. */
  find(key: string): T | undefined {
    const kept = this.answers.get(key);
    if (kept !== undefined) {
      this.answers.delete(key);
      this.answers.set(key, kept);
    }
    return kept;
  }

  keep(key: string, answer: T): void {
    this.answers.delete(key);
    if (this.answers.size >= this.capacity) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
  }

  /** The answer kept under `key`, or `compute()`'s, kept. */
  get(key: string, compute: () => T): T {
    const kept = this.find(key);
    if (kept !== undefined) return kept;
    const answer = compute();
    this.keep(key, answer);
    return answer;
  }
}
