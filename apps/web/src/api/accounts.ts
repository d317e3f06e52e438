import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

export type AccountRow = InferResponseType<Client['api']['users']['$get'], 200>['users'][number];
export type AccountPatch = InferRequestType<Client['api']['users'][':id']['$patch']>['json'];

/** Changes the signed-in user's password; the API ends their other sessions. */
export function useChangePassword() {
  const client = useClient();
  return useMutation({
    mutationFn: (json: { currentPassword: string; newPassword: string }) =>
      unwrap(client.api.auth.password.$post({ json })),
  });
}

/** An administrator grants or revokes the importer right, or disables or enables an account. */
export function useUpdateAccount() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: AccountPatch }) =>
      unwrap(client.api.users[':id'].$patch({ param: { id: String(id) }, json: patch })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
