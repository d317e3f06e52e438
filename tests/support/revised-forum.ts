// A real-shaped Discourse dump (tests/fixtures/import/discourse/topics.jsonl, three /t/{id}.json
// topics as JSON lines) imported the way `cli import` does, and edits of it to import again,
// as the forum would return them after posts were edited.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../apps/api/src/db/open.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';

export interface Topic {
  id: number;
  title: string;
  post_stream: { posts: { id: number; post_number: number; cooked: string; like_count?: number }[] };
}

const fixture = join(import.meta.dirname, '../fixtures/import/discourse/topics.jsonl');

export const topics = (): Topic[] =>
  readFileSync(fixture, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Topic);

/** Imports the topics into source "forum", as a file in `dir`. */
export function importTopics(db: Db, dir: string, list: Topic[], name = 'topics.jsonl') {
  const path = join(dir, name);
  writeFileSync(path, list.map((t) => JSON.stringify(t)).join('\n'));
  return runImportFile(db, path, { source: 'forum' });
}

/** The dump after post 60002 ("Use push_to_hub().") was edited on the forum. */
export function withEditedAnswer(): Topic[] {
  const list = topics();
  list[0]!.post_stream.posts[1]!.cooked =
    '<p>Use <code>upload_folder()</code> instead: <code>upload_folder()</code> is faster.</p>';
  return list;
}

export const postIdOf = (db: Db, externalId: string) =>
  db.prepare('SELECT id FROM posts WHERE external_id = ?').pluck().get(externalId) as number;
export const threadIdOf = (db: Db, externalId: string) =>
  db.prepare('SELECT id FROM threads WHERE external_id = ?').pluck().get(externalId) as number;
