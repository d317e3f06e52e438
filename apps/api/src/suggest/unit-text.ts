// What the model reads of a unit: the thread title, then the post's plain text (a thread unit:
// its opening post), as stored. The same for training and for suggesting.
import type { Db } from '../db/open.ts';

export const unitTextSql = `t.title || char(10) || coalesce(
  (SELECT p.text FROM posts p WHERE p.id = u.post_id),
  (SELECT p.text FROM posts p WHERE p.thread_id = u.thread_id ORDER BY p.post_number LIMIT 1), '')`;

/** The text the model reads for one unit. */
export function unitText(db: Db, unitId: number): string {
  return db
    .prepare(`SELECT ${unitTextSql} FROM units u JOIN threads t ON t.id = u.thread_id WHERE u.id = ?`)
    .pluck()
    .get(unitId) as string;
}
