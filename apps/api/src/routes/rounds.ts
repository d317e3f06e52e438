import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import { adjudicateFinished, closeRound, reopenRound } from '../db/close-round.ts';
import { moveIncomplete } from '../db/incomplete-units.ts';
import type { Db } from '../db/open.ts';
import { progress } from '../db/progress.ts';
import { getRound, insertRound, listRounds, setUnblinded } from '../db/rounds.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { scheduleRetrain } from '../suggest/retrain.ts';

const roundBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['calibration', 'main']),
  assisted: z.boolean().default(false),
});
const roundParam = z.object({ studyId: z.coerce.number().int(), roundId: z.coerce.number().int() });
const incompleteBody = z.object({
  toRoundId: z.number().int(),
  coderIds: z
    .array(z.number().int())
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, 'Name each coder once.')
    .optional(),
});

/** Rounds of a study: calibration rounds first, then the main round; owners create, close and unblind them. */
export function roundRoutes(db: Db) {
  return (
    new Hono<AuthedEnv>()
      .get('/', requireStudyRole(db), (c) => c.json({ rounds: listRounds(db, Number(c.req.param('studyId'))) }))
      .post('/', requireStudyRole(db, 'owner'), validate('json', roundBody), (c) => {
        const { name, kind, assisted } = c.req.valid('json');
        return c.json(
          { round: insertRound(db, Number(c.req.param('studyId')), name, kind, c.get('user').id, assisted) },
          201,
        );
      })
      .post('/:roundId/close', requireStudyRole(db, 'owner'), validate('param', roundParam), (c) => {
        const { studyId, roundId } = c.req.valid('param');
        const summary = closeRound(db, studyId, roundId, c.get('user').id);
        // Agreed units got final labels: the suggestion model learns from them (debounced, in a worker).
        scheduleRetrain(db, studyId);
        return c.json({ round: getRound(db, studyId, roundId), summary });
      })
      .post('/:roundId/unblind', requireStudyRole(db, 'owner'), validate('param', roundParam), (c) => {
        const { studyId, roundId } = c.req.valid('param');
        return c.json({ round: setUnblinded(db, studyId, roundId, true, c.get('user').id) });
      })
      .post('/:roundId/reopen', requireStudyRole(db, 'owner'), validate('param', roundParam), (c) => {
        const { studyId, roundId } = c.req.valid('param');
        return c.json({ round: reopenRound(db, studyId, roundId, c.get('user').id) });
      })
      // Adjudicators start on the units every coder has finished while the round goes on.
      .post(
        '/:roundId/adjudicate-finished',
        requireStudyRole(db, 'owner', 'adjudicator'),
        validate('param', roundParam),
        (c) => {
          const { studyId, roundId } = c.req.valid('param');
          const summary = adjudicateFinished(db, studyId, roundId, c.get('user').id);
          scheduleRetrain(db, studyId);
          return c.json({ round: getRound(db, studyId, roundId), summary });
        },
      )
      .post(
        '/:roundId/incomplete',
        requireStudyRole(db, 'owner'),
        validate('param', roundParam),
        validate('json', incompleteBody),
        (c) => {
          const { studyId, roundId } = c.req.valid('param');
          return c.json(moveIncomplete(db, studyId, roundId, c.req.valid('json'), c.get('user').id));
        },
      )
  );
}

/** Done / assigned counts: everyone in the study for owners and adjudicators, a coder's own otherwise. */
export function progressRoutes(db: Db) {
  return new Hono<AuthedEnv>().get('/', requireStudyRole(db), (c) => {
    const studyId = Number(c.req.param('studyId'));
    const user = c.get('user');
    const roles = rolesIn(db, studyId, user);
    const seesAll = roles.includes('owner') || roles.includes('adjudicator');
    return c.json({
      progress: progress(db, studyId, { operator: false, userId: user.id }, seesAll ? undefined : user.id),
    });
  });
}
