import { Link } from 'react-router';
import type { ImagePolicy } from '../../api/auth.ts';
import type { ThreadPost } from '../../api/threads.ts';
import { PostBody } from '../../components/post-body.tsx';
import { AcceptedBadge, AuthorStanding } from '../../components/post-standing.tsx';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** One post of the thread page; "in reply to" links to the post answered, wherever it sits in the thread. */
export function ThreadPostItem({
  post: p,
  forum,
  images,
}: {
  post: ThreadPost;
  forum: string | undefined;
  images: ImagePolicy;
}) {
  return (
    <li id={`post-${p.postNumber}`}>
      <article aria-label={`Post ${p.postNumber} by ${p.author ?? 'unknown'}`} className="thread-post">
        <header>
          <span className="post-number">#{p.postNumber}</span> <strong>{p.author ?? 'unknown'}</strong>
          <AuthorStanding post={p} /> <time dateTime={p.createdAt}>{when(p.createdAt)}</time>
          {p.replyTo ? (
            // Through the router, so the page hears of it and loads the post if it is not on the page yet.
            <Link to={{ hash: `post-${p.replyTo}` }} className="reply-link">
              in reply to #{p.replyTo}
              {p.replyToAuthor ? ` (${p.replyToAuthor})` : ''}
            </Link>
          ) : null}
          {p.likeCount ? <span className="hint"> · {p.likeCount} likes</span> : null}
          <AcceptedBadge post={p} />
        </header>
        <PostBody className="post-body" html={p.html} forum={forum} images={images} />
      </article>
    </li>
  );
}
