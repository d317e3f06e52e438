import { uuidV5 } from '@threadcoder/taxonomy';
import { describe, expect, test } from 'vitest';
import { guidV5 } from '../../apps/api/src/exports/guid-v5.ts';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const PROJECT = 'ff59b39e-a598-45a4-8dbb-570e6b5d75b5';

describe('guidV5', () => {
  test("RFC 9562's worked example (appendix A.4)", () => {
    expect(guidV5(DNS)('www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test.each([
    ['an empty name', ''],
    ['a study key', 'study:7/unit:42/coder:cora/code:challenge.setup'],
    ['non-ASCII words', 'thread:Forum für Ärzte/😀 tokenizer'],
    ['a name longer than the first scratch buffer', `thread:${'x'.repeat(600)}`],
  ])('%s: the same guid as the uuid package', (_, name) => {
    expect(guidV5(PROJECT)(name)).toBe(uuidV5(PROJECT, name));
  });

  test('a long name does not change the guids of later short ones', () => {
    const guid = guidV5(PROJECT);
    guid('y'.repeat(1000));
    expect(guid('user:cora')).toBe(uuidV5(PROJECT, 'user:cora'));
  });
});
