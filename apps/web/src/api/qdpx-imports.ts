import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from './client.ts';
import { useClient } from './client-context.tsx';

/** The file's bytes as base64, in chunks (a spread of a large array would overflow the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A .qdpx exported by Threadcoder, imported as a new study the caller owns. */
export const useImportQdpx = () => {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) =>
      unwrap(client.api['qdpx-imports'].$post({ json: { qdpx: await base64Of(file) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies'] }),
  });
};
