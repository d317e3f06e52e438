// Hostile imports: every generated file either imports (it is still valid) or fails with a
// clear error located by file and line and/or field, writing nothing; the server keeps answering.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDb } from '../../../apps/api/src/db/open.ts';
import { writeCsv } from '../../../apps/api/src/exports/csv-writer.ts';
import { ImportError } from '../../../apps/api/src/import/errors.ts';
import { runImportFile } from '../../../apps/api/src/import/run.ts';
import type { ImportReport } from '../../../apps/api/src/import/types.ts';
import { loggedIn, type Agent } from '../../support/agent.ts';
import { addUser, makeTestApp, origin, type TestApp } from '../../support/test-app.ts';
import { tempDir } from '../helpers.ts';
import { discourseJsonl } from './bases.ts';
import type { HostileCase, Rejected } from './case.ts';
import { rowCounts, totalChanges } from './db-state.ts';
import { generateHostileCases } from './generate.ts';
import { formulas } from './mutators/csv.ts';

const cases = generateHostileCases();
const tmp = tempDir();
let t: TestApp;

interface Outcome {
  category: string;
  accepted: boolean;
  located: boolean;
}
const outcomes: Outcome[] = [];

beforeAll(() => {
  t = makeTestApp();
});
afterAll(() => {
  printSummary(outcomes);
  t.close();
  tmp.cleanup();
});

async function importCase(
  c: HostileCase,
  source: string,
  mode: 'strict' | 'lenient' = 'strict',
): Promise<ImportReport | ImportError> {
  const path = join(tmp.dir, 'upload.bin');
  writeFileSync(path, c.bytes());
  try {
    return await runImportFile(t.db, path, { source, format: c.format, mode, limits: c.limits, fileName: c.name });
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  } finally {
    rmSync(path, { force: true });
  }
}

describe('hostile files through the import pipeline', () => {
  test(`at least 200 files are generated (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  test.each(cases.map((c) => [c.category, c.name, c] as const))('%s: %s', async (category, name, c) => {
    const before = rowCounts(t.db);
    const changes = totalChanges(t.db);
    const outcome = await importCase(c, c.expected.ok ? `ok ${name}` : 'hostile');
    if (c.expected.ok) {
      expect(outcome).not.toBeInstanceOf(ImportError);
      const report = outcome as ImportReport;
      expect([report.threads.new, report.posts.new]).toEqual([c.expected.threads, c.expected.posts]);
      for (const [sql, row] of c.expected.stored ?? []) expect(t.db.prepare(sql).get(`ok ${name}`)).toEqual(row);
      outcomes.push({ category, accepted: true, located: false });
      return;
    }
    expect(outcome).toBeInstanceOf(ImportError);
    const err = outcome as ImportError;
    expect({ code: err.code, where: err.where }).toEqual({ code: c.expected.code, where: c.expected.where });
    if (c.expected.message) expect(err.message).toMatch(c.expected.message);
    // The message carries the location too, for the CLI and logs, and never a dump of the data.
    expect(err.message).toContain(c.name);
    expect(err.message.length).toBeLessThan(600);
    expect(rowCounts(t.db)).toEqual(before);
    expect(totalChanges(t.db)).toBe(changes);
    const where = err.where ?? {};
    // Within the file: a line or a field, or for an archive the entry (archive:entry).
    const inEntry = where.file?.startsWith(`${name}:`) === true;
    outcomes.push({
      category,
      accepted: false,
      located: (where.file === name || inEntry) && (where.line !== undefined || where.field !== undefined || inEntry),
    });
  });
});

describe('lenient mode', () => {
  // Lenient mode skips bad records and stores the rest, but a damaged file as a whole still fails, storing nothing.
  const wholeFile = [
    'import.invalid_xml',
    'import.invalid_zip',
    'import.zip_bomb',
    'import.record_too_large',
    'import.file_too_large',
    'import.binary_file',
    'import.empty_file',
  ];
  const small = (c: HostileCase) => c.name !== 'huge-line-topics.jsonl'; // 64 MiB: once is enough
  const fatal = wholeFile.flatMap((code) =>
    cases
      .filter((c) => !c.expected.ok && c.expected.code === code && c.expected.where.file === c.name && small(c))
      .slice(0, 3),
  );

  test.each(fatal.map((c) => [c.name, c] as const))('%s fails as in strict mode', async (name, c) => {
    const before = rowCounts(t.db);
    const outcome = await importCase(c, `lenient ${name}`, 'lenient');
    expect(outcome).toBeInstanceOf(ImportError);
    expect({ code: (outcome as ImportError).code, where: (outcome as ImportError).where }).toEqual({
      code: (c.expected as Rejected).code,
      where: (c.expected as Rejected).where,
    });
    expect(rowCounts(t.db)).toEqual(before);
  });
});

describe('formula cells', () => {
  test('import as the text they are, and the CSV writer every export uses neutralizes them', async () => {
    const stored: string[][] = [];
    for (const c of cases.filter((x) => x.name.startsWith('formula-'))) {
      await importCase(c, `formulas ${c.name}`);
      const row = t.db
        .prepare(
          "SELECT t.title, t.category, p.author FROM threads t JOIN posts p ON p.thread_id = t.id JOIN sources s ON s.id = t.source_id WHERE s.name = ? AND p.external_id = 'p1'",
        )
        .get(`formulas ${c.name}`) as { title: string; category: string; author: string };
      stored.push([row.title, row.category, row.author]);
    }
    expect(stored).toEqual(formulas.map((f) => [f, f, f]));
    const csv = writeCsv(['title', 'category', 'author'], stored);
    // Each cell gets the apostrophe that makes a spreadsheet show it as text (inside the quotes when quoted).
    const neutral = (f: string) => (/[",\r\n]/.test(f) ? `"'${f.replace(/"/g, '""')}"` : `'${f}`);
    expect(csv).toBe(
      `${['title,category,author', ...formulas.map((f) => [f, f, f].map(neutral).join(','))].join('\r\n')}\r\n`,
    );
  });
});

