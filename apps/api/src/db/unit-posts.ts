// A thread unit's posts at one of its revisions, a page at a time (a thread may hold thousands),
// each with `quoteStart`: where its text begins in the unit's quote text (its posts' texts joined
// by a blank line, quote-check.ts), in code points. A quote selected in any loaded post is then
// stored with the offsets it has in the whole unit's text, without the other pages.
import type { ContentKind } from '../import/zones.ts';
import type { Db } from './open.ts';
import { postStandingSql, withStanding, type PostStanding } from './post-standing.ts';
import { statement } from './prepared.ts';
import type { PostKey, PostsAt } from './thread-posts.ts';

export interface UnitPost extends PostStanding {
  id: number;
  postNumber: number;
  replyTo: number | null;
  author: string | null;
  createdAt: string;
  html: string;
  /** The plain text quotes are taken from (offsets count its code points). */
  text: string;
  /** Why a post shows no words of its own, if it has none (import/zones.ts). */
  contentKind: ContentKind;
  /** Where the post's text starts in the unit's quote text (code points); null for a post unit's neighbours. */
  quoteStart: number | null;
}

export interface UnitPostsPage<P = UnitPost> {
  posts: P[];
  /** `before` for the page before this one; null when this page holds the first post. */
  prevCursor: string | null;
  /** `after` for the page after this one; null when this page holds the last post. */
  nextCursor: string | null;
}

/** Where a page starts: as a thread's (thread-posts.ts), or around the post holding a code-point offset of the unit's text. */
export type UnitPostsAt = PostsAt | { aroundOffset: number };

const SEPARATOR_LENGTH = 2; // '\n\n'

// The post's row at the thread revision: its newest revision within it (thread-unit rule of
// unit-revision.ts); a post first stored after the revision is left out.
const revisionJoin = `FROM posts p LEFT JOIN post_revisions r ON r.post_id = p.id AND r.revision =
    (SELECT max(revision) FROM post_revisions WHERE post_id = p.id AND thread_revision <= @revision)
  WHERE p.thread_id = @threadId AND (r.post_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM post_revisions WHERE post_id = p.id))`;

// Every post's length in code points (SQLite's length() counts characters, up to a NUL: made a space).
const lengths = statement<{ threadId: number; revision: number }, { id: number; postNumber: number; length: number }>(
  `SELECT p.id, p.post_number AS postNumber, length(replace(coalesce(r.text, p.text), char(0), ' ')) AS length
   ${revisionJoin} ORDER BY p.post_number, p.id`,
);

type PostRow = Omit<UnitPost, 'acceptedAnswer' | 'quoteStart'> & { acceptedAnswer: number };
const details = statement<{ threadId: number; revision: number; ids: string }, PostRow>(
  `SELECT p.id, p.post_number AS postNumber, p.reply_to AS replyTo, p.author, p.created_at AS createdAt,
     coalesce(r.html, p.html) AS html, coalesce(r.text, p.text) AS text, coalesce(r.content_kind, p.content_kind) AS contentKind,
     ${postStandingSql('p')}
   ${revisionJoin} AND p.id IN (SELECT value FROM json_each(@ids)) ORDER BY p.post_number, p.id`,
);

type Key = { postNumber: number; id: number };
// (post_number, id) order, as thread-posts.ts pages a thread; a bare post number sorts after every
// post of that number as `after` and before every one of them as `before` or `around`.
const compare = (a: Key, b: Key) => a.postNumber - b.postNumber || a.id - b.id;
const afterKey = (k: PostKey): Key => ({ postNumber: k.postNumber, id: k.id ?? Number.MAX_SAFE_INTEGER });
const beforeKey = (k: PostKey): Key => ({ postNumber: k.postNumber, id: k.id ?? 0 });

/** The index of the post whose text (or the blank line after it) holds `offset`: the last starting at or before it. */
function holding(starts: readonly number[], offset: number): number {
  const past = starts.findIndex((s) => s > offset);
  return Math.max(0, (past === -1 ? starts.length : past) - 1);
}

/** Indexes [from, to) of the page `at` asks for among posts in (post_number, id) order, starting at `starts`. */
function pageRange(posts: Key[], starts: readonly number[], at: UnitPostsAt, limit: number): [number, number] {
  // The index of the first post past `k` (strictly, or `k` itself too).
  const firstPast = (k: Key, orAt: boolean) => {
    const i = posts.findIndex((p) => compare(p, k) > (orAt ? -1 : 0));
    return i === -1 ? posts.length : i;
  };
  if ('after' in at) {
    const from = firstPast(afterKey(at.after), false);
    return [from, Math.min(posts.length, from + limit)];
  }
  if ('before' in at) {
    const to = firstPast(beforeKey(at.before), true);
    return [Math.max(0, to - limit), to];
  }
  // A third of the window before the post, the rest from it on; near an end the other side fills it.
  const it = 'around' in at ? firstPast(beforeKey({ postNumber: at.around }), true) : holding(starts, at.aroundOffset);
  const after = Math.min(posts.length - it, limit - Math.min(it, Math.floor(limit / 3)));
  const from = Math.max(0, it - (limit - after));
  return [from, it + after];
}

/** A page of the thread unit's posts at `revision` (`limit` null: all of them), each with its quoteStart. */
export function unitPostsPage(
  db: Db,
  threadId: number,
  revision: number,
  at: UnitPostsAt,
  limit: number | null,
): UnitPostsPage {
  const all = lengths(db).all({ threadId, revision });
  const starts: number[] = [];
  let offset = 0;
  for (const p of all) {
    starts.push(offset);
    offset += p.length + SEPARATOR_LENGTH;
  }
  const [from, to] = limit === null ? [0, all.length] : pageRange(all, starts, at, limit);
  const page = all.slice(from, to);
  const startOf = new Map(page.map((p, i) => [p.id, starts[from + i]!]));
  const rows = details(db).all({ threadId, revision, ids: JSON.stringify(page.map((p) => p.id)) });
  return {
    posts: rows.map((r) => ({ ...withStanding(r), quoteStart: startOf.get(r.id)! })),
    prevCursor: from > 0 && page.length > 0 ? `${page[0]!.postNumber}:${page[0]!.id}` : null,
    nextCursor: to < all.length && page.length > 0 ? `${page.at(-1)!.postNumber}:${page.at(-1)!.id}` : null,
  };
}
