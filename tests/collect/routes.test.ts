// /api/collections through app.request(), collecting from the replay server in the background.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openCollection } from '../../apps/api/src/collect/collector.ts';
import { resolveOptions } from '../../apps/api/src/collect/options.ts';
import type { CollectionRecord } from '../../apps/api/src/collect/state.ts';
import { Agent, loggedIn } from '../support/agent.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';
import { generateForum } from '../support/replay-forum.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let t: TestApp;
let server: ReplayServer;
let admin: Agent;
beforeEach(async () => {
  t = makeTestApp();
  process.env.THREADCODER_COLLECT_ALLOW_PRIVATE = '1'; // the replay server is on 127.0.0.1
  server = await startReplayServer();
  await addUser(t.db, 'root', { isAdmin: true });
  admin = await loggedIn(t.app, 'root');
});
afterEach(async () => {
  // Every test waits for its run to end before the database closes.
  await server.close();
  t.close();
  delete process.env.THREADCODER_COLLECT_ALLOW_PRIVATE;
});

/** Polls until the server runs no collection (the run has ended and let go of the database), then returns run `id`. */
async function waitForEnd(agent: Agent, id: number): Promise<CollectionRecord> {
  for (;;) {
    const list = (await (await agent.get('/api/collections')).json()) as {
      collections: CollectionRecord[];
      current: unknown;
    };
    if (list.current === null) return list.collections.find((c) => c.id === id)!;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('/api/collections', () => {
  test('an administrator starts a collection (202), polls it to the end, and finds it in the list', async () => {
    const res = await admin.post('/api/collections', { forumUrl: server.url, source: 'HF', maxTopics: 2, rate: 10 });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { collection: CollectionRecord; resumed: boolean };
    expect([started.collection.id, started.collection.status, started.resumed]).toEqual([1, 'running', false]);
    expect(started.collection.options).toEqual({ forumUrl: server.url, source: 'HF', rate: 10, maxTopics: 2 });
    const done = await waitForEnd(admin, 1);
    expect([done.status, done.error]).toEqual(['succeeded', null]);
    expect(done.progress).toEqual({
      topicsKnown: 2,
      topicsDone: 2,
      topicsUnchanged: 0,
      topicsFailed: 0,
      postsKnown: 5,
      postsDone: 5,
      requests: 4,
      etaSeconds: 0,
    });
    expect(done.report.posts).toEqual({ new: 3, updated: 0, unchanged: 0 });
    const list = (await (await admin.get('/api/collections')).json()) as {
      collections: CollectionRecord[];
      current: unknown;
    };
    expect([list.collections.map((c) => c.id), list.current]).toEqual([[1], null]);
    const sources = (await (await admin.get('/api/sources')).json()) as {
      sources: { name: string; threads: number; posts: number; baseUrl: string }[];
    };
    expect(sources.sources).toMatchObject([{ name: 'HF', threads: 2, posts: 3, baseUrl: server.url }]);
  });

  test('wholeForum: true runs the whole-forum walk', async () => {
    const forum = await startReplayServer('', generateForum(5, 40));
    try {
      const res = await admin.post('/api/collections', {
        forumUrl: forum.url,
        source: 'HF',
        wholeForum: true,
        rate: 10,
      });
      expect(res.status).toBe(202);
      const done = await waitForEnd(admin, 1);
      expect([done.status, done.options.wholeForum, done.progress.requests, done.report.posts.new]).toEqual([
        'succeeded',
        true,
        4,
        40,
      ]);
      expect(forum.log.filter((p) => p.startsWith('/t/'))).toEqual([]);
    } finally {
      await forum.close();
    }
  });

  test('one collection at a time: a second start gets 409 while the first runs', async () => {
    expect((await admin.post('/api/collections', { forumUrl: server.url, rate: 10, maxTopics: 2 })).status).toBe(202);
    const res = await admin.post('/api/collections', { forumUrl: server.url, source: 'other', rate: 10 });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: 'collect.busy', message: 'Collection #1 is still running; wait for it to end or stop it.' },
    });
    await waitForEnd(admin, 1);
  });

  test('a run another process has running (a threadcoder collect) is refused with 409; nothing starts here', async () => {
    const { id } = openCollection(t.db, resolveOptions({ forumUrl: server.url, source: 'HF', rate: 10 }));
    const res = await admin.post('/api/collections', { forumUrl: server.url, source: 'HF', rate: 10 });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'collect.busy',
        message: `Collection #${id} is already running (in the server or another threadcoder collect); wait for it to end or stop it. If the process running it died, starting the server marks it stopped.`,
      },
    });
    expect(((await (await admin.get('/api/collections')).json()) as { current: unknown }).current).toBeNull();
    expect(server.log).toEqual([]);
  });

  test('cancel stops the run after its current topic; starting it again resumes it', async () => {
    await admin.post('/api/collections', { forumUrl: server.url, source: 'HF', rate: 10 });
    const res = await admin.post('/api/collections/1/cancel');
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ stopping: true, collection: { id: 1 } });
    const stopped = await waitForEnd(admin, 1);
    expect(stopped.status).toBe('stopped');
    expect(stopped.progress.topicsDone).toBeLessThan(7);
    const again = await admin.post('/api/collections', { forumUrl: server.url, source: 'HF', rate: 10 });
    expect(await again.json()).toMatchObject({ resumed: true, collection: { id: 1, status: 'running' } });
    expect(await waitForEnd(admin, 1)).toMatchObject({
      status: 'succeeded',
      progress: { topicsDone: 7, postsDone: 60 },
    });
    const cancelled = await admin.post('/api/collections/1/cancel');
    expect(cancelled.status).toBe(409);
    expect(await cancelled.json()).toMatchObject({
      error: { code: 'collect.not_running', message: 'Collection #1 is not running (it is succeeded).' },
    });
  });

  test('bad options answer 400 naming the field; nothing starts', async () => {
    const res = await admin.post('/api/collections', { forumUrl: 'file:///etc/passwd' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'collect.bad_option',
        message: 'The forum address must start with http:// or https://, not file://.',
        where: { field: 'forumUrl' },
      },
    });
    const typed = await admin.post('/api/collections', { forumUrl: server.url, maxTopics: 'ten' });
    expect([typed.status, ((await typed.json()) as { error: { where: unknown } }).error.where]).toEqual([
      400,
      { field: 'maxTopics' },
    ]);
    expect((await (await admin.get('/api/collections')).json()) as unknown).toEqual({ collections: [], current: null });
    expect((await admin.get('/api/collections/5')).status).toBe(404);
  });

  test('importers may collect; a study owner or coder without the right may not (403); nobody signed out (401)', async () => {
    const owner = await addUser(t.db, 'olive', { isImporter: true });
    await addUser(t.db, 'owen');
    const coder = await addUser(t.db, 'cody');
    addStudy(t.db, owner.id, [[coder.id, 'coder']]);
    const body = { forumUrl: 'nope' };
    expect((await (await loggedIn(t.app, 'olive')).post('/api/collections', body)).status).toBe(400);
    const asCoder = await (await loggedIn(t.app, 'cody')).post('/api/collections', body);
    expect(asCoder.status).toBe(403);
    expect(await asCoder.json()).toMatchObject({
      error: { code: 'auth.forbidden', message: 'Collecting needs the importer right, which an administrator grants.' },
    });
    const owen = await loggedIn(t.app, 'owen');
    expect((await owen.post('/api/studies', { name: 'Mine', templateId: null })).status).toBe(201);
    expect((await owen.post('/api/collections', body)).status).toBe(403);
    expect((await new Agent(t.app).get('/api/collections')).status).toBe(401);
  });
});
