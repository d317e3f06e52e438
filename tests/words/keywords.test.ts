import { describe, expect, test } from 'vitest';
import { termPhrases } from '../../apps/api/src/words/keywords.ts';
import { DEFAULT_RULES } from '../../apps/api/src/words/match-rules.ts';
import { groupNeedles, matchesPost, postLines } from '../../apps/api/src/words/mention-matcher.ts';
import { tokenize } from '../../apps/api/src/words/text.ts';

describe('tokens and stems', () => {
  test('the tokenizer splits on hyphens and punctuation, lower-cases and folds accents', () => {
    expect(tokenize('Fine-tuning GPT-2, café!')).toEqual(['fine', 'tuning', 'gpt', '2', 'cafe']);
    expect(tokenize("don't")).toEqual(['don', 't']);
  });

  test('a stem line is the stems in order, space-wrapped', () => {
    expect(postLines('Fine-tuned GPT-2 models', '', '').stems).toBe(' fine tune gpt 2 model ');
    expect(postLines('!!', '', '').stems).toBe(' ');
  });
});

describe('keyword terms', () => {
  test.each([
    ['bert', [' bert ']],
    ['GPT-2', [' gpt 2 ', ' gpt2 ']],
    ['gpt2', [' gpt2 ']],
    ['fine-tuning', [' fine tune ', ' finetun ']],
    ['fine-tune', [' fine tune ', ' finetun ']],
    ['--', []],
  ])('%s matches the phrases %j', (term, phrases) => expect(termPhrases(term)).toEqual(phrases));

  const matches = (terms: string[], text: string) =>
    matchesPost(postLines(text, '', ''), groupNeedles(terms, DEFAULT_RULES));

  test.each([
    ['We fine-tuned BERT on our data', true],
    ['Fine-tuning is slow', true],
    ['fine tuning a model', true],
    ['Finetuned checkpoints', true],
    ['finetuning', true],
    ['the weather is fine, I will tune the guitar', false],
    ['tune it', false],
  ])('fine-tuning: %j → %s', (text, expected) => expect(matches(['fine-tuning'], text)).toBe(expected));

  test.each([
    ['GPT-2 medium', true],
    ['I use gpt2', true],
    ['gpt 2 is old', true],
    ['GPT-3 is newer', false],
    ['gpt', false],
  ])('GPT-2 = gpt2, gpt-2: %j → %s', (text, expected) => expect(matches(['gpt2', 'gpt-2'], text)).toBe(expected));

  test.each([
    ['BERT-base-uncased', true],
    ['RoBERTa', false],
    ['distilbert', false],
    ['berts', true],
  ])('bert matches whole tokens only: %j → %s', (text, expected) => expect(matches(['bert'], text)).toBe(expected));

  test('T5 = t5 matches inside model names', () => {
    expect(matches(['t5'], 'flan-t5-small works')).toBe(true);
    expect(matches(['t5'], 'mt5')).toBe(false);
  });
});

test('loading the text helpers leaves Math.sign intact (natural’s index would replace it: see natural.d.ts)', () => {
  expect(tokenize('x')).toEqual(['x']);
  expect(Math.sign(0)).toBe(0);
  expect(Math.sign(-0)).toBe(-0);
});
