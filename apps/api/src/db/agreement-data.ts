// What the agreement report reads from the database: every coding the viewer may count
// (visibility.ts) of a unit that at least two such codings cover, with the unit's round and
// whether its labels may be shown unit by unit.
import type { Db } from './open.ts';
import { countableCodings, disclosedCodings, viewerParams, type CodingViewer } from './visibility.ts';

export interface CodingRow {
  unitId: number;
  roundId: number;
  coderId: number;
  username: string;
  displayName: string;
  /** Code ids, sorted. */
  labels: string[];
  /**
   * Whether unit-level detail (confusion matrix, disagreeing units) may include this coding:
   * visibility.ts's rule for labels, for this viewer.
   */
  disclosed: boolean;
}

type RawRow = Omit<CodingRow, 'labels' | 'disclosed'> & { labels: string | null; disclosed: number | null };

const codingsSql = `SELECT unitId, roundId, coderId, username, displayName, labels, disclosed FROM (
    SELECT c.unit_id AS unitId, u.round_id AS roundId, c.coder_id AS coderId, usr.username, usr.display_name AS displayName,
      (SELECT group_concat(code_id, char(31)) FROM (SELECT code_id FROM coding_labels l WHERE l.coding_id = c.id ORDER BY code_id)) AS labels,
      c.id IN (SELECT id FROM ${disclosedCodings}) AS disclosed, count(*) OVER (PARTITION BY c.unit_id) AS coders,
      r.position AS roundPosition, u.position AS unitPosition
    FROM ${countableCodings} c JOIN units u ON u.id = c.unit_id JOIN rounds r ON r.id = u.round_id JOIN users usr ON usr.id = c.coder_id)
  WHERE coders >= 2
  ORDER BY roundPosition, unitPosition, unitId, username`;

/** The codings the viewer may count of the study's units that two or more of them cover, in round and unit order. */
export function pairableCodings(db: Db, studyId: number, viewer: CodingViewer): CodingRow[] {
  return (db.prepare(codingsSql).all({ studyId, ...viewerParams(viewer) }) as RawRow[]).map((r) => ({
    ...r,
    labels: r.labels ? r.labels.split('\u001f') : [],
    disclosed: r.disclosed === 1,
  }));
}

export interface UnitInfo {
  unitId: number;
  roundId: number;
  threadTitle: string;
  postNumber: number | null;
}

/** Thread title and post number of the given units. */
export function unitInfo(db: Db, unitIds: number[]): Map<number, UnitInfo> {
  const rows = db
    .prepare(
      `SELECT u.id AS unitId, u.round_id AS roundId, t.title AS threadTitle, p.post_number AS postNumber
       FROM units u JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id
       WHERE u.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(unitIds)) as UnitInfo[];
  return new Map(rows.map((r) => [r.unitId, r]));
}

export interface StudyAgreementSettings {
  labelMode: 'single' | 'multi';
  blind: boolean;
  versionId: number | null;
}

export function studyAgreementSettings(db: Db, studyId: number): StudyAgreementSettings {
  const row = db
    .prepare('SELECT label_mode AS labelMode, blind, codebook_version_id AS versionId FROM studies WHERE id = ?')
    .get(studyId) as {
    labelMode: 'single' | 'multi';
    blind: number;
    versionId: number | null;
  };
  return { ...row, blind: row.blind === 1 };
}
