import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { unwrap, type Client } from '../api/client.ts';
import { useClient } from '../api/client-context.tsx';

// A big import is done before its posts are in the full-text index (the server indexes them
// right after, in the background); until then search may miss them. Polled while indexing.
const searchIndexQuery = (client: Client) =>
  queryOptions({
    queryKey: ['threads', 'search-index'],
    queryFn: () => unwrap(client.api.threads['search-index'].$get()),
    refetchInterval: (query) => (query.state.data?.state === 'indexing' ? 2000 : false),
  });

/** "Search index: indexing… N posts left" while the index catches up; with `showReady`, also says when it is up to date. */
export function SearchIndexStatus({ showReady = false }: { showReady?: boolean }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const index = useQuery(searchIndexQuery(client));
  const state = index.data?.state;
  const before = useRef(state);
  useEffect(() => {
    // Caught up: lists fetched meanwhile may have missed threads, so fetch them again.
    if (before.current === 'indexing' && state === 'ready')
      void queryClient.invalidateQueries({ queryKey: ['threads', 'list'] });
    before.current = state;
  }, [state, queryClient]);
  if (!index.data || (state === 'ready' && !showReady)) return null;
  return (
    <p role="status" aria-label="Search index" className="hint search-index-status">
      {index.data.state === 'indexing'
        ? `Search index: indexing… ${index.data.pending.toLocaleString()} ${index.data.pending === 1 ? 'post' : 'posts'} left. Search results may be incomplete until it is done.`
        : 'Search index: up to date.'}
    </p>
  );
}
