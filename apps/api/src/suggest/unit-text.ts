// What the model reads of a unit: the thread title, then the unit's own text, the post's plain
// text (a thread unit: its opening post). Suggesting reads it as stored now, which is what a new
// coding is made on; training reads the settled units as they were coded (db/revisions.ts), the
// text behind their labels. The own text and the thread also say which labelled units a unit is
// tied to (groups.ts).
import { codedPostTextSql, codedThreadPostsSql, codedTitleSql } from '../db/coded-text-sql.ts';
import type { Db } from '../db/open.ts';
import type { UnitKeys } from './groups.ts';

const unitBodySql = `coalesce(
    (SELECT p.text FROM posts p WHERE p.id = u.post_id),
    (SELECT p.text FROM posts p WHERE p.thread_id = u.thread_id ORDER BY p.post_number LIMIT 1), '')`;

const codedBodySql = `CASE WHEN u.post_id IS NOT NULL THEN coalesce(${codedPostTextSql}, '')
  ELSE coalesce((SELECT text FROM ${codedThreadPostsSql} ORDER BY post_number LIMIT 1), '') END`;

/** Selects text (what the model reads), thread and body (what ties it to others) of units `u` joined to threads `t`. */
export const unitColumnsSql = `t.title || char(10) || ${unitBodySql} AS text, u.thread_id AS thread, ${unitBodySql} AS body`;

/** The same columns for settled units, read at the revision their codings were made on. */
export const codedUnitColumnsSql = `(CASE WHEN u.post_id IS NOT NULL THEN t.title ELSE ${codedTitleSql} END) || char(10) || ${codedBodySql} AS text,
  u.thread_id AS thread, ${codedBodySql} AS body`;

export type UnitForModel = UnitKeys & { text: string };

/** The text the model reads for one unit, with its thread and own text. */
export function unitForModel(db: Db, unitId: number): UnitForModel {
  return db
    .prepare(`SELECT ${unitColumnsSql} FROM units u JOIN threads t ON t.id = u.thread_id WHERE u.id = ?`)
    .get(unitId) as UnitForModel;
}
