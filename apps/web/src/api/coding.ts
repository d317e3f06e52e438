import { type QueryClient, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { ApiError, apiError, errorJson, unwrap, type Client } from './client.ts';
import { useClient } from './client-context.tsx';
import { type PageAt, unitPostsQueryOf } from './posts-page.ts';

type StudyApi = Client['api']['studies'][':studyId'];

// The Code tab's rounds and progress are fetched at start (app/prefetch-route-data.ts): the tab
// mounting does not ask again. A save invalidates both.
const prefetched = 5_000;

export const roundsQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'rounds'],
    queryFn: () => unwrap(client.api.studies[':studyId'].rounds.$get({ param: { studyId: String(studyId) } })),
    staleTime: prefetched,
  });

/** Units per page of the coder's list: the coding screen loads the pages in view and around the open unit. */
export const UNIT_PAGE = 200;

const myUnitPagesKey = (studyId: number, roundId: number) =>
  ['studies', studyId, 'rounds', roundId, 'my-units', 'page'] as const;

/**
 * The order the coder walks their units in: null for the round's, or a "most uncertain first"
 * ranking (rankingQuery) by the time it was made and the model version it follows to its end,
 * so its pages all come from that one ranking even when the model is retrained meanwhile.
 */
export type RankedOrder = { rankedAt: string; modelVersion: number } | null;
const orderQuery = (ranked: RankedOrder) =>
  ranked === null
    ? {}
    : { order: 'uncertainty' as const, rankedAt: ranked.rankedAt, modelVersion: String(ranked.modelVersion) };
const orderKey = (ranked: RankedOrder) => (ranked === null ? 'position' : `${ranked.rankedAt} v${ranked.modelVersion}`);

/** Page `page` of the coder's units in the round, in the order `ranked` names: the units at indexes page × UNIT_PAGE onwards. */
export const myUnitsPageQuery = (client: Client, studyId: number, roundId: number, page: number, ranked: RankedOrder) =>
  queryOptions({
    queryKey: [...myUnitPagesKey(studyId, roundId), orderKey(ranked), page],
    queryFn: () =>
      unwrap(
        client.api.studies[':studyId'].rounds[':roundId']['my-units'].$get({
          param: { studyId: String(studyId), roundId: String(roundId) },
          query: { limit: String(UNIT_PAGE), offset: String(page * UNIT_PAGE), ...orderQuery(ranked) },
        }),
      ),
  });

/** Every loaded page of the coder's units in the round in one order, as [page, data] pairs. */
export function cachedUnitPages(
  queryClient: QueryClient,
  studyId: number,
  roundId: number,
  ranked: RankedOrder,
): [number, MyUnits][] {
  return queryClient
    .getQueriesData<MyUnits>({ queryKey: [...myUnitPagesKey(studyId, roundId), orderKey(ranked)] })
    .flatMap(([key, data]) => (data ? [[key.at(-1) as number, data] as [number, MyUnits]] : []));
}

/** Counts of the coder's units, where `unitId` is among them and the next uncoded after it (null: from the start), in one order. */
export const myUnitsSummaryQuery = (
  client: Client,
  studyId: number,
  roundId: number,
  unitId: number | null,
  ranked: RankedOrder = null,
) =>
  queryOptions({
    queryKey: ['studies', studyId, 'rounds', roundId, 'my-units', 'summary', orderKey(ranked), unitId],
    queryFn: () =>
      unwrap(
        client.api.studies[':studyId'].rounds[':roundId']['my-units'].summary.$get({
          param: { studyId: String(studyId), roundId: String(roundId) },
          query: { ...(unitId === null ? {} : { unitId: String(unitId) }), ...orderQuery(ranked) },
        }),
      ),
  });

/**
 * A new "most uncertain first" ranking of the coder's units: its rankedAt, counts and first unit
 * to code. Made once per visit to the round (kept outside the round's keys, which every save
 * refreshes): ranking again while the coder works would move units under their feet.
 */
