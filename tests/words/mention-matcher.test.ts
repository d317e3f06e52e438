// The matcher built from a keyword group's rules: which posts each rule finds, zone by zone.
import { describe, expect, test } from 'vitest';
import { describeRules, type MatchRules, matchRulesSchema } from '../../apps/api/src/words/match-rules.ts';
import { groupNeedles, matchesPost, postLines, termNeedles } from '../../apps/api/src/words/mention-matcher.ts';

const rules = (r: Partial<MatchRules>): MatchRules => matchRulesSchema.parse(r);
const finds = (terms: string[], r: Partial<MatchRules>, own: string, quoted = '', preview = '') =>
  matchesPost(postLines(own, quoted, preview), groupNeedles(terms, rules(r)));

describe('needles per rule', () => {
  test.each([
    ['GPT-2', {}, [' gpt 2 ', ' gpt2 ']],
    ['GPT-2', { mode: 'word' }, [' gpt 2 ']],
    ['GPT-2', { mode: 'word', caseSensitive: true }, [' GPT 2 ']],
    ['BERT', { mode: 'prefix' }, [' bert']],
    ['BERT', { mode: 'substring', caseSensitive: true }, ['BERT']],
    ['--', { mode: 'substring' }, []],
  ] as const)('%s with %j → %j', (term, r, needles) => expect(termNeedles(term, rules(r))).toEqual(needles));

  test('a group reads its own words, and quoted text and previews only when its rules say so', () => {
    const columns = (r: Partial<MatchRules>, withQuotes = false) =>
      groupNeedles(['bert'], rules(r), withQuotes).map((n) => n.column);
    expect(columns({})).toEqual(['stems']);
    expect(columns({}, true)).toEqual(['stems', 'quoted_stems']);
    expect(columns({ mode: 'word', quotes: true, previews: true })).toEqual(['words', 'quoted_words', 'preview_words']);
    expect(columns({ mode: 'prefix', caseSensitive: true, previews: true })).toEqual(['cased', 'preview_cased']);
  });
});

describe('which posts a rule finds', () => {
  test.each([
    // case: "BERT" case-sensitive is not "bert-base"
    [{ mode: 'word', caseSensitive: true }, 'try bert-base', false],
    [{ mode: 'word', caseSensitive: true }, 'try BERT-base', true],
    [{ mode: 'word' }, 'try bert-base', true],
    [{ mode: 'stemmed' }, 'try bert-base', true],
    // whole word vs prefix vs substring on "roberta" and "bertweet"
    [{ mode: 'word' }, 'RoBERTa is better', false],
    [{ mode: 'prefix' }, 'RoBERTa is better', false],
    [{ mode: 'substring' }, 'RoBERTa is better', true],
    [{ mode: 'substring', caseSensitive: true }, 'RoBERTa is better', true],
    [{ mode: 'substring', caseSensitive: true }, 'roberta is better', false],
    [{ mode: 'word' }, 'bertweet for tweets', false],
    [{ mode: 'prefix' }, 'bertweet for tweets', true],
    [{ mode: 'stemmed' }, 'BERTs are many', true],
    [{ mode: 'word' }, 'BERTs are many', false],
  ] as const)('BERT with %j in %j → %s', (r, text, expected) => expect(finds(['BERT'], r, text)).toBe(expected));

  test('aliases: a group finds any of its terms, each under the same rules', () => {
    const llama = ['LLaMA', 'Llama-2', 'llama2'];
    expect(finds(llama, { mode: 'word', caseSensitive: true }, 'running Llama-2 7B')).toBe(true);
    expect(finds(llama, { mode: 'word', caseSensitive: true }, 'running llama2')).toBe(true);
    expect(finds(llama, { mode: 'word', caseSensitive: true }, 'a llama in the zoo')).toBe(false);
    expect(finds(llama, { mode: 'word', caseSensitive: true }, 'LLaMA weights')).toBe(true);
  });

  test('quoted text and link previews are left out unless the rules count them', () => {
    const quoted = ['thanks!', '@alice wrote: is bert any good', ''] as const;
    const preview = ['see this', '', 'google-bert/bert-base-uncased · Hugging Face'] as const;
    expect(finds(['bert'], { mode: 'word' }, ...quoted)).toBe(false);
    expect(finds(['bert'], { mode: 'word', quotes: true }, ...quoted)).toBe(true);
    expect(finds(['bert'], { mode: 'word', quotes: true }, ...preview)).toBe(false);
    expect(finds(['bert'], { mode: 'word', previews: true }, ...preview)).toBe(true);
    expect(finds(['bert'], { mode: 'word', previews: true }, ...quoted)).toBe(false);
  });
});

describe('rules', () => {
  test('defaults, and the rules in words', () => {
    expect(matchRulesSchema.parse({})).toEqual({
      mode: 'stemmed',
      caseSensitive: false,
      quotes: false,
      previews: false,
    });
    expect(describeRules(rules({}))).toBe('whole words, stemmed; any case; own words only');
    expect(describeRules(rules({ mode: 'substring', caseSensitive: true, quotes: true, previews: true }))).toBe(
      'anywhere in words; case-sensitive; own words and quoted text and link previews',
    );
    expect(describeRules(rules({ mode: 'prefix', previews: true }))).toBe(
      'word beginnings; any case; own words and link previews',
    );
  });

  test('stemmed matching cannot be case-sensitive', () => {
    const r = matchRulesSchema.safeParse({ mode: 'stemmed', caseSensitive: true });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({
      path: ['caseSensitive'],
      message: 'Stemmed matching ignores case; choose whole words, word beginnings or anywhere to match case.',
    });
  });
});

describe('a post’s lines', () => {
  test('stems, words and cased tokens of each zone', () => {
    const lines = postLines('Fine-tuned BERT-base, café', 'Я вижу GPT-2', '');
    expect(lines).toEqual({
      stems: ' fine tune bert base cafe ',
      words: ' fine tuned bert base cafe ',
      cased: ' Fine tuned BERT base cafe ',
      quoted_stems: ' я вижу gpt 2 ',
      quoted_words: ' я вижу gpt 2 ',
      quoted_cased: ' Я вижу GPT 2 ',
      preview_stems: ' ',
      preview_words: ' ',
      preview_cased: ' ',
    });
  });
});
