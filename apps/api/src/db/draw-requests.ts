import { AppError } from '../http/errors.ts';
import type { Db } from './open.ts';

// The draw form sends a fresh draw id with each intended draw, so a double click (or a retried
// request) answers the first draw's result instead of drawing again. The caller checks and
// records in the one transaction that writes the draw, so two requests with one id cannot both
// draw. The same id with a different request is a client bug: 409.

/** The result of the draw this id already made, or undefined when it made none. */
export function earlierDraw<T>(db: Db, studyId: number, drawId: string, request: unknown): T | undefined {
  const earlier = db
    .prepare(
      'SELECT request_json AS requestJson, response_json AS responseJson FROM draw_requests WHERE study_id = ? AND draw_id = ?',
    )
    .get(studyId, drawId) as { requestJson: string; responseJson: string } | undefined;
  if (!earlier) return undefined;
  if (earlier.requestJson !== JSON.stringify(request))
    throw new AppError('sample.draw_id_reused', 409, 'This draw id belongs to a different draw; reload the form.', {
      field: 'drawId',
    });
  return JSON.parse(earlier.responseJson) as T;
}

export function recordDraw(db: Db, studyId: number, drawId: string, request: unknown, result: unknown): void {
  db.prepare(
    'INSERT INTO draw_requests (study_id, draw_id, request_json, response_json, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(studyId, drawId, JSON.stringify(request), JSON.stringify(result), new Date().toISOString());
}
