import { ApiError } from '../api/client.ts';

/** Shows an API error's message (and where the problem is) next to the action that failed. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const where = error instanceof ApiError ? error.where : undefined;
  const place = where
    ? [where.file, where.line !== undefined ? `line ${where.line}` : '', where.field].filter(Boolean).join(', ')
    : '';
  return (
    <p role="alert" className="error">
      {message}
      {place ? <span className="error-where"> ({place})</span> : null}
    </p>
  );
}
