// What coders did with suggestions (table suggestion_feedback), and which units were coded
// with the model's help: those of assisted rounds and those where a suggestion was accepted.
import type { Db } from '../db/open.ts';

export interface Feedback {
  id: number;
  unitId: number;
  userId: number;
  codeId: string;
  score: number;
  decision: 'accepted' | 'rejected';
  modelVersion: number;
  createdAt: string;
}

const columns =
  'id, unit_id AS unitId, user_id AS userId, code_id AS codeId, score, decision, model_version AS modelVersion, created_at AS createdAt';

export function recordFeedback(db: Db, studyId: number, f: Omit<Feedback, 'id' | 'createdAt'>): Feedback {
  return db
    .prepare(
      `INSERT INTO suggestion_feedback (study_id, unit_id, user_id, code_id, score, decision, model_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${columns}`,
    )
    .get(
      studyId,
      f.unitId,
      f.userId,
      f.codeId,
      f.score,
      f.decision,
      f.modelVersion,
      new Date().toISOString(),
    ) as Feedback;
}

/** The caller's own decisions on a unit, oldest first. */
export function ownFeedback(db: Db, unitId: number, userId: number): Feedback[] {
  return db
    .prepare(`SELECT ${columns} FROM suggestion_feedback WHERE unit_id = ? AND user_id = ? ORDER BY id`)
    .all(unitId, userId) as Feedback[];
}

/** Units of the study coded with the model's help. */
export function assistedUnitIds(db: Db, studyId: number): Set<number> {
  const ids = db
    .prepare(
      `SELECT u.id FROM units u JOIN rounds r ON r.id = u.round_id WHERE u.study_id = @studyId AND r.assisted = 1
       UNION SELECT unit_id FROM suggestion_feedback WHERE study_id = @studyId AND decision = 'accepted'`,
    )
    .pluck()
    .all({ studyId }) as number[];
  return new Set(ids);
}
