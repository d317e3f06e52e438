// The final labels of a study's settled units, read once for the final-labels CSV, the
// .qdpx export and the report. A unit is settled when it has final labels, when its
// adjudication is settled, or when its round is closed and every assigned coder gave the same
// set (close-round.ts), which may be the empty set: such a unit is listed with codeId null.
import type { Db } from '../db/open.ts';
import { codedUnitRevisionSql } from '../db/coded-text-sql.ts';
import { everyAssignedCoderCodedSql } from '../db/visibility.ts';
import { unitQuotedTextSql, unitTextSql } from './unit-text.ts';

export interface FinalLabelRow {
  unitId: number;
  threadId: number;
  postId: number | null;
  thread: string;
  postNumber: number | null;
  /** When the thread and the post (null for thread units) were written on the forum. */
  threadCreatedAt: string;
  postCreatedAt: string | null;
  /** null: the unit is settled with no label. */
  codeId: string | null;
  origin: 'agreement' | 'adjudication';
  roundId: number;
  round: string;
  /** For adjudicated units: who settled it, when and why. */
  settledBy: string | null;
  settledAt: string | null;
  rationale: string | null;
  /** The unit's own words and the words it quotes, at its coded revision (unit-text.ts). */
  text: string;
  quotedText: string;
}

const settledUnitsSql = `SELECT u.id FROM units u JOIN rounds r ON r.id = u.round_id
  WHERE u.study_id = @studyId AND (
    EXISTS (SELECT 1 FROM final_labels f WHERE f.unit_id = u.id)
    OR EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id AND a.status = 'settled')
    OR (r.status = 'closed' AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id)
      AND EXISTS (SELECT 1 FROM assignments x WHERE x.unit_id = u.id) AND ${everyAssignedCoderCodedSql}))`;

const rowsSql = `SELECT u.id AS unitId, u.thread_id AS threadId, u.post_id AS postId, t.external_id AS thread, p.post_number AS postNumber,
    t.created_at AS threadCreatedAt, p.created_at AS postCreatedAt, f.code_id AS codeId,
    coalesce(f.origin, CASE WHEN a.status = 'settled' THEN 'adjudication' ELSE 'agreement' END) AS origin,
    r.id AS roundId, r.name AS round,
    CASE WHEN a.status = 'settled' THEN su.username END AS settledBy,
    CASE WHEN a.status = 'settled' THEN a.settled_at END AS settledAt,
    CASE WHEN a.status = 'settled' THEN a.rationale END AS rationale,
    ${unitTextSql(codedUnitRevisionSql)} AS text, ${unitQuotedTextSql(codedUnitRevisionSql)} AS quotedText
  FROM units u JOIN rounds r ON r.id = u.round_id JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id
  LEFT JOIN final_labels f ON f.unit_id = u.id
  LEFT JOIN adjudications a ON a.unit_id = u.id LEFT JOIN users su ON su.id = a.settled_by
  WHERE u.id IN (${settledUnitsSql})
  ORDER BY r.position, u.position, u.id, f.code_id`;

export function finalLabelRows(db: Db, studyId: number): FinalLabelRow[] {
  return db.prepare(rowsSql).all({ studyId }) as FinalLabelRow[];
}
