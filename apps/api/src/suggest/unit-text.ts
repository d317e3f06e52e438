// What the model reads of a unit: the thread title, then the post's plain text (a thread unit:
// its opening post). Suggesting reads it as stored now, which is what a new coding is made on;
// training reads the settled units as they were coded (db/revisions.ts), the text behind their labels.
import { codedPostTextSql, codedThreadPostsSql, codedTitleSql } from '../db/coded-text-sql.ts';
import type { Db } from '../db/open.ts';

export const unitTextSql = `t.title || char(10) || coalesce(
  (SELECT p.text FROM posts p WHERE p.id = u.post_id),
  (SELECT p.text FROM posts p WHERE p.thread_id = u.thread_id ORDER BY p.post_number LIMIT 1), '')`;

export const codedUnitTextSql = `CASE WHEN u.post_id IS NOT NULL THEN t.title || char(10) || coalesce(${codedPostTextSql}, '')
  ELSE ${codedTitleSql} || char(10) || coalesce((SELECT text FROM ${codedThreadPostsSql} ORDER BY post_number LIMIT 1), '') END`;

/** The text the model reads for one unit. */
export function unitText(db: Db, unitId: number): string {
  return db
    .prepare(`SELECT ${unitTextSql} FROM units u JOIN threads t ON t.id = u.thread_id WHERE u.id = ?`)
    .pluck()
    .get(unitId) as string;
}
