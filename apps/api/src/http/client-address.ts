import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The peer address of the TCP connection (@hono/node-server passes the request as `incoming`).
 * Never X-Forwarded-For: a client could change it on every try. Requests made in-process
 * (app.request() in tests) have no socket and share one address.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'in-process';
}