export const rankingQuery = (client: Client, studyId: number, roundId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'suggestions', 'ranking', roundId],
    queryFn: () =>
      unwrap(
        client.api.studies[':studyId'].rounds[':roundId']['my-units'].summary.$get({
          param: { studyId: String(studyId), roundId: String(roundId) },
          query: { order: 'uncertainty' },
        }),
      ),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    // …except while the study's first model is still being trained.
    refetchInterval: (q) => (q.state.data?.ranking?.modelVersion === null ? 2_000 : false),
  });

export const progressQuery = (client: Client, studyId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'progress'],
    queryFn: () => unwrap(client.api.studies[':studyId'].progress.$get({ param: { studyId: String(studyId) } })),
    staleTime: prefetched,
  });

// A unit changes through this coder's saves: this tab's update the cache, other tabs' arrive by
// BroadcastChannel (features/coding/unit-sync.ts), so a prefetched unit stays fresh for a while and
// moving to it renders from the cache. Another device's saves show when the window gets focus.
export const unitQuery = (client: Client, studyId: number, unitId: number) =>
  queryOptions({
    queryKey: ['studies', studyId, 'units', unitId],
    queryFn: () =>
      unwrap(
        client.api.studies[':studyId'].units[':unitId'].$get({
          param: { studyId: String(studyId), unitId: String(unitId) },
        }),
      ),
    staleTime: 60_000,
    refetchOnWindowFocus: 'always',
  });

/** Posts per page of a thread unit: the unit brings the first page, this the later ones as the coder reads on. */
/** A thread unit's pages of posts on the coding screen (components/use-posts-window.ts asks for them). */
export const unitPostPages = (client: Client, studyId: number, unitId: number) => ({
  queryKey: ['studies', studyId, 'units', unitId, 'posts'] as const,
  fetchPage: (at: PageAt) =>
    unwrap(
      client.api.studies[':studyId'].units[':unitId'].posts.$get({
        param: { studyId: String(studyId), unitId: String(unitId) },
        query: unitPostsQueryOf(at),
      }),
    ),
});

export type Round = InferResponseType<StudyApi['rounds']['$get'], 200>['rounds'][number];
type MyUnits = InferResponseType<StudyApi['rounds'][':roundId']['my-units']['$get'], 200>;
export type MyUnit = MyUnits['units'][number];
export type MyUnitsSummary = InferResponseType<StudyApi['rounds'][':roundId']['my-units']['summary']['$get'], 200>;
export type Progress = InferResponseType<StudyApi['progress']['$get'], 200>['progress'][number];
export type UnitDetail = InferResponseType<StudyApi['units'][':unitId']['$get'], 200>;
export type Coding = NonNullable<UnitDetail['coding']>;
export type CodingBody = Required<
  Omit<InferRequestType<StudyApi['units'][':unitId']['coding']['$put']>['json'], 'baseVersion'>
>;

export interface SaveCodingVars {
  unitId: number;
  roundId: number;
  coding: CodingBody;
  /** The version of the saved coding this edit started from (0: none); undefined overwrites. */
  baseVersion?: number | undefined;
}

/** The save was based on an older version than the stored one (another tab or device saved since). */
class CodingConflict extends ApiError {
  constructor(
    message: string,
    readonly current: Coding | null,
  ) {
    super(409, 'coding.stale', message, { field: 'baseVersion' });
  }
}

/** The server refused the coding (closed round, bad label): sending it again would not help. */
const isRefusal = (error: unknown) =>
  error instanceof ApiError && error.status < 500 && error.status !== 408 && error.status !== 429;

export const codingMutationKey = (studyId: number) => ['coding', studyId] as const;

/** Forgets a unit's refused saves once the coder has settled them, so the save status stops reporting them. */
export function forgetRefusedSaves(queryClient: QueryClient, studyId: number, unitId: number): void {
  const cache = queryClient.getMutationCache();
  for (const m of cache.findAll({ mutationKey: codingMutationKey(studyId), status: 'error' }))
    if ((m.state.variables as SaveCodingVars | undefined)?.unitId === unitId) cache.remove(m);
}

/**
 * Saves one coding with an optimistic update. A network failure or a 5xx is retried with
 * backoff for as long as it takes (the caller keeps the pending coding); a refusal rolls the
 * unit back and is reported. Saves in a study run one after another (scope), so an older
 * retry can never overwrite a newer coding.
 */
