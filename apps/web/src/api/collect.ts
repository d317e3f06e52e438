import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

// Under the ['sources'] prefix: a collection adds threads to a source, so they refresh together.
const listKey = ['sources', 'collections'] as const;

/** Past and running collections, newest first; polled every second while one runs on the server. */
export const collectionsQuery = (client: Client) =>
  queryOptions({
    queryKey: listKey,
    queryFn: () => unwrap(client.api.collections.$get()),
    refetchInterval: (query) => (query.state.data?.current ? 1000 : false),
  });

export type CollectionRecord = InferResponseType<Client['api']['collections']['$get'], 200>['collections'][number];
export type CollectionStart = InferRequestType<Client['api']['collections']['$post']>['json'];

export function useStartCollection() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: CollectionStart) => unwrap(client.api.collections.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}

/** Asks the running collection to stop after its current topic. */
export function useCancelCollection() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(client.api.collections[':id'].cancel.$post({ param: { id: String(id) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listKey }),
  });
}
