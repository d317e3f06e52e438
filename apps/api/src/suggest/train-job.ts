// One retraining, as the worker thread runs it: the model on every example, and its k-fold
// evaluation. Pure (no database), so it runs the same in a worker, a test or a benchmark.
import { crossValidate, type Evaluation } from './evaluation.ts';
import { trainModel, type Example } from './model.ts';
import { serializeModel } from './serialize.ts';

export interface TrainRequest {
  examples: Example[];
  codeIds: string[];
  folds: number;
  seed: number;
  minPositives: number;
}

export interface TrainResult {
  model: Uint8Array;
  /** null when there are fewer labelled units than folds. */
  evaluation: Evaluation | null;
}

export function runTrainJob(r: TrainRequest): TrainResult {
  const options = { seed: r.seed, minPositives: r.minPositives };
  const model = serializeModel(trainModel(r.examples, r.codeIds, options));
  const evaluation = r.examples.length >= r.folds ? crossValidate(r.examples, r.codeIds, r.folds, options) : null;
  return { model, evaluation };
}
