import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

export type LogLine = (line: Record<string, unknown>) => void;

export const jsonLog: LogLine = (line) => console.log(JSON.stringify(line));

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
    c.header('X-Request-Id', requestId);
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
