// A thread's posts one page at a time (a thread may hold thousands): after a post number,
// before one, or a window around one (a link to post N opens where N is). Keyset pages on
// posts_thread (thread_id, post_number), so a page deep in a long thread costs what the first does.
import { statement } from './prepared.ts';
import type { Db } from './open.ts';
import { postStandingSql, withStanding, type PostStanding } from './post-standing.ts';

interface ThreadPost extends PostStanding {
  id: number;
  postNumber: number;
  replyTo: number | null;
  /** Who wrote the post answered, so "in reply to #N (name)" needs no other page. */
  replyToAuthor: string | null;
  author: string | null;
  createdAt: string;
  /** Sanitized at import (allowlist), so the page may render it. */
  html: string;
  likeCount: number | null;
}

/** Where a page starts: after or before a post number (exclusive), or around one (that post included). */
export type PostsAt = { after: number } | { before: number } | { around: number };

export interface PostsPage {
  posts: ThreadPost[];
  /** `before` for the page before this one; null when this page holds the first post. */
  prevCursor: string | null;
  /** `after` for the page after this one; null when this page holds the last post. */
  nextCursor: string | null;
}

const columns = `p.id, p.post_number AS postNumber, p.reply_to AS replyTo,
  (SELECT r.author FROM posts r WHERE r.thread_id = p.thread_id AND r.post_number = p.reply_to ORDER BY r.id LIMIT 1) AS replyToAuthor,
  p.author, p.created_at AS createdAt, p.html, p.like_count AS likeCount, ${postStandingSql('p')}`;
// Rows as read: the accepted-answer flag is 0/1 until withStanding.
type PostRow = Omit<ThreadPost, 'acceptedAnswer'> & { acceptedAnswer: number };
const later = statement<[number, number, number], PostRow>(
  `SELECT ${columns} FROM posts p WHERE p.thread_id = ? AND p.post_number > ? ORDER BY p.post_number, p.id LIMIT ?`,
);
const earlier = statement<[number, number, number], PostRow>(
  `SELECT ${columns} FROM posts p WHERE p.thread_id = ? AND p.post_number < ? ORDER BY p.post_number DESC, p.id DESC LIMIT ?`,
);

/** One page of at most `limit` posts of the thread, in post order. */
export function threadPosts(db: Db, threadId: number, at: PostsAt, limit: number): PostsPage {
  let before: PostRow[] = [];
  let after: PostRow[] = [];
  let moreBefore: boolean;
  let moreAfter: boolean;
  if ('after' in at) {
    after = later(db).all(threadId, at.after, limit + 1);
    moreAfter = after.length > limit;
    after = after.slice(0, limit);
    moreBefore = after.length > 0 && earlier(db).all(threadId, after[0]!.postNumber, 1).length > 0;
  } else if ('before' in at) {
    before = earlier(db).all(threadId, at.before, limit + 1);
    moreBefore = before.length > limit;
    before = before.slice(0, limit).reverse();
    moreAfter = before.length > 0 && later(db).all(threadId, before.at(-1)!.postNumber, 1).length > 0;
  } else {
    // A third of the window before the post, the rest from it on (a reader reads on from a
    // link); near either end of the thread the other side fills the window.
    const fromIt = later(db).all(threadId, at.around - 1, limit + 1);
    const upTo = earlier(db).all(threadId, at.around, limit + 1);
    const takeAfter = Math.min(fromIt.length, limit - Math.min(upTo.length, Math.floor(limit / 3)));
    const takeBefore = Math.min(upTo.length, limit - takeAfter);
    after = fromIt.slice(0, takeAfter);
    before = upTo.slice(0, takeBefore).reverse();
    moreAfter = fromIt.length > takeAfter;
    moreBefore = upTo.length > takeBefore;
  }
  const posts = [...before, ...after].map(withStanding);
  return {
    posts,
    prevCursor: moreBefore ? String(posts[0]!.postNumber) : null,
    nextCursor: moreAfter ? String(posts.at(-1)!.postNumber) : null,
  };
}
