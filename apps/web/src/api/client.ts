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

type ErrorJson = { error?: { code?: string; message?: string; where?: ErrorWhere } };

/** The JSON body of a failed answer, or {} when it is not JSON (a proxy error page, say). */
export async function errorJson<Extra = object>(res: { json(): Promise<unknown> }): Promise<ErrorJson & Extra> {
  try {
    return (await res.json()) as ErrorJson & Extra;
  } catch {
    return {} as ErrorJson & Extra;
  }
}

/** The ApiError for a failed answer: the API's code and message, or the status when it gave none. */
export function apiError(status: number, body: ErrorJson): ApiError {
  return new ApiError(
    status,
    body.error?.code ?? `http_${status}`,
    body.error?.message ?? `The server answered ${status}.`,
    body.error?.where,
  );
}

/** Awaits a client call and returns its JSON, or throws ApiError with the API's message. */
export async function unwrap<T>(response: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  const res = await response;
  if (res.ok) return res.json();
  throw apiError(res.status, await errorJson(res));
}
