import type { Ranking } from '../suggest/uncertainty-ranking.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { currentUnitRevisionSql } from './revisions.ts';
import { viewerParams, visibleCodings } from './visibility.ts';
import { writeTransaction } from './write-transaction.ts';

const nextPosition = statement<[number], number>(
  'SELECT coalesce(max(position), 0) + 1 FROM units WHERE study_id = ?',
  (s) => s.pluck(),
);
// The id SQLite would give the next unit (the largest plus one; units has no AUTOINCREMENT).
const nextId = statement<[], number>('SELECT coalesce(max(id), 0) + 1 FROM units', (s) => s.pluck());
// Rows [threadId, postId, place in the input]: the unit at place k gets id @firstId + k and position @first + k.
const insertUnitRows = statement<[{ studyId: number; roundId: number; firstId: number; first: number; units: string }]>(
  `INSERT INTO units (id, study_id, round_id, thread_id, post_id, position)
   SELECT @firstId + (value ->> 2), @studyId, @roundId, value ->> 0, value ->> 1, @first + (value ->> 2) FROM json_each(@units)`,
);
const insertAssignments = statement<[{ now: string; pairs: string }]>(
  'INSERT INTO assignments (unit_id, user_id, assigned_at) SELECT value ->> 0, value ->> 1, @now FROM json_each(@pairs)',
);

export interface NewUnit {
  threadId: number;
  postId: number | null;
  coderIds: number[];
}

/** Adds units to a round (after the study's existing ones) with their coder assignments. */
export function insertUnits(
  db: Db,
  studyId: number,
  roundId: number,
  units: NewUnit[],
  userId: number,
  sampling: unknown,
): number[] {
  return writeTransaction(db, () => {
    const first = nextPosition(db).get(studyId)!;
    const firstId = nextId(db).get()!;
    // One statement each for the units and their coders: a draw of thousands of units
    // spent more on calling SQLite per row than on the rows. The rows are written in post (or
    // thread) order, so neighbouring rows' foreign-key and index lookups share pages (at 500,000
    // posts a random post row each cost a third of the insert), with the ids and positions they
    // would have had written in the order given.
    const rows = units.map((u, place) => [u.threadId, u.postId, place] as const);
    rows.sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0) || a[0] - b[0]);
    insertUnitRows(db).run({ studyId, roundId, firstId, first, units: JSON.stringify(rows) });
    const ids = units.map((_, place) => firstId + place);
    const pairs = units.flatMap((u, i) => u.coderIds.map((coder) => [ids[i]!, coder]));
    insertAssignments(db).run({ now: new Date().toISOString(), pairs: JSON.stringify(pairs) });
    // The study keeps every draw it was built with, so each can be repeated from its seed.
    const previous = JSON.parse(
      db.prepare('SELECT sampling_json FROM studies WHERE id = ?').pluck().get(studyId) as string,
    ) as { draws?: unknown[] };
    const draws = [...(previous.draws ?? []), sampling];
    db.prepare('UPDATE studies SET sampling_json = ? WHERE id = ?').run(JSON.stringify({ draws }), studyId);
    audit(db, {
      userId,
      studyId,
      action: 'sample.draw',
      entity: 'round',
      entityId: roundId,
      after: { units: ids.length, sampling },
    });
    return ids;
  });
}

export interface AssignedUnit {
  unitId: number;
  position: number;
  roundId: number;
  threadId: number;
  postId: number | null;
  title: string;
  postNumber: number | null;
  coded: boolean;
  unsure: boolean;
}

/**
 * `unit_uncertainty uu` (suggest/uncertainty-ranking.ts) joined to unit `u` where the score is of
 * the model version and of the unit's current text: a unit edited since (a re-import) has none.
 * (A post unit's score is kept when only its thread's title changes.)
 */
export const scoredUnitSql = (version: string) =>
  `unit_uncertainty uu ON uu.unit_id = u.id AND uu.model_version = ${version} AND uu.revision = ${currentUnitRevisionSql}`;

