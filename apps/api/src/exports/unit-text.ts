// The words of a unit for the CSV exports, kept apart as the import keeps them: `text` is the
// poster's own words (what search and analyses read), `quoted_text` what the post quotes from
// other posts. A post unit has its post's; a thread unit its posts', in order, joined by a
// blank line (as in the coding screen and the .qdpx export). Both are read at a unit revision
// (db/revisions.ts): `revisionSql`, e.g. the coding's own (c.revision) or the unit's coded one
// (codedUnitRevisionSql). Needs aliases `u` (units).
import { postColumnAtSql, threadPostsAtSql } from '../db/coded-text-sql.ts';

export const unitTextSql = (
  revisionSql: string,
) => `CASE WHEN u.post_id IS NOT NULL THEN ${postColumnAtSql('text', revisionSql)}
  ELSE (SELECT group_concat(text, char(10, 10)) FROM (SELECT text FROM ${threadPostsAtSql(revisionSql)} ORDER BY post_number, id)) END`;

export const unitQuotedTextSql = (
  revisionSql: string,
) => `CASE WHEN u.post_id IS NOT NULL THEN ${postColumnAtSql('quoted_text', revisionSql)}
  ELSE coalesce((SELECT group_concat(quoted_text, char(10, 10)) FROM (SELECT quoted_text FROM ${threadPostsAtSql(revisionSql)}
    WHERE quoted_text <> '' ORDER BY post_number, id)), '') END`;
