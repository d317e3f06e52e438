// A thread's posts one page at a time (a thread may hold thousands): after a post number,
// before one, or a window around one (a link to post N opens where N is). Keyset pages on
// posts_thread (thread_id, post_number, and the id SQLite keeps in every index), so a page deep
// in a long thread costs what the first does. Posts are ordered by (post_number, id), and a
// cursor carries both: a hand-made dump may give two posts of a thread the same number, and a
// page edge between them must neither skip nor repeat one.
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

/**
 * A place between posts, in (post_number, id) order. A bare post number (no id) names the place
 * after every post of that number for `after`, and before every one of them for `before`.
 */
export interface PostKey {
  postNumber: number;
  id?: number;
}

/** Where a page starts: after or before a key (exclusive), or around a post number (its posts included). */
export type PostsAt = { after: PostKey } | { before: PostKey } | { around: number };

export interface PostsPage {
  posts: ThreadPost[];
  /** `before` for the page before this one (`<post number>:<id>`); null when this page holds the first post. */
  prevCursor: string | null;
  /** `after` for the page after this one (`<post number>:<id>`); null when this page holds the last post. */
  nextCursor: string | null;
}

const columns = `p.id, p.post_number AS postNumber, p.reply_to AS replyTo,
  (SELECT r.author FROM posts r WHERE r.thread_id = p.thread_id AND r.post_number = p.reply_to ORDER BY r.id LIMIT 1) AS replyToAuthor,
  p.author, p.created_at AS createdAt, p.html, p.like_count AS likeCount, ${postStandingSql('p')}`;
// Rows as read: the accepted-answer flag is 0/1 until withStanding.
type PostRow = Omit<ThreadPost, 'acceptedAnswer'> & { acceptedAnswer: number };
const later = statement<[number, number, number, number], PostRow>(
  `SELECT ${columns} FROM posts p WHERE p.thread_id = ? AND (p.post_number, p.id) > (?, ?)
   ORDER BY p.post_number, p.id LIMIT ?`,
);
const earlier = statement<[number, number, number, number], PostRow>(
  `SELECT ${columns} FROM posts p WHERE p.thread_id = ? AND (p.post_number, p.id) < (?, ?)
   ORDER BY p.post_number DESC, p.id DESC LIMIT ?`,
);
// Ids are positive: 0 sorts before every post of a number, MAX_SAFE_INTEGER after every one.
const after = (k: PostKey): [number, number] => [k.postNumber, k.id ?? Number.MAX_SAFE_INTEGER];
const before = (k: PostKey): [number, number] => [k.postNumber, k.id ?? 0];
const keyOf = (p: { postNumber: number; id: number }) => ({ postNumber: p.postNumber, id: p.id });
const cursorOf = (p: { postNumber: number; id: number }) => `${p.postNumber}:${p.id}`;

/** One page of at most `limit` posts of the thread, in post order. */
export function threadPosts(db: Db, threadId: number, at: PostsAt, limit: number): PostsPage {
  let head: PostRow[] = [];
  let tail: PostRow[] = [];
  let moreBefore: boolean;
  let moreAfter: boolean;
  if ('after' in at) {
    tail = later(db).all(threadId, ...after(at.after), limit + 1);
    moreAfter = tail.length > limit;
    tail = tail.slice(0, limit);
    moreBefore = tail.length > 0 && earlier(db).all(threadId, ...before(keyOf(tail[0]!)), 1).length > 0;
  } else if ('before' in at) {
    head = earlier(db).all(threadId, ...before(at.before), limit + 1);
    moreBefore = head.length > limit;
    head = head.slice(0, limit).reverse();
    moreAfter = head.length > 0 && later(db).all(threadId, ...after(keyOf(head.at(-1)!)), 1).length > 0;
  } else {
    // A third of the window before the post, the rest from it on (a reader reads on from a
    // link); near either end of the thread the other side fills the window.
    const fromIt = later(db).all(threadId, ...before({ postNumber: at.around }), limit + 1);
    const upTo = earlier(db).all(threadId, ...before({ postNumber: at.around }), limit + 1);
    const takeAfter = Math.min(fromIt.length, limit - Math.min(upTo.length, Math.floor(limit / 3)));
    const takeBefore = Math.min(upTo.length, limit - takeAfter);
    tail = fromIt.slice(0, takeAfter);
    head = upTo.slice(0, takeBefore).reverse();
    moreAfter = fromIt.length > takeAfter;
    moreBefore = upTo.length > takeBefore;
  }
  const posts = [...head, ...tail].map(withStanding);
  return {
    posts,
    prevCursor: moreBefore ? cursorOf(posts[0]!) : null,
    nextCursor: moreAfter ? cursorOf(posts.at(-1)!) : null,
  };
}
