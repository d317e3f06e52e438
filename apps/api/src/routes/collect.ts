// Collections from live Discourse forums: start (or resume) one, poll it, stop it, list past
// runs. Who may import may collect. The run itself lives in CollectionManager, in this process.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import { CollectionManager } from '../collect/manager.ts';
import { resolveOptions } from '../collect/options.ts';
import { getCollection, listCollections } from '../collect/state.ts';
import type { Db } from '../db/open.ts';
import { canImport } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const startBody = z.object({
  forumUrl: z.string().trim().min(1).max(2000),
  source: z.string().trim().max(200).optional(),
  category: z.string().trim().max(200).optional(),
  since: z.string().trim().max(40).optional(),
  until: z.string().trim().max(40).optional(),
  maxTopics: z.number().int().positive().optional(),
  rate: z.number().positive().optional(),
  wholeForum: z.boolean().optional(),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function collectRoutes(db: Db) {
  const manager = new CollectionManager(db);
  const importer: MiddlewareHandler<AuthedEnv> = async (c, next) => {
    if (!canImport(db, c.get('user'))) throw forbidden('Only administrators and study owners may collect threads.');
    await next();
  };
  const found = (id: number) => {
    const record = getCollection(db, id);
    if (!record) throw notFound('The collection');
    return record;
  };
  return new Hono<AuthedEnv>()
    .use(requireUser, importer)
    .post('/', validate('json', startBody), (c) => {
      const body = c.req.valid('json');
      const { id, resumed } = manager.start(
        resolveOptions({ ...body, source: body.source || undefined }),
        c.get('user').id,
      );
      return c.json({ collection: found(id), resumed }, 202);
    })
    .get('/', (c) => c.json({ collections: listCollections(db), current: manager.current() }))
    .get('/:id', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      return c.json({ collection: found(id), stopping: manager.current()?.id === id && manager.current()!.stopping });
    })
    .post('/:id/cancel', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const record = found(id);
      if (!manager.stop(id))
        throw new AppError('collect.not_running', 409, `Collection #${id} is not running (it is ${record.status}).`);
      return c.json({ collection: record, stopping: true }, 202);
    });
}
