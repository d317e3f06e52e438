import { useLayoutEffect, useRef, type Ref } from 'react';
import { Link } from 'react-router';
import type { UnitDetail } from '../../api/coding.ts';
import { useImagePolicy } from '../../api/auth.ts';
import { EditedSinceCoded } from '../../components/edited-since-coded.tsx';
import { httpUrl } from '../../components/http-url.ts';
import { PostBody } from '../../components/post-body.tsx';
import { forumOrigin } from '../../components/post-html.ts';
import { isoDate } from '../../components/dates.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { AcceptedBadge, AuthorStanding, SolvedMarker } from '../../components/post-standing.tsx';
import type { QuotablePost, Quote } from './selection.ts';
import { highlightQuotes } from './quote-highlights.ts';
import { useUnitPosts } from './use-unit-posts.ts';

interface Props {
  studyId: number;
  detail: UnitDetail;
  /** e.g. "Unit 3 of 12"; the article is labelled by it. */
  heading: string;
  articleRef: Ref<HTMLElement>;
  /** Receives the unit's own posts on screen, where a quote may be selected. */
  postsRef: (posts: QuotablePost[]) => void;
  /** The coding's quotes, highlighted where their posts are on screen. */
  quotes: readonly Quote[];
}

/**
 * The unit in its thread: the thread's facts, then the unit's post highlighted among its
 * neighbours, or a thread unit's posts a page at a time (the next as the coder reads on).
 */
export function UnitArticle({ studyId, detail, heading, articleRef, postsRef, quotes }: Props) {
  const { thread, unit } = detail;
  const { posts, later, hasMore, moreRef, loadMore } = useUnitPosts(studyId, detail);
  const scroller = useRef<HTMLElement>(null);
  const bodies = useRef(new Map<number, HTMLElement>());
  const isPostUnit = unit.postId !== null;
  const url = httpUrl(thread.url);
  const images = useImagePolicy();

  // The unit's own posts on screen, once their bodies are in the DOM; their quotes marked.
  useLayoutEffect(() => {
    const quotable = posts.flatMap((p) => {
      const body = bodies.current.get(p.id);
      return p.isUnit && p.quoteStart !== null && body ? [{ body, text: p.text, start: p.quoteStart }] : [];
    });
    postsRef(quotable);
    return highlightQuotes(quotable, quotes);
  }, [posts, postsRef, quotes]);

  // Bring the unit's post into view inside the reading pane (not the page) when the unit opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the unit's own posts arriving move the pane; its later pages do not
  useLayoutEffect(() => {
    const pane = scroller.current;
    const target = isPostUnit ? pane?.querySelector<HTMLElement>('.post.is-unit') : null;
    // The pane is the posts' offset parent (position: relative), so offsetTop is measured from its top.
    if (pane) pane.scrollTop = target ? Math.max(0, target.offsetTop - 12) : 0;
  }, [detail.posts, isPostUnit]);

  return (
    <article className="unit" aria-labelledby="unit-heading" ref={articleRef} tabIndex={-1}>
      <header className="unit-head">
        <h2 id="unit-heading">{heading}</h2>
        <h3 className="thread-title">{thread.title}</h3>
        <p className="thread-facts">
          {thread.category ? <span className="chip">{thread.category}</span> : null}
          {thread.tags.map((tag) => (
            <span key={tag} className="chip tag">
              {tag}
            </span>
          ))}
          <span>
            started <time dateTime={thread.createdAt}>{isoDate(thread.createdAt)}</time>
          </span>
          <span>{thread.posts} posts</span>
          {thread.score !== null ? <span>question score {thread.score}</span> : null}
          <SolvedMarker solved={thread.solved} />
          {url ? (
            <a href={url} target="_blank" rel="noreferrer noopener">
              on the forum
            </a>
          ) : null}
        </p>
        <EditedSinceCoded revision={detail.revision} />
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container is focusable so the keyboard can scroll it */}
      <section className="posts" ref={scroller} tabIndex={0} aria-label="Posts of the thread">
        {posts.map((p) => (
          <article
            key={p.id}
            className={p.isUnit && isPostUnit ? 'post is-unit' : 'post'}
            aria-label={`Post ${p.postNumber}${p.isUnit && isPostUnit ? ' (the unit)' : ''}`}
          >
            <p className="post-meta">
              <span className="post-no">#{p.postNumber}</span> <strong>{p.author ?? 'unknown'}</strong>
              <AuthorStanding post={p} /> · <time dateTime={p.createdAt}>{isoDate(p.createdAt)}</time>
              {p.replyTo !== null ? (
                <>
                  {' · '}
                  {/* The post answered may lie outside the neighbours shown: the thread page opens at it. */}
                  <Link to={`/threads/${thread.id}#post-${p.replyTo}`} target="_blank" className="hint">
                    reply to #{p.replyTo}
                  </Link>
                </>
              ) : null}
              <AcceptedBadge post={p} />
              {p.isUnit && isPostUnit ? <span className="unit-badge">coding this post</span> : null}
            </p>
            <PostBody
              className="post-body"
              html={p.html}
              contentKind={p.contentKind}
              forum={forumOrigin(thread.url)}
              images={images}
              bodyRef={(el) => {
                if (el) bodies.current.set(p.id, el);
                else bodies.current.delete(p.id);
              }}
            />
          </article>
        ))}
        <ErrorMessage error={later.error} />
        {hasMore ? (
          <button ref={moreRef} type="button" className="secondary" disabled={later.isFetching} onClick={loadMore}>
            Show later posts
          </button>
        ) : null}
      </section>
    </article>
  );
}
