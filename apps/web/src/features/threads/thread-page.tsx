import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useClient } from '../../api/client-context.tsx';
import { threadQuery } from '../../api/threads.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { useImagePolicy } from '../../api/auth.ts';
import { httpUrl } from '../../components/http-url.ts';
import { PostBody } from '../../components/post-body.tsx';
import { forumOrigin } from '../../components/post-html.ts';
import { AcceptedBadge, AuthorStanding, SolvedMarker } from '../../components/post-standing.tsx';

const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** One thread: its facts, then its posts in order, each reply linking to the post it answers. */
export function ThreadPage() {
  const id = Number(useParams().threadId);
  const query = useQuery(threadQuery(useClient(), id));
  const images = useImagePolicy();
  if (!query.data) return <ErrorMessage error={query.error} />;
  const t = query.data.thread;
  const url = httpUrl(t.url);
  const authorOf = new Map(t.posts.map((p) => [p.postNumber, p.author ?? 'unknown']));
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
      <ol className="thread-posts" aria-label="Posts">
        {t.posts.map((p) => (
          <li key={p.id} id={`post-${p.postNumber}`}>
            <article aria-label={`Post ${p.postNumber} by ${p.author ?? 'unknown'}`} className="thread-post">
              <header>
                <span className="post-number">#{p.postNumber}</span> <strong>{p.author ?? 'unknown'}</strong>
                <AuthorStanding post={p} /> <time dateTime={p.createdAt}>{when(p.createdAt)}</time>
                {p.replyTo ? (
                  <a href={`#post-${p.replyTo}`} className="reply-link">
                    in reply to #{p.replyTo}
                    {authorOf.has(p.replyTo) ? ` (${authorOf.get(p.replyTo)})` : ''}
                  </a>
                ) : null}
                {p.likeCount ? <span className="hint"> · {p.likeCount} likes</span> : null}
                <AcceptedBadge post={p} />
              </header>
              <PostBody className="post-body" html={p.html} forum={forumOrigin(t.url)} images={images} />
            </article>
          </li>
        ))}
      </ol>
    </article>
  );
}
