import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

// Every series query sits under this key: an import, a delete or a Hub collection refreshes them all.
export const seriesKey = ['series'] as const;
type Routes = Client['api']['series'];

export const seriesListQuery = (client: Client) =>
  queryOptions({ queryKey: [...seriesKey, 'list'], queryFn: () => unwrap(client.api.series.$get()) });

export type SeriesSetSummary = InferResponseType<Routes['$get'], 200>['sets'][number];
export type SeriesImport = InferRequestType<Routes['$post']>['json'];
export type CompareRequest = InferRequestType<Routes['compare']['$post']>['json'];
type SeriesComparison = InferResponseType<Routes['compare']['$post'], 200>['comparison'];
export type PairComparison = SeriesComparison['pairs'][number];

/** The comparison of two sets (a POST that only reads, cached like a query). */
export const comparisonQuery = (client: Client, request: CompareRequest) =>
  queryOptions({
    queryKey: [...seriesKey, 'compare', request],
    queryFn: () => unwrap(client.api.series.compare.$post({ json: request })),
    placeholderData: keepPreviousData,
  });

/** The download link of a comparison's CSV. */
export function comparisonCsvUrl(client: Client, r: CompareRequest): string {
  const mapping = r.mapping && Object.keys(r.mapping).length ? { mapping: JSON.stringify(r.mapping) } : {};
  const query = { left: String(r.left), right: String(r.right), ...mapping };
  const url = client.api.series['compare.csv'].$url({ query });
  return url.pathname + url.search;
}

export function seriesCsvUrl(client: Client, id: number): string {
  return client.api.series[':id'].csv.$url({ param: { id: String(id) } }).pathname;
}

export function useImportSeries() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: SeriesImport) => unwrap(client.api.series.$post({ json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: seriesKey }),
  });
}

export function useDeleteSeries() {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(client.api.series[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: seriesKey }),
  });
}

type MentionRoutes = Client['api']['studies'][':studyId']['mention-trends'];
export type MentionUnit = InferRequestType<MentionRoutes['series']['$post']>['json']['unit'];

/** Stores the study's mentions as a series set (topics by creation month, or posts by month). */
export function useStoreMentionSeries(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unit: MentionUnit) =>
      unwrap(
        client.api.studies[':studyId']['mention-trends'].series.$post({
          param: { studyId: String(studyId) },
          json: { unit },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: seriesKey }),
  });
}

/** Keyword groups in bulk (CSV or text list); the analysis queries refresh with them. */
export function useImportKeywordGroups(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: { text: string; fileName: string }) =>
      unwrap(
        client.api.studies[':studyId']['mention-trends']['keyword-groups'].import.$post({
          param: { studyId: String(studyId) },
          json,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'analysis'] }),
  });
}
