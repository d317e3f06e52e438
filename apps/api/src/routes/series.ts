// Outside time series: every signed-in user reads and compares them; those who may import
// (administrators, study owners) add and delete them.
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { deleteSeriesSet, getSeriesSet, listSeriesSets } from '../db/series.ts';
import { canImport } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';
import { forbidden } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { compareSets } from '../series/compare-sets.ts';
import { comparisonCsv } from '../series/comparison-csv.ts';
import { importSeries } from '../series/import-series.ts';
import { AGGREGATES } from '../series/monthly.ts';
import { FREQUENCIES, LAYOUTS } from '../series/parse-csv.ts';
import { seriesSetCsv } from '../series/series-csv.ts';

const importBody = z.object({
  name: z.string().trim().min(1).max(200),
  source: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(100),
  fileName: z.string().trim().min(1).max(300),
  csv: z.string().min(1),
  layout: z.enum(LAYOUTS).optional(),
  frequency: z.enum(FREQUENCIES).optional(),
});
const compareBody = z.object({
  left: z.number().int().positive(),
  right: z.number().int().positive(),
  mapping: z.record(z.string(), z.string()).optional(),
  alpha: z.number().gt(0).lt(1).optional(),
  aggregate: z.enum(AGGREGATES).optional(),
});
// The same as a query string, for a download link: the mapping as JSON.
const compareQuery = z.object({
  left: z.coerce.number().int().positive(),
  right: z.coerce.number().int().positive(),
  mapping: z
    .string()
    .max(100_000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      try {
        return z.record(z.string(), z.string()).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object of left name -> right name' });
        return z.NEVER;
      }
    }),
  alpha: z.coerce.number().gt(0).lt(1).optional(),
  aggregate: z.enum(AGGREGATES).optional(),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function seriesRoutes(db: Db) {
  const importer: MiddlewareHandler<AuthedEnv> = async (c, next) => {
    if (!canImport(c.get('user')))
      throw forbidden('Adding or deleting series needs the importer right, which an administrator grants.');
    await next();
  };
  return new Hono<AuthedEnv>()
    .use(requireUser)
    .get('/', (c) => c.json({ sets: listSeriesSets(db), canImport: canImport(c.get('user')) }))
    .post('/', importer, validate('json', importBody), (c) => {
      const { csv, ...rest } = c.req.valid('json');
      return c.json({ set: importSeries(db, { ...rest, text: csv }, c.get('user').id) }, 201);
    })
    .post('/compare', validate('json', compareBody), (c) =>
      c.json({ comparison: compareSets(db, c.req.valid('json')) }),
    )
    .get('/compare.csv', validate('query', compareQuery), (c) =>
      c.body(comparisonCsv(compareSets(db, c.req.valid('query'))), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="series-comparison.csv"',
      }),
    )
    .get('/:id', validate('param', idParam), (c) => c.json({ set: getSeriesSet(db, c.req.valid('param').id) }))
    .get('/:id/csv', validate('param', idParam), (c) => {
      const set = getSeriesSet(db, c.req.valid('param').id);
      return c.body(seriesSetCsv(set), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="series-${set.id}.csv"`,
      });
    })
    .delete('/:id', importer, validate('param', idParam), (c) => {
      const { id } = c.req.valid('param');
      deleteSeriesSet(db, id);
      return c.json({ deleted: id });
    });
}
