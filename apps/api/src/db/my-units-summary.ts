// What the coding screen needs to know of a coder's whole unit list without loading it: how many
// units, how many coded and unsure, where a unit sits in the list (its 0-based index) and the
// next unit still uncoded after it (wrapping round to the start), with its index.
import type { Ranking } from '../suggest/uncertainty-ranking.ts';
import type { Db } from './open.ts';
import { listAssignedUnits } from './units.ts';
import { viewerParams, visibleCodings } from './visibility.ts';

interface ListedAt {
  unitId: number;
  index: number;
}

export interface MyUnitsSummary {
  total: number;
  coded: number;
  unsure: number;
  /** The unit asked about, where it is in the list; null when it is not one of the coder's units in the round. */
  unit: ListedAt | null;
  /** The first uncoded unit after the one asked about (or from the start), wrapping round; never that unit itself. */
  nextUncoded: ListedAt | null;
}

const mine = `FROM assignments a JOIN units u ON u.id = a.unit_id
  WHERE u.study_id = @studyId AND u.round_id = @roundId AND a.user_id = @viewerId`;
const own = `SELECT 1 FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = a.user_id`;

export function myUnitsSummary(
  db: Db,
  studyId: number,
  roundId: number,
  coderId: number,
  unitId: number | null,
  ranking: Ranking | null = null,
): MyUnitsSummary {
  const params = { studyId, roundId, ...viewerParams({ operator: false, userId: coderId }) };
  const counts = db
    .prepare(
      `SELECT count(*) AS total, coalesce(sum(EXISTS (${own})), 0) AS coded,
         coalesce(sum((SELECT c.unsure FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = a.user_id)), 0) AS unsure
       ${mine}`,
    )
    .get(params) as { total: number; coded: number; unsure: number };
  if (ranking) return { ...counts, ...placesInRanking(db, studyId, roundId, coderId, unitId, ranking) };
  const position =
    unitId === null
      ? null
      : ((db
          .prepare(`SELECT u.position ${mine} AND u.id = @unitId`)
          .pluck()
          .get({ ...params, unitId }) as number | undefined) ?? null);
  const indexAt = (pos: number) =>
    db
      .prepare(`SELECT count(*) ${mine} AND u.position < @pos`)
      .pluck()
      .get({ ...params, pos }) as number;
  const uncodedAfter = (after: number, before: number) =>
    db
      .prepare(
        `SELECT u.id AS unitId, u.position ${mine} AND u.position > @after AND u.position < @before
           AND NOT EXISTS (${own}) ORDER BY u.position LIMIT 1`,
      )
      .get({ ...params, after, before }) as { unitId: number; position: number } | undefined;
  const from = position ?? 0;
  const next = uncodedAfter(from, Number.MAX_SAFE_INTEGER) ?? (from > 0 ? uncodedAfter(0, from) : undefined);
  return {
    ...counts,
    unit: position === null ? null : { unitId: unitId!, index: indexAt(position) },
    nextUncoded: next ? { unitId: next.unitId, index: indexAt(next.position) } : null,
  };
}

/** Where `unitId` and the next uncoded unit after it are in a ranking: the ranked ids, read in one query. */
function placesInRanking(
  db: Db,
  studyId: number,
  roundId: number,
  coderId: number,
  unitId: number | null,
  ranking: Ranking,
): Pick<MyUnitsSummary, 'unit' | 'nextUncoded'> {
  const units = listAssignedUnits(db, studyId, roundId, coderId, undefined, ranking);
  const at = unitId === null ? -1 : units.findIndex((u) => u.unitId === unitId);
  const indexes = [...units.keys()];
  // After the unit, wrapping round to before it; from the start without one.
  const order = at === -1 ? indexes : [...indexes.slice(at + 1), ...indexes.slice(0, at)];
  const next = order.find((i) => !units[i]!.coded);
  return {
    unit: at === -1 ? null : { unitId: unitId!, index: at },
    nextUncoded: next === undefined ? null : { unitId: units[next]!.unitId, index: next },
  };
}
