// The collector's only way to the forum: GET JSON, politely. Requests start at most `rate`
// per second; 429 waits for Retry-After; 5xx, timeouts and dropped connections are retried
// with exponential backoff and jitter, up to maxRetries. Other 4xx are the answer (HttpError).
import { AppError } from '../http/errors.ts';
import type { Clock } from './clock.ts';
import { retryAfterMs } from './retry-after.ts';

const USER_AGENT = 'Threadcoder-collector/1.0 (qualitative research on forum threads; rate-limited)';

export interface HttpOptions {
  baseUrl: string;
  /** Requests per second. */
  rate: number;
  maxRetries: number;
  timeoutMs: number;
  clock: Clock;
  /** Discourse API credentials (from the environment): sent as headers, never logged or stored. */
  apiKey?: { key: string; username?: string };
  /** Aborting it ends a retry wait (backoff, Retry-After) at once with StoppedError; rate-limit gaps are short and run out. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  random?: () => number;
}

/** The forum answered with a status that retrying will not change (404, 403, …). */
export class HttpError extends Error {
  constructor(readonly status: number, readonly path: string) {
    super(`${path} answered HTTP ${status}`);
  }
}

/** The forum kept failing (5xx, 429, timeouts, dropped connections) past the retry limit. */
export class GaveUpError extends Error {}

/** The run was asked to stop while waiting. */
export class StoppedError extends Error {
  constructor() {
    super('stopped');
  }
}

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;

export class DiscourseHttp {
  /** Requests sent, retries included. */
  requests = 0;
  private nextStart = 0;
  private readonly headers: Record<string, string>;

  constructor(private readonly o: HttpOptions) {
    this.headers = { 'User-Agent': USER_AGENT, Accept: 'application/json' };
    if (o.apiKey) {
      this.headers['Api-Key'] = o.apiKey.key;
      if (o.apiKey.username) this.headers['Api-Username'] = o.apiKey.username;
    }
  }

  /** GETs `path` (with its query) under the forum's base URL and parses the JSON body. */
  async getJson(path: string): Promise<unknown> {
    const url = new URL(path, this.o.baseUrl.replace(/\/*$/, '/')).href;
    for (let attempt = 0; ; attempt++) {
      await this.throttle();
      this.requests++;
      let reason: string;
      let wait: number;
      try {
        const res = await (this.o.fetch ?? fetch)(url, { headers: this.headers, signal: AbortSignal.timeout(this.o.timeoutMs), redirect: 'follow' });
        if (res.ok) return parseJson(await res.text(), path, res.headers.get('content-type'));
        await res.body?.cancel().catch(() => {});
        if (res.status !== 429 && res.status < 500) throw new HttpError(res.status, path);
        reason = `HTTP ${res.status}`;
        wait = (res.status === 429 ? retryAfterMs(res.headers.get('retry-after'), this.o.clock.now()) : undefined) ?? this.backoff(attempt);
      } catch (err) {
        if (err instanceof HttpError || err instanceof AppError) throw err;
        reason = networkReason(err);
        wait = this.backoff(attempt);
      }
      if (attempt >= this.o.maxRetries) throw new GaveUpError(`${path} failed ${attempt + 1} times; last: ${reason}`);
      await this.retryWait(wait);
    }
  }

  private backoff(attempt: number): number {
    const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
    return Math.round(full * (0.5 + (this.o.random ?? Math.random)() * 0.5));
  }

  private async throttle(): Promise<void> {
    const now = this.o.clock.now();
    if (this.nextStart > now) await this.o.clock.sleep(this.nextStart - now);
    this.nextStart = Math.max(now, this.nextStart) + 1000 / this.o.rate;
  }

  private async retryWait(ms: number): Promise<void> {
    if (this.o.signal?.aborted) throw new StoppedError();
    await this.o.clock.sleep(ms, this.o.signal);
    if (this.o.signal?.aborted) throw new StoppedError();
  }
}

// The body is not quoted back: the address is the user's choice, and its pages are none of their business.
function parseJson(text: string, path: string, contentType: string | null): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('collect.not_json', 422, `${path} did not answer with JSON (it sent ${contentType ?? 'no content type'}); is this a Discourse forum?`, { file: path });
  }
}

function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timed out';
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err instanceof Error ? err.message : String(err)}${cause}`;
}
