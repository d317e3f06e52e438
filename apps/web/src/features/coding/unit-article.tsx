import { useMemo, type Ref } from 'react';
import { Link } from 'react-router';
import { type UnitDetail, unitPostPages } from '../../api/coding.ts';
import { useImagePolicy } from '../../api/auth.ts';
import { useClient } from '../../api/client-context.tsx';
import { EditedSinceCoded } from '../../components/edited-since-coded.tsx';
import { httpUrl } from '../../components/http-url.ts';
import { PostBody } from '../../components/post-body.tsx';
import { forumOrigin } from '../../components/post-html.ts';
import { isoDate } from '../../components/dates.ts';
import { PagedPosts, type ShowQuote } from '../../components/paged-posts.tsx';
import { AcceptedBadge, AuthorStanding, SolvedMarker } from '../../components/post-standing.tsx';
import type { QuotablePost, Quote } from '../../components/quote-range.ts';

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
  /** A quote to scroll to, its page loaded first if need be. */
  show: ShowQuote | null;
}

/**
 * The unit in its thread: the thread's facts, then the unit's post highlighted among its
 * neighbours, or a thread unit's posts a page at a time (the next as the coder reads on).
 */
export function UnitArticle({ studyId, detail, heading, articleRef, postsRef, quotes, show }: Props) {
  const { thread, unit } = detail;
  const client = useClient();
  const source = useMemo(
    () => ({ first: detail, ...unitPostPages(client, studyId, unit.id) }),
    [client, studyId, unit.id, detail],
  );
  const isPostUnit = unit.postId !== null;
  const url = httpUrl(thread.url);
  const images = useImagePolicy();

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
      <PagedPosts
        source={source}
        label="Posts of the thread"
        className="posts"
        openAt={unit.postId}
        quotes={quotes}
        show={show}
        postsRef={postsRef}
        renderPost={(p, bodyRef) => (
          <article
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
              bodyRef={bodyRef}
            />
          </article>
        )}
      />
    </article>
  );
}
