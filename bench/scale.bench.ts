// The routes a large forum and a large study make slow (issue #20), timed in-process through
// the app (app.request, so routing, session, validation and JSON are included):
// a seeded synthetic Discourse dump (bench/lib/discourse-dump.ts) imported like the CLI does,
// a post study over all of it with 3 coders who each code every one of its units, then
// - sampling population (target ≤ 20 ms) and a stratified draw by month (target ≤ 200 ms);
// - full-text search for a common word, by relevance and by date, for two words, for a common word
//   in a narrow filter (one forum category, one month), and a keyword-rule preview (targets ≤ 100 ms
//   at 500k posts);
// - one coder's unit list (my-units), the adjudication queue of the closed round, the .qdpx export.
// Median of 3 runs after one warm-up. The imported forum is kept in the temp directory
// (threadcoder-scale-<posts>.db) and reused by the next run; delete it to rebuild.
// SCALE_POSTS=500000 for the large forum (default 100,000), SCALE_UNITS for the study (default 5,000).
// SCALE_ONLY=draw,search times only those parts (population, draw, search, preview, mentions, terms,
// my-units, qdpx, adjudication); SCALE_ONLY=build only builds the forum file.
// Run: npm run bench -- scale
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, defaultTasks } from '../apps/api/src/app.ts';
import { sessionCookie } from '../apps/api/src/auth/cookie.ts';
import { createSession } from '../apps/api/src/auth/sessions.ts';
import { indexDeferred } from '../apps/api/src/cli/index-deferred.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { closeRound } from '../apps/api/src/db/close-round.ts';
import { saveCoding } from '../apps/api/src/db/codings.ts';
import { type Db, openDb } from '../apps/api/src/db/open.ts';
import { createImport, executeImport } from '../apps/api/src/import/jobs.ts';
import { insertTemplateCodebook, pinCodebook, selectAllThreads } from '../tests/support/forum.ts';
import { addStudy, addUser } from '../tests/support/test-app.ts';
import { codeSets } from './lib/coding-study.ts';
import { writeDiscourseDump } from './lib/discourse-dump.ts';

const POSTS = Number(process.env.SCALE_POSTS ?? 100_000);
const UNITS = Number(process.env.SCALE_UNITS ?? 5_000);
const ONLY = process.env.SCALE_ONLY?.split(',');
const part = (name: string) => !ONLY || ONLY.includes(name);
const origin = 'http://localhost';

const forumPath = join(tmpdir(), `threadcoder-scale-${POSTS}.db`);
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-scale-bench-'));
const dbPath = join(dir, 'bench.db');

