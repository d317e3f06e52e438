// Forum descriptives without coding (topics and posts per category per month, posts per topic,
// replies): facts about the imported forum, not about anyone's labels, so every member sees them;
// the owner may store topics or posts per category as a series set for comparisons.
import { Hono } from 'hono';
import { z } from 'zod';
import { FORUM_CATEGORY_COUNTS, storeForumCategorySeries } from '../forum-facts/forum-category-series.ts';
import { forumDescriptives } from '../forum-facts/forum-descriptives.ts';
import { listSeriesSets } from '../db/series.ts';
import { requireStudyRole } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { writeCsv } from '../exports/csv-writer.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const seriesBody = z.object({ count: z.enum(FORUM_CATEGORY_COUNTS) });

export function forumRoutes(db: Db) {
  const members = requireStudyRole(db);
  const owner = requireStudyRole(db, 'owner');
  return new Hono<AuthedEnv>()
    .post('/series', owner, validate('param', studyParam), validate('json', seriesBody), (c) => {
      const id = storeForumCategorySeries(
        db,
        c.req.valid('param').studyId,
        c.req.valid('json').count,
        c.get('user').id,
      );
      return c.json({ set: listSeriesSets(db).find((s) => s.id === id)! }, 201);
    })
    .get('/descriptives', members, validate('param', studyParam), (c) =>
      c.json(forumDescriptives(db, c.req.valid('param').studyId)),
    )
    .get('/descriptives.csv', members, validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      const rows = forumDescriptives(db, studyId).perCategoryMonth.map((r) => [
        r.category,
        r.month,
        r.topics,
        r.posts,
        r.solvedTopics,
        r.staffPosts,
      ]);
      const columns = [
        'category',
        'month',
        'topics_created',
        'posts_written',
        'topics_with_accepted_answer',
        'posts_by_staff',
      ];
      return c.body(writeCsv(columns, rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="study-${studyId}-forum-per-category-month.csv"`,
      });
    });
}
