import type { ContentKind } from '../import/zones.ts';
import type { Db } from './open.ts';
import { postStandingSql, withStanding, type PostStanding } from './post-standing.ts';
import { unitContentAt, unitRevision, type UnitRevision } from './unit-revision.ts';
import type { UnitRow } from './units.ts';

interface ContextPost extends PostStanding {
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
  posts: ContextPost[];
  /** The forum changed the unit after it was coded: the unit's text above is as coded, and `revision` holds both texts. */
  editedSinceCoded: boolean;
  revision: UnitRevision;
}

// A post unit is shown with this many neighbours on each side; a thread unit shows all its posts.
const neighbours = 3;

/**
 * What a coder reads to code a unit: the thread's facts and the unit's post among its neighbours.
 * The unit's own text (its post, or a thread unit's title and posts) is shown at `codedRevision`,
 * the revision the coding in view was made on; null (nothing coded yet) shows the current one.
 * Neighbours are context and show as they are now.
 */
export function unitContext(db: Db, unit: UnitRow, codedRevision: number | null): UnitContext {
  const t = db
    .prepare(
      `SELECT id, title, category, tags_json AS tagsJson, url, created_at AS createdAt,
         (SELECT count(*) FROM posts p WHERE p.thread_id = threads.id) AS posts, solved, score
       FROM threads WHERE id = ?`,
    )
    .get(unit.threadId) as Omit<UnitContext['thread'], 'tags' | 'solved'> & { tagsJson: string; solved: number };
  const select = `SELECT p.id, p.post_number AS postNumber, p.reply_to AS replyTo, p.author, p.created_at AS createdAt, p.html, p.text,
    p.content_kind AS contentKind, ${postStandingSql('p')} FROM posts p`;
  let rows: (Omit<ContextPost, 'isUnit' | 'acceptedAnswer'> & { acceptedAnswer: number })[];
  if (unit.postId === null) {
    rows = db.prepare(`${select} WHERE p.thread_id = ? ORDER BY p.post_number`).all(unit.threadId) as typeof rows;
  } else {
    const n = db.prepare('SELECT post_number FROM posts WHERE id = ?').pluck().get(unit.postId) as number;
    rows = db
      .prepare(`${select} WHERE p.thread_id = ? AND p.post_number BETWEEN ? AND ? ORDER BY p.post_number`)
      .all(unit.threadId, n - neighbours, n + neighbours) as typeof rows;
  }
  const revision = unitRevision(db, unit, codedRevision);
  const { tagsJson, solved, ...rest } = t;
  const thread = { ...rest, solved: solved === 1 };
  const posts = rows.map((p) => ({ ...withStanding(p), isUnit: unit.postId === null || p.id === unit.postId }));
  if (!revision.editedSinceCoded)
    return { thread: { ...thread, tags: JSON.parse(tagsJson) as string[] }, posts, editedSinceCoded: false, revision };
  const coded = unitContentAt(db, unit, codedRevision!);
  const codedPosts = new Map(coded.posts.map((p) => [p.id, p]));
  return {
    thread: {
      ...thread,
      title: unit.postId === null ? coded.title : thread.title,
      tags: JSON.parse(tagsJson) as string[],
    },
    // A thread unit leaves out posts added after it was coded; a post unit's neighbours stay as they are.
    posts: posts
      .filter((p) => !p.isUnit || codedPosts.has(p.id))
      .map((p) => {
        const at = codedPosts.get(p.id);
        return p.isUnit && at ? { ...p, html: at.html, text: at.text, contentKind: at.contentKind } : p;
      }),
    editedSinceCoded: true,
    revision,
  };
}
