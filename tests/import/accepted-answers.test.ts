// Accepted answers and who answered (issue 18 point 4): every import path keeps Discourse's
// Solved flags and the author's standing, and Stack Exchange's AcceptedAnswerId and question
// Score; a re-import updates them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Db } from '../../apps/api/src/db/open.ts';
import { ImportError } from '../../apps/api/src/import/errors.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { fixture, freshDb, importFixture, tempDir } from './helpers.ts';

const threadsOf = (db: Db) =>
  db.prepare('SELECT external_id AS id, solved, score FROM threads ORDER BY external_id').all();
const postsOf = (db: Db) =>
  db
    .prepare(
      `SELECT external_id AS id, accepted_answer AS accepted, author_role AS role, author_group AS "group",
         author_title AS title, author_flair AS flair, author_trust_level AS trust FROM posts ORDER BY external_id`,
    )
    .all();

type FixturePost = Record<string, unknown>;
interface FixtureTopic {
  id: number;
  accepted_answer?: { post_number: unknown };
  post_stream: { posts: FixturePost[] };
}
const solvedTopics = () => JSON.parse(readFileSync(fixture('discourse/solved-topics.json'), 'utf8')) as FixtureTopic[];
const postOf = (topic: FixtureTopic | undefined, i: number) => topic!.post_stream.posts[i]!;

const expectedPosts = [
  { id: '172001', accepted: 0, role: null, group: null, title: null, flair: null, trust: 1 },
  {
    id: '172014',
    accepted: 1,
    role: 'moderator',
    group: 'huggingface',
    title: 'Hugging Face Staff',
    flair: 'huggingface',
    trust: 4,
  },
  { id: '172030', accepted: 0, role: 'admin', group: 'huggingface', title: null, flair: null, trust: 4 },
  { id: '172210', accepted: 0, role: null, group: null, title: null, flair: null, trust: 0 },
  // This topic's posts carry no accepted_answer flag: the topic's accepted_answer.post_number names it.
  { id: '172233', accepted: 1, role: 'staff', group: 'huggingface', title: null, flair: null, trust: 3 },
  { id: '172540', accepted: 0, role: null, group: null, title: null, flair: null, trust: 1 },
];

