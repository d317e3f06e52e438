// Issue #16.1: importing is an instance right an administrator grants, and a source belongs to
// its importer. Before, a coder who created a study (and so "owned" one) could re-import the
// shared demo source and change the text under other studies' codings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { seedDemo } from '../../apps/api/src/demo/seed.ts';
import { loggedIn, type Agent } from '../support/agent.ts';
import { addUser, makeTestApp, origin, type TestApp } from '../support/test-app.ts';

const demoSource = 'Hugging Face forum (demo sample)';
const topics = readFileSync(join(import.meta.dirname, '../fixtures/upload/hf-topics.json'));

let t: TestApp;
let demoSourceId: number;
let importId: number;
let collectionId: number;
beforeEach(async () => {
  process.env.THREADCODER_DEMO_PASSWORD = 'correct horse battery';
  t = makeTestApp();
  await seedDemo(t.db, t.dbPath); // alice codes, carol owns the demo study and may import; the demo source is nobody's
  await addUser(t.db, 'root', { isAdmin: true });
  demoSourceId = t.db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(demoSource) as number;
  const now = new Date().toISOString();
  importId = Number(
    t.db
      .prepare(
        "INSERT INTO imports (source_id, source_name, filename, format, status, report_json, created_at) VALUES (?, ?, 'hf.json', 'discourse', 'succeeded', '{}', ?)",
      )
      .run(demoSourceId, demoSource, now).lastInsertRowid,
  );
  collectionId = Number(
    t.db
      .prepare(
        "INSERT INTO collections (source_id, source_name, forum_url, options_json, resume_key, status, report_json, created_at, updated_at) VALUES (?, ?, 'https://discuss.huggingface.co', '{\"rate\":1}', 'k', 'running', '{}', ?, ?)",
      )
      .run(demoSourceId, demoSource, now, now).lastInsertRowid,
  );
});
afterEach(() => {
  delete process.env.THREADCODER_DEMO_PASSWORD;
  t.close();
});

function upload(agent: Agent, source: string) {
  return t.app.request(`${origin}/api/imports?${new URLSearchParams({ source, format: 'discourse' })}`, {
    method: 'POST',
    body: topics,
    headers: { origin, cookie: agent.cookie, 'content-type': 'application/octet-stream' },
  });
}

