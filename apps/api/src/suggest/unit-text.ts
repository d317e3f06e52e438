// What the model reads of a unit: the thread title, then the unit's own text, the post's plain
// text (a thread unit: its opening post), as stored. The same for training and for suggesting.
// The own text and the thread also say which labelled units a unit is tied to (groups.ts).
import type { Db } from '../db/open.ts';
import type { UnitKeys } from './groups.ts';

export const unitBodySql = `coalesce(
  (SELECT p.text FROM posts p WHERE p.id = u.post_id),
  (SELECT p.text FROM posts p WHERE p.thread_id = u.thread_id ORDER BY p.post_number LIMIT 1), '')`;

/** Selects text (what the model reads), thread and body (what ties it to others) of units `u` joined to threads `t`. */
export const unitColumnsSql = `t.title || char(10) || ${unitBodySql} AS text, u.thread_id AS thread, ${unitBodySql} AS body`;

export type UnitForModel = UnitKeys & { text: string };

/** The text the model reads for one unit, with its thread and own text. */
export function unitForModel(db: Db, unitId: number): UnitForModel {
  return db
    .prepare(`SELECT ${unitColumnsSql} FROM units u JOIN threads t ON t.id = u.thread_id WHERE u.id = ?`)
    .get(unitId) as UnitForModel;
}
