import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useImagePolicy } from '../../api/auth.ts';
import { useClient } from '../../api/client-context.tsx';
import { threadQuery } from '../../api/threads.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { httpUrl } from '../../components/http-url.ts';
import { forumOrigin } from '../../components/post-html.ts';
import { SolvedMarker } from '../../components/post-standing.tsx';
import { ThreadPostItem } from './thread-post.tsx';
import { useThreadPosts } from './use-thread-posts.ts';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/**
 * One thread: its facts, then its posts in order, a page at a time (a thread may hold thousands).
 * A link to a post (#post-N, or a reply's "in reply to") opens the page around that post.
 */
export function ThreadPage() {
  const id = Number(useParams().threadId);
  const query = useQuery(threadQuery(useClient(), id));
  const images = useImagePolicy();
  const { pages, posts } = useThreadPosts(id);
  const later = useRef<HTMLButtonElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  // Reading on loads the next page when its button scrolls into view.
  useEffect(() => {
    const button = later.current;
    if (!button || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    seen.observe(button);
    return () => seen.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (!query.data) return <ErrorMessage error={query.error} />;
  const t = query.data.thread;
  const url = httpUrl(t.url);
  const forum = forumOrigin(t.url);
  return (
    <article aria-labelledby="thread-title" className="thread-page">
      <p>
        <Link to="/threads">← Threads</Link>
      </p>
      <h1 id="thread-title">
        {t.title} <SolvedMarker solved={t.solved} />
      </h1>
      <dl className="facts">
        <dt>Source</dt>
        <dd>
          <Link to={`/threads?source=${t.sourceId}`}>{t.sourceName}</Link>
        </dd>
        <dt>Category</dt>
        <dd>{t.category ?? '—'}</dd>
        <dt>Tags</dt>
        <dd>{t.tags.length ? t.tags.join(', ') : '—'}</dd>
        {t.score !== null ? (
          <>
            <dt>Question score</dt>
            <dd>{t.score}</dd>
          </>
        ) : null}
        <dt>Started</dt>
        <dd>
          <time dateTime={t.createdAt}>{when(t.createdAt)}</time> UTC
        </dd>
        <dt>Posts</dt>
        <dd>{t.postCount.toLocaleString('en')}</dd>
        {url ? (
          <>
            <dt>Original</dt>
            <dd>
              <a href={url} rel="noreferrer noopener" target="_blank">
                {url}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <ErrorMessage error={pages.error} />
      {pages.hasPreviousPage ? (
        <button
          type="button"
          className="secondary"
          disabled={pages.isFetchingPreviousPage}
          onClick={() => void pages.fetchPreviousPage()}
        >
          Show earlier posts
        </button>
      ) : null}
      <ol className="thread-posts" aria-label="Posts">
        {posts.map((p) => (
          <ThreadPostItem key={p.id} post={p} forum={forum} images={images} />
        ))}
      </ol>
      {pages.isPending ? <p className="loading">Loading the posts…</p> : null}
      {hasNextPage ? (
        <button
          ref={later}
          type="button"
          className="secondary"
          disabled={isFetchingNextPage}
          onClick={() => void fetchNextPage()}
        >
          Show later posts
        </button>
      ) : null}
    </article>
  );
}