/** Waits for an upload's job to end; the record has status, error and report. */
async function finished(agent: Agent, id: number): Promise<{ status: string; error: Rejected | null }> {
  for (let i = 0; i < 400; i++) {
    const { import: record } = (await (await agent.get(`/api/imports/${id}`)).json()) as {
      import: { status: string; error: Rejected | null };
    };
    if (record.status === 'succeeded' || record.status === 'failed') return record;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not finish`);
}

function upload(agent: Agent, query: Record<string, string>, body: Uint8Array) {
  return t.app.request(`${origin}/api/imports?${new URLSearchParams(query)}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { origin, cookie: agent.cookie, 'content-type': 'application/octet-stream' },
  });
}

describe('through POST /api/imports', () => {
  // The first rejected file of a few categories: each upload starts a worker thread, which takes a while.
  const sample = ['truncation', 'utf8', 'zip', 'xml', 'csv'].map(
    (category) => cases.find((c) => c.category === category && !c.expected.ok && !c.limits)!,
  );
  let admin: Agent;

  beforeAll(async () => {
    await addUser(t.db, 'root', { isAdmin: true });
    admin = await loggedIn(t.app, 'root');
    // The source exists first, as when a forum is imported again: a failed upload must leave it as it was.
    const res = await upload(
      admin,
      { source: 'route', format: 'discourse', filename: 'topics.jsonl' },
      Buffer.from(discourseJsonl.text),
    );
    expect((await finished(admin, ((await res.json()) as { import: { id: number } }).import.id)).status).toBe(
      'succeeded',
    );
  });

  test.each(sample.map((c) => [c.category, c.name, c] as const))(
    '%s: %s fails with its location and writes nothing',
    async (_category, name, c) => {
      const expected = c.expected as Rejected;
      const before = rowCounts(t.db);
      const res = await upload(admin, { source: 'route', format: c.format, filename: name }, c.bytes());
      const body = (await res.json()) as { import?: { id: number }; error?: Rejected };
      // A file that is plainly not text is refused before a job starts; anything else fails in its job.
      const error = res.status === 202 ? (await finished(admin, body.import!.id)).error : body.error;
      expect(res.status === 202 || res.status === 415 || res.status === 400).toBe(true);
      expect(error).toMatchObject({ code: expected.code, where: expected.where });
      expect(error!.where).toEqual(expected.where);
      expect(rowCounts(t.db)).toEqual(before);
    },
    60_000,
  );

  test('the server still answers, and a valid import succeeds', async () => {
    expect(await (await t.app.request(`${origin}/api/health`)).json()).toEqual({ status: 'ok' });
    const res = await upload(
      admin,
      { source: 'after', format: 'discourse', filename: 'topics.jsonl' },
      Buffer.from(discourseJsonl.text),
    );
    expect(res.status).toBe(202);
    expect(await finished(admin, ((await res.json()) as { import: { id: number } }).import.id)).toMatchObject({
      status: 'succeeded',
      error: null,
    });
    expect(
      t.db
        .prepare("SELECT count(*) FROM threads t JOIN sources s ON s.id = t.source_id WHERE s.name = 'after'")
        .pluck()
        .get(),
    ).toBe(3);
  });
});

