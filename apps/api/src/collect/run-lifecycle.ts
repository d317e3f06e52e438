// What a forum collection (collector.ts) and a Hub collection (hub/collector.ts) share: the
// dependencies tests replace, the polite client made from them, opening a run (an unfinished one
// with the same selection resumes) and recording how a run ended.
import type { Db } from '../db/open.ts';
import type { AppError } from '../http/errors.ts';
import { allowPrivateFromEnv } from './address-guard.ts';
import { realClock, type Clock } from './clock.ts';
import { DiscourseHttp, type HttpOptions, StoppedError } from './http.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export interface RunDeps<R> {
  clock?: Clock;
  fetch?: HttpOptions['fetch'];
  random?: () => number;
  /** Allow loopback, private and link-local addresses; default THREADCODER_COLLECT_ALLOW_PRIVATE=1. */
  allowPrivate?: boolean;
  /** Abort to stop after the item in hand (state saved; the same options resume). */
  signal?: AbortSignal;
  maxRetries?: number;
  timeoutMs?: number;
  onProgress?: (record: R) => void;
}

/** The run's client: at most `rate` requests a second, Retry-After on 429, backoff on 5xx, checked addresses. */
export function runHttp(
  baseUrl: string,
  rate: number,
  deps: Omit<RunDeps<unknown>, 'onProgress'> & Pick<HttpOptions, 'apiKey' | 'resolve'>,
  defaults: { maxRetries: number; timeoutMs: number },
): DiscourseHttp {
  return new DiscourseHttp({
    baseUrl,
    rate,
    maxRetries: deps.maxRetries ?? defaults.maxRetries,
    timeoutMs: deps.timeoutMs ?? defaults.timeoutMs,
    clock: deps.clock ?? realClock,
    apiKey: deps.apiKey,
    allowPrivate: deps.allowPrivate ?? allowPrivateFromEnv(),
    signal: deps.signal,
    fetch: deps.fetch,
    resolve: deps.resolve,
    random: deps.random,
  });
}

/**
 * The unfinished run `find` names, reopened; else a new run. A run still marked running belongs to
 * another process (the server, another CLI run): two would fetch the same things, so it is refused
 * with `busy`. Immediate: two processes cannot both see it stopped and both reopen it.
 */
export function openResumable(
  db: Db,
  run: {
    find(): { id: number; status: string } | undefined;
    create(): number;
    reopen(id: number): void;
    busy(id: number): AppError;
  },
): { id: number; resumed: boolean } {
  return writeTransaction(db, () => {
    const found = run.find();
    if (!found) return { id: run.create(), resumed: false };
    if (found.status === 'running') throw run.busy(found.id);
    run.reopen(found.id);
    return { id: found.id, resumed: true };
  });
}

export interface RunFailure {
  code: string;
  message: string;
}

/** Runs `work` and records its end: succeeded, stopped (an abort), or failed as `failure` words it. */
export async function recordEnd(
  work: () => Promise<void>,
  end: (status: 'succeeded' | 'stopped' | 'failed', error?: RunFailure) => void,
  failure: (err: unknown) => RunFailure,
): Promise<void> {
  try {
    await work();
    end('succeeded');
  } catch (err) {
    if (err instanceof StoppedError) end('stopped');
    else end('failed', failure(err));
  }
}
