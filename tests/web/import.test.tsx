// The Sources page: the import form uploads a file, the import page polls the job and shows its report or error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { render } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { App } from '../../apps/web/src/App.tsx';
import { createClient } from '../../apps/web/src/api/client.ts';
import { AppProviders, createQueryClient } from '../../apps/web/src/app-providers.tsx';
import { Agent } from '../support/agent.ts';
import { addStudy, addUser, makeTestApp, origin, type TestApp } from '../support/test-app.ts';

// In the jsdom project Vite rewrites `new URL('./job-worker.mjs', import.meta.url)` into a
// browser asset URL, so the import job's worker thread cannot start here. These tests are
// about the page: the job runs on this thread instead (the API tests run the real worker).
vi.mock('../../apps/api/src/import/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../apps/api/src/import/index.ts')>();
  const { openDb } = await import('../../apps/api/src/db/open.ts');
  const { rm } = await import('node:fs/promises');
  return {
    ...real,
    startImport: async (
      dbPath: string,
      o: Parameters<typeof real.startImport>[1],
      actor: Parameters<typeof real.startImport>[2],
    ) => {
      const db = openDb(dbPath);
      const importId = await real.createImport(db, o, actor).catch((err: unknown) => {
        db.close();
        throw err;
      });
      const done = new Promise<Awaited<ReturnType<typeof real.executeImport>>>((resolve) =>
        setTimeout(() => {
          void real
            .executeImport(db, importId)
            .then(resolve)
            .finally(() => {
              db.close();
              if (o.deleteFile) void rm(o.file, { force: true });
            });
        }, 50),
      );
      return { importId, done };
    },
  };
});

let t: TestApp;
afterEach(async () => {
  // Let a job still deleting its upload finish before the temporary directory goes.
  await new Promise((r) => setTimeout(r, 100));
  t.close();
});

const fixtureFile = (name: string) =>
  new File([readFileSync(join(import.meta.dirname, '../fixtures/upload', name))], name);

/**
 * Like renderWithApi, but passes request bodies through as bytes: the import form uploads the
 * File itself as the body, which the shared helper would turn into a string.
 */
async function renderAs(username: string, path: string) {
  const agent = new Agent(t.app);
  await agent.login(username);
  const fetchViaApp: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, origin);
    const headers: Record<string, string> = {
      origin,
      cookie: agent.cookie,
      ...Object.fromEntries(new Headers(init?.headers).entries()),
    };
    const body =
      init?.body instanceof Blob ? new Uint8Array(await init.body.arrayBuffer()) : (init?.body as BodyInit | undefined);
    return t.app.request(`${origin}${url.pathname}${url.search}`, { method: init?.method ?? 'GET', headers, body });
  };
  render(
    <AppProviders client={createClient(fetchViaApp, `${origin}/`)} queryClient={createQueryClient({ retry: false })}>
      <MemoryRouter initialEntries={[path]}>
        <App />
      </MemoryRouter>
    </AppProviders>,
  );
}

async function setup(overrides: Parameters<typeof makeTestApp>[0] = {}) {
  t = makeTestApp(overrides);
  const owner = await addUser(t.db, 'olga', { isImporter: true });
  const coder = await addUser(t.db, 'cody');
  addStudy(t.db, owner.id, [[coder.id, 'coder']]);
}

test('an owner imports a Discourse file and sees the report', async () => {
  await setup();
  const user = userEvent.setup();
  await renderAs('olga', '/sources');
  const form = await screen.findByRole('form', { name: 'Import threads' });
  await user.upload(within(form).getByLabelText('File'), fixtureFile('hf-topics.json'));
  await user.type(within(form).getByLabelText(/^Source/), 'HF forum');
  await user.selectOptions(within(form).getByLabelText('Format'), 'discourse');
  // A Discourse file needs no column mapping.
  expect(within(form).queryByRole('group', { name: 'Column mapping' })).toBeNull();
  await user.click(within(form).getByRole('button', { name: 'Import' }));

  expect(await screen.findByRole('heading', { name: 'Import of hf-topics.json into HF forum' })).toBeInTheDocument();
  const counts = await screen.findByRole('table', { name: 'Counts' }, { timeout: 15_000 });
  expect(within(counts).getByRole('row', { name: 'Threads 4 0 0' })).toBeInTheDocument();
  expect(within(counts).getByRole('row', { name: 'Posts 8 0 0' })).toBeInTheDocument();
  expect(screen.getByText('No records were rejected.')).toBeInTheDocument();
  await user.click(screen.getByRole('link', { name: '← Sources' }));
  const sources = await screen.findByRole('table', { name: 'Sources' });
  expect(
    within(sources).getByRole('row', { name: /^HF forum discourse 4 8 Name categories .* succeeded/ }),
  ).toBeInTheDocument();
});

