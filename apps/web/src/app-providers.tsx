import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiError, type Client } from './api/client.ts';
import { ClientProvider } from './api/client-context.tsx';

/** A query client whose one 401 handler sends the user back to the login page (by clearing the session). */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.status === 401)
      queryClient.setQueryData(['session'], { user: null, needsSetup: false });
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry:
          options.retry === false
            ? false
            : (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}

export function AppProviders({
  client,
  queryClient,
  children,
}: {
  client: Client;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [qc] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={qc}>
      <ClientProvider client={client}>{children}</ClientProvider>
    </QueryClientProvider>
  );
}
