import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { App } from '../../apps/web/src/App.tsx';
import { createClient } from '../../apps/web/src/api/client.ts';
import { AppProviders, createQueryClient } from '../../apps/web/src/app-providers.tsx';
import { Agent } from './agent.ts';
import type { TestApp } from './test-app.ts';

/**
 * Renders the web app with its API client's fetch forwarded to app.request() over a
 * temporary database (no mock server), keeping the session cookie like a browser would.
 */
export function renderWithApi(
  app: TestApp['app'],
  { path = '/', agent = new Agent(app), ui = <App /> }: { path?: string; agent?: Agent; ui?: ReactNode } = {},
) {
  const fetchViaApp: typeof fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    return agent.request(
      init?.method ?? 'GET',
      url.pathname + url.search,
      init?.body === undefined ? undefined : String(init.body),
      headers,
    );
  };
  const client = createClient(fetchViaApp, 'http://localhost/');
  const result = render(
    <AppProviders client={client} queryClient={createQueryClient({ retry: false })}>
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
  return { ...result, agent };
}
