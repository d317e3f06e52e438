import { createContext, useContext, type ReactNode } from 'react';
import type { Client } from './client.ts';

const ClientContext = createContext<Client | null>(null);

/** Makes one API client available to hooks; tests pass a client whose fetch reaches app.request(). */
export function ClientProvider({ client, children }: { client: Client; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient needs a ClientProvider above it.');
  return client;
}
