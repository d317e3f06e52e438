import { describe, expect, test } from 'vitest';
import { crossFit, type UnitExample } from '../../apps/api/src/suggest/cross-fit.ts';
import { terms } from '../../apps/api/src/suggest/features.ts';
import { foldOf } from '../../apps/api/src/suggest/groups.ts';
import { predictor, trainModel } from '../../apps/api/src/suggest/model.ts';
import { deserializeModel, serializeModel } from '../../apps/api/src/suggest/serialize.ts';
import { runTrainJob } from '../../apps/api/src/suggest/train-job.ts';
import { uncertainty } from '../../apps/api/src/suggest/uncertainty.ts';
import { labelledPosts, vocabulary } from '../fixtures/suggest/labelled-posts.ts';

// Each post in a thread of its own.
const examples: UnitExample[] = labelledPosts().map((p, i) => ({
  text: `${p.title}\n${p.text}`,
  thread: i + 1,
  body: p.text,
  codeIds: p.codeIds,
}));
const codes = [...Object.keys(vocabulary), 'beginner-guidance'];

describe('features', () => {
  test('content stems and neighbouring-stem bigrams, without stop words', () => {
    expect(terms('The GPU runs out of memory!')).toEqual(['gpu', 'run', 'memori', 'gpu run', 'run memori']);
  });
});

describe('the fixture set', () => {
  test('is the same for the same seed and has 3 posts of the rare code', () => {
    expect(labelledPosts(50, 5)).toEqual(labelledPosts(50, 5));
    expect(labelledPosts(50, 5)).not.toEqual(labelledPosts(50, 6));
    expect(examples).toHaveLength(400);
    expect(examples.filter((e) => e.codeIds.includes('call-for-collaboration'))).toHaveLength(3);
  });
});

