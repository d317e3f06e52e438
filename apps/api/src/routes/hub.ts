// Collections of model metadata from the Hugging Face Hub: start (or resume), poll, stop, list;
// and deriving the monthly series again. Who may import may collect.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { listSeriesSets } from '../db/series.ts';
import { canImport } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { deriveHubSeries, HUB_DIMENSIONS } from '../hub/derive-series.ts';
import { HubCollectionManager } from '../hub/manager.ts';
import { resolveHubOptions } from '../hub/options.ts';
import { getHubCollection, listHubCollections } from '../hub/state.ts';

const startBody = z.object({
  hubUrl: z.string().trim().max(2000).optional(),
  since: z.string().trim().max(40).optional(),
  until: z.string().trim().max(40).optional(),
  author: z.string().trim().max(200).optional(),
  pipelineTag: z.string().trim().max(200).optional(),
  library: z.string().trim().max(200).optional(),
  search: z.string().trim().max(200).optional(),
  maxModels: z.number().int().positive().optional(),
  rate: z.number().positive().optional(),
  cardDetails: z.boolean().optional(),
});
const deriveBody = z.object({ dimension: z.enum(HUB_DIMENSIONS), top: z.number().int().min(1).max(1000).optional() });
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function hubRoutes(db: Db) {
  const manager = new HubCollectionManager(db);
  const importer: MiddlewareHandler<AuthedEnv> = async (c, next) => {
    if (!canImport(c.get('user'))) throw forbidden('Only administrators and study owners may collect from the Hub.');
    await next();
  };
  const found = (id: number) => {
    const record = getHubCollection(db, id);
    if (!record) throw notFound('The Hub collection');
    return record;
  };
  return new Hono<AuthedEnv>()
    .use(requireUser, importer)
    .post('/', validate('json', startBody), (c) => {
      const { id, resumed } = manager.start(resolveHubOptions(c.req.valid('json')), c.get('user').id);
      return c.json({ collection: found(id), resumed }, 202);
    })
    .get('/', (c) => c.json({ collections: listHubCollections(db), current: manager.current() }))
    .post('/derive', validate('json', deriveBody), (c) => {
      const { dimension, top } = c.req.valid('json');
      const id = deriveHubSeries(db, dimension, top, c.get('user').id);
      return c.json({ set: listSeriesSets(db).find((s) => s.id === id)! });
    })
    .get('/:id', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      return c.json({ collection: found(id), stopping: manager.current()?.id === id && manager.current()!.stopping });
    })
    .post('/:id/cancel', validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      const record = found(id);
      if (!manager.stop(id))
        throw new AppError('hub.not_running', 409, `Hub collection #${id} is not running (it is ${record.status}).`);
      return c.json({ collection: record, stopping: true }, 202);
    });
}
