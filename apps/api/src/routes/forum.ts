// Forum descriptives without coding (topics and posts per category per month, posts per topic,
// replies): facts about the imported forum, not about anyone's labels, so every member sees them.
import { Hono } from 'hono';
import { z } from 'zod';
import { forumDescriptives } from '../analysis/forum-descriptives.ts';
import { requireStudyRole } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { writeCsv } from '../exports/csv-writer.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });

export function forumRoutes(db: Db) {
  const members = requireStudyRole(db);
  return new Hono<AuthedEnv>()
    .get('/descriptives', members, validate('param', studyParam), (c) =>
      c.json(forumDescriptives(db, c.req.valid('param').studyId)),
    )
    .get('/descriptives.csv', members, validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      const rows = forumDescriptives(db, studyId).perCategoryMonth.map((r) => [r.category, r.month, r.topics, r.posts]);
      return c.body(writeCsv(['category', 'month', 'topics_created', 'posts_written'], rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="study-${studyId}-forum-per-category-month.csv"`,
      });
    });
}
