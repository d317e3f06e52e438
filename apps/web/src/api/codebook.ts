import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

// Every codebook query sits under ['studies', studyId, 'codebook'] (the coding screen's
// codebook-read.ts reads the same first key), so one invalidation refreshes them all.
type Routes = Client['api']['studies'][':studyId']['codebook'];
const key = (studyId: number) => ['studies', studyId, 'codebook'] as const;
const param = (studyId: number) => ({ studyId: String(studyId) });
const routes = (client: Client) => client.api.studies[':studyId'].codebook;

/** The pinned version, the lineage's history and where the latest version stands; 409 while the study has none. */
export const studyCodebookQuery = (client: Client, studyId: number) =>
  queryOptions({ queryKey: key(studyId), queryFn: () => unwrap(routes(client).$get({ param: param(studyId) })) });

/** A stored version never changes, so it is never refetched. */
export const codebookVersionQuery = (client: Client, studyId: number, version: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'versions', version],
    queryFn: () =>
      unwrap(routes(client).versions[':version'].$get({ param: { ...param(studyId), version: String(version) } })),
    staleTime: Infinity,
  });

export const codebookDiffQuery = (client: Client, studyId: number, from: number, to: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'diff', from, to],
    queryFn: () =>
      unwrap(routes(client).diff.$get({ param: param(studyId), query: { from: String(from), to: String(to) } })),
    staleTime: Infinity,
  });

export const codebookReviewsQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'reviews'],
    queryFn: () => unwrap(routes(client).reviews.$get({ param: param(studyId) })),
  });

export const templatesQuery = (client: Client) =>
  queryOptions({ queryKey: ['templates'], queryFn: () => unwrap(client.api.templates.$get()), staleTime: 5 * 60_000 });

export type StudyCodebook = InferResponseType<Routes['$get'], 200>;
export type CodebookVersionInfo = StudyCodebook['versions'][number];
type CodebookReviews = InferResponseType<Routes['reviews']['$get'], 200>;
export type ReviewItem = CodebookReviews['mine'][number];
export type CodebookEdit = InferRequestType<Routes['versions']['$post']>['json'];
export type CodebookChoice = InferRequestType<Routes['$post']>['json'];
export type UpgradeReport = InferResponseType<Routes['upgrade']['$post'], 200>['report'];
export type ExportFormat = 'json' | 'csv' | 'md' | 'qdc';

/**
 * Where the browser downloads a version as a file (the API sends it as an attachment).
 * Written out rather than taken from the client's $url(), which needs an absolute base.
 */
export function exportHref(studyId: number, format: ExportFormat, version: number): string {
  const query = new URLSearchParams({ format, version: String(version) });
  return `/api/studies/${studyId}/codebook/export?${query}`;
}

/** Saves one edit as the next version; 409 codebook.stale_version when someone saved first. */
export function useEditCodebook(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: CodebookEdit) => unwrap(routes(client).versions.$post({ param: param(studyId), json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(studyId) }),
  });
}

export function useChooseCodebook(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: CodebookChoice) => unwrap(routes(client).$post({ param: param(studyId), json })),
    // The study summary names its codebook version too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
  });
}

/** Moving the study rewrites codings and final labels, so everything about the study is refetched. */
export function useUpgradeStudy(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (toVersion: number) =>
      unwrap(routes(client).upgrade.$post({ param: param(studyId), json: { toVersion } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
  });
}

export function useResolveReview(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reviewId, codeIds }: { reviewId: number; codeIds: string[] }) =>
      unwrap(
        routes(client).reviews[':reviewId'].$post({
          param: { ...param(studyId), reviewId: String(reviewId) },
          json: { codeIds },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId] }),
  });
}

/** Reloads the codebook after a stale save: the latest version and history come back fresh. */
export function useReloadCodebook(studyId: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key(studyId) });
}
