import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { sessionQuery } from './api/auth.ts';
import { createClient } from './api/client.ts';
import { AppProviders, createQueryClient } from './app-providers.tsx';
import { prefetchRouteData } from './app/prefetch-route-data.ts';
import { preloadOnIntent } from './app/preload-on-intent.ts';
import { preloadRoute } from './app/preload-route.ts';
import { preloadedApiPaths } from './app/preloaded-api.ts';
import './styles.css';

const client = createClient(undefined, `${window.location.origin}/`);
const queryClient = createQueryClient();
// The session (preloaded by index.html) is taken while the opened page's chunks arrive, not after React has rendered.
void queryClient.prefetchQuery(sessionQuery(client));
void prefetchRouteData(queryClient, client, window.location, preloadedApiPaths(document));

preloadOnIntent();
void preloadRoute(window.location.pathname).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppProviders client={client} queryClient={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
});
