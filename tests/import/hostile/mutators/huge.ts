// Fields and records over the default limits in apps/api/src/import/limits.ts (a post's HTML
// over maxPostBytes, 1 MiB; a record over maxRecordBytes, 64 MiB) and in fields.ts (ids,
// titles, names), and over limits set lower.
import { zipSync } from 'fflate';
import { defaultLimits } from '../../../../apps/api/src/import/limits.ts';
import { utf8, type HostileCase } from '../case.ts';
import { discourseJsonl, postsJsonl, stackExchange, topicLine } from '../bases.ts';

const MAX_POST = defaultLimits.maxPostBytes;
const MAX_RECORD = defaultLimits.maxRecordBytes;
const MiB = 1024 * 1024;

export function hugeCases(): HostileCase[] {
  const fail = (name: string, code: string, where: object, message?: RegExp) => ({
    ok: false as const,
    code: `import.${code}`,
    where: { file: name, ...where },
    ...(message ? { message } : {}),
  });
  const topics = discourseJsonl.text.split('\n');
  const rows = postsJsonl.text.split('\n');
  const xml = stackExchange.text.split('\n');
  const cases: Omit<HostileCase, 'category'>[] = [
    // One byte over, in ASCII; and in two-byte characters, whose count alone is under the limit.
    {
      name: 'huge-cooked-topics.jsonl',
      format: 'discourse',
      bytes: () => utf8(`${topics[0]}\n${topicLine(7, 'x'.repeat(MAX_POST + 1))}\n`),
      expected: fail('huge-cooked-topics.jsonl', 'post_too_large', { line: 2, field: 'post_stream.posts[0]' }),
    },
    {
      name: 'huge-cooked-2byte-topics.jsonl',
      format: 'discourse',
      bytes: () => utf8(`${topicLine(7, 'é'.repeat(MAX_POST / 2 + 1))}\n`),
      expected: fail('huge-cooked-2byte-topics.jsonl', 'post_too_large', { line: 1, field: 'post_stream.posts[0]' }),
    },
    // Just under the limit: a long post is not an attack.
    {
      name: 'long-cooked-topics.jsonl',
      format: 'discourse',
      bytes: () => utf8(`${topicLine(7, `<p>${'y'.repeat(MAX_POST - 200)}</p>`)}\n`),
      expected: { ok: true, threads: 1, posts: 1 },
    },
    {
      name: 'huge-body-posts.jsonl',
      format: 'jsonl',
      bytes: () => utf8([rows[0], rows[1]!.replace('"A reply"', `"${'z'.repeat(MAX_POST)}"`), rows[2]].join('\n')),
      expected: fail('huge-body-posts.jsonl', 'post_too_large', { line: 2 }),
    },
    {
      name: 'huge-body-posts.csv',
      format: 'csv',
      bytes: () =>
        utf8(
          `thread_id,post_id,created_at,body\n1,1,2022-01-01,short\n1,2,2022-01-02,"${'w '.repeat(MAX_POST / 2)}"\n`,
        ),
      expected: fail('huge-body-posts.csv', 'post_too_large', { line: 3 }),
    },
    {
      name: 'huge-body-posts.xml',
      format: 'stackexchange',
      bytes: () =>
        utf8(
          [
            ...xml.slice(0, 3),
            xml[3]!.replace(/Body="[^"]*"/, `Body="${'&lt;b&gt;'.repeat(MAX_POST / 3 + 1)}"`),
            ...xml.slice(4),
          ].join('\n'),
        ),
      expected: fail('huge-body-posts.xml', 'post_too_large', { line: 4 }),
    },
    // A record over 64 MiB: refused while reading, before it is held whole.
    {
      name: 'huge-line-topics.jsonl',
      format: 'discourse',
      bytes: () =>
        Buffer.concat([utf8(`${topics[0]}\n{"id":8,"title":"`), Buffer.alloc(MAX_RECORD, 'v'), utf8('"}\n')]),
      expected: fail('huge-line-topics.jsonl', 'record_too_large', { line: 2 }),
    },
    // Lower limits, as an administrator may set them (the same code paths as the defaults, faster to test).
    // A JSON array or document is streamed, but each topic in it is assembled whole: the same limit holds.
    {
      name: 'huge-element-topic-array.json',
      format: 'discourse',
      limits: { maxRecordBytes: MiB },
      bytes: () => utf8(`[${topicLine(1)},\n${topicLine(2, 's'.repeat(2 * MiB))}]`),
      expected: fail('huge-element-topic-array.json', 'record_too_large', { field: '[1]' }),
    },
    {
      name: 'huge-document-topic.json',
      format: 'discourse',
      limits: { maxRecordBytes: MiB },
      bytes: () => utf8(`{\n"id": 1, "title": "${'d'.repeat(2 * MiB)}"}`),
      expected: fail('huge-document-topic.json', 'record_too_large', {}),
    },
    {
      name: 'huge-line-posts.jsonl',
      format: 'jsonl',
      limits: { maxRecordBytes: MiB },
      bytes: () => utf8(`${rows[0]}\n${rows[1]}\n{"body":"${'u'.repeat(MiB)}"}\n`),
      expected: fail('huge-line-posts.jsonl', 'record_too_large', { line: 3 }),
    },
    {
      name: 'huge-row-posts.csv',
      format: 'csv',
      limits: { maxRecordBytes: MiB },
      bytes: () => utf8(`thread_id,post_id,created_at,body\n1,1,2022-01-01,"${'t'.repeat(MiB)}"\n`),
      expected: fail('huge-row-posts.csv', 'invalid_csv', { line: 2 }, /Max Record Size/),
    },
    // Ids over 1,000 characters, titles and names over 10,000: no forum has them.
    {
      name: 'huge-title-topics.jsonl',
      format: 'discourse',
      bytes: () =>
        utf8(
          [
            topics[0],
            topics[1]!.replace('"Tokenizer pads on the wrong side"', `"${'T'.repeat(10_001)}"`),
            topics[2],
          ].join('\n'),
        ),
      expected: fail('huge-title-topics.jsonl', 'field_too_long', { line: 2, field: 'title' }),
    },
    {
      name: 'long-title-topics.jsonl',
      format: 'discourse',
      bytes: () =>
        utf8(
          [
            topics[0],
            topics[1]!.replace('"Tokenizer pads on the wrong side"', `"${'T'.repeat(10_000)}"`),
            topics[2],
          ].join('\n'),
        ),
      expected: { ok: true, threads: 3, posts: 5 },
    },
    {
      name: 'huge-id-posts.jsonl',
      format: 'jsonl',
      bytes: () =>
        utf8([rows[0], rows[1]!.replace('"post_id": 502', `"post_id": "${'9'.repeat(1001)}"`), rows[2]].join('\n')),
      expected: fail('huge-id-posts.jsonl', 'field_too_long', { line: 2, field: 'post_id' }),
    },
    {
      name: 'huge-author-posts.csv',
      format: 'csv',
      bytes: () =>
        utf8(
          `thread_id,post_id,author,created_at,body\n1,1,ann,2022-01-01,hi\n1,2,${'a'.repeat(10_001)},2022-01-02,hi\n`,
        ),
      expected: fail('huge-author-posts.csv', 'field_too_long', { line: 3, field: 'author' }),
    },
    {
      name: 'huge-title-posts.xml',
      format: 'stackexchange',
      bytes: () =>
        utf8(
          [
            ...xml.slice(0, 7),
            xml[7]!.replace('Title="Dataset upload fails"', `Title="${'t'.repeat(10_001)}"`),
            ...xml.slice(8),
          ].join('\n'),
        ),
      expected: fail('huge-title-posts.xml', 'field_too_long', { line: 8, field: 'Title' }),
    },
    // Posts.xml: one attribute, or text between rows, over the record limit: refused before it is held whole.
    {
      name: 'huge-attribute-posts.xml',
      format: 'stackexchange',
      limits: { maxRecordBytes: MiB },
      bytes: () =>
        utf8(
          [...xml.slice(0, 2), xml[2]!.replace(/Body="[^"]*"/, `Body="${'a'.repeat(2 * MiB)}"`), ...xml.slice(3)].join(
            '\n',
          ),
        ),
      expected: fail('huge-attribute-posts.xml', 'record_too_large', { line: 3 }, /no forum post/),
    },
    {
      name: 'huge-text-posts.xml',
      format: 'stackexchange',
      limits: { maxRecordBytes: MiB },
      bytes: () => utf8([...xml.slice(0, 3), 'b'.repeat(2 * MiB), ...xml.slice(3)].join('\n')),
      expected: fail('huge-text-posts.xml', 'record_too_large', { line: 4 }, /no forum post/),
    },
    {
      name: 'over-file-limit-topics.jsonl',
      format: 'discourse',
      limits: { maxFileBytes: 1000 },
      bytes: () => utf8(discourseJsonl.text),
      expected: fail('over-file-limit-topics.jsonl', 'file_too_large', {}),
    },
    {
      name: 'over-post-count-topics.jsonl',
      format: 'discourse',
      limits: { maxPosts: 4 },
      bytes: () => utf8(discourseJsonl.text),
      expected: fail('over-post-count-topics.jsonl', 'too_many_posts', { line: 3 }),
    },
    {
      name: 'over-record-limit-posts.jsonl',
      format: 'jsonl',
      limits: { maxRecordBytes: 100 },
      bytes: () => utf8(postsJsonl.text),
      expected: fail('over-record-limit-posts.jsonl', 'record_too_large', { line: 1 }),
    },
    {
      name: 'over-entry-limit.zip',
      format: 'discourse',
      limits: { zipMaxEntryBytes: 1000 },
      bytes: () => zipSync({ 'topics.jsonl': utf8(discourseJsonl.text) }),
      expected: fail('over-entry-limit.zip:topics.jsonl', 'zip_bomb', {}),
    },
  ];
  return cases.map((c) => ({ category: 'huge-field', ...c }));
}
