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

const POSTS_PAGE = 100;
/** Where a page of a thread's posts starts: after or before a post number, or around one (a link to it). */
type PostsFrom = { after: string } | { before: string } | { around: string };

/** A thread's posts, a page at a time in both directions from the start or from the linked post `anchor`. */
export const threadPostsQuery = (client: Client, id: number, anchor: number | null) =>
  infiniteQueryOptions({
    queryKey: ['threads', 'posts', id, anchor],
    queryFn: ({ pageParam }) =>
      unwrap(
        client.api.threads[':id'].posts.$get({
          param: { id: String(id) },
          query: { ...pageParam, limit: String(POSTS_PAGE) },
        }),
      ),
    initialPageParam: (anchor === null ? { after: '0' } : { around: String(anchor) }) as PostsFrom,
    getNextPageParam: (last): PostsFrom | undefined =>
      last.nextCursor === null ? undefined : { after: last.nextCursor },
    getPreviousPageParam: (first): PostsFrom | undefined =>
      first.prevCursor === null ? undefined : { before: first.prevCursor },
  });

export type ThreadRow = InferResponseType<Client['api']['threads']['$get'], 200>['threads'][number];
export type ThreadPost = InferResponseType<Client['api']['threads'][':id']['posts']['$get'], 200>['posts'][number];
export type Facets = InferResponseType<Client['api']['threads']['facets']['$get'], 200>;
