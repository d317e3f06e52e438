import type { Db } from '../db/open.ts';
import { statement } from '../db/prepared.ts';
import { populationStrata, type PostsOnly, type Strata, threadsOf } from '../db/population.ts';
import { getRound } from '../db/rounds.ts';
import { listMembers, studyUnitKind } from '../db/studies.ts';
import { insertUnits } from '../db/units.ts';
import { AppError } from '../http/errors.ts';
import { assignUnits } from './assign.ts';
import { drawFromStrata } from './draw.ts';

export interface DrawRequest {
  roundId: number;
  size: number;
  strata: Strata;
  seed: string;
  overlap: number;
  /** Also draw posts without words of their own (empty, image-only, embed-only). */
  withoutWords: boolean;
  /** Post studies: draw only accepted answers, or only posts by forum staff. */
  only?: PostsOnly | undefined;
  coderIds?: number[] | undefined;
}

const nextDraw = statement<[number], { first: number; draw: number }>(
  `SELECT (SELECT coalesce(max(position), 0) + 1 FROM units WHERE study_id = s.id) AS first,
     coalesce(json_array_length(s.sampling_json, '$.draws'), 0) + 1 AS draw FROM studies s WHERE s.id = ?`,
);

/** Draws units from the study's selected threads into an open round and deals them to its coders. */
export function drawIntoRound(db: Db, studyId: number, userId: number, body: DrawRequest) {
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
  const kind = studyUnitKind(db, studyId);
  if (body.only && kind !== 'post')
    throw new AppError(
      'sample.only_posts',
      400,
      'Only a study that codes posts can draw only accepted answers or staff posts; filter the threads instead.',
      { field: 'only' },
    );
  const groups = populationStrata(db, studyId, kind, body.strata, body.withoutWords, body.only ?? null);
  const size = [...groups.values()].reduce((n, ids) => n + ids.length, 0);
  if (size === 0)
    throw new AppError(
      'sample.empty_population',
      409,
      body.only
        ? `There is nothing left to sample: no ${body.only === 'accepted' ? 'accepted answer' : 'post by forum staff'} among the selected threads is left.`
        : 'There is nothing left to sample: select threads into the study first.',
    );
  const drawn = drawFromStrata(groups, { size: body.size, seed: body.seed, stratified: body.strata !== 'none' });
  const threadOf = threadsOf(db, kind, drawn.ids);
  const assignment = assignUnits(drawn.ids, coderIds, body.overlap, body.seed);
  const units = drawn.ids.map((id) => ({
    threadId: threadOf.get(id)!,
    postId: kind === 'post' ? id : null,
    coderIds: assignment.get(id)!,
  }));
  // The drawn units take the next positions of the study, in drawn order (db/drawn-units.ts lists them).
  const { first, draw } = nextDraw(db).get(studyId)!;
  const record = {
    ...body,
    coderIds,
    population: size,
    strataCounts: drawn.strata,
    positions: [first, first + units.length - 1],
    at: new Date().toISOString(),
  };
  const unitIds = insertUnits(db, studyId, round.id, units, userId, record);
  return {
    units: unitIds.length,
    strata: drawn.strata,
    population: size,
    draw,
    sampledUrl: `/api/studies/${studyId}/sampling/draws/${draw}/units`,
  };
}
