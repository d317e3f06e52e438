// The per-study suggestion model: one logistic regression per codable code (one-vs-rest) over
// TF-IDF features of the unit's text. Codes with too few examples get no classifier and are
// reported as unsuggestable, so the model never suggests what it cannot have learned.
import { encodeCorpus, termIndex, terms, vectorize, type Vocabulary } from './features.ts';
import { score, trainLogistic, type BinaryModel } from './logistic.ts';
import { mulberry32 } from '@threadcoder/stats';

export interface Example {
  text: string;
  codeIds: string[];
}

export interface TrainOptions {
  seed: number;
  /** A code needs at least this many positive (and as many negative) examples to be suggested. */
  minPositives: number;
}

const defaultTrainOptions: TrainOptions = { seed: 1, minPositives: 5 };

interface CodeClassifier extends BinaryModel {
  codeId: string;
  positives: number;
}

export interface Unsuggestable {
  codeId: string;
  positives: number;
  reason: string;
}

export interface SuggestModel {
  vocabulary: Vocabulary;
  classifiers: CodeClassifier[];
  unsuggestable: Unsuggestable[];
  examples: number;
}

export interface CodeScore {
  codeId: string;
  /** The model's probability that the code applies. */
  score: number;
}

/** A score at or above this is a suggestion. */
export const SUGGEST_THRESHOLD = 0.5;

const logistic = { learningRate: 0.5, l2: 1e-4 };
const MAX_POSITIVE_WEIGHT = 10;

// Small sets get more passes (about 10,000 updates in all), large ones at least 8.
const epochsFor = (examples: number) => Math.max(8, Math.min(50, Math.ceil(10_000 / Math.max(examples, 1))));

/** Why a code with these counts cannot be suggested, or null when it can. */
export function unsuggestableReason(positives: number, examples: number, minPositives: number): string | null {
  if (positives < minPositives)
    return `${positives} of the ${examples} labelled units have this code; at least ${minPositives} are needed.`;
  if (examples - positives < minPositives)
    return `${examples - positives} of the ${examples} labelled units lack this code; at least ${minPositives} are needed.`;
  return null;
}

/** Trains on the examples for the given codes; the same examples and seed give the same model. */
export function trainModel(
  examples: Example[],
  codeIds: string[],
  options: TrainOptions = defaultTrainOptions,
): SuggestModel {
  // A term seen once cannot generalise; in a tiny set every term is kept.
  const { vocabulary, xs } = encodeCorpus(
    examples.map((e) => e.text),
    examples.length >= 50 ? 2 : 1,
  );
  const classifiers: CodeClassifier[] = [];
  const unsuggestable: Unsuggestable[] = [];
  for (const codeId of codeIds) {
    const ys = examples.map((e) => e.codeIds.includes(codeId));
    const positives = ys.filter(Boolean).length;
    const reason = unsuggestableReason(positives, examples.length, options.minPositives);
    if (reason) {
      unsuggestable.push({ codeId, positives, reason });
      continue;
    }
    // Each code's own seeded order, so adding a code does not change the others' weights.
    const random = mulberry32(options.seed + classifiers.length * 7919);
    // Balanced classes (positives weigh as much as negatives in all), so a rare code is not simply
    // never predicted; capped, so that one positive's step cannot throw the weights far off.
    const positiveWeight = Math.min(MAX_POSITIVE_WEIGHT, (examples.length - positives) / positives);
    classifiers.push({
      codeId,
      positives,
      ...trainLogistic(
        xs,
        ys,
        vocabulary.terms.length,
        { ...logistic, epochs: epochsFor(examples.length), positiveWeight },
        random,
      ),
    });
  }
  return { vocabulary, classifiers, unsuggestable, examples: examples.length };
}

/** A model ready to score texts (the term index built once). */
export interface Predictor {
  model: SuggestModel;
  scores(text: string): CodeScore[];
}

export function predictor(model: SuggestModel): Predictor {
  const index = termIndex(model.vocabulary);
  return {
    model,
    scores: (text) => {
      const x = vectorize(terms(text), index, model.vocabulary.idf);
      return model.classifiers.map((c) => ({ codeId: c.codeId, score: score(c, x) }));
    },
  };
}
