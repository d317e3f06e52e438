// Cross-fitting: the labelled units are dealt into k folds (whole groups: a thread, and every
// copy of a text, stay in one fold; groups.ts) and fold model f is trained on the other folds.
// The same models serve twice: the evaluation scores each labelled unit with its fold's model,
// and suggestions for a labelled unit (or a unit sharing its thread or text) come from that
// model too, so a coder is never shown a score learned from that unit's final labels.
import { evaluateFolds, type Evaluation } from './evaluation.ts';
import { foldOf, groupIndexes, type UnitKeys } from './groups.ts';
import { trainModel, type Example, type SuggestModel, type TrainOptions } from './model.ts';

export interface UnitExample extends Example, UnitKeys {}

export interface CrossFit {
  /** The fold of each example. */
  folds: number[];
  /** Model f, trained on every example outside fold f: k of them, fewer when there are fewer groups than k. */
  models: SuggestModel[];
  /** null when there are fewer groups than k. */
  evaluation: Evaluation | null;
}

export function crossFit(examples: UnitExample[], codeIds: string[], k: number, options: TrainOptions): CrossFit {
  if (!Number.isInteger(k) || k < 2) throw new Error(`Cross-validation needs at least 2 folds, not ${k}.`);
  const groupOf = groupIndexes(examples);
  const groups = groupOf.reduce((n, g) => Math.max(n, g + 1), 0);
  // With fewer groups than k, each group is a fold (one fold of everything leaves an empty training set).
  const count = Math.max(1, Math.min(k, groups));
  const folds = foldOf(groupOf, count, options.seed);
  const models = Array.from({ length: count }, (_, f) =>
    trainModel(
      examples.filter((_, i) => folds[i] !== f),
      codeIds,
      options,
    ),
  );
  const evaluation = groups >= k ? evaluateFolds(examples, folds, models, codeIds, { ...options, groups }) : null;
  return { folds, models, evaluation };
}
