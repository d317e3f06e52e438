import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';
import { seriesKey } from './series.ts';

const listKey = ['hub-collections'] as const;

/** Past and running Hub collections, newest first; polled every second while one runs on the server. */
export const hubCollectionsQuery = (client: Client) =>
  queryOptions({
    queryKey: listKey,
    queryFn: () => unwrap(client.api['hub-collections'].$get()),
    refetchInterval: (query) => (query.state.data?.current ? 1000 : false),
  });

export type HubCollectionRecord = InferResponseType<
  Client['api']['hub-collections']['$get'],
  200
>['collections'][number];
export type HubCollectionStart = InferRequestType<Client['api']['hub-collections']['$post']>['json'];

export function useStartHubCollection() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: HubCollectionStart) => unwrap(client.api['hub-collections'].$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}

export function useCancelHubCollection() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(client.api['hub-collections'][':id'].cancel.$post({ param: { id: String(id) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: listKey });
      void queryClient.invalidateQueries({ queryKey: seriesKey });
    },
  });
}