// "Most uncertain first" (suggest/uncertainty-ranking.ts): units coded by the ranking's time last,
// in round order; the rest by the stored uncertainty under the ranking's model, highest first. Only
// scores stored by the ranking's time count: a unit scored since (drawn into the round, then ranked
// afresh by anyone) comes after the scored ones instead of moving them.
const rankedJoin = `LEFT JOIN ${scoredUnitSql('@modelVersion')} AND uu.scored_at <= @rankedAt`;
const rankedOrder =
  'ORDER BY codedBefore, CASE WHEN codedBefore THEN 0 ELSE -coalesce(uu.uncertainty, 0) END, u.position';

/**
 * The caller's own assigned units in a round, with only their own coding status, in order: the
 * round's, or a ranking's. With `page`, at most `limit` units after position `after` (keyset: a
 * deep page costs what the first does; the round's order only), skipping the first `offset` of
 * those (a virtual list asks for the page at an index).
 */
export function listAssignedUnits(
  db: Db,
  studyId: number,
  roundId: number,
  coderId: number,
  page: { limit: number; after: number; offset?: number } = { limit: -1, after: 0 },
  ranking: Ranking | null = null,
): AssignedUnit[] {
  const own = `SELECT 1 FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = a.user_id`;
  return (
    db
      .prepare(
        `SELECT u.id AS unitId, u.position, u.round_id AS roundId, u.thread_id AS threadId, u.post_id AS postId, t.title,
           p.post_number AS postNumber,
           -- The caller's own coding, looked up per unit (a LEFT JOIN would first read all the study's codings).
           EXISTS (${own}) AS coded,
           coalesce((SELECT c.unsure FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = a.user_id), 0) AS unsure
           ${ranking ? `, EXISTS (${own} AND c.created_at <= @rankedAt) AS codedBefore` : ''}
         FROM assignments a JOIN units u ON u.id = a.unit_id JOIN threads t ON t.id = u.thread_id
         LEFT JOIN posts p ON p.id = u.post_id
         ${ranking ? rankedJoin : ''}
         WHERE u.study_id = @studyId AND u.round_id = @roundId AND a.user_id = @viewerId AND u.position > @after
         ${ranking ? rankedOrder : 'ORDER BY u.position'} LIMIT @limit OFFSET @offset`,
      )
      .all({
        studyId,
        roundId,
        offset: 0,
        ...page,
        ...(ranking ? { rankedAt: ranking.rankedAt, modelVersion: ranking.modelVersion } : {}),
        ...viewerParams({ operator: false, userId: coderId }),
      }) as (Omit<AssignedUnit, 'coded' | 'unsure'> & { coded: number; unsure: number; codedBefore?: number })[]
  ).map(({ codedBefore: _, ...r }) => ({ ...r, coded: r.coded === 1, unsure: r.unsure === 1 }));
}

export interface UnitRow {
  id: number;
  studyId: number;
  roundId: number;
  threadId: number;
  postId: number | null;
}

export function getUnit(db: Db, studyId: number, unitId: number): UnitRow | undefined {
  return db
    .prepare(
      'SELECT id, study_id AS studyId, round_id AS roundId, thread_id AS threadId, post_id AS postId FROM units WHERE id = ? AND study_id = ?',
    )
    .get(unitId, studyId) as UnitRow | undefined;
}

export function isAssigned(db: Db, unitId: number, userId: number): boolean {
  return db.prepare('SELECT 1 FROM assignments WHERE unit_id = ? AND user_id = ?').get(unitId, userId) !== undefined;
}

/** Whether the unit went to adjudication (or got its final labels): its codings no longer change. */
export function isHandedOver(db: Db, unitId: number): boolean {
  return db.prepare('SELECT handed_over_at IS NOT NULL FROM units WHERE id = ?').pluck().get(unitId) === 1;
}