describe('Discourse accepted answers and author standing', () => {
  test('a dump keeps the Solved flags and the author flags, group, title, flair and trust level', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/solved-topics.json');
    expect(threadsOf(db)).toEqual([
      { id: '41280', solved: 1, score: null },
      { id: '41311', solved: 1, score: null },
      { id: '41402', solved: 0, score: null },
    ]);
    expect(postsOf(db)).toEqual(expectedPosts);
  });

  test('Perceval items carry the same topic JSON and keep the same fields', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'perceval.jsonl');
      const items = solvedTopics().map((topic) => ({
        backend_name: 'Discourse',
        backend_version: '0.13.0',
        category: 'topic',
        origin: 'https://discuss.huggingface.co',
        uuid: `uuid-${topic.id}`,
        updated_on: 1685700000,
        timestamp: 1700000000,
        tag: 'https://discuss.huggingface.co',
        search_fields: { item_id: String(topic.id) },
        data: topic,
      }));
      writeFileSync(file, items.map((i) => JSON.stringify(i)).join('\n'));
      const db = freshDb();
      const report = await runImportFile(db, file, { source: 'forum' });
      expect([report.format, report.rejected]).toEqual(['discourse', []]);
      expect(threadsOf(db)).toEqual([
        { id: '41280', solved: 1, score: null },
        { id: '41311', solved: 1, score: null },
        { id: '41402', solved: 0, score: null },
      ]);
      expect(postsOf(db)).toEqual(expectedPosts);
    } finally {
      cleanup();
    }
  });

  test('a re-import moves the accepted answer and updates the author standing', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = freshDb();
      await importFixture(db, 'discourse/solved-topics.json');
      const topics = solvedTopics();
      // Topic 41280: the asker un-accepts; 41402 gets its first answer, accepted; a moderator loses the flag.
      delete topics[0]!.accepted_answer;
      for (const p of topics[0]!.post_stream.posts) {
        p.accepted_answer = false;
        p.topic_accepted_answer = false;
      }
      postOf(topics[0], 1).moderator = false;
      postOf(topics[0], 1).staff = false;
      topics[2]!.post_stream.posts.push({
        id: 172555,
        username: 'abidlabs',
        created_at: '2023-06-09T08:00:00.000Z',
        cooked: '<p>Restart the Space from its settings.</p>',
        post_number: 2,
        post_type: 1,
        admin: false,
        moderator: false,
        staff: true,
        primary_group_name: 'huggingface',
        accepted_answer: true,
        topic_accepted_answer: true,
      });
      const file = join(dir, 'solved-again.json');
      writeFileSync(file, JSON.stringify(topics));
      const report = await runImportFile(db, file, { source: 'forum' });
      expect(report.threads).toEqual({ new: 0, updated: 2, unchanged: 1 });
      expect(report.posts).toEqual({ new: 1, updated: 1, unchanged: 5 });
      expect(threadsOf(db)).toEqual([
        { id: '41280', solved: 0, score: null },
        { id: '41311', solved: 1, score: null },
        { id: '41402', solved: 1, score: null },
      ]);
      expect(
        db
          .prepare(
            "SELECT external_id AS id, accepted_answer AS accepted, author_role AS role FROM posts WHERE thread_id IN (SELECT id FROM threads WHERE external_id IN ('41280', '41402')) ORDER BY external_id",
          )
          .all(),
      ).toEqual([
        { id: '172001', accepted: 0, role: null },
        { id: '172014', accepted: 0, role: null },
        { id: '172030', accepted: 0, role: 'admin' },
        { id: '172540', accepted: 0, role: null },
        { id: '172555', accepted: 1, role: 'staff' },
      ]);
      // Neither the flag nor the author's standing is a change to what the post says: no new revision.
      expect(
        db
          .prepare(
            "SELECT count(*) FROM post_revisions WHERE post_id = (SELECT id FROM posts WHERE external_id = '172014')",
          )
          .pluck()
          .get(),
      ).toBe(1);
    } finally {
      cleanup();
    }
  });

  test('a malformed flag rejects its topic or post with the field it is in', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const topics = solvedTopics();
      topics[0]!.accepted_answer!.post_number = 'second';
      postOf(topics[1], 1).trust_level = 'high';
      const file = join(dir, 'bad-flags.json');
      writeFileSync(file, JSON.stringify(topics));
      const err = await runImportFile(freshDb(), file, { source: 'forum' }).catch((e: ImportError) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect([(err as ImportError).code, (err as ImportError).where]).toEqual([
        'import.wrong_type',
        { file: 'bad-flags.json', field: '[0].accepted_answer.post_number' },
      ]);
      const db = freshDb();
      const report = await runImportFile(db, file, { source: 'forum', mode: 'lenient' });
      expect(report.rejected.map((r) => r.where)).toEqual([
        { file: 'bad-flags.json', field: '[0].accepted_answer.post_number' },
        { file: 'bad-flags.json', field: '[1].post_stream.posts[1].trust_level' },
      ]);
      expect(db.prepare('SELECT external_id FROM posts ORDER BY external_id').pluck().all()).toEqual([
        '172210',
        '172540',
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('Stack Exchange accepted answers and question scores', () => {
  test("a question's AcceptedAnswerId marks its thread solved and that answer accepted; its Score is kept", async () => {
    const db = freshDb();
    await importFixture(db, 'stackexchange/Posts.xml');
    expect(threadsOf(db)).toEqual([
      { id: '10', solved: 1, score: 7 },
      { id: '20', solved: 0, score: 2 },
    ]);
    expect(
      db.prepare('SELECT external_id AS id, accepted_answer AS accepted FROM posts ORDER BY external_id').all(),
    ).toEqual([
      { id: '10', accepted: 0 },
      { id: '11', accepted: 0 },
      { id: '12', accepted: 1 },
      { id: '20', accepted: 0 },
      { id: '21', accepted: 0 },
    ]);
  });
});
