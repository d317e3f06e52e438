import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, requireUser } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { population, populationSize } from '../db/population.ts';
import { getRound } from '../db/rounds.ts';
import { listMembers } from '../db/studies.ts';
import { insertUnits } from '../db/units.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { assignUnits } from '../sampling/assign.ts';
import { cochranSampleSize } from '../sampling/cochran.ts';
import { drawSample } from '../sampling/draw.ts';

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
  coderIds: z
    .array(z.number().int())
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'Name each coder once.')
    .optional(),
});

export function sampleSizeRoutes() {
  return new Hono<AuthedEnv>().get('/', requireUser, validate('query', sizeQuery), (c) =>
    c.json(cochranSampleSize(c.req.valid('query'))),
  );
}

/** Drawing units from the study's selected threads into a round, with their coders. */
export function samplingRoutes(db: Db) {
  return new Hono<AuthedEnv>()
    .get('/population', requireStudyRole(db), (c) => {
      const studyId = Number(c.req.param('studyId'));
      const kind = db.prepare('SELECT unit_kind FROM studies WHERE id = ?').pluck().get(studyId) as 'post' | 'thread';
      return c.json({ unitKind: kind, available: populationSize(db, studyId, kind) });
    })
    .post('/draw', requireStudyRole(db, 'owner'), validate('json', drawBody), (c) => {
      const studyId = Number(c.req.param('studyId'));
      const body = c.req.valid('json');
      const round = getRound(db, studyId, body.roundId);
      if (round.status !== 'open')
        throw new AppError('round.closed', 409, `Round "${round.name}" is closed; draw into an open round.`, {
          field: 'roundId',
        });
      const coders = listMembers(db, studyId)
        .filter((m) => m.role === 'coder')
        .map((m) => m.userId);
      const coderIds = body.coderIds ?? coders;
      const stranger = coderIds.find((id) => !coders.includes(id));
      if (stranger !== undefined)
        throw new AppError('sample.not_a_coder', 400, `User ${stranger} is not a coder in this study.`, {
          field: 'coderIds',
        });
      if (coderIds.length === 0)
        throw new AppError('sample.no_coders', 409, 'Add coders to the study before drawing a sample.');
      const kind = db.prepare('SELECT unit_kind FROM studies WHERE id = ?').pluck().get(studyId) as 'post' | 'thread';
      const candidates = population(db, studyId, kind, body.strata);
      if (candidates.length === 0)
        throw new AppError(
          'sample.empty_population',
          409,
          'There is nothing left to sample: select threads into the study first.',
        );
      const threadOf = new Map(candidates.map((p) => [p.id, p.threadId]));
      const drawn = drawSample(candidates, { size: body.size, seed: body.seed, stratified: body.strata !== 'none' });
      const assignment = assignUnits(drawn.ids, coderIds, body.overlap, body.seed);
      const units = drawn.ids.map((id) => ({
        threadId: threadOf.get(id)!,
        postId: kind === 'post' ? id : null,
        coderIds: assignment.get(id)!,
      }));
      const record = {
        ...body,
        coderIds,
        population: candidates.length,
        strataCounts: drawn.strata,
        at: new Date().toISOString(),
      };
      const unitIds = insertUnits(db, studyId, round.id, units, c.get('user').id, record);
      return c.json(
        { units: unitIds.length, strata: drawn.strata, population: candidates.length, sampled: drawn.ids },
        201,
      );
    });
}