test('a dump with relative links: the form asks for the forum address, and the report says how many stayed relative', async () => {
  await setup();
  const user = userEvent.setup();
  await renderAs('olga', '/sources');
  const form = await screen.findByRole('form', { name: 'Import threads' });
  const shapes = readFileSync(join(import.meta.dirname, '../fixtures/import/discourse/content-shapes.json'));
  await user.upload(within(form).getByLabelText('File'), new File([shapes], 'content-shapes.json'));
  expect(await within(form).findByRole('alert')).toHaveTextContent(
    'This file links to forum pages by relative address (/t/…, /u/…, /uploads/…). Give the forum address above',
  );
  await user.type(within(form).getByLabelText(/^Source/), 'S');
  await user.selectOptions(within(form).getByLabelText('Format'), 'discourse');
  await user.click(within(form).getByRole('button', { name: 'Import' }));
  await screen.findByRole('table', { name: 'Counts' }, { timeout: 15_000 });
  expect(screen.getByRole('alert')).toHaveTextContent(
    '2 links or images stayed relative (/t/…, /u/…, /uploads/…) because no forum address was given',
  );
});

test('the import page shows the job progress, then the report when it finishes', async () => {
  await setup();
  const sourceId = t.db
    .prepare(
      "INSERT INTO sources (name, kind, owner_id, created_at) VALUES ('HF forum', 'discourse', (SELECT id FROM users WHERE username = 'olga'), '2024-01-01T00:00:00Z')",
    )
    .run().lastInsertRowid;
  const id = t.db
    .prepare(
      "INSERT INTO imports (source_id, source_name, filename, format, status, bytes_total, bytes_read, posts_read, created_at) VALUES (?, 'HF forum', 'dump.jsonl', 'discourse', 'running', 2048, 512, 7, '2024-01-01T00:00:00Z')",
    )
    .run(sourceId).lastInsertRowid;
  await renderAs('olga', `/sources/imports/${id}`);
  const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
  expect(bar).toHaveAttribute('aria-valuenow', '25');
  expect(screen.getByText('512 B of 2.0 kB read, 7 posts')).toBeInTheDocument();

  const report = {
    format: 'discourse',
    threads: { new: 2, updated: 1, unchanged: 0 },
    posts: { new: 9, updated: 0, unchanged: 3 },
    rejected: [],
    rejectedOmitted: 0,
    skipped: [],
  };
  t.db
    .prepare(
      "UPDATE imports SET status = 'succeeded', bytes_read = 2048, report_json = ?, finished_at = '2024-01-01T00:01:00Z' WHERE id = ?",
    )
    .run(JSON.stringify(report), id);
  const counts = await screen.findByRole('table', { name: 'Counts' }, { timeout: 5000 });
  expect(within(counts).getByRole('row', { name: 'Posts 9 0 3' })).toBeInTheDocument();
  expect(screen.queryByRole('progressbar')).toBeNull();
});

test('a report of an import done before its search index says so, and whether indexing has caught up', async () => {
  await setup();
  const sourceId = t.db
    .prepare(
      "INSERT INTO sources (name, kind, owner_id, created_at) VALUES ('HF forum', 'discourse', (SELECT id FROM users WHERE username = 'olga'), '2024-01-01T00:00:00Z')",
    )
    .run().lastInsertRowid;
  const report = {
    format: 'discourse',
    threads: { new: 2, updated: 0, unchanged: 0 },
    posts: { new: 9, updated: 0, unchanged: 0 },
    rejected: [],
    rejectedOmitted: 0,
    skipped: [],
    search: { state: 'indexing', pending: 9, pendingThreads: 2 },
  };
  const id = t.db
    .prepare(
      "INSERT INTO imports (source_id, source_name, filename, format, status, report_json, created_at, finished_at) VALUES (?, 'HF forum', 'big.jsonl', 'discourse', 'succeeded', ?, '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z')",
    )
    .run(sourceId, JSON.stringify(report)).lastInsertRowid;
  await renderAs('olga', `/sources/imports/${id}`);
  expect(
    await screen.findByText(
      /The import was done before its posts were in the search index: 9 posts were left to index then\./,
      {},
      { timeout: 5000 },
    ),
  ).toBeInTheDocument();
  // The server has caught up since (nothing is listed as unindexed in this database).
  expect(await screen.findByRole('status', { name: 'Search index' }, { timeout: 5000 })).toHaveTextContent(
    'Search index: up to date.',
  );
});

