import { useMemo } from 'react';
import { Link } from 'react-router';
import { adjudicationPostPages, type UnitInAdjudication } from '../../api/adjudication.ts';
import { useImagePolicy } from '../../api/auth.ts';
import { useClient } from '../../api/client-context.tsx';
import { PagedPosts, type ShowQuote } from '../../components/paged-posts.tsx';
import { PostBody } from '../../components/post-body.tsx';
import { forumOrigin } from '../../components/post-html.ts';
import { isoDate } from '../../components/dates.ts';
import { AcceptedBadge, AuthorStanding, SolvedMarker } from '../../components/post-standing.tsx';
import type { Quote } from '../../components/quote-range.ts';

interface Props {
  studyId: number;
  unit: UnitInAdjudication;
  /** The coders' quotes, highlighted where their posts are on screen. */
  quotes: readonly Quote[];
  show: ShowQuote | null;
}

/**
 * The unit's post among its neighbours, or a thread unit's posts a page at a time (as on the
 * coding screen). The HTML was sanitized against an allowlist when it was imported; PostBody
 * marks quotes, previews and videos.
 */
export function PostContext({ studyId, unit, quotes, show }: Props) {
  const { thread, item } = unit;
  const client = useClient();
  const source = useMemo(
    () => ({ first: unit, ...adjudicationPostPages(client, studyId, item.unitId) }),
    [client, studyId, item.unitId, unit],
  );
  const images = useImagePolicy();
  return (
    <PagedPosts
      source={source}
      label="Post in context"
      className="adj-context"
      openAt={item.postId}
      quotes={quotes}
      show={show}
      renderPost={(p, bodyRef) => (
        <article
          aria-label={`${p.isUnit ? 'Coded post' : 'Post'} ${p.postNumber} by ${p.author ?? 'unknown'}`}
          className={p.isUnit ? 'adj-post is-unit' : 'adj-post'}
        >
          <header className="hint">
            #{p.postNumber} {p.author ?? 'unknown'}
            <AuthorStanding post={p} /> · {isoDate(p.createdAt)}
            {p.replyTo !== null ? (
              <>
                {' · '}
                {/* The post answered may lie outside the neighbours shown: the thread page opens at it. */}
                <Link to={`/threads/${thread.id}#post-${p.replyTo}`} target="_blank">
                  reply to #{p.replyTo}
                </Link>
              </>
            ) : null}
            <AcceptedBadge post={p} />
          </header>
          <PostBody
            className="adj-post-body"
            html={p.html}
            contentKind={p.contentKind}
            forum={forumOrigin(thread.url)}
            images={images}
            bodyRef={bodyRef}
          />
        </article>
      )}
    >
      <p className="hint">
        {thread.category ? `${thread.category} · ` : ''}
        {thread.tags.join(', ')}
        {thread.tags.length ? ' · ' : ''}
        {thread.posts} posts
        <SolvedMarker solved={thread.solved} />
      </p>
    </PagedPosts>
  );
}
