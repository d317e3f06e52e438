import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { type UnitDetail, unitLaterPostsQuery } from '../../api/coding.ts';

/**
 * The unit's posts on screen: those the unit came with (a thread unit's first page), then its
 * later pages, each loaded when the "Show later posts" button (`moreRef`) scrolls into view or
 * is pressed, as the thread page reads on.
 */
export function useUnitPosts(studyId: number, detail: UnitDetail) {
  const client = useClient();
  const [reading, setReading] = useState(false);
  const later = useInfiniteQuery({
    ...unitLaterPostsQuery(client, studyId, detail.unit.id, detail.nextCursor ?? ''),
    enabled: reading && detail.nextCursor !== null,
  });
  const posts = useMemo(
    () => [...detail.posts, ...(later.data?.pages.flatMap((p) => p.posts) ?? [])],
    [detail.posts, later.data],
  );
  const hasMore = detail.nextCursor !== null && (later.data === undefined || later.hasNextPage);
  const { isFetching, fetchNextPage } = later;
  const loadMore = useMemo(() => () => (reading ? void fetchNextPage() : setReading(true)), [reading, fetchNextPage]);
  const moreRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = moreRef.current;
    if (!button || !hasMore || isFetching || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    });
    seen.observe(button);
    return () => seen.disconnect();
  }, [hasMore, isFetching, loadMore]);
  return { posts, later, hasMore, moreRef, loadMore };
}
