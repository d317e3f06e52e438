import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

export const sessionQuery = (client: Client) =>
  queryOptions({ queryKey: ['session'], queryFn: () => unwrap(client.api.auth.session.$get()), staleTime: 60_000 });

export type SessionUser = NonNullable<InferResponseType<Client['api']['auth']['session']['$get']>['user']>;

/** When forum images load (THREADCODER_IMAGES): click (per post), always, never. */
export type ImagePolicy = InferResponseType<Client['api']['auth']['session']['$get']>['images'];

export function useImagePolicy(): ImagePolicy {
  return useQuery(sessionQuery(useClient())).data?.images ?? 'click';
}

export function useLogin() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => unwrap(client.api.auth.login.$post({ json: body })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useSetup() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { setupCode: string; username: string; displayName: string; password: string }) =>
      unwrap(client.api.auth.setup.$post({ json: body })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useLogout() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(client.api.auth.logout.$post()),
    onSuccess: () => {
      queryClient.clear();
    },
  });
}
