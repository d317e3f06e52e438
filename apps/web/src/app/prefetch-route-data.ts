import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { adjudicationChoicesQuery, adjudicationQueueQuery, queueFiltersFrom } from '../api/adjudication.ts';
import { sessionQuery } from '../api/auth.ts';
import type { Client } from '../api/client.ts';
import { codebookQuery } from '../api/codebook-read.ts';
import { progressQuery, roundsQuery } from '../api/coding.ts';
import { studyQuery } from '../api/studies.ts';
import { lockReason } from '../features/studies/tab-access.ts';

/**
 * Asks, as soon as the session names a signed-in user, for what a study's pages wait on first, rather
 * than after the app has rendered down to them: the study (its roles decide whether a tab may show),
 * the Code tab's rounds, progress and codebook, and the first page of the adjudication queue once
 * the study says the member may adjudicate. Signed out, or for a tab the member may not use, it asks
 * nothing, so no request is refused. Opened by its address, index.html has preloaded these same
 * requests (apps/api/src/http/page-preloads.ts), and each takes its preloaded answer; `preloaded`
 * names them, and those are asked for at once: the server has checked the member may, so waiting
 * for the session and then the study (each answer read between the start-up scripts' tasks) would
 * only delay them.
 */
export async function prefetchRouteData(
  queryClient: QueryClient,
  client: Client,
  { pathname, search }: { pathname: string; search: string },
  preloaded: ReadonlySet<string> = new Set(),
): Promise<void> {
  const match = matchPath('/studies/:studyId/:tab?/*', pathname);
  if (!match?.params.studyId || !/^\d+$/.test(match.params.studyId)) return;
  const studyId = Number(match.params.studyId);
  const tab = match.params.tab;
  const base = `/api/studies/${studyId}`;
  const askCode = () => {
    void queryClient.prefetchQuery(roundsQuery(client, studyId));
    void queryClient.prefetchQuery(progressQuery(client, studyId));
    void queryClient.prefetchQuery(codebookQuery(client, studyId));
  };
  const askQueue = () => {
    void queryClient.prefetchQuery(adjudicationChoicesQuery(client, studyId));
    void queryClient.prefetchInfiniteQuery(
      adjudicationQueueQuery(client, studyId, queueFiltersFrom(new URLSearchParams(search))),
    );
  };
  if (preloaded.has(base)) {
    void queryClient.prefetchQuery(studyQuery(client, studyId));
    if (tab === 'code' && preloaded.has(`${base}/rounds`)) askCode();
    if (tab === 'adjudicate' && preloaded.has(`${base}/adjudication`)) askQueue();
    return;
  }
  const session = await queryClient.ensureQueryData(sessionQuery(client)).catch(() => null);
  if (!session?.user) return;
  const study = queryClient.fetchQuery(studyQuery(client, studyId)).catch(() => null);
  if (tab === 'code') askCode();
  const loaded = (await study)?.study;
  if (tab === 'adjudicate' && loaded && lockReason('adjudicate', loaded) === null) askQueue();
}
