// Uploading a file starts an import job on a worker thread; the routes report its progress and outcome.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loggedIn, type Agent } from '../support/agent.ts';
import { addStudy, addUser, makeTestApp, origin, type TestApp } from '../support/test-app.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/upload', name));

let t: TestApp;
afterEach(() => t.close());

async function setup(overrides: Parameters<typeof makeTestApp>[0] = {}) {
  t = makeTestApp(overrides);
  const owner = await addUser(t.db, 'olga', { isImporter: true });
  const coder = await addUser(t.db, 'cody');
  await addUser(t.db, 'root', { isAdmin: true });
  addStudy(t.db, owner.id, [[coder.id, 'coder']]);
  return {
    owner: await loggedIn(t.app, 'olga'),
    coder: await loggedIn(t.app, 'cody'),
    admin: await loggedIn(t.app, 'root'),
  };
}

/** POSTs the file as the raw body, as the web app does. */
function upload(agent: Agent, query: Record<string, string>, body: BodyInit, headers: Record<string, string> = {}) {
  return t.app.request(`${origin}/api/imports?${new URLSearchParams(query)}`, {
    method: 'POST',
    body,
    headers: { origin, cookie: agent.cookie, 'content-type': 'application/octet-stream', ...headers },
    // A stream body needs half-duplex in Node's fetch Request.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function waitForImport(agent: Agent, id: number) {
  for (let i = 0; i < 300; i++) {
    const { import: record } = (await (await agent.get(`/api/imports/${id}`)).json()) as {
      import: { status: string } & Record<string, unknown>;
    };
    if (record.status === 'succeeded' || record.status === 'failed') return record;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

const uploadsDir = () => join(dirname(t.dbPath), 'uploads');
const uploadsLeft = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);

describe('POST /api/imports', () => {
  test('a Discourse file: 202 with the import id, then the job succeeds with an exact report', async () => {
    const { owner } = await setup();
    const res = await upload(
      owner,
      {
        source: 'HF forum',
        format: 'discourse',
        filename: 'hf-topics.json',
        baseUrl: 'https://discuss.huggingface.co',
      },
      fixture('hf-topics.json'),
    );
    expect(res.status).toBe(202);
    const started = (
      (await res.json()) as { import: { id: number; status: string; sourceName: string; filename: string } }
    ).import;
    expect(started).toMatchObject({ sourceName: 'HF forum', filename: 'hf-topics.json', status: 'queued' });
    const done = await waitForImport(owner, started.id);
    // postsRead is throttled progress (the job writes it at most every 200 ms); the report has the totals.
    expect(done).toMatchObject({ status: 'succeeded', format: 'discourse', mode: 'strict', error: null });
    expect(done.bytesRead).toBe(done.bytesTotal);
    expect(done.report).toEqual({
      format: 'discourse',
      threads: { new: 4, updated: 0, unchanged: 0 },
      posts: { new: 8, updated: 0, unchanged: 0 },
      rejected: [],
      rejectedOmitted: 0,
      skipped: [],
      search: { state: 'ready', pending: 0, pendingThreads: 0 },
      links: { relative: 0, baseUrl: 'https://discuss.huggingface.co' },
    });
    // The job deletes its upload just after recording the outcome.
    await expect.poll(uploadsLeft).toEqual([]);
    const sources = (await (await owner.get('/api/sources')).json()) as { sources: unknown[]; canImport: boolean };
    expect(sources.canImport).toBe(true);
    expect(sources.sources).toEqual([
      expect.objectContaining({
        name: 'HF forum',
        kind: 'discourse',
        baseUrl: 'https://discuss.huggingface.co',
        threads: 4,
        posts: 8,
        lastImport: expect.objectContaining({ id: started.id, status: 'succeeded' }),
      }),
    ]);
    // Importing the same file again changes nothing.
    const again = (await (
      await upload(owner, { source: 'HF forum', filename: 'hf-topics.json' }, fixture('hf-topics.json'))
    ).json()) as { import: { id: number } };
    expect(((await waitForImport(owner, again.import.id)).report as { threads: unknown }).threads).toEqual({
      new: 0,
      updated: 0,
      unchanged: 4,
    });
    const list = (await (await owner.get('/api/imports')).json()) as { imports: { id: number; status: string }[] };
    expect(list.imports.map((i) => [i.id, i.status])).toEqual([
      [again.import.id, 'succeeded'],
      [started.id, 'succeeded'],
    ]);
  });

  test('strict mode: a bad record fails the job with its location and stores nothing', async () => {
    const { owner } = await setup();
    const res = await upload(owner, { source: 'HF forum', filename: 'bad-date.jsonl' }, fixture('bad-date.jsonl'));
    expect(res.status).toBe(202);
    const done = await waitForImport(owner, ((await res.json()) as { import: { id: number } }).import.id);
    expect(done.status).toBe('failed');
    expect(done.error).toEqual({
      code: 'import.invalid_date',
      message: expect.stringContaining('2022-02-30T00:00:00Z'),
      where: { file: 'bad-date.jsonl', line: 2, field: 'post_stream.posts[0].created_at' },
    });
    expect(t.db.prepare('SELECT count(*) FROM threads').pluck().get()).toBe(0);
    await expect.poll(uploadsLeft).toEqual([]);
  });

  test('lenient mode stores the good records and lists the rejected one with reason and place', async () => {
    const { admin } = await setup();
    const res = await upload(
      admin,
      { source: 'HF forum', filename: 'bad-date.jsonl', mode: 'lenient' },
      fixture('bad-date.jsonl'),
    );
    const done = await waitForImport(admin, ((await res.json()) as { import: { id: number } }).import.id);
    expect(done.status).toBe('succeeded');
    const report = done.report as { threads: unknown; rejected: unknown[] };
    expect(report.threads).toEqual({ new: 1, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      {
        code: 'import.invalid_date',
        reason: expect.stringContaining('2022-02-30'),
        where: { file: 'bad-date.jsonl', line: 2, field: 'post_stream.posts[0].created_at' },
      },
      {
        code: 'import.no_posts',
        reason: 'Thread 602 has no posts that could be imported (bad-date.jsonl, line 2).',
        where: { file: 'bad-date.jsonl', line: 2 },
      },
    ]);
  });

  test('a CSV with its own column names imports through a mapping', async () => {
    const { owner } = await setup();
    const mapping = {
      threadId: 'topic',
      postId: 'id',
      author: 'user',
      createdAt: 'when',
      title: 'subject',
      body: 'message',
    };
    const res = await upload(
      owner,
      { source: 'Survey', format: 'csv', filename: 'posts-custom.csv', mapping: JSON.stringify(mapping) },
      fixture('posts-custom.csv'),
    );
    expect(res.status).toBe(202);
    const done = await waitForImport(owner, ((await res.json()) as { import: { id: number } }).import.id);
    expect([done.status, (done.report as { posts: unknown }).posts]).toEqual([
      'succeeded',
      { new: 3, updated: 0, unchanged: 0 },
    ]);
  });

  test('dateFormat reads the dates of a scraped CSV; a pattern date-fns refuses is a 400 on dateFormat', async () => {
    const { owner } = await setup();
    const scrape = readFileSync(join(import.meta.dirname, '../fixtures/import/csv/scraped-dates.csv'));
    const mapping = JSON.stringify({ threadId: 'topic_url', postId: 'post_id', createdAt: 'date', body: 'text' });
    const query = { source: 'Scrape', format: 'csv', filename: 'scraped.csv', mapping };
    const res = await upload(owner, { ...query, dateFormat: 'MMM d, yyyy h:mm a' }, scrape);
    expect(res.status).toBe(202);
    const done = await waitForImport(owner, ((await res.json()) as { import: { id: number } }).import.id);
    expect(done.status).toBe('succeeded');
    expect(t.db.prepare('SELECT min(created_at) FROM posts').pluck().get()).toBe('2020-09-06T09:38:00.000Z');
    const bad = await upload(owner, { ...query, source: 'Scrape 2', dateFormat: 'MMM D YYYY' }, scrape);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; where: unknown } }).error).toMatchObject({
      code: 'import.invalid_date_format',
      where: { field: 'dateFormat' },
    });
  });

  test('a bad mapping is refused before anything is uploaded', async () => {
    const { owner } = await setup();
    const res = await upload(
      owner,
      { source: 'Survey', format: 'csv', mapping: '{"threadId":' },
      fixture('posts-custom.csv'),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { where: unknown } }).error.where).toEqual({ field: 'mapping' });
    const unknown = await upload(
      owner,
      { source: 'Survey', format: 'csv', mapping: '{"thread":"topic"}' },
      fixture('posts-custom.csv'),
    );
    expect(unknown.status).toBe(400);
    expect(uploadsLeft()).toEqual([]);
  });

  test('a file over the upload limit: 413 with a message, and no partial file left in data/uploads', async () => {
    const { owner } = await setup({ maxUploadBytes: 1000 });
    const big = Buffer.alloc(5000, 'x');
    // Streamed without a length: the byte counter stops it part way.
    const chunks = [big.subarray(0, 800), big.subarray(800, 1600), big.subarray(1600)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const res = await upload(owner, { source: 'HF forum', filename: 'big.jsonl' }, stream);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'import.upload_too_large',
      message: expect.stringContaining('upload limit'),
    });
    expect(uploadsLeft()).toEqual([]);
    // A declared length over the limit is refused before reading.
    const declared = await upload(owner, { source: 'HF forum' }, big, { 'content-length': String(big.length) });
    expect(declared.status).toBe(413);
    expect(uploadsLeft()).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });

  test('a file the importer cannot read is refused at once (415) and its upload deleted', async () => {
    const { owner } = await setup();
    const res = await upload(
      owner,
      { source: 'HF forum', filename: 'image.png' },
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]),
    );
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('import.binary_file');
    expect(uploadsLeft()).toEqual([]);
  });

  test('coders may not import (403); signed-out users get 401', async () => {
    const { coder } = await setup();
    const res = await upload(coder, { source: 'HF forum' }, fixture('hf-topics.json'));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Importing needs the importer right, which an administrator grants.',
    );
    expect((await coder.get('/api/imports')).status).toBe(403);
    expect(((await (await coder.get('/api/sources')).json()) as { canImport: boolean }).canImport).toBe(false);
    const anonymous = await t.app.request(`${origin}/api/imports?source=x`, {
      method: 'POST',
      body: 'x',
      headers: { origin },
    });
    expect(anonymous.status).toBe(401);
    expect(uploadsLeft()).toEqual([]);
  });

  test('GET /api/imports/:id answers 404 for an unknown import', async () => {
    const { admin } = await setup();
    expect((await admin.get('/api/imports/999')).status).toBe(404);
  });
});