describe('training', () => {
  test('the same examples and seed give the same model, byte for byte', () => {
    const a = serializeModel(trainModel(examples, codes, { seed: 4, minPositives: 5 }));
    const b = serializeModel(trainModel(examples, codes, { seed: 4, minPositives: 5 }));
    expect(Buffer.compare(a, b)).toBe(0);
    const c = serializeModel(trainModel(examples, codes, { seed: 5, minPositives: 5 }));
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  test('codes with fewer than 5 positives are unsuggestable and never scored', () => {
    const model = trainModel(examples, codes, { seed: 1, minPositives: 5 });
    expect(model.unsuggestable).toEqual([
      {
        codeId: 'call-for-collaboration',
        positives: 3,
        reason: '3 of the 400 labelled units have this code; at least 5 are needed.',
      },
      {
        codeId: 'beginner-guidance',
        positives: 0,
        reason: '0 of the 400 labelled units have this code; at least 5 are needed.',
      },
    ]);
    const scored = predictor(model).scores('looking for collaborators to join our project, open call');
    expect(scored.map((s) => s.codeId)).toEqual(Object.keys(vocabulary).filter((c) => c !== 'call-for-collaboration'));
  });

  test('a code on nearly every unit is unsuggestable too (too few negatives)', () => {
    const all = examples.slice(0, 20).map((e, i) => ({ text: e.text, codeIds: i < 17 ? ['dataset'] : [] }));
    expect(trainModel(all, ['dataset'], { seed: 1, minPositives: 5 }).unsuggestable).toEqual([
      { codeId: 'dataset', positives: 17, reason: '3 of the 20 labelled units lack this code; at least 5 are needed.' },
    ]);
  });

  test('suggests the code whose vocabulary a new text uses', () => {
    const p = predictor(trainModel(examples, codes));
    const top = (text: string) => p.scores(text).sort((a, b) => b.score - a.score)[0]!;
    expect(top('CUDA out of memory, lower the batch size').codeId).toBe('memory-performance');
    expect(top('thanks a lot, that worked').codeId).toBe('acknowledgement');
    expect(top('load_dataset cannot read my CSV file').codeId).toBe('dataset');
    expect(top('CUDA out of memory, lower the batch size').score).toBeGreaterThan(0.5);
  });

  test('a stored model scores exactly as the trained one', () => {
    const model = trainModel(examples, codes);
    const copy = deserializeModel(serializeModel(model));
    const text = 'The tutorial on fine-tuning with the Trainer has a broken link';
    expect(predictor(copy).scores(text)).toEqual(predictor(model).scores(text));
    expect(copy.unsuggestable).toEqual(model.unsuggestable);
  });
});

describe('cross-validation', () => {
  test('the folds partition units of their own into near-equal parts, the same for a seed', () => {
    const alone = Array.from({ length: 23 }, (_, i) => i);
    const folds = foldOf(alone, 5, 9);
    expect(folds).toHaveLength(23);
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(sizes).toEqual([5, 5, 5, 4, 4]);
    expect(foldOf(alone, 5, 9)).toEqual(folds);
    expect(foldOf(alone, 5, 10)).not.toEqual(folds);
  });

  test('every labelled unit is predicted once: tp + fn is the code’s positives; the fixture scores well', () => {
    const e = crossFit(examples, codes, 5, { seed: 1, minPositives: 5 }).evaluation!;
    expect(e).toMatchObject({ folds: 5, seed: 1, examples: 400, minPositives: 5 });
    for (const c of e.perCode) {
      expect(c.truePositives + c.falseNegatives).toBe(c.positives);
      expect(c.positives).toBe(examples.filter((x) => x.codeIds.includes(c.codeId)).length);
      expect(c.recall).toBeCloseTo(c.truePositives / c.positives, 12);
      expect(c.precision).toBeCloseTo(c.truePositives / (c.truePositives + c.falsePositives), 12);
      expect(c.f1).toBeCloseTo((2 * c.precision! * c.recall) / (c.precision! + c.recall), 12);
    }
    expect(e.unsuggestable.map((u) => u.codeId)).toEqual(['call-for-collaboration', 'beginner-guidance']);
    const mean = e.perCode.reduce((sum, c) => sum + c.f1, 0) / e.perCode.length;
    expect(e.macro!.f1).toBeCloseTo(mean, 12);
    expect(e.macro!.f1).toBeGreaterThan(0.9);
  });

  test('a code the model never suggests has no precision and an F1 of 0', () => {
    // 5 positives of 20 in 2 folds, split between them (seed 1): each training half holds fewer than 5, so neither suggests the code.
    const few = examples.slice(0, 20).map((x, i) => ({ ...x, codeIds: i % 4 === 0 ? ['dataset'] : [] }));
    const e = crossFit(few, ['dataset'], 2, { seed: 1, minPositives: 5 }).evaluation!;
    expect(e.unsuggestable).toEqual([]);
    expect(e.perCode).toEqual([
      {
        codeId: 'dataset',
        positives: 5,
        evaluatedFolds: 0,
        truePositives: 0,
        falsePositives: 0,
        falseNegatives: 5,
        precision: null,
        recall: 0,
        f1: 0,
      },
    ]);
    expect(e.macro).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(() => crossFit(few, ['dataset'], 1, { seed: 1, minPositives: 5 })).toThrow(
      'Cross-validation needs at least 2 folds, not 1.',
    );
  });

  test('the training job has no evaluation with fewer groups than folds; each group is then a fold', () => {
    const job = runTrainJob({ examples: examples.slice(0, 3), codeIds: codes, folds: 5, seed: 1, minPositives: 5 });
    expect(job.evaluation).toBeNull();
    expect(deserializeModel(job.model).examples).toBe(3);
    expect(job.foldModels.map((m) => deserializeModel(m).examples)).toEqual([2, 2, 2]);
  });
});

describe('uncertainty', () => {
  test('the largest binary entropy among the code scores', () => {
    expect(uncertainty([{ score: 0.5 }, { score: 0.99 }])).toBe(1);
    expect(uncertainty([{ score: 0.25 }])).toBeCloseTo(0.8112781244591328, 12);
    expect(uncertainty([{ score: 0 }, { score: 1 }])).toBe(0);
    expect(uncertainty([])).toBe(0);
  });
});
