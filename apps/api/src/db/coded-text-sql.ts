// SQL for a unit's text as coded, for analyses and exports that read unit texts (distinctive
// terms, suggestions, the CSVs): a unit is read at the revision its first coding was made on
// (db/revisions.ts), and at its current revision while nobody has coded it. Each expression is
// correlated with a unit joined as `u`; rows written outside the import (no revisions) read as
// stored. `revisionSql` names the unit revision to read (codedUnitRevisionSql, or a coding's own).
import { currentUnitRevisionSql } from './revisions.ts';

/** The revision unit `u` is analysed at: the lowest its codings were made on. */
export const codedUnitRevisionSql = `coalesce((SELECT min(cr.revision) FROM codings cr WHERE cr.unit_id = u.id), ${currentUnitRevisionSql})`;

/** A post content column (text, quoted_text) of post unit `u` at its revision `revisionSql`. */
export const postColumnAtSql = (column: 'text' | 'quoted_text', revisionSql: string) => `(SELECT coalesce(
    (SELECT rv.${column} FROM post_revisions rv WHERE rv.post_id = u.post_id AND rv.revision = ${revisionSql}), pt.${column})
  FROM posts pt WHERE pt.id = u.post_id)`;

/**
 * The thread's posts at thread unit `u`'s revision `revisionSql` as rows (id, post_number, text,
 * quoted_text), for a FROM clause: each post's newest revision within it; posts stored after it
 * are left out.
 */
export const threadPostsAtSql = (revisionSql: string) => `(SELECT tp.id, tp.post_number,
    coalesce(rv.text, tp.text) AS text, coalesce(rv.quoted_text, tp.quoted_text) AS quoted_text
  FROM posts tp LEFT JOIN post_revisions rv ON rv.post_id = tp.id AND rv.revision =
    (SELECT max(revision) FROM post_revisions WHERE post_id = tp.id AND thread_revision <= ${revisionSql})
  WHERE tp.thread_id = u.thread_id
    AND (rv.post_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM post_revisions WHERE post_id = tp.id)))`;

/** A post unit's own words at its coded revision. */
export const codedPostTextSql = postColumnAtSql('text', codedUnitRevisionSql);

/** The words a post unit quotes, at its coded revision. */
export const codedPostQuotedTextSql = postColumnAtSql('quoted_text', codedUnitRevisionSql);

/** A thread's title at thread unit `u`'s coded revision. */
export const codedTitleSql = `coalesce(
  (SELECT tr.title FROM thread_revisions tr WHERE tr.thread_id = u.thread_id AND tr.revision = ${codedUnitRevisionSql}),
  (SELECT tt.title FROM threads tt WHERE tt.id = u.thread_id))`;

/** The thread's posts at thread unit `u`'s coded revision (see threadPostsAtSql). */
export const codedThreadPostsSql = threadPostsAtSql(codedUnitRevisionSql);
