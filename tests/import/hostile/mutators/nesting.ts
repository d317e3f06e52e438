// 100,000 levels of nesting. Valid JSON however deep is still valid (an unknown deep field is
// ignored); deep nesting where a string or a topic belongs is a wrong type; unclosed, malformed.
// Posts.xml refuses elements nested over 64 deep (its rows sit two deep).
import { expect } from 'vitest';
import { utf8, type HostileCase } from '../case.ts';
import { discourseArray, discourseDocument, discourseJsonl, postsJsonl, stackExchange } from '../bases.ts';

const DEPTH = 100_000;
const arrays = (n = DEPTH) => '['.repeat(n) + ']'.repeat(n);
const objects = (n = DEPTH) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const column = () => expect.stringMatching(/^column \d+$/);

/** Line 2 of topics.jsonl with `"key": value` (raw JSON) added at its end, or replacing `key`'s value. */
function topicLine2(json: (line: string) => string): () => Uint8Array {
  const lines = discourseJsonl.text.split('\n');
  return () => utf8([lines[0], json(lines[1]!), ...lines.slice(2)].join('\n'));
}
const withExtra = (value: string) => (line: string) => `${line.slice(0, -1)},"extra":${value}}`;

export function nestingCases(): HostileCase[] {
  const fail = (name: string, code: string, where: object, message?: RegExp) => ({
    ok: false as const,
    code: `import.${code}`,
    where: { file: name, ...where },
    ...(message ? { message } : {}),
  });
  const lines = postsJsonl.text.split('\n');
  const xmlLines = stackExchange.text.split('\n');
  const cases: Omit<HostileCase, 'category'>[] = [
    {
      name: 'deep-extra-topics.jsonl',
      format: 'discourse',
      bytes: topicLine2(withExtra(arrays())),
      expected: { ok: true, threads: 3, posts: 5 },
    },
    {
      name: 'deep-extra-objects-topics.jsonl',
      format: 'discourse',
      bytes: topicLine2(withExtra(objects())),
      expected: { ok: true, threads: 3, posts: 5 },
    },
    {
      name: 'deep-cooked-topics.jsonl',
      format: 'discourse',
      bytes: topicLine2((l) => l.replace(/"cooked":"(?:[^"\\]|\\.)*"/, `"cooked":${arrays()}`)),
      expected: fail('deep-cooked-topics.jsonl', 'wrong_type', { line: 2, field: 'post_stream.posts[0].cooked' }),
    },
    {
      name: 'deep-topic-topics.jsonl',
      format: 'discourse',
      bytes: topicLine2(() => objects()),
      expected: fail('deep-topic-topics.jsonl', 'missing_field', { line: 2, field: 'id' }),
    },
    {
      name: 'deep-open-topics.jsonl',
      format: 'discourse',
      bytes: topicLine2(() => '['.repeat(DEPTH)),
      expected: fail('deep-open-topics.jsonl', 'invalid_json', { line: 2 }),
    },
    {
      name: 'deep-row-posts.jsonl',
      format: 'jsonl',
      bytes: () => utf8([lines[0], arrays(), ...lines.slice(1)].join('\n')),
      expected: fail('deep-row-posts.jsonl', 'wrong_type', { line: 2 }),
    },
    {
      name: 'deep-element-topic-array.json',
      format: 'discourse',
      bytes: () => utf8(discourseArray.text.replace(/\n\]\s*$/, `,\n${arrays()}\n]\n`)),
      expected: fail('deep-element-topic-array.json', 'wrong_type', { field: '[2]' }),
    },
    {
      name: 'deep-extra-topic-1001.json',
      format: 'discourse',
      bytes: () => utf8(discourseDocument.text.replace('"views": 1532,', `"views": 1532, "extra": ${objects()},`)),
      expected: { ok: true, threads: 1, posts: 2 },
    },
    {
      name: 'deep-open-array.json',
      format: 'discourse',
      bytes: () => utf8(`[\n${'['.repeat(DEPTH)}`),
      expected: fail('deep-open-array.json', 'invalid_json', { line: 2, field: column() }),
    },
    {
      name: 'deep-elements-posts.xml',
      format: 'stackexchange',
      bytes: () =>
        utf8(
          [...xmlLines.slice(0, 2), `${'<a>'.repeat(DEPTH)}${'</a>'.repeat(DEPTH)}`, ...xmlLines.slice(2)].join('\n'),
        ),
      expected: fail(
        'deep-elements-posts.xml',
        'invalid_xml',
        { line: 3, field: column() },
        /nested more than 64 deep/,
      ),
    },
    {
      name: 'deep-open-posts.xml',
      format: 'stackexchange',
      bytes: () => utf8([...xmlLines.slice(0, -2), '<a>'.repeat(DEPTH), ''].join('\n')),
      expected: fail(
        'deep-open-posts.xml',
        'invalid_xml',
        { line: xmlLines.length - 1, field: column() },
        /nested more than 64 deep/,
      ),
    },
  ];
  return cases.map((c) => ({ category: 'deep-nesting', ...c }));
}
