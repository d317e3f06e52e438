import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { unwrap, type Client } from './client.ts';

type Routes = Client['api']['studies'][':studyId']['agreement'];

/** What the Agreement page asks for; every field maps to a query parameter of the API. */
export interface AgreementParams {
  roundId?: number | undefined;
  /** Bootstrap resamples; none when absent. */
  bootstrap?: number | undefined;
  seed?: number | undefined;
  /** User ids of the confusion matrix's coder pair. */
  pair?: [number, number] | undefined;
  /** 'exclude' leaves out units coded with the suggestion model's help. */
  assisted?: 'include' | 'exclude' | undefined;
}

const key = (studyId: number) => ['studies', studyId, 'agreement'] as const;
const routes = (client: Client) => client.api.studies[':studyId'].agreement;

function query(params: AgreementParams) {
  return {
    ...(params.roundId !== undefined ? { roundId: String(params.roundId) } : {}),
    ...(params.bootstrap ? { bootstrap: String(params.bootstrap), seed: String(params.seed ?? 1) } : {}),
    ...(params.pair ? { pair: params.pair.join(',') } : {}),
    ...(params.assisted ? { assisted: params.assisted } : {}),
  };
}

export const agreementQuery = (client: Client, studyId: number, params: AgreementParams) =>
  queryOptions({
    queryKey: [...key(studyId), params],
    queryFn: () => unwrap(routes(client).$get({ param: { studyId: String(studyId) }, query: query(params) })),
    // Switching round, pair or the bootstrap keeps the last report on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });

const DISAGREEMENTS_PAGE = 100;

/** The scope's disagreements, a page at a time (the report gives only their number). */
export const disagreementsQuery = (client: Client, studyId: number, params: AgreementParams) =>
  infiniteQueryOptions({
    queryKey: [...key(studyId), 'disagreements', params.roundId ?? null, params.assisted ?? null],
    queryFn: ({ pageParam }) =>
      unwrap(
        routes(client).disagreements.$get({
          param: { studyId: String(studyId) },
          query: {
            ...(params.roundId !== undefined ? { roundId: String(params.roundId) } : {}),
            ...(params.assisted ? { assisted: params.assisted } : {}),
            limit: String(DISAGREEMENTS_PAGE),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/**
 * Where the browser downloads the report as a CSV or JSON file (the session cookie goes along).
 * Built by hand: the client's $url() needs an absolute base, and the app's client uses "/".
 */
export function agreementExportHref(studyId: number, format: 'csv' | 'json', params: AgreementParams): string {
  return `/api/studies/${studyId}/agreement/export?${new URLSearchParams({ format, ...query(params) })}`;
}

export type AgreementSummary = InferResponseType<Routes['$get'], 200>;
export type StatEntry = AgreementSummary['overall']['statistics'][number];
export type StatValue = AgreementSummary['pairs'][number]['kappa'];
export type RoundAgreement = AgreementSummary['rounds'][number];
export type CodeAgreement = AgreementSummary['perCode'][number];
export type Confusion = NonNullable<AgreementSummary['confusion']>;
