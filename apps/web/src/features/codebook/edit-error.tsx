import { ApiError } from '../../api/client.ts';
import { ErrorMessage } from '../../components/error-message.tsx';

/**
 * A failed save, shown where it happened. A save on a stale version gets the one thing
 * the person can do about it: reload, see the other change, and make theirs again.
 */
export function EditError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (error instanceof ApiError && error.code === 'codebook.stale_version') {
    return (
      <p role="alert" className="error cb-stale">
        Someone changed the codebook meanwhile —{' '}
        <button type="button" className="secondary small" onClick={onReload}>
          Reload
        </button>
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}
