import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.ts';
import { AppError, errorBody } from './errors.ts';
import type { LogLine } from './request-log.ts';
import { storageFailure } from './storage-errors.ts';

/**
 * Writes every failure in the one error shape; unknown errors are logged and answered with a bare 500, but a
 * read-only, full or failing disk with a 503 that names the cause.
 */
export function onError(log: LogLine): ErrorHandler<AppEnv> {
  return (err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof AppError) {
      const body = errorBody(err.code, err.message, err.where);
      return c.json({ error: { ...body.error, requestId } }, err.status);
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own validators throw this for a body that is not JSON at all.
      const malformed = /malformed json/i.test(err.message);
      const code = malformed ? 'request.malformed_json' : `request.http_${err.status}`;
      const message = malformed ? 'The request body is not valid JSON.' : err.message || 'Bad request.';
      return c.json({ error: { code, message, requestId } }, err.status);
    }
    log({
      at: new Date().toISOString(),
      requestId,
      level: 'error',
      error: err instanceof Error ? err.stack : String(err),
    });
    const storage = storageFailure(err);
    if (storage) return c.json({ error: { ...storage, requestId } }, 503);
    return c.json(
      { error: { code: 'internal', message: 'Something went wrong on the server. It has been logged.', requestId } },
      500,
    );
  };
}
