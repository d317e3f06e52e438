// A thread study's coding screen (issue #20): one unit, a thread of 3,000 posts of forum prose,
// in Chromium on the real server with its built web app. Time to usable (the unit's heading and
// its first post on screen, on a warm cache: the page is loaded once before; wall time, and CPU
// time of the server and of the page's main thread), the largest API response and all API bytes
// of the load (decoded JSON), DOM elements and JS heap; median of 3. PAGES_BEFORE=<dir> measures another checkout too (main's code unpacked with `git
// archive`, node_modules linked), on the same database built by that checkout's code. THREAD_POSTS changes the size.
// Run: npm run bench -- thread-unit
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { htmlBody } from './lib/html-body.ts';
import { rng } from './lib/prng.ts';
import { startServer } from './lib/server-process.ts';
import { openSignedIn } from './lib/signed-in-page.ts';

const POSTS = Number(process.env.THREAD_POSTS ?? 3_000);
const root = resolve(import.meta.dirname, '..');

/**
 * The forum and the study, written straight into the file by `appRoot`'s own code (so its
 * migrations are the ones its server expects); the coder's session and the screen's path.
 */
async function build(appRoot: string, dbPath: string) {
  const from = <T>(path: string): Promise<T> => import(join(appRoot, path)) as Promise<T>;
  const { createSession } = await from<typeof import('../apps/api/src/auth/sessions.ts')>(
    'apps/api/src/auth/sessions.ts',
  );
  const { openDb } = await from<typeof import('../apps/api/src/db/open.ts')>('apps/api/src/db/open.ts');
  const { addMember, insertStudy } =
    await from<typeof import('../apps/api/src/db/studies.ts')>('apps/api/src/db/studies.ts');
  const { insertUnits } = await from<typeof import('../apps/api/src/db/units.ts')>('apps/api/src/db/units.ts');
  const { insertForum, insertTemplateCodebook, pinCodebook } =
    await from<typeof import('../tests/support/forum.ts')>('tests/support/forum.ts');
  const { addUser } = await from<typeof import('../tests/support/test-app.ts')>('tests/support/test-app.ts');
  const db = openDb(dbPath);
  try {
    const r = rng(21);
    const prose = (chars: number) =>
      htmlBody(r, chars)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const posts = Array.from({ length: POSTS }, () => prose(r.int(200, 2000)));
    const threadId = insertForum(db, [{ title: 'A long thread', createdAt: '2023-01-01T00:00:00.000Z', posts }])
      .threadIds[0]!;
    const owner = await addUser(db, 'owner');
    const coder = await addUser(db, 'coder');
    const studyId = insertStudy(
      db,
      { name: 'Thread units', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
      owner.id,
    );
    addMember(db, studyId, coder.id, 'coder');
    pinCodebook(db, studyId, insertTemplateCodebook(db));
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    insertUnits(db, studyId, roundId, [{ threadId, postId: null, coderIds: [coder.id] }], owner.id, {});
    return { session: createSession(db, coder.id, 24 * 3600_000).token, path: `/studies/${studyId}/code` };
  } finally {
    db.close();
  }
}

interface Load {
  ms: number;
  /** CPU time of the server process and of the page's main thread (Chromium's TaskDuration) during the load. */
  serverCpuMs: number;
  pageCpuMs: number;
  largest: number;
  apiBytes: number;
  nodes: number;
  heapMb: number;
}

/** The process's user + system CPU time so far, in ms (Linux /proc, clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function measure(origin: string, serverPid: number, session: string, path: string): Promise<Load> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const { page, sizes, cpuMs: pageCpuMsSoFar } = await openSignedIn(browser, origin, session);
    const usable = () =>
      Promise.all([
        page.getByRole('article', { name: 'Unit 1 of 1' }).waitFor(),
        page.getByRole('article', { name: 'Post 1', exact: true }).waitFor(),
      ]);
    await page.goto(origin + path);
    await usable();
    await page.goto('about:blank');
    sizes.length = 0;
    const pageBefore = await pageCpuMsSoFar();
    const serverBefore = cpuMs(serverPid);
    const start = performance.now();
    await page.goto(origin + path);
    await usable();
    const ms = performance.now() - start;
    const serverCpuMs = cpuMs(serverPid) - serverBefore;
    // A new renderer for the page starts its count afresh.
    const pageAfter = await pageCpuMsSoFar();
    const pageCpuMs = pageAfter >= pageBefore ? pageAfter - pageBefore : pageAfter;
    const bytes = await Promise.all(sizes);
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    return {
      ms,
      serverCpuMs,
      pageCpuMs,
      largest: Math.max(0, ...bytes),
      apiBytes: bytes.reduce((a, b) => a + b, 0),
      nodes,
      heapMb: heap / 2 ** 20,
    };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-thread-unit-'));
try {
  const apps: [string, string][] = [['after', root]];
  if (process.env.PAGES_BEFORE) apps.unshift(['before', resolve(process.env.PAGES_BEFORE)]);
  for (const [, appRoot] of apps) {
    const built = spawnSync(process.execPath, [join(appRoot, 'scripts/start.mjs'), '--build-only'], {
      cwd: appRoot,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error(`Building the web app in ${appRoot} failed.`);
  }
  console.log(`\nCoding screen of a thread unit of ${POSTS.toLocaleString('en')} posts, median of 3 (warm cache):\n`);
  console.log(
    '| code | ms to usable (wall) | server CPU ms | page main-thread ms | largest API response | API bytes | DOM elements | JS heap |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, appRoot] of apps) {
    const dbPath = join(dir, `${label}.db`);
    const { session, path } = await build(appRoot, dbPath);
    const server = await startServer(dbPath, { appRoot, env: { THREADCODER_API_ONLY: '0' } });
    try {
      const runs: Load[] = [];
      for (let i = 0; i < 3; i++) runs.push(await measure(server.origin, server.child.pid!, session, path));
      const m = (f: (x: Load) => number) => median(runs.map(f));
      console.log(
        `| ${label} | ${m((x) => x.ms).toFixed(0)} | ${m((x) => x.serverCpuMs).toFixed(0)} | ${m((x) => x.pageCpuMs).toFixed(0)} | ${kb(m((x) => x.largest))} | ${kb(m((x) => x.apiBytes))} | ${m((x) => x.nodes).toLocaleString('en')} | ${m((x) => x.heapMb).toFixed(0)} MB |`,
      );
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
