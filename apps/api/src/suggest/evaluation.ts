// Honest numbers for the suggestions: each labelled unit is predicted by the fold model that
// was trained without it (cross-fit.ts), so no unit, no unit of its thread and no copy of its
// text was seen by the model scoring it. The code choice, vocabulary and IDF of each fold
// model come from its training folds only.
import { GROUPING } from './groups.ts';
import {
  predictor,
  SUGGEST_THRESHOLD,
  unsuggestableReason,
  type Example,
  type SuggestModel,
  type TrainOptions,
  type Unsuggestable,
} from './model.ts';

interface CodeEvaluation {
  codeId: string;
  /** Labelled units with the code. */
  positives: number;
  /** Folds whose training part had enough examples to learn the code (in the others its units are all misses). */
  evaluatedFolds: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when the model suggested the code for no held-out unit. */
  precision: number | null;
  recall: number;
  f1: number;
}

export interface Evaluation {
  folds: number;
  seed: number;
  examples: number;
  /** How units were kept together across folds (groups.ts), and how many groups there were. */
  grouping: typeof GROUPING;
  groups: number;
  minPositives: number;
  perCode: CodeEvaluation[];
  /** Unweighted means over the suggestable codes (a null precision counts as 0); null with no such code. */
  macro: { precision: number; recall: number; f1: number } | null;
  /** Codes the model trained on all labelled units cannot suggest. */
  unsuggestable: Unsuggestable[];
}

/** Scores each example with its fold's model and tallies precision, recall and F1 per code the full model suggests. */
export function evaluateFolds(
  examples: Example[],
  folds: number[],
  models: SuggestModel[],
  codeIds: string[],
  options: TrainOptions & { groups: number },
): Evaluation {
  const unsuggestable: Unsuggestable[] = [];
  const counts = new Map<string, number>();
  for (const codeId of codeIds) {
    const positives = examples.filter((e) => e.codeIds.includes(codeId)).length;
    const reason = unsuggestableReason(positives, examples.length, options.minPositives);
    if (reason) unsuggestable.push({ codeId, positives, reason });
    else counts.set(codeId, positives);
  }
  const suggestable = [...counts.keys()];
  const tally = new Map(suggestable.map((codeId) => [codeId, { tp: 0, fp: 0, fn: 0 }]));
  const predictors = models.map(predictor);
  examples.forEach((e, i) => {
    // A code the fold model could not learn is never suggested there: its units are misses.
    const suggested = new Set(
      predictors[folds[i]!]!.scores(e.text)
        .filter((s) => s.score >= SUGGEST_THRESHOLD)
        .map((s) => s.codeId),
    );
    for (const codeId of suggestable) {
      const t = tally.get(codeId)!;
      const truth = e.codeIds.includes(codeId);
      if (truth && suggested.has(codeId)) t.tp++;
      else if (suggested.has(codeId)) t.fp++;
      else if (truth) t.fn++;
    }
  });
  const perCode = suggestable.map((codeId): CodeEvaluation => {
    const { tp, fp, fn } = tally.get(codeId)!;
    const precision = tp + fp === 0 ? null : tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = tp === 0 ? 0 : (2 * precision! * recall) / (precision! + recall);
    return {
      codeId,
      positives: counts.get(codeId)!,
      evaluatedFolds: models.filter((m) => m.classifiers.some((c) => c.codeId === codeId)).length,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision,
      recall,
      f1,
    };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const macro = perCode.length
    ? {
        precision: mean(perCode.map((c) => c.precision ?? 0)),
        recall: mean(perCode.map((c) => c.recall)),
        f1: mean(perCode.map((c) => c.f1)),
      }
    : null;
  return {
    folds: models.length,
    seed: options.seed,
    examples: examples.length,
    grouping: GROUPING,
    groups: options.groups,
    minPositives: options.minPositives,
    perCode,
    macro,
    unsuggestable,
  };
}
