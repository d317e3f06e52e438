// The units one draw made, in the order they were drawn, a page at a time: a draw answers with
// its summary and a link here instead of every sampled id. A draw's units are consecutive in
// the study's unit order; its record (studies.sampling_json draws[n - 1]) keeps their positions.
import { notFound } from '../http/errors.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

const drawPositions = statement<[string, number], string | null>(
  'SELECT json_extract(sampling_json, ?) FROM studies WHERE id = ?',
  (s) => s.pluck(),
);
const page = statement<
  [{ studyId: number; first: number; last: number; after: number; limit: number }],
  { unitId: number; threadId: number; postId: number | null; position: number }
>(
  `SELECT id AS unitId, thread_id AS threadId, post_id AS postId, position FROM units
   WHERE study_id = @studyId AND position BETWEEN max(@first, @after + 1) AND @last ORDER BY position LIMIT @limit`,
);

export interface DrawnUnitsPage {
  draw: number;
  units: { unitId: number; threadId: number; postId: number | null }[];
  /** The last position on this page, to pass as `cursor` (a string, like every paged route's); null on the last page. */
  nextCursor: string | null;
}

/** Draw `draw` (1 = the study's first) of the study, `limit` units after position `cursor`. */
export function drawnUnits(
  db: Db,
  studyId: number,
  draw: number,
  o: { limit: number; cursor?: number },
): DrawnUnitsPage {
  const positions = drawPositions(db).get(`$.draws[${draw - 1}].positions`, studyId);
  if (!positions) throw notFound(`Draw ${draw} of this study`);
  const [first, last] = JSON.parse(positions) as [number, number];
  const rows = page(db).all({ studyId, first, last, after: o.cursor ?? 0, limit: o.limit + 1 });
  const more = rows.length > o.limit;
  const shown = rows.slice(0, o.limit);
  return {
    draw,
    units: shown.map(({ position: _position, ...u }) => u),
    nextCursor: more ? String(shown.at(-1)!.position) : null,
  };
}
