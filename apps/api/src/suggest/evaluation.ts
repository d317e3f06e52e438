// Honest numbers for the suggestions: k-fold cross-validation on the study's own labelled
// units. Each unit is held out once; the model trained on the other folds predicts it.
import {
  predictor,
  SUGGEST_THRESHOLD,
  trainModel,
  unsuggestableReason,
  type Example,
  type TrainOptions,
  type Unsuggestable,
} from './model.ts';
import { seededRandom, shuffledIndexes } from './prng.ts';

export interface CodeEvaluation {
  codeId: string;
  /** Labelled units with the code. */
  positives: number;
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
  minPositives: number;
  perCode: CodeEvaluation[];
  /** Unweighted means over the suggestable codes (a null precision counts as 0); null with no such code. */
  macro: { precision: number; recall: number; f1: number } | null;
  unsuggestable: Unsuggestable[];
}

/** Fold number of each example: a seeded shuffle cut into k near-equal parts. */
export function foldOf(n: number, k: number, seed: number): number[] {
  const folds = new Array<number>(n);
  shuffledIndexes(n, seededRandom(seed)).forEach((exampleIndex, position) => {
    folds[exampleIndex] = position % k;
  });
  return folds;
}

/** k-fold cross-validated precision, recall and F1 per suggestable code, and their macro means. */
export function crossValidate(examples: Example[], codeIds: string[], k: number, options: TrainOptions): Evaluation {
  if (!Number.isInteger(k) || k < 2) throw new Error(`Cross-validation needs at least 2 folds, not ${k}.`);
  // Which codes are suggestable is decided on all the labels, as for the deployed model.
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
  const folds = foldOf(examples.length, k, options.seed);
  for (let fold = 0; fold < k; fold++) {
    const train = examples.filter((_, i) => folds[i] !== fold);
    const held = examples.filter((_, i) => folds[i] === fold);
    // A fold may leave a code too few training examples: it is then never suggested there (all misses).
    const model = predictor(trainModel(train, suggestable, options));
    for (const e of held) {
      const suggested = new Set(
        model
          .scores(e.text)
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
    }
  }
  const perCode = suggestable.map((codeId): CodeEvaluation => {
    const { tp, fp, fn } = tally.get(codeId)!;
    const precision = tp + fp === 0 ? null : tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = tp === 0 ? 0 : (2 * precision! * recall) / (precision! + recall);
    return {
      codeId,
      positives: counts.get(codeId)!,
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
    folds: k,
    seed: options.seed,
    examples: examples.length,
    minPositives: options.minPositives,
    perCode,
    macro,
    unsuggestable,
  };
}
