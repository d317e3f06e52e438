// Errors cross from a worker thread to the request thread as plain data (structured clone
// keeps no class): an AppError comes back as an AppError, so the route answers the usual
// envelope with its code, status and where; anything else comes back as an Error with the
// worker's stack and SQLite's code (so a full or read-only disk still answers 503), which
// app.onError logs and answers with the generic 500.
import { AppError } from '../http/errors.ts';

export interface WireError {
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
  app?: { code: string; status: AppError['status']; where?: AppError['where'] };
}

export function toWire(err: unknown): WireError {
  if (err instanceof AppError)
    return { message: err.message, app: { code: err.code, status: err.status, where: err.where } };
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { message: err.message, stack: err.stack, code: typeof code === 'string' ? code : undefined };
}

export function fromWire(wire: WireError, task: string): Error {
  if (wire.app) return new AppError(wire.app.code, wire.app.status, wire.message, wire.app.where);
  const err = new Error(`Task "${task}" failed in its worker: ${wire.message}`);
  if (wire.stack) err.stack = `${err.message}\n  worker stack: ${wire.stack}`;
  if (wire.code) Object.assign(err, { code: wire.code });
  return err;
}
