// Codings as tidy CSV: one row per (unit, coder, code), so a coding with three labels is three
// rows and a coding without labels (the coder decided nothing applies) is one row with an
// empty code, which keeps "coded, nothing applies" apart from "not coded".
//   unit        units.id (the unit in this study)
//   thread      the forum's id of the thread (threads.external_id)
//   post        the post's number in its thread; empty for thread units
//   coder       user name
//   code        code id
//   round       round name
//   created_at  when the coding was first saved (ISO-8601, UTC)
//   revision    the unit's revision the coding was made on: its post's for a post unit, its
//               thread's for a thread unit (1 = as first imported; db/revisions.ts)
//   thread_created_at, post_created_at   when the thread and the post were written on the forum,
//               so counts per period can be rebuilt from the file alone (post: empty for thread units)
//   text, quoted_text  the unit's own words and the words it quotes at that revision (unit-text.ts)
// Rows pass the blind rule (db/visibility.ts) for the viewer: in a blind study a coder gets
// only their own codings until the round is unblinded or the unit reaches adjudication.
import type { Db } from '../db/open.ts';
import { countableCodings, viewerParams, visibleCodings } from '../db/visibility.ts';
import type { Viewer } from './access.ts';
import { writeCsv } from './csv-writer.ts';
import { unitQuotedTextSql, unitTextSql } from './unit-text.ts';

const CODINGS_COLUMNS = [
  'unit',
  'thread',
  'post',
  'coder',
  'code',
  'round',
  'created_at',
  'revision',
  'thread_created_at',
  'post_created_at',
  'text',
  'quoted_text',
] as const;

interface CodingLabelRow {
  unitId: number;
  thread: string;
  postNumber: number | null;
  coder: string;
  codeId: string | null;
  round: string;
  createdAt: string;
  revision: number;
  threadCreatedAt: string;
  postCreatedAt: string | null;
  text: string;
  quotedText: string;
}

// Code ids sort by SQLite's BINARY collation, as the coding API returns them.
const rowsSql = `SELECT u.id AS unitId, t.external_id AS thread, p.post_number AS postNumber, usr.username AS coder,
    l.code_id AS codeId, r.name AS round, c.created_at AS createdAt, c.revision, t.created_at AS threadCreatedAt,
    p.created_at AS postCreatedAt, ${unitTextSql('c.revision')} AS text, ${unitQuotedTextSql('c.revision')} AS quotedText
  FROM ${visibleCodings} c JOIN units u ON u.id = c.unit_id JOIN rounds r ON r.id = u.round_id
  JOIN users usr ON usr.id = c.coder_id JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id
  LEFT JOIN coding_labels l ON l.coding_id = c.id
  ORDER BY r.position, u.position, u.id, usr.username, l.code_id`;

function codingLabelRows(db: Db, studyId: number, viewer: Viewer): CodingLabelRow[] {
  return db.prepare(rowsSql).all({ studyId, ...viewerParams(viewer) }) as CodingLabelRow[];
}

/** How many codings (units × coders) the viewer's file holds. */
export function visibleCodingCount(db: Db, studyId: number, viewer: Viewer): number {
  return db
    .prepare(`SELECT count(*) FROM ${visibleCodings} c`)
    .pluck()
    .get({ studyId, ...viewerParams(viewer) }) as number;
}

/**
 * Codings the viewer's file leaves out under the blind rule though their agreement counts them
 * (countableCodings): none for someone who may not see agreement, nor for rounds withheld from them.
 */
export function withheldCodingCount(db: Db, studyId: number, viewer: Viewer): number {
  const countable = db
    .prepare(`SELECT count(*) FROM ${countableCodings} c`)
    .pluck()
    .get({ studyId, ...viewerParams(viewer) }) as number;
  return countable - visibleCodingCount(db, studyId, viewer);
}

/**
 * What a partial codings file says about itself, sent as the X-Threadcoder-Note header and shown on the
 * Export page. Not a comment row in the file: read.csv and pandas.read_csv would take it for data.
 */
export function codingsNote(included: number, withheld: number): string | null {
  if (withheld === 0) return null;
  return `This file holds ${included} of ${included + withheld} codings: ${withheld} are withheld while their round is blind, until the round is unblinded or the unit reaches adjudication. Agreement is computed from all of them.`;
}

export function codingsCsv(db: Db, studyId: number, viewer: Viewer): string {
  return writeCsv(
    CODINGS_COLUMNS,
    codingLabelRows(db, studyId, viewer).map((r) => [
      r.unitId,
      r.thread,
      r.postNumber,
      r.coder,
      r.codeId ?? '',
      r.round,
      r.createdAt,
      r.revision,
      r.threadCreatedAt,
      r.postCreatedAt,
      r.text,
      r.quotedText,
    ]),
  );
}
