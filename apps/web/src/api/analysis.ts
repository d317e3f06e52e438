import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';

type Routes = Client['api']['studies'][':studyId']['analysis'];

export type Granularity = 'month' | 'quarter' | 'year';
export interface AnalysisFilters {
  roundId?: number | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
  /** Mentions and distinctive terms count quoted words too. */
  withQuotes?: boolean | undefined;
}

// Every analysis query sits under this key, so a keyword-group change refreshes the mention trends.
const key = (studyId: number) => ['studies', studyId, 'analysis'] as const;
const param = (studyId: number) => ({ studyId: String(studyId) });
const analysis = (client: Client) => client.api.studies[':studyId'].analysis;

/** The filters as query strings, leaving out the ones not set. */
export function filterQuery(f: AnalysisFilters): Record<string, string> {
  const q: Record<string, string> = { granularity: f.granularity };
  if (f.roundId !== undefined) q.roundId = String(f.roundId);
  for (const k of ['category', 'tag', 'from', 'to'] as const) if (f[k]) q[k] = f[k]!;
  if (f.withQuotes) q.withQuotes = '1';
  return q;
}

export const analysisOptionsQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: [...key(studyId), 'options'],
    queryFn: () => unwrap(analysis(client).options.$get({ param: param(studyId) })),
  });

/** How the counts may be split in two: accepted answers vs other posts, posts by staff vs other users. */
export type CountsSplit = 'accepted' | 'staff';

export const countsQuery = (client: Client, studyId: number, f: AnalysisFilters, split?: CountsSplit) =>
  queryOptions({
    queryKey: [...key(studyId), 'counts', f, split ?? null],
    queryFn: () =>
      unwrap(
        analysis(client).counts.$get({
          param: param(studyId),
          query: { ...filterQuery(f), ...(split ? { split } : {}) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const trendQuery = (client: Client, studyId: number, f: AnalysisFilters, dimension: string | undefined) =>
  queryOptions({
    queryKey: [...key(studyId), 'trend', f, dimension ?? null],
    queryFn: () =>
      unwrap(
        analysis(client).trend.$get({
          param: param(studyId),
          query: { ...filterQuery(f), ...(dimension ? { dimension } : {}) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const cooccurrenceQuery = (client: Client, studyId: number, f: AnalysisFilters) =>
  queryOptions({
    queryKey: [...key(studyId), 'cooccurrence', f],
    queryFn: () => unwrap(analysis(client).cooccurrence.$get({ param: param(studyId), query: filterQuery(f) })),
    placeholderData: keepPreviousData,
  });

export const termsQuery = (client: Client, studyId: number, f: AnalysisFilters, code: string) =>
  queryOptions({
    queryKey: [...key(studyId), 'terms', f, code],
    queryFn: () => unwrap(analysis(client).terms.$get({ param: param(studyId), query: { ...filterQuery(f), code } })),
    placeholderData: keepPreviousData,
  });

export const mentionsQuery = (client: Client, studyId: number, f: AnalysisFilters) =>
  queryOptions({
    queryKey: [...key(studyId), 'mentions', f],
    queryFn: () => unwrap(analysis(client).mentions.$get({ param: param(studyId), query: filterQuery(f) })),
    placeholderData: keepPreviousData,
  });

export type CsvTable =
  | 'counts.csv'
  | 'trend.csv'
  | 'tests.csv'
  | 'cooccurrence.csv'
  | 'terms.csv'
  | 'mentions.csv'
  | 'mention-correlations.csv';

/** Where a table's CSV is downloaded from (the API writes it; a plain link carries the session cookie). */
export function csvUrl(client: Client, studyId: number, table: CsvTable, query: Record<string, string>): string {
  // Every CSV route takes the study param and string queries; the union of their $url types does not say so.
  const route = analysis(client)[table] as unknown as {
    $url(a: { param: { studyId: string }; query: Record<string, string> }): URL;
  };
  const url = route.$url({ param: param(studyId), query });
  return url.pathname + url.search;
}

export type AnalysisOptions = InferResponseType<Routes['options']['$get'], 200>;
export type CodeNode = AnalysisOptions['codes'][number];
export type KeywordGroup = AnalysisOptions['keywordGroups'][number];
export type CountsReport = InferResponseType<Routes['counts']['$get'], 200>;
export type TrendReport = InferResponseType<Routes['trend']['$get'], 200>;
export type Cooccurrence = InferResponseType<Routes['cooccurrence']['$get'], 200>;
export type KeywordGroupInput = InferRequestType<Routes['keyword-groups']['$post']>['json'];

export function useSaveKeywordGroup(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, json }: { id?: number; json: KeywordGroupInput }) =>
      id === undefined
        ? unwrap(analysis(client)['keyword-groups'].$post({ param: param(studyId), json }))
        : unwrap(
            analysis(client)['keyword-groups'][':groupId'].$put({
              param: { ...param(studyId), groupId: String(id) },
              json,
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(studyId) }),
  });
}

export function useDeleteKeywordGroup(studyId: number) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(
        analysis(client)['keyword-groups'][':groupId'].$delete({ param: { ...param(studyId), groupId: String(id) } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(studyId) }),
  });
}
