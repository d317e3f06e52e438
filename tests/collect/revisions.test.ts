// A re-collection that finds a post edited on the forum keeps the old text as a revision
// (db/revisions.ts), the same as a re-import: the collector stores through the import.
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Db } from '../../apps/api/src/db/open.ts';
import latest from '../fixtures/discourse-api/latest.json' with { type: 'json' };
import topic205 from '../fixtures/discourse-api/t/205.json' with { type: 'json' };
import { collect, freshDb } from './helpers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let server: ReplayServer;
let db: Db;
beforeEach(async () => {
  server = await startReplayServer();
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await server.close();
});

const revisionsOf = (externalId: string) =>
  db
    .prepare(
      `SELECT r.revision, r.thread_revision AS threadRevision, r.text FROM post_revisions r JOIN posts p ON p.id = r.post_id
       WHERE p.external_id = ? ORDER BY r.revision`,
    )
    .all(externalId);

test('an edited post found by a later collection becomes revision 2; its old text is kept', async () => {
  await collect(db, server.url);
  const before = revisionsOf('2052');
  expect(before).toHaveLength(1);

  // The topic's listing entry changed (the collector fetches only such topics again), and the
  // forum serves post 2052 with new words.
  const bumped = '2023-06-13T08:00:00.000Z';
  server.replace('/latest.json', {
    ...latest,
    topic_list: {
      ...latest.topic_list,
      topics: latest.topic_list.topics.map((t) =>
        t.id === 205 ? { ...t, last_posted_at: bumped, bumped_at: bumped } : t,
      ),
    },
  });
  const edited = structuredClone(topic205);
  edited.post_stream.posts[1]!.cooked = '<p>Set <code>tok.padding_side = "left"</code> instead.</p>';
  server.replace('/t/205.json', edited);
  const again = await collect(db, server.url);
  // Of its four posts, a whisper and a moderator action are not stored (import/discourse/post-kinds.ts).
  expect(again.record.report.posts).toEqual({ new: 0, updated: 1, unchanged: 1 });

  expect(revisionsOf('2052')).toEqual([
    before[0],
    { revision: 2, threadRevision: 2, text: 'Set tok.padding_side = "left" instead.' },
  ]);
  // No other post of the topic, nor any other topic, got a revision.
  expect(db.prepare('SELECT count(*) FROM post_revisions WHERE revision > 1').pluck().get()).toBe(1);
  expect(db.prepare('SELECT count(*) FROM thread_revisions WHERE revision > 1').pluck().get()).toBe(1);
});
