// Drawing units from the study's selected threads into a round, in three steps so the heavy
// one runs on a worker thread (workers/tasks.ts) while the request thread stays free:
// drawTarget checks the request (request thread), planDraw reads the population and draws
// (worker, read-only), commitDraw writes the plan's units if the study still allows them
// (request thread, in the caller's transaction).
import type { Db } from '../db/open.ts';
import type { PostsOnly, Strata } from '../db/population.ts';
import { cellAt, populationCells, postsAtRanks } from '../db/population-cells.ts';
import { statement } from '../db/prepared.ts';
import { getRound, type Round } from '../db/rounds.ts';
import { listMembers, studyUnitKind } from '../db/studies.ts';
import { insertUnits, type NewUnit } from '../db/units.ts';
import { readTransaction } from '../db/write-transaction.ts';
import { AppError } from '../http/errors.ts';
import { assignUnits } from './assign.ts';
import { drawRanks, type StratumCount } from './draw.ts';

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

export interface DrawTarget {
  round: Round;
  coderIds: number[];
  kind: 'post' | 'thread';
}

export interface DrawPlan {
  units: NewUnit[];
  strata: StratumCount[];
  population: number;
  /** Post ids (post studies) or thread ids (thread studies), in the order drawn. */
  sampled: number[];
}

/** The draw's summary; its units are listed a page at a time at `sampledUrl` (db/drawn-units.ts). */
export interface DrawResult {
  units: number;
  strata: StratumCount[];
  population: number;
  /** The study's draw number. */
  draw: number;
  sampledUrl: string;
}

/** The open round and the coders a draw deals to, or the error saying why there can be no draw. */
export function drawTarget(db: Db, studyId: number, body: DrawRequest): DrawTarget {
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
  return { round, coderIds, kind };
}

/**
 * The sample a draw takes from the study's population as it is now, with each unit's coders. Reads
 * only, and only the drawn posts: the strata's sizes and each thread's share come from the kept
 * counts (db/population-cells.ts). All in one snapshot: the plan runs on a worker while the request
 * thread may commit another draw, and kept counts read before that commit must meet the posts
 * read before it too (commitDraw then finds the plan outgrown and requestDraw plans again).
 */
export function planDraw(
  db: Db,
  studyId: number,
  kind: DrawTarget['kind'],
  body: DrawRequest,
  coderIds: number[],
): DrawPlan {
  return readTransaction(db, () => planFromSnapshot(db, studyId, kind, body, coderIds));
}

function planFromSnapshot(
  db: Db,
  studyId: number,
  kind: DrawTarget['kind'],
  body: DrawRequest,
  coderIds: number[],
): DrawPlan {
  const options = { strata: body.strata, withoutWords: body.withoutWords, only: body.only ?? null };
  const cells = populationCells(db, studyId, kind, options);
  const sizes = new Map([...cells].map(([stratum, c]) => [stratum, c.ends.at(-1)!]));
  const size = [...sizes.values()].reduce((n, s) => n + s, 0);
  if (size === 0)
    throw new AppError(
      'sample.empty_population',
      409,
      body.only
        ? `There is nothing left to sample: no ${body.only === 'accepted' ? 'accepted answer' : 'post by forum staff'} among the selected threads is left.`
        : 'There is nothing left to sample: select threads into the study first.',
    );
  const drawn = drawRanks(sizes, { size: body.size, seed: body.seed });
  const picks = [...drawn.ranks].flatMap(([stratum, ranks]) => ranks.map((rank) => cellAt(cells.get(stratum)!, rank)));
  const sampled = kind === 'post' ? postsAtRanks(db, studyId, options, picks) : picks.map((p) => p.threadId);
  const assignment = assignUnits(sampled, coderIds, body.overlap, body.seed);
  const units = sampled.map((id, i) => ({
    threadId: picks[i]!.threadId,
    postId: kind === 'post' ? id : null,
    coderIds: assignment.get(id)!,
  }));
  return { units, strata: drawn.strata, population: size, sampled };
}

// Drawn units that became units since the plan was read, or whose thread left the selection.
const takenPosts = `SELECT count(*) FROM json_each(@ids) j JOIN units u ON u.study_id = @studyId AND u.post_id = j.value`;
const takenThreads = `SELECT count(*) FROM json_each(@ids) j JOIN units u
  ON u.study_id = @studyId AND u.thread_id = j.value AND u.post_id IS NULL`;
const nextDraw = statement<[number], { first: number; draw: number }>(
  `SELECT (SELECT coalesce(max(position), 0) + 1 FROM units WHERE study_id = s.id) AS first,
     coalesce(json_array_length(s.sampling_json, '$.draws'), 0) + 1 AS draw FROM studies s WHERE s.id = ?`,
);
const unselected = `SELECT count(*) FROM (SELECT DISTINCT value FROM json_each(@threads)) j
  WHERE NOT EXISTS (SELECT 1 FROM study_threads st WHERE st.study_id = @studyId AND st.thread_id = j.value)`;

/**
 * Adds the plan's units to the round, or answers null when the study changed since the plan was
 * read (another draw took some of its units, or a thread left the selection): draw again then.
 */
export function commitDraw(
  db: Db,
  studyId: number,
  userId: number,
  body: DrawRequest,
  target: DrawTarget,
  plan: DrawPlan,
): DrawResult | null {
  const params = {
    studyId,
    ids: JSON.stringify(plan.sampled),
    threads: JSON.stringify(plan.units.map((u) => u.threadId)),
  };
  const taken = db
    .prepare(target.kind === 'post' ? takenPosts : takenThreads)
    .pluck()
    .get(params) as number;
  if (taken > 0 || (db.prepare(unselected).pluck().get(params) as number) > 0) return null;
  // The drawn units take the next positions of the study, in drawn order (db/drawn-units.ts lists them).
  const { first, draw } = nextDraw(db).get(studyId)!;
  const record = {
    ...body,
    coderIds: target.coderIds,
    population: plan.population,
    strataCounts: plan.strata,
    positions: [first, first + plan.units.length - 1],
    at: new Date().toISOString(),
  };
  const unitIds = insertUnits(db, studyId, target.round.id, plan.units, userId, record);
  return {
    units: unitIds.length,
    strata: plan.strata,
    population: plan.population,
    draw,
    sampledUrl: `/api/studies/${studyId}/sampling/draws/${draw}/units`,
  };
}
