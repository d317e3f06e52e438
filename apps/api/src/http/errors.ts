/** Where bad input was found: a file, a line in it, a field path. */
export interface ErrorWhere {
  file?: string;
  line?: number;
  field?: string;
}

/** An expected failure with a stable code, an HTTP status and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    message: string,
    readonly where?: ErrorWhere,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; where?: ErrorWhere; requestId?: string };
}

export function errorBody(code: string, message: string, where?: ErrorWhere): ErrorBody {
  return { error: { code, message, ...(where ? { where } : {}) } };
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} was not found.`);
export const forbidden = (message = 'You do not have the role this needs.') =>
  new AppError('auth.forbidden', 403, message);
