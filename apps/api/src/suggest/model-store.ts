// The stored models of each study (tables suggestion_models and suggestion_fold_models), and a
// per-connection cache of ready scorers so a suggestion does not parse the models again.
// A model stored before cross-fitting (no fold routes) counts as none: it was trained on the
// labels it would score, so it is never served, and asking for it trains the study again.
import type { Db } from '../db/open.ts';
import type { Evaluation } from './evaluation.ts';
import { modelFor, routeTable, type FoldRoutes } from './fold-routes.ts';
import { predictor, type CodeScore } from './model.ts';
import { deserializeModel } from './serialize.ts';
import type { TrainResult } from './train-job.ts';
import type { UnitForModel } from './unit-text.ts';
import { readTransaction, writeTransaction } from '../db/write-transaction.ts';

export interface ModelInfo {
  version: number;
  trainedAt: string;
  /** Labelled units the model was trained on. */
  labelCount: number;
}

export interface StoredEvaluation extends ModelInfo {
  evaluation: Evaluation | null;
}

export function saveModel(db: Db, studyId: number, labelCount: number, trained: TrainResult): ModelInfo {
  const trainedAt = new Date().toISOString();
  return writeTransaction(db, () => {
    const version = db
      .prepare(
        `INSERT INTO suggestion_models (study_id, version, trained_at, label_count, model, evaluation_json, fold_routes_json)
         VALUES (?, 1, ?, ?, ?, ?, ?)
         ON CONFLICT (study_id) DO UPDATE SET version = version + 1, trained_at = excluded.trained_at,
           label_count = excluded.label_count, model = excluded.model, evaluation_json = excluded.evaluation_json,
           fold_routes_json = excluded.fold_routes_json
         RETURNING version`,
      )
      .pluck()
      .get(
        studyId,
        trainedAt,
        labelCount,
        trained.model,
        JSON.stringify(trained.evaluation),
        JSON.stringify(trained.routes),
      ) as number;
    db.prepare('DELETE FROM suggestion_fold_models WHERE study_id = ?').run(studyId);
    const insertFold = db.prepare('INSERT INTO suggestion_fold_models (study_id, fold, model) VALUES (?, ?, ?)');
    trained.foldModels.forEach((model, fold) => {
      insertFold.run(studyId, fold, model);
    });
    return { version, trainedAt, labelCount };
  });
}

const servable = 'study_id = ? AND fold_routes_json IS NOT NULL';

export function modelInfo(db: Db, studyId: number): ModelInfo | null {
  const row = db
    .prepare(
      `SELECT version, trained_at AS trainedAt, label_count AS labelCount FROM suggestion_models WHERE ${servable}`,
    )
    .get(studyId) as ModelInfo | undefined;
  return row ?? null;
}

export function storedEvaluation(db: Db, studyId: number): StoredEvaluation | null {
  const row = db
    .prepare(
      `SELECT version, trained_at AS trainedAt, label_count AS labelCount, evaluation_json AS json FROM suggestion_models WHERE ${servable}`,
    )
    .get(studyId) as (ModelInfo & { json: string }) | undefined;
  if (!row) return null;
  const { json, ...info } = row;
  return { ...info, evaluation: JSON.parse(json) as Evaluation | null };
}

/** A study's models, ready to score a unit with the one that never saw its labels (fold-routes.ts). */
export interface Scorer {
  version: number;
  scores(unit: UnitForModel): CodeScore[];
}

const cache = new WeakMap<Db, Map<number, Scorer>>();

/** The study's current models, ready to score; null before its first (cross-fitted) training. */
export function loadScorer(db: Db, studyId: number): Scorer | null {
  const info = modelInfo(db, studyId);
  if (!info) return null;
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const cached = perDb.get(studyId);
  if (cached?.version === info.version) return cached;
  // One read transaction, so the main model, its folds and routes are of the same training.
  const loaded = readTransaction(db, () => {
    const row = db
      .prepare(`SELECT version, model, fold_routes_json AS routes FROM suggestion_models WHERE ${servable}`)
      .get(studyId) as { version: number; model: Buffer; routes: string };
    const folds = db
      .prepare('SELECT model FROM suggestion_fold_models WHERE study_id = ? ORDER BY fold')
      .pluck()
      .all(studyId) as Buffer[];
    const full = predictor(deserializeModel(row.model));
    const foldPredictors = folds.map((blob) => predictor(deserializeModel(blob)));
    const table = routeTable(JSON.parse(row.routes) as FoldRoutes);
    return {
      version: row.version,
      scores: (unit: UnitForModel) => {
        const choice = modelFor(table, unit);
        if (choice === 'none') return [];
        return (choice === 'full' ? full : foldPredictors[choice]!).scores(unit.text);
      },
    };
  });
  perDb.set(studyId, loaded);
  return loaded;
}
