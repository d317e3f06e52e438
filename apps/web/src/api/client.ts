import type { AppType } from '@threadcoder/api';
import { hc } from 'hono/client';

/** Where bad input was found, as the API reports it. */
export interface ErrorWhere {
  file?: string;
  line?: number;
  field?: string;
}

/** Any non-2xx answer from the API, carrying its error code and the message to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly where?: ErrorWhere,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Fetch = typeof fetch;

/** `base` must be absolute (the page's origin in the browser) so the client's $url() can build links. */
export function createClient(
  fetchImpl: Fetch = (input, init) => fetch(input, { credentials: 'same-origin', ...init }),
  base = '/',
) {
  return hc<AppType>(base, { fetch: fetchImpl });
}
export type Client = ReturnType<typeof createClient>;

/** Awaits a client call and returns its JSON, or throws ApiError with the API's message. */
export async function unwrap<T>(response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  const res = await response;
  if (res.ok) return res.json();
  let body: { error?: { code?: string; message?: string; where?: ErrorWhere } } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status below.
  }
  throw new ApiError(
    res.status,
    body.error?.code ?? `http_${res.status}`,
    body.error?.message ?? `The server answered ${res.status}.`,
    body.error?.where,
  );
}