test('a CSV file offers its header columns for the mapping', async () => {
  await setup();
  const user = userEvent.setup();
  await renderAs('olga', '/sources');
  const form = await screen.findByRole('form', { name: 'Import threads' });
  await user.upload(within(form).getByLabelText('File'), fixtureFile('posts-custom.csv'));
  await user.type(within(form).getByLabelText(/^Source/), 'Survey');
  const mapping = await within(form).findByRole('group', { name: 'Column mapping' });
  const threadId = within(mapping).getByLabelText('Thread id (required)');
  expect(
    within(threadId)
      .getAllByRole('option')
      .map((o) => o.textContent),
  ).toEqual(['Choose a column…', 'topic', 'id', 'user', 'when', 'subject', 'message']);
  await user.click(within(form).getByRole('button', { name: 'Import' }));
  expect(within(form).getByRole('alert')).toHaveTextContent('Choose the column that holds Thread id.');

  await user.selectOptions(threadId, 'topic');
  await user.selectOptions(within(mapping).getByLabelText('Post id (required)'), 'id');
  await user.selectOptions(within(mapping).getByLabelText('Created at (required)'), 'when');
  await user.selectOptions(within(mapping).getByLabelText('Body (required)'), 'message');
  await user.selectOptions(within(mapping).getByLabelText('Author'), 'user');
  await user.selectOptions(within(mapping).getByLabelText('Title'), 'subject');
  await user.click(within(form).getByRole('button', { name: 'Import' }));
  const counts = await screen.findByRole('table', { name: 'Counts' }, { timeout: 15_000 });
  expect(within(counts).getByRole('row', { name: 'Threads 2 0 0' })).toBeInTheDocument();
  expect(within(counts).getByRole('row', { name: 'Posts 3 0 0' })).toBeInTheDocument();
});

test('a strict import of a bad file shows the error with its file, line and field', async () => {
  await setup();
  const user = userEvent.setup();
  await renderAs('olga', '/sources');
  const form = await screen.findByRole('form', { name: 'Import threads' });
  await user.upload(within(form).getByLabelText('File'), fixtureFile('bad-date.jsonl'));
  await user.type(within(form).getByLabelText(/^Source/), 'HF forum');
  await user.click(within(form).getByRole('button', { name: 'Import' }));
  const failed = await screen.findByRole('alert', {}, { timeout: 15_000 });
  expect(within(failed).getByRole('heading', { name: 'The import failed' })).toBeInTheDocument();
  expect(failed).toHaveTextContent('Invalid date "2022-02-30T00:00:00Z"');
  expect(failed).toHaveTextContent('Filebad-date.jsonlLine2Fieldpost_stream.posts[0].created_at');
});

test('a file over the upload limit is refused before uploading', async () => {
  await setup({ maxUploadBytes: 100 });
  const user = userEvent.setup();
  await renderAs('olga', '/sources');
  const form = await screen.findByRole('form', { name: 'Import threads' });
  await user.upload(within(form).getByLabelText('File'), fixtureFile('hf-topics.json'));
  await user.type(within(form).getByLabelText(/^Source/), 'HF forum');
  await user.click(within(form).getByRole('button', { name: 'Import' }));
  expect(within(form).getByRole('alert')).toHaveTextContent(/^The file is 2\.\d kB, over the upload limit of 100 B\.$/);
  await waitFor(() => expect(t.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0));
});

test('a coder sees the sources but no import form', async () => {
  await setup();
  await renderAs('cody', '/sources');
  expect(
    await screen.findByText('Importing and collecting need the importer right, which an administrator grants.'),
  ).toBeInTheDocument();
  expect(screen.queryByRole('form', { name: 'Import threads' })).toBeNull();
});
