import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

export type LogLine = (line: Record<string, unknown>) => void;

let pending: string[] = [];
const flush = () => {
  const text = pending.join('');
  pending = [];
  return text;
};
// Lines that arrive together go out in one write once the event loop turns (a write per
// request was a noticeable share of a coding save's CPU); what is left at exit is written
// then. A process killed outright (SIGKILL, out of memory) loses the lines of its last turn.
process.on('exit', () => {
  if (pending.length) writeSync(1, flush());
});

/** One JSON line per call on standard output. */
export const jsonLog: LogLine = (line) => {
  if (pending.length === 0) setImmediate(() => process.stdout.write(flush()));
  pending.push(`${JSON.stringify(line)}\n`);
};

/**
 * Gives each request an id (echoed as X-Request-Id) and logs one line when it ends.
 * Only method, path, status, duration and user id are logged: never bodies, query
 * strings, cookies or headers, so passwords and session tokens cannot reach the log.
 */
export function requestLog(log: LogLine): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    const start = performance.now();
    await next();
    // On the response's own headers: c.header() here would rebuild the finished response as a full Web Response.
    c.res.headers.set('X-Request-Id', requestId);
    log({
      at: new Date().toISOString(),
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      user: c.get('user')?.id ?? null,
    });
  };
}
