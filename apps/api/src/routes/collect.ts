// Collections from live Discourse forums: start (or resume) one, poll it, stop it, list past
// runs. Who may import may collect; a run belongs to the source's owner (and administrators). The run itself lives in CollectionManager, in this process.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { CollectionManager } from '../collect/manager.ts';
import { resolveOptions } from '../collect/options.ts';
import { getCollection, listCollections } from '../collect/state.ts';
import type { Db } from '../db/open.ts';
import { canImport, managesSource } from '../db/sources.ts';
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
    if (!canImport(c.get('user')))
      throw forbidden('Collecting needs the importer right, which an administrator grants.');
    await next();
  };
  // Another importer's runs are not found (404), as study ids are for non-members.
  const found = (id: number, user: SessionUser) => {
    const record = getCollection(db, id);
    // Not stored yet (no source): its starter's; else the source owner's. Administrators see all.
    const mayRead =
      record &&
      (record.sourceId === null ? user.isAdmin || record.userId === user.id : managesSource(db, user, record.sourceId));
    if (!mayRead) throw notFound('The collection');
    return record;
  };
  return new Hono<AuthedEnv>()
    .use(requireUser, importer)
    .post('/', validate('json', startBody), (c) => {
      const body = c.req.valid('json');
      const { id, resumed } = manager.start(
        resolveOptions({ ...body, source: body.source || undefined }),
        c.get('user'),
      );
      return c.json({ collection: found(id, c.get('user')), resumed }, 202);
    })
    .get('/', (c) => {
      const user = c.get('user');
      return c.json({
        collections: listCollections(db, user.isAdmin ? undefined : user.id),
        current: manager.current(),
      });
    })
    .get('/:id', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      return c.json({
        collection: found(id, c.get('user')),
        stopping: manager.current()?.id === id && manager.current()!.stopping,
      });
    })
    .post('/:id/cancel', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const record = found(id, c.get('user'));
      if (!manager.stop(id))
        throw new AppError('collect.not_running', 409, `Collection #${id} is not running (it is ${record.status}).`);
      return c.json({ collection: record, stopping: true }, 202);
    });
}
