import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { collectionsQuery } from '../../api/collect.ts';
import { useClient } from '../../api/client-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { CollectForm } from './collect-form.tsx';
import { CollectProgress } from './collect-progress.tsx';
import { CollectRuns } from './collect-runs.tsx';

/** The collector on the Sources page: the form, the newest run's progress, the past runs. */
export function CollectSection() {
  const query = useQuery(collectionsQuery(useClient()));
  const queryClient = useQueryClient();
  const runningId = query.data?.current?.id ?? null;
  const current = query.data?.current ?? null;
  // When a run ends, the sources table's counts have changed.
  const wasRunning = useRef<number | null>(null);
  useEffect(() => {
    if (wasRunning.current !== null && runningId === null)
      void queryClient.invalidateQueries({ queryKey: ['sources'], exact: true });
    wasRunning.current = runningId;
  }, [runningId, queryClient]);
  if (!query.data) return <ErrorMessage error={query.error} />;
  const [newest, ...past] = query.data.collections;
  return (
    <>
      <CollectForm running={current !== null} />
      {newest ? <CollectProgress record={newest} stopping={current?.id === newest.id && current.stopping} /> : null}
      <CollectRuns runs={past} />
    </>
  );
}
