import { drawOnce } from '../db/draw-requests.ts';
import type { Db } from '../db/open.ts';
import { type DrawRequest, drawIntoRound } from './draw-into-round.ts';

/**
 * One draw the owner asked for. With a draw id (the form sends one per intended draw) a repeat
 * answers the first draw's result instead of drawing again: `created` is false then.
 */
export function requestDraw(
  db: Db,
  studyId: number,
  userId: number,
  { drawId, ...request }: DrawRequest & { drawId?: string | undefined },
) {
  const draw = () => drawIntoRound(db, studyId, userId, request);
  if (drawId === undefined) return { result: draw(), created: true };
  const { result, repeated } = drawOnce(db, studyId, drawId, request, draw);
  return { result, created: !repeated };
}