async function buildForum(): Promise<void> {
  const dump = join(dir, 'dump.jsonl');
  await writeDiscourseDump(dump, { topics: Math.round(POSTS / 10), posts: POSTS, seed: 20240601 });
  const building = `${forumPath}.building`;
  const db = openDb(building);
  const importId = await createImport(db, { file: dump, sourceName: 'bench', format: 'discourse', mode: 'strict' });
  const record = await executeImport(db, importId);
  if (record.error) throw new Error(`The import failed: ${record.error.message}`);
  await indexDeferred(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  copyFileSync(building, forumPath);
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
}

const keywordGroups: [string, string[]][] = [
  ['Tokenizer', ['tokenizer', 'AutoTokenizer']],
  ['Fine-tuning', ['fine-tune', 'LoRA', 'adapter']],
  ['Memory', ['cuda out of memory', 'GPU']],
];

const cookieOf = (db: Db, userId: number) => `${sessionCookie}=${createSession(db, userId, 24 * 3600_000).token}`;

/** A post study over every thread, with the template codebook and an open round. */
function newStudy(db: Db, ownerId: number, coderIds: number[]): { studyId: number; roundId: number } {
  const studyId = addStudy(
    db,
    ownerId,
    coderIds.map((id) => [id, 'coder']),
    `Scale ${Date.now()}`,
  );
  selectAllThreads(db, studyId);
  pinCodebook(db, studyId, insertTemplateCodebook(db));
  const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  return { studyId, roundId };
}

/** Wall and CPU milliseconds (this process: the server's thread) of a request, as medians of 3 after a warm-up. */
async function median(
  run: () => Response | Promise<Response>,
  before?: () => void,
): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const runs: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 4; i++) {
    before?.();
    globalThis.gc?.();
    const start = performance.now();
    const used = process.cpuUsage();
    const res = await run();
    const body = await res.arrayBuffer();
    const ms = performance.now() - start;
    const spent = process.cpuUsage(used);
    if (!res.ok) throw new Error(`${res.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
    bytes = body.byteLength;
    if (i > 0) {
      runs.push(ms);
      cpu.push((spent.user + spent.system) / 1000);
    }
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
  return { ms: mid(runs), cpuMs: mid(cpu), bytes };
}

try {
  let start = performance.now();
  if (!existsSync(forumPath)) {
    await buildForum();
    console.log(
      `forum: ${POSTS.toLocaleString('en')} posts imported in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  } else console.log(`forum: ${POSTS.toLocaleString('en')} posts reused from ${forumPath}`);
  if (ONLY?.join() === 'build') process.exit(0);
  copyFileSync(forumPath, dbPath);
  const db = openDb(dbPath);
  const config = { ...loadConfig({}), dbPath };
  // Closed at the end: a worker that ran a cancelled task would keep the process alive.
  const tasks = defaultTasks(db, config);
  const app = createApp({ db, config, log: () => {}, tasks });
  const request = (path: string, cookie: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { cookie, origin, 'content-type': 'application/json' } });

  start = performance.now();
  const owner = await addUser(db, 'owner');
  const coders = [await addUser(db, 'coder1'), await addUser(db, 'coder2'), await addUser(db, 'coder3')];
  const ownerCookie = cookieOf(db, owner.id);
  const coderCookie = cookieOf(db, coders[0]!.id);
  const study = newStudy(
    db,
    owner.id,
    coders.map((c) => c.id),
  );
  const base = `/api/studies/${study.studyId}`;
  const drawn = await request(`${base}/sampling/draw`, ownerCookie, {
    method: 'POST',
    body: JSON.stringify({ roundId: study.roundId, size: UNITS, strata: 'month', seed: 'scale', overlap: 1 }),
  });
  if (!drawn.ok) throw new Error(await drawn.text());
  const unitIds = db
    .prepare('SELECT id FROM units WHERE study_id = ? ORDER BY position')
    .pluck()
    .all(study.studyId) as number[];
  const versionId = db
    .prepare('SELECT codebook_version_id FROM studies WHERE id = ?')
    .pluck()
    .get(study.studyId) as number;
  // Every coder codes every unit; coders disagree on every third unit, so adjudication has a queue
  // (only for the parts that read codings).
  const coded = ['my-units', 'qdpx', 'adjudication', 'terms'].some(part);
  db.transaction(() => {
    if (!coded) return;
    unitIds.forEach((unitId, u) => {
      coders.forEach((coder, k) => {
        const codeIds = codeSets[(u + (u % 3 === 0 ? k : 0)) % codeSets.length]!;
        saveCoding(db, study.studyId, unitId, coder.id, versionId, { codeIds, quotes: {}, memo: '', unsure: false });
      });
    });
  })();
  console.log(
    `study: ${unitIds.length.toLocaleString('en')} units, 3 coders each coding all, built in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  const rows: [string, { ms: number; cpuMs: number; bytes: number }, string][] = [];
  const time = async (
    key: string,
    what: string,
    goal: string,
    run: () => Response | Promise<Response>,
    before?: () => void,
  ) => {
    if (!part(key)) return;
    rows.push([what, await median(run, before), goal]);
    const [, r] = rows.at(-1)!;
    console.log(`${what}: ${r.ms.toFixed(1)} ms`);
  };

  await time('population', 'sampling population', '≤ 20 ms', () => request(`${base}/sampling/population`, ownerCookie));
  let fresh = study;
  await time(
    'draw',
    `stratified draw of ${UNITS.toLocaleString('en')} units (by month)`,
    '≤ 200 ms',
    () =>
      request(`/api/studies/${fresh.studyId}/sampling/draw`, ownerCookie, {
        method: 'POST',
        body: JSON.stringify({ roundId: fresh.roundId, size: UNITS, strata: 'month', seed: 's', overlap: 1 }),
      }),
    () => {
      fresh = newStudy(
        db,
        owner.id,
        coders.map((c) => c.id),
      );
    },
  );
  await time('search', 'search "model", by relevance', '≤ 100 ms', () =>
    request('/api/threads?q=model&sort=relevance', ownerCookie),
  );
  await time('search', 'search "model", newest first', '≤ 100 ms', () =>
    request('/api/threads?q=model&sort=newest', ownerCookie),
  );
  await time('search', 'search "model tokenizer", by relevance', '≤ 100 ms', () =>
    request('/api/threads?q=model+tokenizer&sort=relevance', ownerCookie),
  );
  await time('search', 'search "model tokenizer", newest first', '≤ 100 ms', () =>
    request('/api/threads?q=model+tokenizer&sort=newest', ownerCookie),
  );
  // A common word in a narrow filter never reaches the count's cap.
  await time('search', 'search "model" in one forum category, newest first', '≤ 100 ms', () =>
    request('/api/threads?q=model&category=3&sort=newest', ownerCookie),
  );
  await time('search', 'search "model" in one month, newest first', '≤ 100 ms', () =>
    request('/api/threads?q=model&from=2022-03-01&to=2022-03-31&sort=newest', ownerCookie),
  );
  await time('preview', 'keyword-rule preview (model, tokenizer)', '≤ 100 ms', () =>
    request(`${base}/threads`, ownerCookie, {
      method: 'POST',
      body: JSON.stringify({
        action: 'remove',
        rule: { kind: 'keywords', terms: ['model', 'tokenizer'] },
        dryRun: true,
      }),
    }),
  );
  await time('my-units', `my-units, coder with ${unitIds.length.toLocaleString('en')} units`, 'paged', () =>
    request(`${base}/rounds/${study.roundId}/my-units`, coderCookie),
  );
  await time('my-units', 'my-units, a page of 100 deep in the list', 'paged', () =>
    request(`${base}/rounds/${study.roundId}/my-units?limit=100&cursor=${Math.floor(unitIds.length / 2)}`, coderCookie),
  );
  await time(
    'qdpx',
    `.qdpx export, ${unitIds.length.toLocaleString('en')} units × 3 coders`,
    '≤ 3 s at 10,000 units',
    () => request(`${base}/exports/qdpx`, ownerCookie),
  );
  closeRound(db, study.studyId, study.roundId, owner.id);
  await time('terms', 'distinctive terms of every code', '≤ 100 ms at 100k posts', () =>
    request(`${base}/analysis/terms`, ownerCookie),
  );
  for (const [name, terms] of keywordGroups)
    await request(`${base}/analysis/keyword-groups`, ownerCookie, {
      method: 'POST',
      body: JSON.stringify({ name, terms }),
    });
  await time(
    'mentions',
    `mention trends of ${keywordGroups.length} keyword groups, by month`,
    '≤ 100 ms at 500k posts',
    () => request(`${base}/analysis/mentions?granularity=month`, ownerCookie),
  );
  await time('adjudication', 'adjudication queue of the closed round', 'paged', () =>
    request(`${base}/adjudication`, ownerCookie),
  );
  await time('adjudication', 'adjudication queue, a page of 100', 'paged', () =>
    request(`${base}/adjudication?limit=100`, ownerCookie),
  );

  console.log(`\n${POSTS.toLocaleString('en')} posts, median of 3 after a warm-up:\n`);
  // On a shared machine the wall time includes waiting for a core; the CPU time is the work done.
  console.log('| what | ms | CPU ms | response | goal |\n|---|---:|---:|---:|---|');
  for (const [what, r, goal] of rows)
    console.log(
      `| ${what} | ${r.ms.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${(r.bytes / 1024).toFixed(0)} kB | ${goal} |`,
    );
  await tasks.close();
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
