// The collector's only way to the forum: GET JSON, politely. Requests start at most `rate`
// per second; 429 waits for Retry-After; 5xx, timeouts and dropped connections are retried
// with exponential backoff and jitter, up to maxRetries. Other 4xx are the answer (HttpError).
// Requests stay on the forum's origin (redirects elsewhere are refused), go only to public
// addresses unless allowed (checked on every connection, by the socket's own lookup), and bodies
// over maxBytes are refused.
import { Agent, fetch as undiciFetch } from 'undici';
import { AppError } from '../http/errors.ts';
import { checkPublicHost, guardedLookup, type Resolver } from './address-guard.ts';
import type { ApiKey } from './api-key.ts';
import type { Clock } from './clock.ts';
import { retryAfterMs } from './retry-after.ts';

const USER_AGENT = 'Threadcoder-collector/1.0 (qualitative research on forum threads; rate-limited)';

export interface HttpOptions {
  /** The forum's address, perhaps with a path (https://example.org/forum), no trailing slash. */
  baseUrl: string;
  /** Requests per second. */
  rate: number;
  maxRetries: number;
  timeoutMs: number;
  clock: Clock;
  /** Discourse API credentials (from the environment): sent as headers to apiKey.origin only, never logged or stored. */
  apiKey?: ApiKey;
  /** Allow loopback, private and link-local addresses (THREADCODER_COLLECT_ALLOW_PRIVATE=1). */
  allowPrivate?: boolean;
  /** Largest response body read (default 32 MB). */
  maxBytes?: number;
  /** Aborting it ends a retry wait (backoff, Retry-After) at once with StoppedError; rate-limit gaps are short and run out. */
  signal?: AbortSignal;
  /** undici's fetch (the guarded connections go through its dispatcher); tests wrap it to time requests. */
  fetch?: typeof undiciFetch;
  /** Host name → addresses, for every connection (default: the system resolver); tests inject one. */
  resolve?: Resolver;
  random?: () => number;
}

/** The forum answered with a status that retrying will not change (404, 403, …). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
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
// A forum asking for more (hours, days) gets retried after this; past maxRetries the run fails and resumes later.
const RETRY_AFTER_MAX_MS = 5 * 60_000;
const MAX_REDIRECTS = 5;
const MAX_BYTES = 32 * 1024 * 1024;

export class DiscourseHttp {
  /** Requests sent, retries included. */
  requests = 0;
  private nextStart = 0;
  /** Connections to the forum: each new one resolves the name and checks every address it would connect to. */
  private readonly dispatcher: Agent;

  constructor(private readonly o: HttpOptions) {
    this.dispatcher = new Agent({ connect: { lookup: guardedLookup(o.resolve, o.allowPrivate ?? false) } });
  }

  /** Closes the connections kept open for the next request. */
  close(): Promise<void> {
    return this.dispatcher.close();
  }

  /** GETs `path` (starting with /, with its query) under the forum's base URL and parses the JSON body. */
  async getJson(path: string): Promise<unknown> {
    return (await this.getJsonPage(path)).body;
  }

  /** As getJson, with the Link header (the Hub's listing pages by it, as GitHub does). */
  async getJsonPage(path: string): Promise<{ body: unknown; link: string | null }> {
    const url = `${this.o.baseUrl}${path}`;
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      let wait: number;
      try {
        const res = await this.fetchOnOrigin(url, path);
        if (res.ok) {
          const text = await readCapped(res, path, this.o.maxBytes ?? MAX_BYTES);
          return { body: parseJson(text, path, res.headers.get('content-type')), link: res.headers.get('link') };
        }
        await res.body?.cancel().catch(() => {});
        if (res.status !== 429 && res.status < 500) throw new HttpError(res.status, path);
        reason = `HTTP ${res.status}`;
        const asked = res.status === 429 ? retryAfterMs(res.headers.get('retry-after'), this.o.clock.now()) : undefined;
        wait = asked === undefined ? this.backoff(attempt) : Math.min(asked, RETRY_AFTER_MAX_MS);
      } catch (err) {
        if (err instanceof HttpError || err instanceof AppError) throw err;
        // A connection the guard refused (fetch wraps the lookup's error): no retry will make it public.
        if (err instanceof Error && err.cause instanceof AppError) throw err.cause;
        reason = networkReason(err);
        wait = this.backoff(attempt);
      }
      if (attempt >= this.o.maxRetries) throw new GaveUpError(`${path} failed ${attempt + 1} times; last: ${reason}`);
      await this.retryWait(wait);
    }
  }

  /** One request, following redirects by hand: only within the forum's origin, a few hops, each one rate-limited and counted. */
  private async fetchOnOrigin(url: string, path: string): Promise<Awaited<ReturnType<typeof undiciFetch>>> {
    const origin = new URL(this.o.baseUrl).origin;
    let at = new URL(url);
    for (let hop = 0; ; hop++) {
      if (at.origin !== origin) {
        throw new AppError(
          'collect.redirect',
          422,
          `${path} redirected to ${at.origin}, another site than the forum's ${origin}; give the forum's address as it is served.`,
          { file: path },
        );
      }
      // A clear error before anything is sent; the connection's own lookup checks again, on the address it uses.
      if (!this.o.allowPrivate) await checkPublicHost(at, this.o.resolve);
      await this.throttle();
      this.requests++;
      const res = await (this.o.fetch ?? undiciFetch)(at.href, {
        headers: this.headersFor(at),
        signal: AbortSignal.timeout(this.o.timeoutMs),
        redirect: 'manual',
        dispatcher: this.dispatcher,
      });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location === null) return res;
      await res.body?.cancel().catch(() => {});
      if (hop >= MAX_REDIRECTS)
        throw new AppError('collect.redirect', 422, `${path} redirected more than ${MAX_REDIRECTS} times.`, {
          file: path,
        });
      at = new URL(location, at);
    }
  }

  // The key goes only to the origin it was configured for, whatever address the run was given.
  private headersFor(url: URL): Record<string, string> {
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: 'application/json' };
    const key = this.o.apiKey;
    if (key?.origin !== undefined && key.origin === url.origin) {
      headers['Api-Key'] = key.key;
      if (key.username) headers['Api-Username'] = key.username;
    }
    return headers;
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

async function readCapped(res: Awaited<ReturnType<typeof undiciFetch>>, path: string, max: number): Promise<string> {
  const tooLarge = () =>
    new AppError(
      'collect.too_large',
      422,
      `${path} answered with more than ${max / 1024 / 1024} MB; the collector reads at most that much per request.`,
      { file: path },
    );
  if (Number(res.headers.get('content-length')) > max) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Content-Length may be absent (chunked) or wrong: count what actually arrives.
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// The body is not quoted back: the address is the user's choice, and its pages are none of their business.
function parseJson(text: string, path: string, contentType: string | null): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      'collect.not_json',
      422,
      `${path} did not answer with JSON (it sent ${contentType ?? 'no content type'}); is this a Discourse forum?`,
      { file: path },
    );
  }
}

function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timed out';
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err instanceof Error ? err.message : String(err)}${cause}`;
}
