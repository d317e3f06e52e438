import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

type SelectionApi = Client['api']['studies'][':studyId']['threads'];
const param = (studyId: number) => ({ studyId: String(studyId) });

// Under the study's prefix, so a change also refreshes its sampling population.
export const selectionQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'selection'],
    queryFn: () => unwrap(client.api.studies[':studyId'].threads.$get({ param: param(studyId) })),
  });

export type SelectionChangeRequest = InferRequestType<SelectionApi['$post']>['json'];
export type SelectionChange = InferResponseType<SelectionApi['$post'], 200>;
export type SelectionRule = InferResponseType<SelectionApi['$get'], 200>['selection']['rules'][number];

/** Adds or removes threads by rule; a dry run only counts (and changes nothing to refresh). */
export function useChangeSelection(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SelectionChangeRequest) =>
      unwrap(client.api.studies[':studyId'].threads.$post({ param: param(studyId), json: body })),
    onSuccess: async (_data, body) => {
      if (body.dryRun) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
        queryClient.invalidateQueries({ queryKey: ['threads', 'list'] }),
      ]);
    },
  });
}
