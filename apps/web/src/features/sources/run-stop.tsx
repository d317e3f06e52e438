import type { UseMutationResult } from '@tanstack/react-query';
import { ErrorMessage } from '../../components/error-message.tsx';

interface Props {
  record: { id: number; status: string; error: { message: string } | null };
  stopping: boolean;
  cancel: UseMutationResult<unknown, Error, number>;
}

/** A collection's Stop button while it runs (until a stop is asked), why stopping failed, and why the run failed. */
export function RunStop({ record, stopping, cancel }: Props) {
  return (
    <>
      {record.status === 'running' && !stopping ? (
        <button type="button" onClick={() => cancel.mutate(record.id)} disabled={cancel.isPending}>
          Stop
        </button>
      ) : null}
      <ErrorMessage error={cancel.error} />
      {record.error ? (
        <p role="alert" className="error">
          {record.error.message}
        </p>
      ) : null}
    </>
  );
}
