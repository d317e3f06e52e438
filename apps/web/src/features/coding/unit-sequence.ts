import { type QueryClient, useQueries, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Client } from '../../api/client.ts';
import { useClient } from '../../api/client-context.tsx';
import {
  cachedUnitPages,
  type MyUnit,
  myUnitsPageQuery,
  myUnitsSummaryQuery,
  type RankedOrder,
  UNIT_PAGE,
} from '../../api/coding.ts';

/** A unit and its 0-based place in the coder's list. */
export interface ListedAt {
  unitId: number;
  index: number;
}

/**
 * The coder's units in the round as the coding screen walks them, by index, in the round's order
 * or a ranking's (most uncertain first): only the pages in view and around the open unit are here.
 */
export interface UnitSequence {
  total: number;
  /** The unit at an index, if its page is here. */
  unitAt: (index: number) => MyUnit | undefined;
  /** The unit at an index, loading its page if need be. */
  load: (index: number) => Promise<MyUnit | undefined>;
  /** The next unit still uncoded after this one (wrapping round), else simply the next; null at the end. */
  nextToCode: (from: ListedAt) => Promise<ListedAt | null>;
  /** A ranking's pages only: the study's model version as the latest page said (null: none said yet). */
  latestModelVersion: number | null;
  /** A ranking's pages only: the server no longer pages this ranking (the coder ranked again elsewhere). */
  rankingReplaced: boolean;
}

/** The ranking walked was replaced by a newer one in another tab (the API's 409). */
export const isRankingReplaced = (error: unknown) =>
  error instanceof ApiError && error.code === 'suggestions.ranking_replaced';

/** Where a unit is among the loaded pages of an order, if its page is here. */
export function pagedIndexOf(
  queryClient: QueryClient,
  studyId: number,
  roundId: number,
  unitId: number,
  ranked: RankedOrder,
) {
  for (const [page, data] of cachedUnitPages(queryClient, studyId, roundId, ranked)) {
    const i = data.units.findIndex((u) => u.unitId === unitId);
    if (i !== -1) return page * UNIT_PAGE + i;
  }
  return undefined;
}

/** The pages of an order that hold the indexes `first` to `last`, as queries. */
export function pagesFor(
  client: Client,
  studyId: number,
  roundId: number,
  ranked: RankedOrder,
  first: number,
  last: number,
) {
  const pages = [];
  for (let p = Math.floor(Math.max(0, first) / UNIT_PAGE); p <= Math.floor(last / UNIT_PAGE); p++)
    pages.push(myUnitsPageQuery(client, studyId, roundId, p, ranked));
  return pages;
}

/** The first uncoded unit after `index` among those here without a gap (where Enter most likely goes). */
function nextUncodedLoaded(units: Pick<UnitSequence, 'total' | 'unitAt'>, index: number): ListedAt | undefined {
  for (let i = index + 1; i < units.total; i++) {
    const u = units.unitAt(i);
    if (!u) return undefined;
    if (!u.coded) return { unitId: u.unitId, index: i };
  }
  return undefined;
}

/**
 * The round's order or a ranking's, a page of UNIT_PAGE units at a time: the pages holding
 * `watched` indexes (the open unit and its neighbours) are loaded and kept fresh; others load on
 * demand (the list loads the rows in view itself, so scrolling it renders only the list).
 */
export function usePagedSequence(
  studyId: number,
  roundId: number,
  ranked: RankedOrder,
  total: number,
  watched: readonly number[],
): UnitSequence {
  const client = useClient();
  const queryClient = useQueryClient();
  const pages = [...new Set(watched.filter((i) => i >= 0 && i < total).map((i) => Math.floor(i / UNIT_PAGE)))];
  // Subscribed, so a page arriving or a unit marked coded renders again.
  const watchedPages = useQueries({
    queries: pages.map((page) => myUnitsPageQuery(client, studyId, roundId, page, ranked)),
  });
  const latestModelVersion = watchedPages.reduce<number | null>(
    (version, page) => page.data?.ranking?.latestModelVersion ?? version,
    null,
  );
  const rankingReplaced = watchedPages.some((page) => isRankingReplaced(page.error));
  const pageQuery = (index: number) =>
    myUnitsPageQuery(client, studyId, roundId, Math.floor(index / UNIT_PAGE), ranked);
  const unitAt = (index: number) => queryClient.getQueryData(pageQuery(index).queryKey)?.units[index % UNIT_PAGE];
  const load = async (index: number) =>
    index < 0 || index >= total ? undefined : (await queryClient.fetchQuery(pageQuery(index))).units[index % UNIT_PAGE];
  return {
    total,
    unitAt,
    load,
    latestModelVersion,
    rankingReplaced,
    nextToCode: async ({ unitId, index }) => {
      // Usually among the loaded units just after it (their marks include saves still on their way)…
      const here = nextUncodedLoaded({ total, unitAt }, index);
      if (here) return here;
      // …else the server knows, past the loaded pages or round to the start.
      const { nextUncoded } = await queryClient.fetchQuery({
        ...myUnitsSummaryQuery(client, studyId, roundId, unitId, ranked),
        staleTime: 0,
      });
      if (nextUncoded && !unitAt(nextUncoded.index)?.coded) return nextUncoded;
      const next = await load(index + 1);
      return next ? { unitId: next.unitId, index: index + 1 } : null;
    },
  };
}
