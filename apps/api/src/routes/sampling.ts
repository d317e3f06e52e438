import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, requireUser } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { drawnUnits } from '../db/drawn-units.ts';
import { populationCounts } from '../db/population.ts';
import { studyUnitKind } from '../db/studies.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { cochranSampleSize } from '../sampling/cochran.ts';
import { requestDraw } from '../sampling/draw-request.ts';
import type { AppTasks } from '../workers/tasks.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const drawParam = studyParam.extend({ draw: z.coerce.number().int().min(1) });
// A page of a draw's units: `cursor` is the nextCursor of the page before.
const drawnPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'The cursor is the nextCursor of the page before.')
    .transform(Number)
    .optional(),
});
const sizeQuery = z.object({
  confidence: z.coerce.number().gt(0).lt(1).default(0.95),
  margin: z.coerce.number().gt(0).lt(1).default(0.05),
  proportion: z.coerce.number().gt(0).lt(1).default(0.5),
  population: z.coerce.number().int().nonnegative().optional(),
});

const drawBody = z.object({
  roundId: z.number().int(),
  size: z.number().int().positive().max(1_000_000),
  strata: z.enum(['none', 'month', 'quarter', 'year', 'category', 'tag']).default('none'),
  seed: z.string().trim().min(1).max(100),
  overlap: z.number().min(0).max(1).default(1),
  /** Also draw posts without words of their own (empty, image-only, embed-only); left out by default. */
  withoutWords: z.boolean().default(false),
  /** Post studies: only accepted answers, or only posts by forum staff (admins, moderators, staff). */
  only: z.enum(['accepted', 'staff']).optional(),
  coderIds: z
    .array(z.number().int())
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'Name each coder once.')
    .optional(),
  /** Chosen by the form for each intended draw: sent twice (a double click), it draws once. */
  drawId: z.uuid().optional(),
});

export function sampleSizeRoutes() {
  return new Hono<AuthedEnv>().get('/', requireUser, validate('query', sizeQuery), (c) =>
    c.json(cochranSampleSize(c.req.valid('query'))),
  );
}

/**
 * Drawing units from the study's selected threads into a round, with their coders. The draw
 * itself (reading the population, a stratified sample) runs on a worker thread.
 */
export function samplingRoutes(db: Db, tasks: AppTasks) {
  return new Hono<AuthedEnv>()
    .get('/population', requireStudyRole(db), validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      const unitKind = studyUnitKind(db, studyId);
      return c.json({ unitKind, ...populationCounts(db, studyId, unitKind) });
    })
    .post(
      '/draw',
      requireStudyRole(db, 'owner'),
      validate('param', studyParam),
      validate('json', drawBody),
      async (c) => {
        const { studyId } = c.req.valid('param');
        const { result, created } = await requestDraw(
          db,
          studyId,
          c.get('user').id,
          c.req.valid('json'),
          (target, body) =>
            tasks.run('drawPlan', [studyId, target.kind, body, target.coderIds], { signal: c.req.raw.signal }),
        );
        return c.json(result, created ? 201 : 200);
      },
    )
    .get(
      '/draws/:draw/units',
      requireStudyRole(db, 'owner'),
      validate('param', drawParam),
      validate('query', drawnPageQuery),
      (c) => {
        const { studyId, draw } = c.req.valid('param');
        return c.json(drawnUnits(db, studyId, draw, c.req.valid('query')));
      },
    );
}