async function finished(agent: Agent, id: number) {
  for (;;) {
    const { import: record } = (await (await agent.get(`/api/imports/${id}`)).json()) as {
      import: { status: string };
    };
    if (record.status !== 'queued' && record.status !== 'running') return record;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
const demoPostTexts = () =>
  t.db.prepare('SELECT group_concat(text, char(10)) FROM posts WHERE source_id = ?').pluck().get(demoSourceId);

describe('a coder who creates a study', () => {
  test('cannot import into, collect into, cancel or read the records of the demo source, nor make a source', async () => {
    const alice = await loggedIn(t.app, 'alice');
    const before = demoPostTexts();
    expect((await alice.post('/api/studies', { name: 'My own study', templateId: null })).status).toBe(201);
    const forbidden = ['auth.forbidden'];
    expect(await errorOf(await upload(alice, demoSource))).toEqual([403, ...forbidden]);
    expect(await errorOf(await upload(alice, 'A forum of my own'))).toEqual([403, ...forbidden]);
    const collect = { forumUrl: 'https://discuss.huggingface.co', source: demoSource };
    expect(await errorOf(await alice.post('/api/collections', collect))).toEqual([403, ...forbidden]);
    expect(await errorOf(await alice.post(`/api/collections/${collectionId}/cancel`))).toEqual([403, ...forbidden]);
    expect(await errorOf(await alice.get(`/api/imports/${importId}`))).toEqual([403, ...forbidden]);
    expect(await errorOf(await alice.get('/api/imports'))).toEqual([403, ...forbidden]);
    const sources = (await (await alice.get('/api/sources')).json()) as {
      canImport: boolean;
      sources: { name: string; mine: boolean; lastImport: unknown }[];
    };
    expect(sources.canImport).toBe(false);
    expect(sources.sources.map((s) => [s.name, s.mine, s.lastImport])).toEqual([[demoSource, false, null]]);
    expect(t.db.prepare('SELECT name FROM sources').pluck().all()).toEqual([demoSource]);
    expect(demoPostTexts()).toBe(before);
    // Reading threads is as before.
    expect((await alice.get(`/api/threads?source=${demoSourceId}`)).status).toBe(200);
  });
});

describe('an importer', () => {
  test("may not touch another's source: 403 on writes, 404 on its records and runs", async () => {
    const carol = await loggedIn(t.app, 'carol');
    const before = demoPostTexts();
    const refused = await upload(carol, demoSource);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({
      code: 'source.not_owner',
      message: `The source "${demoSource}" belongs to another importer; only they and administrators may change it. Choose another source name.`,
      where: { field: 'source' },
    });
    const collect = { forumUrl: 'https://discuss.huggingface.co', source: demoSource };
    expect(await errorOf(await carol.post('/api/collections', collect))).toEqual([403, 'source.not_owner']);
    expect(await errorOf(await carol.post(`/api/collections/${collectionId}/cancel`))).toEqual([404, 'not_found']);
    expect(await errorOf(await carol.get(`/api/collections/${collectionId}`))).toEqual([404, 'not_found']);
    expect(await errorOf(await carol.get(`/api/imports/${importId}`))).toEqual([404, 'not_found']);
    expect(((await (await carol.get('/api/imports')).json()) as { imports: unknown[] }).imports).toEqual([]);
    const runs = (await (await carol.get('/api/collections')).json()) as { collections: unknown[] };
    expect(runs.collections).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(1);
    expect(demoPostTexts()).toBe(before);
  });

  test('owns the source they create, may import into it again, and an administrator may read its records', async () => {
    const carol = await loggedIn(t.app, 'carol');
    const first = await upload(carol, 'Carol forum');
    expect(first.status).toBe(202);
    const id = ((await first.json()) as { import: { id: number } }).import.id;
    expect((await finished(carol, id)).status).toBe('succeeded');
    const owner = t.db.prepare("SELECT owner_id FROM sources WHERE name = 'Carol forum'").pluck().get();
    expect(owner).toBe(t.db.prepare("SELECT id FROM users WHERE username = 'carol'").pluck().get());
    const again = await upload(carol, 'Carol forum');
    expect(again.status).toBe(202);
    await finished(carol, ((await again.json()) as { import: { id: number } }).import.id);
    const root = await loggedIn(t.app, 'root');
    expect((await root.get(`/api/imports/${id}`)).status).toBe(200);
    const mine = (await (await carol.get('/api/sources')).json()) as { sources: { name: string; mine: boolean }[] };
    expect(mine.sources.map((s) => [s.name, s.mine])).toEqual([
      ['Carol forum', true],
      [demoSource, false],
    ]);
  });

  test('an administrator grants the right (PATCH /api/users/:id); it opens new sources, not the demo one', async () => {
    const root = await loggedIn(t.app, 'root');
    const alice = await loggedIn(t.app, 'alice');
    const aliceId = t.db.prepare("SELECT id FROM users WHERE username = 'alice'").pluck().get() as number;
    const granted = await root.request('PATCH', `/api/users/${aliceId}`, { isImporter: true });
    expect(granted.status).toBe(200);
    expect(((await granted.json()) as { user: unknown }).user).toMatchObject({ username: 'alice', isImporter: true });
    expect(await errorOf(await upload(alice, demoSource))).toEqual([403, 'source.not_owner']);
    expect(((await (await alice.get('/api/sources')).json()) as { canImport: boolean }).canImport).toBe(true);
    expect((await root.request('PATCH', `/api/users/${aliceId}`, { isImporter: false })).status).toBe(200);
    expect(await errorOf(await upload(alice, 'Alice forum'))).toEqual([403, 'auth.forbidden']);
  });
});
