import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';

type ListQuery = InferRequestType<Client['api']['threads']['$get']>['query'];
/** The browser's filters as URL query values (empty ones left out); the API validates them (400 names a bad one). */
export type ThreadQuery = { [K in Exclude<keyof ListQuery, 'cursor' | 'limit'>]?: string };

const PAGE = 100;

/** Pages of threads for the virtual list; every thread query sits under ['threads']. */
export const threadsQuery = (client: Client, query: ThreadQuery) =>
  infiniteQueryOptions({
    queryKey: ['threads', 'list', query],
    queryFn: ({ pageParam }) =>
      unwrap(
        client.api.threads.$get({
          query: { ...query, limit: String(PAGE), ...(pageParam ? { cursor: pageParam } : {}) } as ListQuery,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const facetsQuery = (client: Client, source: string | undefined) =>
  queryOptions({
    queryKey: ['threads', 'facets', source ?? ''],
    queryFn: () => unwrap(client.api.threads.facets.$get({ query: source ? { source } : {} })),
    staleTime: 60_000,
  });

export const threadQuery = (client: Client, id: number) =>
  queryOptions({
    queryKey: ['threads', 'one', id],
    queryFn: () => unwrap(client.api.threads[':id'].$get({ param: { id: String(id) } })),
  });

export type ThreadRow = InferResponseType<Client['api']['threads']['$get'], 200>['threads'][number];
export type Facets = InferResponseType<Client['api']['threads']['facets']['$get'], 200>;
