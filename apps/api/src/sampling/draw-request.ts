import { earlierDraw, recordDraw } from '../db/draw-requests.ts';
import type { Db } from '../db/open.ts';
import { AppError } from '../http/errors.ts';
import {
  commitDraw,
  type DrawPlan,
  type DrawRequest,
  type DrawResult,
  drawTarget,
  type DrawTarget,
} from './draw-into-round.ts';
import { writeTransaction } from '../db/write-transaction.ts';

// A plan is redrawn when the study changed under it; past this many tries the owner is told.
const TRIES = 3;

/**
 * One draw the owner asked for: checked here, planned by `plan` (on a worker thread), written
 * here in one transaction that first checks the draw id is still free and the plan still fits
 * the study. With a draw id (the form sends one per intended draw) a repeat answers the first
 * draw's result instead of drawing again: `created` is false then.
 */
export async function requestDraw(
  db: Db,
  studyId: number,
  userId: number,
  { drawId, ...request }: DrawRequest & { drawId?: string | undefined },
  plan: (target: DrawTarget, request: DrawRequest) => Promise<DrawPlan>,
): Promise<{ result: DrawResult; created: boolean }> {
  const earlier = () => (drawId === undefined ? undefined : earlierDraw<DrawResult>(db, studyId, drawId, request));
  for (let tries = 1; ; tries++) {
    const repeated = earlier();
    if (repeated) return { result: repeated, created: false };
    const planned = await plan(drawTarget(db, studyId, request), request);
    const done = writeTransaction(db, () => {
      const repeat = earlier();
      if (repeat) return { result: repeat, created: false };
      const result = commitDraw(db, studyId, userId, request, drawTarget(db, studyId, request), planned);
      if (result && drawId !== undefined) recordDraw(db, studyId, drawId, request, result);
      return result && { result, created: true };
    });
    if (done) return done;
    if (tries === TRIES)
      throw new AppError(
        'sample.population_changed',
        409,
        'The study’s threads or units kept changing while the sample was drawn. Draw again.',
      );
  }
}
