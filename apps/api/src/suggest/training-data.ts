// The examples a study's model learns from: its settled units (as in exports/final-labels.ts:
// an adjudication settled, or a closed round where every assigned coder gave the same set,
// possibly empty) with their final labels, and the codes it may suggest.
import type { Db } from '../db/open.ts';
import { cachedVersion } from '../db/pinned-codebook.ts';
import type { UnitExample } from './cross-fit.ts';
import { codedUnitColumnsSql } from './unit-text.ts';

const examplesSql = `SELECT u.id AS unitId, ${codedUnitColumnsSql},
    (SELECT group_concat(f.code_id, char(31)) FROM (SELECT code_id FROM final_labels WHERE unit_id = u.id ORDER BY code_id) f) AS labels
  FROM units u JOIN rounds r ON r.id = u.round_id JOIN threads t ON t.id = u.thread_id
  WHERE u.study_id = ? AND (
    EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id AND a.status = 'settled')
    OR (r.status = 'closed' AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id)
      AND EXISTS (SELECT 1 FROM assignments x WHERE x.unit_id = u.id)
      AND NOT EXISTS (SELECT 1 FROM assignments x WHERE x.unit_id = u.id
        AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = x.unit_id AND c.coder_id = x.user_id))))
  ORDER BY u.id`;

export interface TrainingData {
  examples: UnitExample[];
  /** The study's codable, active codes: what the model may learn to suggest. */
  codeIds: string[];
}

export function trainingData(db: Db, studyId: number): TrainingData {
  const versionId = db.prepare('SELECT codebook_version_id FROM studies WHERE id = ?').pluck().get(studyId) as
    | number
    | null
    | undefined;
  if (versionId === null || versionId === undefined) return { examples: [], codeIds: [] };
  const codeIds = cachedVersion(db, versionId)
    .codes.filter((c) => c.codable && c.status === 'active')
    .map((c) => c.id);
  const rows = db.prepare(examplesSql).all(studyId) as {
    text: string;
    thread: number;
    body: string;
    labels: string | null;
  }[];
  return {
    codeIds,
    examples: rows.map(({ text, thread, body, labels }) => ({
      text,
      thread,
      body,
      codeIds: labels ? labels.split('\u001f') : [],
    })),
  };
}
