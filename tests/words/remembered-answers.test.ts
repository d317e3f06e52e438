import { expect, test } from 'vitest';
import { inputsKey, RememberedAnswers } from '../../apps/api/src/words/remembered-answers.ts';

test('an answer is computed once per key, and the least recently used goes first', () => {
  const computed: string[] = [];
  const answers = new RememberedAnswers<{ of: string }>(2);
  const ask = (key: string) =>
    answers.get(key, () => {
      computed.push(key);
      return { of: key };
    });
  const a = ask('a');
  expect(ask('a')).toBe(a);
  ask('b');
  ask('a'); // a is now the most recently used
  ask('c'); // so b goes
  ask('a');
  ask('b');
  expect(computed).toEqual(['a', 'b', 'c', 'b']);
});

test('keys differ whenever the parts differ, however they are split', () => {
  expect(inputsKey(['ab', 'c'])).not.toBe(inputsKey(['a', 'bc']));
  expect(inputsKey(['a', ''])).not.toBe(inputsKey(['a']));
  expect(inputsKey(['1:', 'x'])).not.toBe(inputsKey(['1', ':x']));
  expect(inputsKey(['ab', 'c'])).toBe(inputsKey(['ab', 'c']));
});
