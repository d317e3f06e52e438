import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../apps/api/src/import/detect.ts';

const input = (name: string, text: string, isZip = false) => ({ name, head: Buffer.from(text), isZip });

describe('detectFormat', () => {
  test.each([
    ['dump.zip', 'PK', true, 'discourse'],
    ['Posts.xml', '<?xml version="1.0"?><posts>', false, 'stackexchange'],
    ['posts.txt', '<posts><row Id="1"/></posts>', false, 'stackexchange'],
    ['posts.csv', 'a,b\n1,2\n', false, 'csv'],
    ['posts.tsv', 'a\tb\n', false, 'csv'],
    ['topics.json', '[{"id": 1}]', false, 'discourse'],
    ['topics.jsonl', '{"id": 1, "post_stream": {"posts": []}}\n', false, 'discourse'],
    ['\uFEFFtopic.json', '\uFEFF{\n  "id": 1,\n  "post_stream": {', false, 'discourse'],
    // A Perceval item whose topic is too long for post_stream to show in the first bytes.
    [
      'perceval.out',
      `{"backend_name":"Discourse","backend_version":"0.13.0","data":{"details":"${'x'.repeat(200)}`,
      false,
      'discourse',
    ],
    ['posts.jsonl', '{"thread_id": 1, "post_id": 2}\n', false, 'jsonl'],
    ['export', 'thread_id,post_id\n1,2\n', false, 'csv'],
  ])('%s -> %s', (name, text, isZip, format) => {
    expect(detectFormat(input(name, text, isZip))).toBe(format);
  });

  test('unrecognisable content asks for --format', () => {
    expect(() => detectFormat(input('notes.txt', 'just some words'))).toThrow(
      expect.objectContaining({ code: 'import.unknown_format', where: { file: 'notes.txt' } }),
    );
  });
});
