// The words of a unit for the CSV exports, kept apart as the import keeps them: `text` is the
// poster's own words (what search and analyses read), `quoted_text` what the post quotes from
// other posts. A post unit has its post's; a thread unit its posts', in order, joined by a
// blank line (as in the coding screen and the .qdpx export). Needs aliases `u` (units).
export const unitTextSql = `CASE WHEN u.post_id IS NOT NULL THEN (SELECT text FROM posts WHERE id = u.post_id)
  ELSE (SELECT group_concat(text, char(10, 10)) FROM (SELECT text FROM posts WHERE thread_id = u.thread_id ORDER BY post_number, id)) END`;

export const unitQuotedTextSql = `CASE WHEN u.post_id IS NOT NULL THEN (SELECT quoted_text FROM posts WHERE id = u.post_id)
  ELSE coalesce((SELECT group_concat(quoted_text, char(10, 10)) FROM (SELECT quoted_text FROM posts
    WHERE thread_id = u.thread_id AND quoted_text <> '' ORDER BY post_number, id)), '') END`;
