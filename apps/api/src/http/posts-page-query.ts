// The query of one page of posts, a thread's (GET /api/threads/:id/posts) or a thread unit's on
// the coding screen (GET …/units/:unitId/posts): one of after / before / around, none meaning
// from the first post. after and before take a post number or another page's cursor
// `<post number>:<post id>` (post numbers may repeat in a hand-made dump); around a post number.
import { z } from 'zod';
import type { PostKey, PostsAt } from '../db/thread-posts.ts';
import { AppError } from './errors.ts';

const postKey = z
  .string()
  .regex(/^\d{1,9}(:\d{1,15})?$/, 'A post number, or the prevCursor / nextCursor of another page.')
  .transform((s): PostKey => {
    const [postNumber, id] = s.split(':').map(Number) as [number, number | undefined];
    return id === undefined ? { postNumber } : { postNumber, id };
  });

/** The query schema, with the page size a client gets when it names none. */
export function postsPageQuery(defaultLimit: number) {
  return z.object({
    after: postKey.optional(),
    before: postKey.optional(),
    around: z
      .string()
      .regex(/^\d{1,9}$/, 'A post number.')
      .transform(Number)
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(defaultLimit),
  });
}

/** Where the page starts; 400 naming the second of after / before / around when several are given. */
export function postsAt(query: { after?: PostKey; before?: PostKey; around?: number }): PostsAt {
  const given = (['after', 'before', 'around'] as const).filter((k) => query[k] !== undefined);
  if (given.length > 1)
    throw new AppError('request.invalid_query', 400, 'Give one of after, before or around, not several.', {
      field: given[1]!,
    });
  if (query.before !== undefined) return { before: query.before };
  if (query.around !== undefined) return { around: query.around };
  return { after: query.after ?? { postNumber: 0 } };
}
