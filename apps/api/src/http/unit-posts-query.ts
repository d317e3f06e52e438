// The query of one page of a thread unit's posts, on the coding screen (GET …/units/:unitId/posts)
// and the adjudication screen (GET …/adjudication/units/:unitId/posts): a thread's page query
// (after / before / around, posts-page-query.ts) or `aroundOffset`, a code-point offset in the
// unit's quote text: the page around the post holding it, so a saved quote on a page not yet
// loaded can be shown (its start is such an offset).
import { z } from 'zod';
import type { UnitPostsAt } from '../db/unit-posts.ts';
import { AppError } from './errors.ts';
import { postsAt, postsPageQuery } from './posts-page-query.ts';

/** A thread unit's posts come this many at a time, like the thread page's. */
export const UNIT_POSTS_PAGE = 100;

export const unitPostsQuery = postsPageQuery(UNIT_POSTS_PAGE).extend({
  aroundOffset: z
    .string()
    .regex(/^\d{1,12}$/, 'An offset in the unit’s text, in code points (a quote’s start).')
    .transform(Number)
    .optional(),
});

/** Where the page starts; 400 naming aroundOffset when after, before or around is given too. */
export function unitPostsAt(query: Omit<z.infer<typeof unitPostsQuery>, 'limit'>): UnitPostsAt {
  const { aroundOffset, ...rest } = query;
  if (aroundOffset === undefined) return postsAt(rest);
  if (Object.values(rest).some((v) => v !== undefined))
    throw new AppError(
      'request.invalid_query',
      400,
      'Give one of after, before, around or aroundOffset, not several.',
      {
        field: 'aroundOffset',
      },
    );
  return { aroundOffset };
}
