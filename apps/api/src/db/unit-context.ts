import type { Db } from './open.ts';
import { postStandingSql, withStanding } from './post-standing.ts';
import { type UnitPost, type UnitPostsAt, type UnitPostsPage, unitPostsPage } from './unit-posts.ts';
import { currentUnitRevision, unitContentAt, unitRevision, type UnitRevision } from './unit-revision.ts';
import type { UnitRow } from './units.ts';

interface ContextPost extends UnitPost {
  isUnit: boolean;
}

export interface UnitContext {
  thread: {
    id: number;
    title: string;
    category: string | null;
    tags: string[];
    url: string | null;
    createdAt: string;
    posts: number;
    /** The forum marks an accepted answer; score: a Stack Exchange question's. */
    solved: boolean;
    score: number | null;
  };
  /** A thread unit's posts come a page at a time (GET …/units/:unitId/posts takes the cursors); a post unit's in one. */
  posts: ContextPost[];
  prevCursor: string | null;
  nextCursor: string | null;
  /** The forum changed the unit after it was coded: the unit's text above is as coded, and `revision` holds both texts. */
  editedSinceCoded: boolean;
  revision: UnitRevision;
}

// A post unit is shown with this many neighbours on each side.
const neighbours = 3;

/** Where a thread unit's posts start showing, and how many: all of them (null) or a page. */
interface PostsWindow {
  at: UnitPostsAt;
  limit: number | null;
}

/**
 * What a coder reads to code a unit: the thread's facts and the unit's posts (unitPosts). The
 * unit's own text (its post, or a thread unit's title and posts) is shown at `codedRevision`, the
 * revision the coding in view was made on; null (nothing coded yet) shows the current one.
 */
export function unitContext(db: Db, unit: UnitRow, codedRevision: number | null, window?: PostsWindow): UnitContext {
  const t = db
    .prepare(
      `SELECT id, title, category, tags_json AS tagsJson, url, created_at AS createdAt,
         (SELECT count(*) FROM posts p WHERE p.thread_id = threads.id) AS posts, solved, score
       FROM threads WHERE id = ?`,
    )
    .get(unit.threadId) as Omit<UnitContext['thread'], 'tags' | 'solved'> & { tagsJson: string; solved: number };
  const revision = unitRevision(db, unit, codedRevision);
  const { tagsJson, solved, ...rest } = t;
  const editedThread = unit.postId === null && revision.editedSinceCoded;
  const title = editedThread ? unitContentAt(db, unit, codedRevision!).title : rest.title;
  return {
    thread: { ...rest, title, solved: solved === 1, tags: JSON.parse(tagsJson) as string[] },
    ...unitPosts(db, unit, codedRevision, window),
    editedSinceCoded: revision.editedSinceCoded,
    revision,
  };
}

/**
 * The unit's posts: a post unit's post among its neighbours (context, shown as they are now), or
 * a thread unit's posts as coded (`window`: a page of them, or all; a thread unit coded before an
 * edit leaves out posts added since). Each unit post carries where its text starts in the unit's quote text.
 */
export function unitPosts(
  db: Db,
  unit: UnitRow,
  codedRevision: number | null,
  window: PostsWindow = { at: { after: { postNumber: 0 } }, limit: null },
): UnitPostsPage<ContextPost> {
  const revision = codedRevision ?? currentUnitRevision(db, unit);
  if (unit.postId === null) {
    const page = unitPostsPage(db, unit.threadId, revision, window.at, window.limit);
    return { ...page, posts: page.posts.map((p) => ({ ...p, isUnit: true })) };
  }
  const n = db.prepare('SELECT post_number FROM posts WHERE id = ?').pluck().get(unit.postId) as number;
  const rows = db
    .prepare(
      `SELECT p.id, p.post_number AS postNumber, p.reply_to AS replyTo, p.author, p.created_at AS createdAt, p.html, p.text,
         p.content_kind AS contentKind, ${postStandingSql('p')} FROM posts p
       WHERE p.thread_id = ? AND p.post_number BETWEEN ? AND ? ORDER BY p.post_number`,
    )
    .all(unit.threadId, n - neighbours, n + neighbours) as (Omit<
    ContextPost,
    'isUnit' | 'acceptedAnswer' | 'quoteStart'
  > & {
    acceptedAnswer: number;
  })[];
  const coded = unitContentAt(db, unit, revision).posts[0]!;
  const posts = rows.map((row) => {
    const p = withStanding(row);
    if (p.id !== unit.postId) return { ...p, quoteStart: null, isUnit: false };
    return { ...p, html: coded.html, text: coded.text, contentKind: coded.contentKind, quoteStart: 0, isUnit: true };
  });
  return { posts, prevCursor: null, nextCursor: null };
}