export function useSaveCoding(
  studyId: number,
  hooks: {
    /** The base version to send, decided when the save is sent (after the saves queued before it). */
    baseVersion?: (vars: SaveCodingVars) => number | undefined;
    onSaved?: (vars: SaveCodingVars, saved: Coding, baseVersion: number | undefined) => void;
    onRefused?: (vars: SaveCodingVars) => void;
    onConflict?: (vars: SaveCodingVars, current: Coding | null) => void;
  } = {},
) {
  const client = useClient();
  const queryClient = useQueryClient();
  const mutationKey = codingMutationKey(studyId);
  return useMutation({
    mutationKey,
    scope: { id: `coding-${studyId}` },
    mutationFn: async (vars: SaveCodingVars) => {
      const baseVersion = hooks.baseVersion ? hooks.baseVersion(vars) : vars.baseVersion;
      const res = await client.api.studies[':studyId'].units[':unitId'].coding.$put({
        param: { studyId: String(studyId), unitId: String(vars.unitId) },
        json: baseVersion === undefined ? vars.coding : { ...vars.coding, baseVersion },
      });
      if (res.ok) return { coding: ((await res.json()) as { coding: Coding }).coding, baseVersion };
      const body = await errorJson<{ coding?: Coding | null }>(res);
      if (res.status === 409 && body.coding !== undefined)
        throw new CodingConflict(body.error?.message ?? 'This coding was changed elsewhere.', body.coding);
      throw apiError(res.status, body);
    },
    retry: (_count, error) => !isRefusal(error),
    // 1 s, 2 s, 4 s … then every 30 s while the network stays away.
    retryDelay: (failures) => Math.min(1000 * 2 ** (failures - 1), 30_000),
    onMutate: async ({ unitId, roundId, coding }) => {
      const unitKey = unitQuery(client, studyId, unitId).queryKey;
      await queryClient.cancelQueries({ queryKey: unitKey });
      const previous = queryClient.getQueryData(unitKey);
      queryClient.setQueryData(unitKey, (old) => {
        if (!old) return old;
        const now = new Date().toISOString();
        // Until the server answers, an unsaved first coding has no id of its own.
        const base = old.coding ?? {
          id: 0,
          unitId,
          coderId: 0,
          versionId: 0,
          revision: old.revision.current,
          version: 0,
          createdAt: now,
          updatedAt: now,
        };
        return { ...old, coding: { ...base, ...coding, updatedAt: now } };
      });
      const marked = (old: MyUnits | undefined) =>
        old && {
          ...old,
          units: old.units.map((u) => (u.unitId === unitId ? { ...u, coded: true, unsure: coding.unsure } : u)),
        };
      queryClient.setQueriesData<MyUnits>({ queryKey: myUnitPagesKey(studyId, roundId) }, marked);
      return { previous };
    },
    onError: (error, vars, context) => {
      if (error instanceof CodingConflict) {
        // The screen shows the stored coding beside the coder's own (kept as a draft) to choose from.
        queryClient.setQueryData(
          unitQuery(client, studyId, vars.unitId).queryKey,
          (old) => old && { ...old, coding: error.current },
        );
        hooks.onConflict?.(vars, error.current);
        return;
      }
      if (!isRefusal(error)) return;
      if (context?.previous)
        queryClient.setQueryData(unitQuery(client, studyId, vars.unitId).queryKey, context.previous);
      hooks.onRefused?.(vars);
      // A refusal may mean the round closed meanwhile: read the unit's true state again.
      void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'units', vars.unitId] });
    },
    onSuccess: ({ coding, baseVersion }, vars) => {
      queryClient.setQueryData(unitQuery(client, studyId, vars.unitId).queryKey, (old) => old && { ...old, coding });
      hooks.onSaved?.(vars, coding, baseVersion);
    },
    onSettled: () => {
      // Only the last of a burst of saves refreshes the lists, so an earlier answer cannot undo a later optimistic mark.
      if (queryClient.isMutating({ mutationKey }) === 1) {
        void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'rounds'] });
        void queryClient.invalidateQueries({ queryKey: ['studies', studyId, 'progress'] });
      }
    },
  });
}
