import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for state-changing requests: a browser always sends Origin (or
 * Sec-Fetch-Site) on them, so one from another site is refused. Requests with
 * neither header come from non-browser clients, which carry no ambient cookie risk.
 */
export function originCheck(allowedOrigins: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (!safeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const own = new URL(c.req.url).origin;
      const allowed =
        origin === undefined
          ? site === undefined || site === 'same-origin' || site === 'none'
          : origin === own || allowedOrigins.includes(origin);
      if (!allowed) {
        throw new AppError('auth.foreign_origin', 403, 'This request came from another site and was refused.', {
          field: 'Origin',
        });
      }
    }
    await next();
  };
}
