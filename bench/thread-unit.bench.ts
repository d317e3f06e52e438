// A thread study's coding screen (issue #20) and adjudication screen: one unit, a thread of 3,000
// posts of forum prose (for adjudication, a second study's unit of the same thread that two coders
// coded differently), in Chromium on the real server with its built web app. Time to usable (the
// unit's heading and its first post on screen, on a warm cache: the page is loaded once before; wall time, and CPU
// time of the server and of the page's main thread), the largest API response and all API bytes
// of the load (decoded JSON), DOM elements and JS heap; median of 3. PAGES_BEFORE=<dir> measures another checkout too (main's code unpacked with `git
// archive`, node_modules linked), on the same database built by that checkout's code. THREAD_POSTS changes the size.
// Run: npm run bench -- thread-unit
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { htmlBody } from './lib/html-body.ts';
import { rng } from './lib/prng.ts';
import { startServer } from './lib/server-process.ts';
import { openSignedIn } from './lib/signed-in-page.ts';

const POSTS = Number(process.env.THREAD_POSTS ?? 3_000);
const root = resolve(import.meta.dirname, '..');

/**
 * The forum and the study, written straight into the file by `appRoot`'s own code (so its
 * migrations are the ones its server expects); each screen's session and path.
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
  const { saveCoding } = await from<typeof import('../apps/api/src/db/codings.ts')>('apps/api/src/db/codings.ts');
  const { closeRound } = await from<typeof import('../apps/api/src/db/close-round.ts')>(
    'apps/api/src/db/close-round.ts',
  );
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
    const second = await addUser(db, 'second');
    /** A study of the thread as one unit for `coders`; its id, round and unit, and its codebook version. */
    const threadStudy = (name: string, coders: number[]) => {
      const studyId = insertStudy(
        db,
        { name, description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
        owner.id,
      );
      for (const id of coders) addMember(db, studyId, id, 'coder');
      const codebook = insertTemplateCodebook(db);
      pinCodebook(db, studyId, codebook);
      const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
      const [unitId] = insertUnits(db, studyId, roundId, [{ threadId, postId: null, coderIds: coders }], owner.id, {});
      return { studyId, roundId, unitId: unitId!, versionId: codebook.versionId };
    };
    const coding = threadStudy('Thread units', [coder.id]);
    // The owner adjudicates a unit the two coders labelled differently.
    const disputed = threadStudy('Disputed thread unit', [coder.id, second.id]);
    const labels = (codeIds: string[]) => ({ codeIds, memo: '', unsure: false, quotes: {} });
    saveCoding(db, disputed.studyId, disputed.unitId, coder.id, disputed.versionId, labels(['model-usage']));
    saveCoding(db, disputed.studyId, disputed.unitId, second.id, disputed.versionId, labels(['documentation']));
    closeRound(db, disputed.studyId, disputed.roundId, owner.id);
    const session = (userId: number) => createSession(db, userId, 24 * 3600_000).token;
    return [
      { screen: 'coding', session: session(coder.id), path: `/studies/${coding.studyId}/code` },
      {
        screen: 'adjudication',
        session: session(owner.id),
        path: `/studies/${disputed.studyId}/adjudicate?unit=${disputed.unitId}`,
      },
    ] as const;
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

/** What shows the screen is usable: the unit's heading and its first post. */
const usableOn = {
  coding: (page: Page) =>
    Promise.all([
      page.getByRole('article', { name: 'Unit 1 of 1' }).waitFor(),
      page.getByRole('article', { name: 'Post 1', exact: true }).waitFor(),
    ]),
  adjudication: (page: Page) =>
    Promise.all([
      page.getByRole('heading', { level: 2, name: /A long thread/ }).waitFor(),
      page.getByRole('article', { name: /^Coded post 1 by/ }).waitFor(),
    ]),
};

async function measure(
  origin: string,
  serverPid: number,
  session: string,
  path: string,
  screen: keyof typeof usableOn,
): Promise<Load> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const { page, sizes, cpuMs: pageCpuMsSoFar } = await openSignedIn(browser, origin, session);
    const usable = () => usableOn[screen](page);
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
  console.log(`\nA thread unit of ${POSTS.toLocaleString('en')} posts, median of 3 (warm cache):\n`);
  console.log(
    '| screen | code | ms to usable (wall) | server CPU ms | page main-thread ms | largest API response | API bytes | DOM elements | JS heap |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, appRoot] of apps) {
    const dbPath = join(dir, `${label}.db`);
    const screens = await build(appRoot, dbPath);
    const server = await startServer(dbPath, { appRoot, env: { THREADCODER_API_ONLY: '0' } });
    try {
      for (const { screen, session, path } of screens) {
        const runs: Load[] = [];
        for (let i = 0; i < 3; i++) runs.push(await measure(server.origin, server.child.pid!, session, path, screen));
        const m = (f: (x: Load) => number) => median(runs.map(f));
        console.log(
          `| ${screen} | ${label} | ${m((x) => x.ms).toFixed(0)} | ${m((x) => x.serverCpuMs).toFixed(0)} | ${m((x) => x.pageCpuMs).toFixed(0)} | ${kb(m((x) => x.largest))} | ${kb(m((x) => x.apiBytes))} | ${m((x) => x.nodes).toLocaleString('en')} | ${m((x) => x.heapMb).toFixed(0)} MB |`,
        );
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