describe('npm run cli -- import', () => {
  const picks = ['billion-laughs.xml', 'quote-unclosed.csv'].map((name) => cases.find((c) => c.name === name)!);

  test.each(picks.map((c) => [c.name, c] as const))(
    '%s: exit 2, the error and its location on stderr, no posts',
    (name, c) => {
      const expected = c.expected as Rejected;
      const path = join(tmp.dir, name);
      writeFileSync(path, c.bytes());
      const dbPath = join(tmp.dir, `cli-${name}.db`);
      const run = spawnSync(
        'npm',
        ['run', '--silent', 'cli', '--', 'import', path, '--source', 'cli', '--format', c.format],
        {
          env: { ...process.env, THREADCODER_DB: dbPath },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^Import failed \\(${expected.code.replace('.', '\\.')}\\): `));
      expect(run.stderr).toContain(
        `(${name}${expected.where.line === undefined ? '' : `, line ${expected.where.line}`}`,
      );
      const db = openDb(dbPath);
      try {
        expect(rowCounts(db)).toMatchObject({
          threads: 0,
          posts: 0,
          thread_tags: 0,
          posts_fts_docsize: 0,
          threads_fts_docsize: 0,
        });
        expect(db.prepare('SELECT status FROM imports').pluck().all()).toEqual(['failed']);
      } finally {
        db.close();
      }
    },
    60_000,
  );
});

function printSummary(list: Outcome[]): void {
  const rows = new Map<string, { files: number; rejected: number; located: number; accepted: number }>();
  for (const o of list) {
    const row = rows.get(o.category) ?? { files: 0, rejected: 0, located: 0, accepted: 0 };
    row.files++;
    if (o.accepted) row.accepted++;
    else row.rejected++;
    if (o.located) row.located++;
    rows.set(o.category, row);
  }
  const total = { files: 0, rejected: 0, located: 0, accepted: 0 };
  const lines = ['category              files  rejected  with line/field/entry  accepted (still valid)'];
  for (const [category, r] of rows) {
    lines.push(
      `${category.padEnd(20)} ${String(r.files).padStart(6)} ${String(r.rejected).padStart(9)} ${String(r.located).padStart(22)} ${String(r.accepted).padStart(9)}`,
    );
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  }
  lines.push(
    `${'total'.padEnd(20)} ${String(total.files).padStart(6)} ${String(total.rejected).padStart(9)} ${String(total.located).padStart(22)} ${String(total.accepted).padStart(9)}`,
  );
  console.log(`Hostile imports:\n${lines.join('\n')}`);
}
