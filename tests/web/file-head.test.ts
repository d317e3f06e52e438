import { expect, test } from 'vitest';
import { headerColumns } from '../../apps/web/src/features/sources/file-head.ts';

test.each([
  ['posts.tsv', 'id\tthread_id\tbody', ['id', 'thread_id', 'body']],
  ['posts.csv', 'id,"thread, id",body', ['id', 'thread, id', 'body']],
  // The server reads a .csv with commas even when its header has tabs: the preview must show the same one column.
  ['posts.csv', 'id\tthread_id', ['id\tthread_id']],
  ['POSTS.TSV', 'a,b\tc', ['a,b', 'c']],
])('%s header %j → %j', (name, line, columns) => {
  expect(headerColumns('csv', name, line)).toEqual(columns);
});

test('a JSONL record gives its keys', () => {
  expect(headerColumns('jsonl', 'posts.jsonl', '{"id":1,"body":"x"}')).toEqual(['id', 'body']);
});
