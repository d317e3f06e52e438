// One retraining, as the worker thread runs it: the model on every example, the k cross-fitted
// fold models with the routes that say which units each must score, and the evaluation those
// fold models give. Pure (no database), so it runs the same in a worker, a test or a benchmark.
import { crossFit, type UnitExample } from './cross-fit.ts';
import type { Evaluation } from './evaluation.ts';
import { foldRoutes, type FoldRoutes } from './fold-routes.ts';
import { trainModel } from './model.ts';
import { serializeModel } from './serialize.ts';

export interface TrainRequest {
  examples: UnitExample[];
  codeIds: string[];
  folds: number;
  seed: number;
  minPositives: number;
}

export interface TrainResult {
  model: Uint8Array;
  foldModels: Uint8Array[];
  routes: FoldRoutes;
  /** null when the labelled units form fewer groups than folds. */
  evaluation: Evaluation | null;
}

export function runTrainJob(r: TrainRequest): TrainResult {
  const options = { seed: r.seed, minPositives: r.minPositives };
  const model = serializeModel(trainModel(r.examples, r.codeIds, options));
  const fit = crossFit(r.examples, r.codeIds, r.folds, options);
  return {
    model,
    foldModels: fit.models.map(serializeModel),
    routes: foldRoutes(r.examples, fit.folds),
    evaluation: fit.evaluation,
  };
}
