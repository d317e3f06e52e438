// SQL for a unit's text as coded, for analyses that read unit texts (distinctive terms,
// suggestions): a unit is read at the revision its first coding was made on (db/revisions.ts),
// and at its current revision while nobody has coded it. Each expression is correlated with a
// unit joined as `u`; rows written outside the import (no revisions) read as stored.
import { currentUnitRevisionSql } from './revisions.ts';

/** The revision unit `u` is analysed at: the lowest its codings were made on. */
export const codedUnitRevisionSql = `coalesce((SELECT min(cr.revision) FROM codings cr WHERE cr.unit_id = u.id), ${currentUnitRevisionSql})`;

/** A post unit's plain text at its coded revision. */
export const codedPostTextSql = `(SELECT coalesce(
    (SELECT rv.text FROM post_revisions rv WHERE rv.post_id = u.post_id AND rv.revision = ${codedUnitRevisionSql}), pt.text)
  FROM posts pt WHERE pt.id = u.post_id)`;

/** A thread's title at thread unit `u`'s coded revision. */
export const codedTitleSql = `coalesce(
  (SELECT tr.title FROM thread_revisions tr WHERE tr.thread_id = u.thread_id AND tr.revision = ${codedUnitRevisionSql}),
  (SELECT tt.title FROM threads tt WHERE tt.id = u.thread_id))`;

/**
 * The thread's posts at thread unit `u`'s coded revision as rows (id, post_number, text), for a
 * FROM clause: each post's newest revision within it; posts stored after it are left out.
 */
export const codedThreadPostsSql = `(SELECT tp.id, tp.post_number, coalesce(rv.text, tp.text) AS text
  FROM posts tp LEFT JOIN post_revisions rv ON rv.post_id = tp.id AND rv.revision =
    (SELECT max(revision) FROM post_revisions WHERE post_id = tp.id AND thread_revision <= ${codedUnitRevisionSql})
  WHERE tp.thread_id = u.thread_id
    AND (rv.post_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM post_revisions WHERE post_id = tp.id)))`;
