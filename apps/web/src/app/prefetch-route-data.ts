import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { sessionQuery } from '../api/auth.ts';
import type { Client } from '../api/client.ts';
import { studyQuery } from '../api/studies.ts';

/**
 * Asks, as soon as the session names a signed-in user, for what a study's pages wait on first (the
 * study and the member's roles, which decide whether the tab may show), instead of after the app has
 * rendered its frame. Signed out, it asks nothing, so no request is refused.
 */
export async function prefetchRouteData(queryClient: QueryClient, client: Client, pathname: string): Promise<void> {
  const studyId = matchPath('/studies/:studyId/*', pathname)?.params.studyId;
  if (!studyId || !/^\d+$/.test(studyId)) return;
  const session = await queryClient.ensureQueryData(sessionQuery(client)).catch(() => null);
  if (session?.user) await queryClient.prefetchQuery(studyQuery(client, Number(studyId)));
}
