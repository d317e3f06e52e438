import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import { saveForumCategories } from '../db/source-categories.ts';
import { canImport, listSources, managesSource } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { readForumCategoryList } from '../import/forum-category-list.ts';

const idParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * Every signed-in user sees the sources; canImport and the upload limit let the page offer (or not) the import
 * form, and each source's `mine` which sources the user may import into. The latest import is shown only to
 * those who may read the source's import records.
 */
export function sourceRoutes(db: Db, config: Config) {
  return (
    new Hono<AuthedEnv>()
      .use(requireUser)
      .get('/', (c) => {
        const user = c.get('user');
        const sources = listSources(db).map((s) => {
          const mine = managesSource(db, user, s.id);
          return { ...s, mine, lastImport: mine ? s.lastImport : null };
        });
        return c.json({ sources, canImport: canImport(user), maxUploadBytes: config.maxUploadBytes });
      })
      // The body is the forum's /site.json or /categories.json as is: names for threads showing a category id.
      .put('/:id/categories', validate('param', idParam), validate('json', z.unknown()), (c) => {
        const { id } = c.req.valid('param');
        const kind = db.prepare('SELECT kind FROM sources WHERE id = ?').pluck().get(id) as string | undefined;
        if (kind === undefined) throw notFound('The source');
        // Like importing into it: the source's owner (with the importer right) or an administrator.
        if (!canImport(c.get('user')) || !managesSource(db, c.get('user'), id))
          throw forbidden('Only the source’s importer or an administrator may name its categories.');
        if (kind !== 'discourse')
          throw new AppError(
            'sources.not_discourse',
            409,
            'Category lists name the categories of Discourse forums only.',
          );
        const list = readForumCategoryList(c.req.valid('json'), 'the category file');
        const threadsRenamed = saveForumCategories(db, id, list);
        return c.json({ categories: list.length, threadsRenamed });
      })
  );
}
