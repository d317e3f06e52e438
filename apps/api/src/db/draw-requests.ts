import { AppError } from '../http/errors.ts';
import type { Db } from './open.ts';

/**
 * Runs `draw` once per draw id: the draw form sends a fresh id with each intended draw, so a
 * double click (or a retried request) answers the first draw's result instead of drawing again.
 * The check, the draw and its record share one transaction, so two requests with one id
 * cannot both draw. The same id with a different request is a client bug: 409.
 */
export function drawOnce<T>(
  db: Db,
  studyId: number,
  drawId: string,
  request: unknown,
  draw: () => T,
): { result: T; repeated: boolean } {
  const requestJson = JSON.stringify(request);
  return db
    .transaction(() => {
      const earlier = db
        .prepare(
          'SELECT request_json AS requestJson, response_json AS responseJson FROM draw_requests WHERE study_id = ? AND draw_id = ?',
        )
        .get(studyId, drawId) as { requestJson: string; responseJson: string } | undefined;
      if (earlier) {
        if (earlier.requestJson !== requestJson)
          throw new AppError(
            'sample.draw_id_reused',
            409,
            'This draw id belongs to a different draw; reload the form.',
            {
              field: 'drawId',
            },
          );
        return { result: JSON.parse(earlier.responseJson) as T, repeated: true };
      }
      const result = draw();
      db.prepare(
        'INSERT INTO draw_requests (study_id, draw_id, request_json, response_json, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(studyId, drawId, requestJson, JSON.stringify(result), new Date().toISOString());
      return { result, repeated: false };
    })
    .immediate();
}
