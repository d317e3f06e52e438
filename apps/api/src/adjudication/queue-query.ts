// The adjudication queue's request as the Adjudicate page makes it, shared by the web app (which
// asks) and the server (whose index.html preloads the first page, http/page-preloads.ts): both
// build it here, so the preloaded address is the one the app then asks for, byte for byte.
// The id rule from the package's limits alone, not its index (codeIdSchema): this file is in the web
// app's start-up scripts, which must not pull in zod (tests/e2e/startup.e2e.test.ts).
import { ID_PATTERN, MAX_ID_LENGTH } from '@threadcoder/taxonomy/limits';

export interface QueueFilters {
  roundId?: number | undefined;
  status?: 'open' | 'settled' | 'reopened' | undefined;
  code?: string | undefined;
}

const statuses = ['open', 'settled', 'reopened'] as const;

/** Units per page of the queue: a queue may hold thousands, each with every coder's coding. */
export const queuePageSize = 100;

/**
 * The queue's filters as the page's address holds them (?round=&status=&code=); a value the queue's
 * route would refuse (400) is left out, so a hand-edited address never makes a request that fails.
 */
export function queueFiltersFrom(params: URLSearchParams): QueueFilters {
  const round = params.get('round');
  const status = params.get('status');
  const code = params.get('code');
  return {
    roundId: round && /^\d{1,15}$/.test(round) ? Number(round) : undefined,
    status: statuses.find((s) => s === status),
    code: code !== null && code.length <= MAX_ID_LENGTH && ID_PATTERN.test(code) ? code : undefined,
  };
}

/** The query of one queue page (`cursor`: the page before's nextCursor, '' for the first), in the order sent. */
export function queueQuery(filters: QueueFilters, cursor: string): Record<string, string> {
  return {
    ...(filters.roundId !== undefined ? { roundId: String(filters.roundId) } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.code ? { code: filters.code } : {}),
    limit: String(queuePageSize),
    ...(cursor ? { cursor } : {}),
  };
}
