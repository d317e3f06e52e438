import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser, rolesIn } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { searchIndexState } from '../db/search-catchup.ts';
import { studyExists } from '../db/studies.ts';
import { threadPosts } from '../db/thread-posts.ts';
import { getThread, listThreads, threadFacets } from '../db/threads.ts';
import type { AuthedEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { postsAt, postsPageQuery } from '../http/posts-page-query.ts';
import { validate } from '../http/validate.ts';
import { threadFilterSchema } from '../threads/filters.ts';

// The declared filters (threads/filters.ts), which selection rules reuse, plus the list's own parameters.
const listQuery = threadFilterSchema.extend({
  // A study's owner sees which threads are selected into it and may filter by that.
  study: z.coerce.number().int().positive().optional(),
  inStudy: z.enum(['yes', 'no']).optional(),
  sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });
const postsQuery = postsPageQuery(50);

/** Threads are shared reading for every signed-in user; study selection state only for the study's owners. */
export function threadRoutes(db: Db, countCap: number) {
  return new Hono<AuthedEnv>()
    .use(requireUser)
    .get('/', validate('query', listQuery), (c) => {
      const { study, inStudy, sort, cursor, limit, ...filter } = c.req.valid('query');
      const user = c.get('user');
      if (study !== undefined && !(studyExists(db, study) && rolesIn(db, study, user).includes('owner')))
        throw notFound('The study');
      // `search` says whether full-text search covers every stored post yet (a big import indexes after it is done).
      const page = listThreads(db, { ...filter, studyId: study, inStudy }, user, {
        sort,
        cursor,
        limit,
        countCap,
      });
      return c.json({ ...page, search: searchIndexState(db) });
    })
    .get('/search-index', (c) => c.json(searchIndexState(db)))
    .get('/facets', validate('query', z.object({ source: z.coerce.number().int().positive().optional() })), (c) =>
      c.json(threadFacets(db, c.req.valid('query').source ?? null)),
    )
    .get('/:id', validate('param', idParam), (c) => {
      const thread = getThread(db, c.req.valid('param').id);
      if (!thread) throw notFound('The thread');
      return c.json({ thread });
    })
    .get('/:id/posts', validate('param', idParam), validate('query', postsQuery), (c) => {
      const { id } = c.req.valid('param');
      const { limit, ...query } = c.req.valid('query');
      const at = postsAt(query);
      if (!getThread(db, id)) throw notFound('The thread');
      return c.json(threadPosts(db, id, at, limit));
    });
}
