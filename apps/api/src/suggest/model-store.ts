// The stored model of each study (table suggestion_models), and a per-connection cache of
// ready predictors so a suggestion does not parse the model again.
import type { Db } from '../db/open.ts';
import type { Evaluation } from './evaluation.ts';
import { predictor, type Predictor } from './model.ts';
import { deserializeModel } from './serialize.ts';

export interface ModelInfo {
  version: number;
  trainedAt: string;
  /** Labelled units the model was trained on. */
  labelCount: number;
}

export interface StoredEvaluation extends ModelInfo {
  evaluation: Evaluation | null;
}

export function saveModel(
  db: Db,
  studyId: number,
  labelCount: number,
  model: Uint8Array,
  evaluation: Evaluation | null,
): ModelInfo {
  const trainedAt = new Date().toISOString();
  const version = db
    .prepare(
      `INSERT INTO suggestion_models (study_id, version, trained_at, label_count, model, evaluation_json) VALUES (?, 1, ?, ?, ?, ?)
       ON CONFLICT (study_id) DO UPDATE SET version = version + 1, trained_at = excluded.trained_at,
         label_count = excluded.label_count, model = excluded.model, evaluation_json = excluded.evaluation_json
       RETURNING version`,
    )
    .pluck()
    .get(studyId, trainedAt, labelCount, model, JSON.stringify(evaluation)) as number;
  return { version, trainedAt, labelCount };
}

export function modelInfo(db: Db, studyId: number): ModelInfo | null {
  const row = db
    .prepare(
      'SELECT version, trained_at AS trainedAt, label_count AS labelCount FROM suggestion_models WHERE study_id = ?',
    )
    .get(studyId) as ModelInfo | undefined;
  return row ?? null;
}

export function storedEvaluation(db: Db, studyId: number): StoredEvaluation | null {
  const row = db
    .prepare(
      'SELECT version, trained_at AS trainedAt, label_count AS labelCount, evaluation_json AS json FROM suggestion_models WHERE study_id = ?',
    )
    .get(studyId) as (ModelInfo & { json: string }) | undefined;
  if (!row) return null;
  const { json, ...info } = row;
  return { ...info, evaluation: JSON.parse(json) as Evaluation | null };
}

const cache = new WeakMap<Db, Map<number, { version: number; predictor: Predictor }>>();

/** The study's current model, ready to score; null before its first training. */
export function loadPredictor(db: Db, studyId: number): { version: number; predictor: Predictor } | null {
  const info = modelInfo(db, studyId);
  if (!info) return null;
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const cached = perDb.get(studyId);
  if (cached?.version === info.version) return cached;
  const blob = db.prepare('SELECT model FROM suggestion_models WHERE study_id = ?').pluck().get(studyId) as Buffer;
  const loaded = { version: info.version, predictor: predictor(deserializeModel(blob)) };
  perDb.set(studyId, loaded);
  return loaded;
}
