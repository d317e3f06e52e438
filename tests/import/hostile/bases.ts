// The valid files the mutators start from: the import fixtures, plus generated files large
// enough (over the 64 KiB that openInput samples) to reach the streaming checks.
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import type { ImportFormat } from '../../../apps/api/src/import/types.ts';
import { fixture } from '../helpers.ts';
import { utf8 } from './case.ts';

export interface Base {
  /** A short name for hostile file names. */
  id: string;
  ext: string;
  format: ImportFormat;
  text: string;
  threads: number;
  posts: number;
}

const read = (name: string) => readFileSync(fixture(name), 'utf8');

export const discourseJsonl: Base = {
  id: 'topics',
  ext: 'jsonl',
  format: 'discourse',
  text: read('discourse/topics.jsonl'),
  threads: 3,
  posts: 5,
};
export const discourseArray: Base = {
  id: 'topic-array',
  ext: 'json',
  format: 'discourse',
  text: read('discourse/topics.json'),
  threads: 2,
  posts: 3,
};
// Its third post is a small action (post_type 3), which is skipped.
export const discourseDocument: Base = {
  id: 'topic-1001',
  ext: 'json',
  format: 'discourse',
  text: read('discourse/topic-1001.json'),
  threads: 1,
  posts: 2,
};
// Six rows: two questions, three answers, one tag wiki excerpt (skipped).
export const stackExchange: Base = {
  id: 'posts',
  ext: 'xml',
  format: 'stackexchange',
  text: read('stackexchange/Posts.xml'),
  threads: 2,
  posts: 5,
};
export const postsCsv: Base = {
  id: 'posts',
  ext: 'csv',
  format: 'csv',
  text: read('csv/posts.csv'),
  threads: 2,
  posts: 4,
};
export const postsJsonl: Base = {
  id: 'posts',
  ext: 'jsonl',
  format: 'jsonl',
  text: read('jsonl/posts.jsonl'),
  threads: 2,
  posts: 3,
};

/** topics.jsonl and topic-1001.json in one archive: 4 threads, 7 posts. */
export function discourseZip(): Uint8Array {
  return zipSync(
    { 'topics.jsonl': utf8(discourseJsonl.text), 'topic-1001.json': utf8(discourseDocument.text) },
    { level: 6 },
  );
}

// Generated records, one per line, with a non-ASCII character so byte and character offsets differ.
export const topicLine = (id: number, cooked = `<p>Post ${id}: naïve café</p>`) =>
  JSON.stringify({
    id,
    title: `Topic ${id}`,
    created_at: '2022-01-01T00:00:00Z',
    post_stream: {
      posts: [{ id: 100_000 + id, post_number: 1, username: 'ann', created_at: '2022-01-01T00:00:00Z', cooked }],
    },
  });
const postLine = (id: number, body = `Post ${id}: naïve café`) =>
  JSON.stringify({ thread_id: 1 + (id % 50), post_id: id, author: 'ann', created_at: '2022-01-01T00:00:00Z', body });
const csvHeader = 'thread_id,post_id,author,created_at,body';
const csvLine = (id: number, body = `Post ${id}: naïve café`) =>
  `${1 + (id % 50)},${id},ann,2022-01-01T00:00:00Z,"${body}"`;
const seRow = (id: number, body = `&lt;p&gt;Post ${id}: naïve café&lt;/p&gt;`) =>
  `  <row Id="${id}" PostTypeId="1" CreationDate="2020-01-01T00:00:00.000" Score="1" Body="${body}" OwnerDisplayName="ann" Title="Question ${id}" Tags="&lt;x&gt;" />`;

/** Enough generated lines that what follows them lies past openInput's 64 KiB sample. */
const PAST_SAMPLE = 80 * 1024;
function linesPast(first: string[], record: (i: number) => string): string[] {
  const lines = [...first];
  for (let i = 1, bytes = 0; bytes < PAST_SAMPLE; i++) {
    lines.push(record(i));
    bytes += Buffer.byteLength(lines.at(-1)!) + 1;
  }
  return lines;
}

/** Valid files, as lines, long enough that a line added after them is checked as the file streams. */
export const padded = {
  discourse: () => linesPast([], (i) => topicLine(i)),
  jsonl: () => linesPast([], (i) => postLine(i)),
  csv: () => linesPast([csvHeader], (i) => csvLine(i)),
  stackexchange: () => linesPast(['<?xml version="1.0" encoding="utf-8"?>', '<posts>'], (i) => seRow(i)),
};
