import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { type QueueFilters, queueQuery } from '@threadcoder/api/adjudication/queue-query.ts';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';
import { type PageAt, unitPostsQueryOf } from './posts-page.ts';

export { type QueueFilters, queueFiltersFrom } from '@threadcoder/api/adjudication/queue-query.ts';

type Routes = Client['api']['studies'][':studyId']['adjudication'];

// Every adjudication query sits under this key, so one invalidation refreshes queue, unit and counts.
const key = (studyId: number) => ['studies', studyId, 'adjudication'] as const;
const studyParam = (studyId: number) => ({ studyId: String(studyId) });
const adjudication = (client: Client) => client.api.studies[':studyId'].adjudication;

/** The queue in keyset pages (`cursor`: the last unit's position). */
export const adjudicationQueueQuery = (client: Client, studyId: number, filters: QueueFilters) =>
  infiniteQueryOptions({
    queryKey: [...key(studyId), 'queue', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        adjudication(client).$get({
          param: studyParam(studyId),
          query: queueQuery(filters, pageParam),
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Changing a filter keeps the old list on screen until the new one arrives.
    placeholderData: keepPreviousData,
    // Fetched at start (app/prefetch-route-data.ts, from index.html's preload): the page mounting
    // does not ask again; a decision invalidates it.
    staleTime: 10_000,
  });

export const adjudicationChoicesQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'choices'],
    queryFn: () => unwrap(adjudication(client).choices.$get({ param: studyParam(studyId) })),
    staleTime: 60_000,
  });

export const adjudicationUnitQuery = (client: Client, studyId: number, unitId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'units', unitId],
    queryFn: () =>
      unwrap(adjudication(client).units[':unitId'].$get({ param: { ...studyParam(studyId), unitId: String(unitId) } })),
  });

/** A thread unit's pages of posts on the adjudication screen (components/use-posts-window.ts asks for them). */
export const adjudicationPostPages = (client: Client, studyId: number, unitId: number) => ({
  queryKey: [...key(studyId), 'units', unitId, 'posts'] as const,
  fetchPage: (at: PageAt) =>
    unwrap(
      adjudication(client).units[':unitId'].posts.$get({
        param: { ...studyParam(studyId), unitId: String(unitId) },
        query: unitPostsQueryOf(at),
      }),
    ),
});

export const finalLabelCountsQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'final-labels'],
    queryFn: () => unwrap(adjudication(client)['final-labels'].$get({ param: studyParam(studyId) })),
  });

/** Per round, the units not in adjudication yet: every coder finished (ready) or some coding missing. */
export const adjudicationWaitingQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'waiting'],
    queryFn: () => unwrap(adjudication(client).waiting.$get({ param: studyParam(studyId) })),
  });

export type RoundWaiting = InferResponseType<Routes['waiting']['$get'], 200>['rounds'][number];

export type QueueItem = InferResponseType<Routes['$get'], 200>['items'][number];
export type CoderCoding = QueueItem['codings'][number];
export type AdjudicationChoices = InferResponseType<Routes['choices']['$get'], 200>;
export type UnitInAdjudication = InferResponseType<Routes['units'][':unitId']['$get'], 200>;
export type Settlement = InferRequestType<Routes['units'][':unitId']['settle']['$post']>['json'];

export function useSettle(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, json }: { unitId: number; json: Settlement }) =>
      unwrap(
        adjudication(client).units[':unitId'].settle.$post({
          param: { ...studyParam(studyId), unitId: String(unitId) },
          json,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(studyId) }),
  });
}

export function useReopen(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitId: number) =>
      unwrap(
        adjudication(client).units[':unitId'].reopen.$post({
          param: { ...studyParam(studyId), unitId: String(unitId) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(studyId) }),
  });
}

/** Hands over a still open round's finished units to adjudication; rounds, progress and the queue follow. */
export function useAdjudicateFinished(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (roundId: number) =>
      unwrap(
        client.api.studies[':studyId'].rounds[':roundId']['adjudicate-finished'].$post({
          param: { ...studyParam(studyId), roundId: String(roundId) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
  });
}
