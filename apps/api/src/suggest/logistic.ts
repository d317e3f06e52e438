// Binary logistic regression on sparse vectors by stochastic gradient descent with L2
// regularisation. Plain and fast: a pass costs one multiply-add per non-zero feature.
import type { SparseVector } from './features.ts';
import { shuffledIndexes } from '@threadcoder/stats';

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of a positive example relative to a negative one (rare codes need more). */
  positiveWeight: number;
}

export interface BinaryModel {
  weights: Float32Array;
  bias: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function score(model: BinaryModel, x: SparseVector): number {
  let z = model.bias;
  for (let k = 0; k < x.indexes.length; k++) z += model.weights[x.indexes[k]!]! * x.values[k]!;
  return sigmoid(z);
}

/** Trains on xs/ys in a seeded order; the same inputs and random source give the same weights. */
export function trainLogistic(
  xs: SparseVector[],
  ys: boolean[],
  dims: number,
  o: LogisticOptions,
  random: () => number,
): BinaryModel {
  const weights = new Float32Array(dims);
  let bias = 0;
  // L2 shrinkage applied lazily as one scale factor, so a step stays proportional to the example's non-zeros.
  let scale = 1;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    // The step shrinks epoch by epoch, so the last examples seen do not decide the weights.
    const rate = o.learningRate / (1 + epoch);
    for (const i of shuffledIndexes(xs.length, random)) {
      const x = xs[i]!;
      let z = bias;
      for (let k = 0; k < x.indexes.length; k++) z += weights[x.indexes[k]!]! * scale * x.values[k]!;
      const y = ys[i] ? 1 : 0;
      const gradient = (sigmoid(z) - y) * (y ? o.positiveWeight : 1);
      scale *= 1 - rate * o.l2;
      if (scale < 1e-6) {
        for (let d = 0; d < dims; d++) weights[d]! *= scale;
        scale = 1;
      }
      const wStep = (rate * gradient) / scale;
      for (let k = 0; k < x.indexes.length; k++) weights[x.indexes[k]!]! -= wStep * x.values[k]!;
      bias -= rate * gradient;
    }
  }
  for (let d = 0; d < dims; d++) weights[d]! *= scale;
  return { weights, bias };
}
