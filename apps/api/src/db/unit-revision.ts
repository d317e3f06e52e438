// A unit's content at one of its revisions (see revisions.ts): what a coding made on that
// revision was made on, and how it differs from what the forum says now.
import type { ContentKind } from '../import/zones.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { currentThreadRevision, currentUnitRevisionSql } from './revisions.ts';
import type { UnitRow } from './units.ts';

/** What identifies a unit's content: its thread, and its post for a post unit. */
export type UnitKey = Pick<UnitRow, 'threadId' | 'postId'>;

export interface RevisionPost {
  id: number;
  postNumber: number;
  html: string;
  /** The poster's own words; the words quoted and the link previews' words are apart (migration 012). */
  text: string;
  quotedText: string;
  previewText: string;
  contentKind: ContentKind;
}

// A post's content columns at revision `r`, or as stored when it has no revisions (revisions.ts POST_CONTENT).
const postColumns = `p.id, p.post_number AS postNumber, coalesce(r.html, p.html) AS html, coalesce(r.text, p.text) AS text,
  coalesce(r.quoted_text, p.quoted_text) AS quotedText, coalesce(r.preview_text, p.preview_text) AS previewText,
  coalesce(r.content_kind, p.content_kind) AS contentKind`;

export interface UnitContent {
  /** The thread's title at the revision (a thread unit's content includes it). */
  title: string;
  /** The unit's posts at the revision, in post order: one for a post unit, the thread's then for a thread unit. */
  posts: RevisionPost[];
}

/** How a unit's coded revision compares with its current one, for the coder and the adjudicator. */
export interface UnitRevision {
  coded: number | null;
  current: number;
  editedSinceCoded: boolean;
  /** The unit's plain text as coded and as it is now (only when they differ), for a word diff. */
  codedText: string | null;
  currentText: string | null;
}

const titleAt = statement<[number, number, number], string>(
  `SELECT coalesce((SELECT title FROM thread_revisions WHERE thread_id = ? AND revision = ?), (SELECT title FROM threads WHERE id = ?))`,
  (s) => s.pluck(),
);

const postAt = statement<[number, number], RevisionPost>(
  `SELECT ${postColumns} FROM posts p LEFT JOIN post_revisions r ON r.post_id = p.id AND r.revision = ? WHERE p.id = ?`,
);

// Each post's newest revision within the thread revision; a post first stored after it is left out.
const threadPostsAt = statement<{ threadId: number; revision: number }, RevisionPost>(
  `SELECT ${postColumns}
   FROM posts p LEFT JOIN post_revisions r ON r.post_id = p.id AND r.revision =
     (SELECT max(revision) FROM post_revisions WHERE post_id = p.id AND thread_revision <= @revision)
   WHERE p.thread_id = @threadId
     AND (r.post_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM post_revisions WHERE post_id = p.id))
   ORDER BY p.post_number, p.id`,
);

const currentRevision = statement<[number], number>(
  `SELECT ${currentUnitRevisionSql} FROM units u WHERE u.id = ?`,
  (s) => s.pluck(),
);

/** The unit's current revision: what a new coding is made on. */
export function currentUnitRevision(db: Db, unit: Pick<UnitRow, 'id'>): number {
  return currentRevision(db).get(unit.id)!;
}

/** A post's content as it was at its revision `revision`: a post unit's, without its thread's title. */
export function postContentAt(db: Db, postId: number, revision: number): RevisionPost {
  return postAt(db).get(revision, postId)!;
}

/** The unit's title and posts as they were at `revision` of the unit. */
export function unitContentAt(db: Db, unit: UnitKey, revision: number): UnitContent {
  if (unit.postId !== null) {
    const threadRevision = currentThreadRevision(db, unit.threadId);
    return {
      title: titleAt(db).get(unit.threadId, threadRevision, unit.threadId)!,
      posts: [postContentAt(db, unit.postId, revision)],
    };
  }
  return {
    title: titleAt(db).get(unit.threadId, revision, unit.threadId)!,
    posts: threadPostsAt(db).all({ threadId: unit.threadId, revision }),
  };
}

/**
 * The unit's plain text as one string: a post unit's text, or a thread unit's title and posts
 * separated by blank lines. What the "edited since coded" diff compares.
 */
function unitText(unit: UnitKey, content: UnitContent): string {
  const posts = content.posts.map((p) => p.text);
  return (unit.postId === null ? [content.title, ...posts] : posts).join('\n\n');
}

/** Compares the unit's coded revision (null: not coded) with its current one. */
export function unitRevision(db: Db, unit: UnitRow, coded: number | null): UnitRevision {
  const current = currentUnitRevision(db, unit);
  if (coded === null || coded === current)
    return { coded, current, editedSinceCoded: false, codedText: null, currentText: null };
  const codedText = unitText(unit, unitContentAt(db, unit, coded));
  const currentText = unitText(unit, unitContentAt(db, unit, current));
  // A new revision whose text is the same (only the HTML changed) is still an edit, but shows an empty diff.
  return { coded, current, editedSinceCoded: true, codedText, currentText };
}
