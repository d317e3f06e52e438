import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PageAt } from '../api/posts-page.ts';
import { codePoints } from './quote-range.ts';

/** What paging needs of a unit's post (the API's unit posts carry more). */
export interface WindowPost {
  id: number;
  text: string;
  /** Where the post's text starts in the unit's quote text; null for a post unit's neighbours. */
  quoteStart: number | null;
}

/** One page of a unit's posts, as GET …/units/:unitId/posts and the adjudication's …/posts answer. */
interface PostsPage<P> {
  posts: P[];
  prevCursor: string | null;
  nextCursor: string | null;
}

/** Where a screen's unit posts come from: the unit's first page (with the unit) and a way to ask for others. */
export interface PostsSource<P> {
  first: PostsPage<P>;
  /** Names the unit's pages in the query cache. */
  queryKey: readonly unknown[];
  fetchPage: (at: PageAt) => Promise<PostsPage<P>>;
}

/** Whether `offset` of the unit's text lies in one of `posts` (or the blank line after it). */
const holds = (posts: readonly WindowPost[], offset: number) =>
  posts.some((p) => p.quoteStart !== null && offset >= p.quoteStart && offset <= p.quoteStart + codePoints(p.text) + 2);

/**
 * The unit's posts on screen: the first page, then later ones as the reader goes on (each
 * loaded when the "Show later posts" button, `moreRef`, scrolls into view or is pressed). goTo
 * an offset not on screen (a saved quote's start) swaps in the page around the post holding it,
 * from which the reader pages both ways.
 */
export function usePostsWindow<P extends WindowPost>({ first, queryKey, fetchPage }: PostsSource<P>) {
  const [anchor, setAnchor] = useState<number | null>(null);
  const [reading, setReading] = useState(false);
  const start: PageAt = anchor === null ? { after: first.nextCursor ?? '' } : { aroundOffset: anchor };
  const pages = useInfiniteQuery({
    queryKey: [...queryKey, start],
    queryFn: ({ pageParam }: { pageParam: PageAt }) => fetchPage(pageParam),
    initialPageParam: start as PageAt,
    getNextPageParam: (last): PageAt | undefined => (last.nextCursor === null ? undefined : { after: last.nextCursor }),
    getPreviousPageParam: (top): PageAt | undefined =>
      top.prevCursor === null ? undefined : { before: top.prevCursor },
    enabled: anchor !== null || (reading && first.nextCursor !== null),
    staleTime: 60_000,
  });
  const posts = useMemo(() => {
    const loaded = pages.data?.pages.flatMap((p) => p.posts) ?? [];
    return anchor === null ? [...first.posts, ...loaded] : loaded;
  }, [anchor, first.posts, pages.data]);
  // Without an anchor the first page comes with the unit; its later pages follow it.
  const hasLater =
    anchor === null ? first.nextCursor !== null && (pages.data === undefined || pages.hasNextPage) : pages.hasNextPage;
  const hasEarlier = anchor !== null && pages.hasPreviousPage;
  const { isFetching, fetchNextPage, fetchPreviousPage } = pages;
  const loadLater = useMemo(
    () => () => (anchor !== null || reading ? void fetchNextPage() : setReading(true)),
    [anchor, reading, fetchNextPage],
  );
  const moreRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = moreRef.current;
    if (!button || !hasLater || isFetching || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadLater();
    });
    seen.observe(button);
    return () => seen.disconnect();
  }, [hasLater, isFetching, loadLater]);
  return {
    posts,
    pages,
    hasLater,
    hasEarlier,
    moreRef,
    loadLater,
    loadEarlier: () => void fetchPreviousPage(),
    /** Brings the post holding `offset` on screen, unless it is already. */
    goTo: (offset: number) => {
      if (!holds(posts, offset)) setAnchor(offset);
    },
  };
}
