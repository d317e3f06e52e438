import { useLayoutEffect, useRef, type Ref } from 'react';
import { Link } from 'react-router';
import type { UnitDetail } from '../../api/coding.ts';
import { useImagePolicy } from '../../api/auth.ts';
import { EditedSinceCoded } from '../../components/edited-since-coded.tsx';
import { httpUrl } from '../../components/http-url.ts';
import { PostBody } from '../../components/post-body.tsx';
import { forumOrigin } from '../../components/post-html.ts';
import { isoDate } from '../../components/dates.ts';
import { AcceptedBadge, AuthorStanding, SolvedMarker } from '../../components/post-standing.tsx';

interface Props {
  detail: UnitDetail;
  /** e.g. "Unit 3 of 12"; the article is labelled by it. */
  heading: string;
  articleRef: Ref<HTMLElement>;
  /** Receives the bodies of the unit's own posts, where a quote may be selected. */
  bodiesRef: (bodies: HTMLElement[]) => void;
}

/** The unit in its thread: the thread's facts, then the unit's post highlighted among its neighbours. */
export function UnitArticle({ detail, heading, articleRef, bodiesRef }: Props) {
  const { thread, posts, unit } = detail;
  const scroller = useRef<HTMLElement>(null);
  const bodies = useRef(new Map<number, HTMLElement>());
  const isPostUnit = unit.postId !== null;
  const url = httpUrl(thread.url);
  const images = useImagePolicy();

  // Bring the unit's post into view inside the reading pane (not the page) when the unit opens.
  useLayoutEffect(() => {
    bodiesRef(
      posts
        .filter((p) => p.isUnit)
        .map((p) => bodies.current.get(p.id))
        .filter((b): b is HTMLElement => b !== undefined),
    );
    const pane = scroller.current;
    const target = isPostUnit ? pane?.querySelector<HTMLElement>('.post.is-unit') : null;
    // The pane is the posts' offset parent (position: relative), so offsetTop is measured from its top.
    if (pane) pane.scrollTop = target ? Math.max(0, target.offsetTop - 12) : 0;
  }, [posts, isPostUnit, bodiesRef]);

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
      </section>
    </article>
  );
}
