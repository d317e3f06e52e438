import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

export const studiesQuery = (client: Client) =>
  queryOptions({ queryKey: ['studies'], queryFn: () => unwrap(client.api.studies.$get()) });

export const studyQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId],
    queryFn: () => unwrap(client.api.studies[':studyId'].$get({ param: { studyId: String(studyId) } })),
  });

export const membersQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'members'],
    queryFn: () => unwrap(client.api.studies[':studyId'].members.$get({ param: { studyId: String(studyId) } })),
  });

export type Study = InferResponseType<Client['api']['studies'][':studyId']['$get'], 200>['study'];
type NewStudy = InferRequestType<Client['api']['studies']['$post']>['json'];

export function useCreateStudy() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: NewStudy) => unwrap(client.api.studies.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies'] }),
  });
}
