import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

// Sources and imports share the ['sources'] prefix: a new import invalidates both.
export const sourcesQuery = (client: Client) =>
  queryOptions({ queryKey: ['sources'], queryFn: () => unwrap(client.api.sources.$get()) });

export const importsQuery = (client: Client) =>
  queryOptions({ queryKey: ['sources', 'imports'], queryFn: () => unwrap(client.api.imports.$get({ query: {} })) });

const finished = (status: string | undefined) => status === 'succeeded' || status === 'failed';

/** One import, polled while its job runs (the job lives on the server; closing the tab does not stop it). */
export const importQuery = (client: Client, id: number) =>
  queryOptions({
    queryKey: ['sources', 'imports', id],
    queryFn: () => unwrap(client.api.imports[':id'].$get({ param: { id: String(id) } })),
    refetchInterval: (query) => (finished(query.state.data?.import.status) ? false : 500),
  });

export type Source = InferResponseType<Client['api']['sources']['$get'], 200>['sources'][number];
export type ImportRecord = InferResponseType<Client['api']['imports'][':id']['$get'], 200>['import'];
export type ImportFields = InferRequestType<Client['api']['imports']['$post']>['query'];

/** Names a Discourse source's categories from the forum's /site.json or /categories.json, read in the browser. */
export function useNameForumCategories() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ sourceId, file }: { sourceId: number; file: File }) => {
      let json: unknown;
      try {
        json = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: choose the forum's /site.json or /categories.json.`);
      }
      return unwrap(client.api.sources[':id'].categories.$put({ param: { id: String(sourceId) }, json }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sources'] }),
  });
}

/** Uploads the file as the request body (streamed by the browser) and answers with the queued import. */
export function useStartImport() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fields }: { file: File; fields: ImportFields }) =>
      unwrap(
        client.api.imports.$post(
          { query: fields },
          { init: { body: file, headers: { 'content-type': 'application/octet-stream' } } },
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sources'] }),
  });
}
