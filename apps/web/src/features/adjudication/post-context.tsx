import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { UnitInAdjudication } from '../../api/adjudication.ts';
import { useImagePolicy } from '../../api/auth.ts';
import { PostBody } from '../../components/post-body.tsx';
import { forumOrigin } from '../../components/post-html.ts';
import { isoDate } from '../../components/dates.ts';
import { AcceptedBadge, AuthorStanding, SolvedMarker } from '../../components/post-standing.tsx';

/**
 * The unit's post among its neighbours (or every post of a thread unit). The HTML was
 * sanitized against an allowlist when it was imported; PostBody marks quotes, previews and videos.
 */
export function PostContext({ thread, posts }: Pick<UnitInAdjudication, 'thread' | 'posts'>) {
  const box = useRef<HTMLElement>(null);
  const images = useImagePolicy();
  // Scroll the box (not the page) so the coded post is the first thing in view; the box is
  // position: relative, so offsetTop is measured from it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when another unit's posts arrive
  useEffect(() => {
    const unit = box.current?.querySelector<HTMLElement>('.adj-post.is-unit');
    if (box.current && unit) box.current.scrollTop = Math.max(0, unit.offsetTop - 8);
  }, [posts]);
  return (
    <section aria-label="Post in context" className="adj-context" ref={box}>
      <p className="hint">
        {thread.category ? `${thread.category} · ` : ''}
        {thread.tags.join(', ')}
        {thread.tags.length ? ' · ' : ''}
        {thread.posts} posts
        <SolvedMarker solved={thread.solved} />
      </p>
      {posts.map((p) => (
        <article
          key={p.id}
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
          />
        </article>
      ))}
    </section>
  );
}
