// Answers of heavy tasks kept on the request thread with the state of its connection
// (database-state.ts) they were asked in: while nothing has been committed since, the same
// request is answered here, without the hop to a worker and the reading there. An answer is kept
// only when nothing at all was committed while it was computed (the worker's own writes count, so
// the first answer after a change is not kept and the next one is).
import { RememberedAnswers } from '../words/remembered-answers.ts';
import { type DatabaseState, databaseState, sameState } from './database-state.ts';
import type { Db } from './open.ts';

export class AnswersWhileUnchanged<T> {
  private readonly kept: RememberedAnswers<{ state: DatabaseState; answer: T }>;
  constructor(capacity: number) {
    this.kept = new RememberedAnswers(capacity);
  }

  /** The answer kept under `key` if nothing was committed since, or `compute()`'s. Callers must not change it. */
  async get(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const before = databaseState(db);
    const last = this.kept.find(key);
    if (last && sameState(last.state, before)) return last.answer;
    const answer = await compute();
    if (sameState(databaseState(db), before)) this.kept.keep(key, { state: before, answer });
    return answer;
  }
}
