import { describe, expect, test } from 'vitest';
import { distinctiveTerms, prepareCorpus } from '../../apps/api/src/words/tfidf.ts';

// Worked by hand. Content stems per document (stop words and the bare "2" removed):
//   d1 "BERT fine-tuning fails"  → bert fine tune fail          (4 tokens)
//   d2 "GPT-2 fine-tuning works" → gpt fine tune work           (4 tokens)
//   d3 "BERT tokenizer works"    → bert token work              (3 tokens)
// The code is on d1 and d3 (7 tokens); the rest is d2 (4 tokens). N = 3.
//   bert:  tf_in 2/7, tf_rest 0,   df 2 → 2/7 · ln(3/2) = 0.115847
//   fail:  tf_in 1/7, tf_rest 0,   df 1 → 1/7 · ln 3    = 0.156945
//   token: tf_in 1/7, tf_rest 0,   df 1 → 1/7 · ln 3    = 0.156945
//   fine, tune, work: tf_in 1/7 < tf_rest 1/4 → not distinctive of the code.
const corpus = prepareCorpus(['BERT fine-tuning fails', 'GPT-2 fine-tuning works', 'BERT tokenizer works']);

describe('distinctive terms (TF-IDF against the rest)', () => {
  test('the three-document example', () => {
    const terms = distinctiveTerms(corpus, [0, 2], { minCount: 1 });
    expect(terms.map((t) => [t.term, t.stem, t.count, t.docs, t.countRest])).toEqual([
      ['fails', 'fail', 1, 1, 0],
      ['tokenizer', 'token', 1, 1, 0],
      ['bert', 'bert', 2, 2, 0],
    ]);
    expect(terms[0]!.score).toBeCloseTo(Math.log(3) / 7, 12);
    expect(terms[0]!.score).toBeCloseTo(0.156945, 6);
    expect(terms[2]!.score).toBeCloseTo((2 / 7) * Math.log(1.5), 12);
    expect(terms[2]!.score).toBeCloseTo(0.115847, 6);
  });

  test('minCount drops rare terms; top cuts the list', () => {
    expect(distinctiveTerms(corpus, [0, 2]).map((t) => t.term)).toEqual(['bert']);
    expect(distinctiveTerms(corpus, [0, 2], { minCount: 1, top: 1 }).map((t) => t.term)).toEqual(['fails']);
  });

  test('the other side: d2 alone has gpt, and fine/tune/work are over-represented there', () => {
    const terms = distinctiveTerms(corpus, [1], { minCount: 1 });
    // gpt: 1/4 · ln 3; fine, tune: 1/4 · ln(3/2); work: 1/4 · ln(3/2) (tf_rest 1/7 < 1/4).
    expect(terms.map((t) => t.term)).toEqual(['gpt', 'fine', 'tuning', 'works']);
    expect(terms[0]!.score).toBeCloseTo(Math.log(3) / 4, 12);
  });

  test('a term in every document scores 0 and is never listed; no documents, no terms', () => {
    const all = prepareCorpus(['model one', 'model two', 'model three']);
    expect(distinctiveTerms(all, [0], { minCount: 1 }).map((t) => t.term)).toEqual(['one']);
    expect(distinctiveTerms(corpus, [], { minCount: 1 })).toEqual([]);
  });

  test('the surface form is the most frequent spelling of the stem', () => {
    const c = prepareCorpus(['Tokenizers tokenizer tokenizer', 'other words here']);
    expect(distinctiveTerms(c, [0], { minCount: 1 })[0]).toMatchObject({ term: 'tokenizer', stem: 'token', count: 3 });
  });
});
