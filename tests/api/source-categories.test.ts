// PUT /api/sources/:id/categories: a forum's /site.json or /categories.json names the categories
// of a source's threads, which showed bare ids ("9", "12") until then.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loggedIn } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/discourse-api', name), 'utf8')) as unknown;

let t: TestApp;
afterEach(() => t.close());

describe('PUT /api/sources/:id/categories', () => {
  test("names the categories of a source's threads, subcategories under their parent", async () => {
    t = makeTestApp();
    await addUser(t.db, 'root', { isAdmin: true });
    const admin = await loggedIn(t.app, 'root');
    const { sourceId } = insertForum(t.db, [
      { title: 'Padding', createdAt: '2023-06-10T08:00:00.000Z', category: '12', posts: ['Left padding?'] },
      { title: 'LoRA', createdAt: '2023-06-11T08:00:00.000Z', category: '9', posts: ['Rank 8?'] },
      { title: 'Hello', createdAt: '2023-06-12T08:00:00.000Z', category: 'General', posts: ['Hi'] },
    ]);
    const res = await admin.request('PUT', `/api/sources/${sourceId}/categories`, fixture('site.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ categories: 4, threadsRenamed: 2 });
    expect(t.db.prepare('SELECT title, category FROM threads ORDER BY created_at').all()).toEqual([
      { title: 'Padding', category: '🤗Transformers › Tokenizers' },
      { title: 'LoRA', category: '🤗Transformers' },
      { title: 'Hello', category: 'General' },
    ]);
    // /categories.json names them the same; nothing left to rename.
    const again = await admin.request('PUT', `/api/sources/${sourceId}/categories`, fixture('categories.json'));
    expect(await again.json()).toEqual({ categories: 4, threadsRenamed: 0 });
    const sources = (await (await admin.get('/api/sources')).json()) as { sources: { categories: number }[] };
    expect(sources.sources[0]!.categories).toBe(4);
  });

  test('a file that is not a category list is a 400 naming what is wrong; an unknown source is a 404', async () => {
    t = makeTestApp();
    await addUser(t.db, 'root', { isAdmin: true });
    const admin = await loggedIn(t.app, 'root');
    const { sourceId } = insertForum(t.db, [
      { title: 'A', createdAt: '2023-06-10T08:00:00.000Z', category: '9', posts: ['x'] },
    ]);
    const bad = await admin.request('PUT', `/api/sources/${sourceId}/categories`, fixture('latest.json'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toEqual(
      expect.objectContaining({
        code: 'import.bad_categories',
        message:
          'Not a Discourse category list (/site.json or /categories.json): it has neither categories nor category_list.categories in the category file.',
      }),
    );
    expect(t.db.prepare('SELECT category FROM threads').pluck().get()).toBe('9');
    expect((await admin.request('PUT', '/api/sources/999/categories', fixture('site.json'))).status).toBe(404);
  });
});
