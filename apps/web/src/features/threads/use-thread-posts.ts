import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { threadPostsQuery } from '../../api/threads.ts';

const postInHash = (hash: string) => {
  const m = /^#post-(\d{1,9})$/.exec(hash);
  return m ? Number(m[1]) : null;
};

/**
 * The thread's loaded pages of posts, opened at the post the address links to (#post-N).
 * A link to a post not on the page moves the anchor there (a new window of posts around it);
 * once the post is on the page it is scrolled into view.
 */
export function useThreadPosts(threadId: number) {
  const linked = postInHash(useLocation().hash);
  // Per thread: moving on to another thread opens it at its own link (or its start).
  const [opened, setOpened] = useState({ threadId, anchor: linked });
  const anchor = opened.threadId === threadId ? opened.anchor : linked;
  const pages = useInfiniteQuery(threadPostsQuery(useClient(), threadId, anchor));
  const posts = useMemo(() => pages.data?.pages.flatMap((p) => p.posts) ?? [], [pages.data]);
  const onPage = linked !== null && posts.some((p) => p.postNumber === linked);
  const ready = pages.isSuccess;
  useEffect(() => {
    if (opened.threadId !== threadId || (linked !== null && ready && !onPage)) setOpened({ threadId, anchor: linked });
  }, [opened.threadId, threadId, linked, ready, onPage]);
  useEffect(() => {
    if (onPage) document.getElementById(`post-${linked}`)?.scrollIntoView({ block: 'start' });
  }, [onPage, linked]);
  return { pages, posts };
}
