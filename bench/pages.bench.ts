// The three long pages of issue #20 in Chromium (playwright-core, /usr/bin/chromium), on the real
// server with its built web app: a thread of 3,000 posts (opened plainly and by a link to post
// 2,500), the coding screen of a coder with 10,000 units (time to usable, then 20 presses of `j`,
// each timed in the page from the key to the next unit's heading, 150 ms apart as a reader
// would), and an adjudication queue of 3,000 units. Each page is loaded once to warm the cache
// and then timed on a second full load. For each: time to usable, DOM elements,
// the largest API response and all API bytes of the load (decoded JSON), and the JS heap; then the
// page's main-thread CPU (Chromium's TaskDuration: steadier than wall time on a loaded machine) and
// where the time went (the page's own clock from navigation: document received, scripts run
// (DOMContentLoaded), first API request sent, last API response in before usable, usable seen by
// the harness, and `shown`: the frame in which the page's usable element first appeared, seen from
// inside the page). The time to usable is the harness's (Node's clock from goto to the locator's
// answer), which adds Playwright's wait for the load event and its polling to what a reader sees;
// `shown` is what a reader sees.
// Median of 3 runs (PAGES_RUNS), each in a fresh browser context: on this shared 2-core machine one
// load varies by ±50 ms, so a difference of 20-30 ms between two builds needs 15-20 runs to show.
//
// PAGES_BEFORE=<dir> measures another checkout too (e.g. main's code: `git archive <commit> | tar
// -x -C <dir>` and a symlink to this node_modules), on a copy of the same database, and prints
// both; their runs alternate. Its web app is built there first. PAGES_POSTS / PAGES_UNITS /
// PAGES_QUEUE change the sizes.
// Run: npm run bench -- pages
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildPagesStudy, type PagesStudy } from './lib/pages-study.ts';
import { type ServerProcess, startServer } from './lib/server-process.ts';
import { openSignedIn } from './lib/signed-in-page.ts';

const POSTS = Number(process.env.PAGES_POSTS ?? 3_000);
const UNITS = Number(process.env.PAGES_UNITS ?? 10_000);
const QUEUE = Number(process.env.PAGES_QUEUE ?? 3_000);
const RUNS = Number(process.env.PAGES_RUNS ?? 3);
const linked = Math.round(POSTS * (5 / 6));
const root = resolve(import.meta.dirname, '..');

interface Load {
  ms: number;
  nodes: number;
  largest: number;
  apiBytes: number;
  heapMb: number;
  cpuMs: number;
  phases: Phases;
}

/** Milliseconds from navigation, on the page's clock (see phasesScript). */
interface Phases {
  doc: number;
  scripts: number;
  firstApi: number;
  lastApi: number;
  seen: number;
  shown: number;
}

// Sent as text, as pressJScript below. API requests that ended after the page was usable (prefetches) are left out.
const phasesScript = `(async () => {
  const nav = performance.getEntriesByType('navigation')[0];
  const seen = performance.now();
  while (window.__shownAt === undefined) await new Promise((r) => requestAnimationFrame(r));
  const api = performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.startsWith('/api/') && r.responseEnd <= seen);
  return {
    doc: nav.responseEnd,
    scripts: nav.domContentLoadedEventEnd,
    firstApi: Math.min(...api.map((r) => r.startTime)),
    lastApi: Math.max(...api.map((r) => r.responseEnd)),
    seen,
    shown: window.__shownAt,
  };
})()`;
type Run = Record<string, Load> & { j?: Load };

/** Notes, on the page's clock, the start of the frame in which `shown` (a JS expression) first holds. */
const shownScript = (shown: string) => `(() => {
  let pending = false;
  const check = () => {
    if (pending || !(${shown})) return;
    pending = true;
    requestAnimationFrame((frame) => { window.__shownAt = frame; });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
})()`;

function build(appRoot: string): void {
  const run = spawnSync(process.execPath, [join(appRoot, 'scripts/start.mjs'), '--build-only'], {
    cwd: appRoot,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`Building the web app in ${appRoot} failed.`);
}

/**
 * Loads `path` until `usable` resolves, twice: the first load warms the browser's cache (the
 * app's scripts, as a returning coder has them) and the server; the figures are the second's.
 */
async function measure(
  browser: Browser,
  origin: string,
  session: string,
  path: string,
  usable: (page: Page) => Promise<unknown>,
  shown: string,
  then?: (page: Page) => Promise<number>,
): Promise<{ load: Load; after?: number }> {
  const { page, sizes, cpuMs } = await openSignedIn(browser, origin, session);
  await page.addInitScript(shownScript(shown));
  await page.goto(origin + path);
  await usable(page);
  await page.goto('about:blank');
  sizes.length = 0;
  const start = performance.now();
  await page.goto(origin + path);
  await usable(page);
  const ms = performance.now() - start;
  const phases: Phases = await page.evaluate(phasesScript);
  const cpu = await cpuMs();
  const after = then ? await then(page) : undefined;
  const bytes = await Promise.all(sizes);
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  await page.context().close();
  return {
    load: {
      ms,
      nodes,
      largest: Math.max(0, ...bytes),
      apiBytes: bytes.reduce((a, b) => a + b, 0),
      heapMb: heap / 2 ** 20,
      cpuMs: cpu,
      phases,
    },
    after,
  };
}

// Sent as text: tsx names the functions of a callback (__name), which the page does not have.
const pressJScript = `(async () => {
  const heading = () => document.getElementById('unit-heading')?.textContent ?? '';
  const times = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const before = heading();
    const start = performance.now();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    await new Promise((done) => {
      const check = () => (heading() !== before && heading() !== '' ? done() : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[10];
})()`;

/** 20 presses of j, each timed in the page from the key to the next unit's heading on screen; their median. */
const pressJ = (page: Page): Promise<number> => page.evaluate(pressJScript);

async function runOnce(browser: Browser, origin: string, s: PagesStudy): Promise<Run> {
  const run: Run = {};
  // The floor: the app itself, on a short page (the studies list).
  run.shell = (
    await measure(
      browser,
      origin,
      s.coderSession,
      '/studies',
      (p) => p.getByRole('heading', { name: 'Studies' }).waitFor(),
      `document.getElementById('studies-heading')`,
    )
  ).load;
  run.thread = (
    await measure(
      browser,
      origin,
      s.coderSession,
      `/threads/${s.threadId}`,
      (p) => p.getByRole('article', { name: /^Post 1 by / }).waitFor(),
      `document.querySelector('article.thread-post[aria-label^="Post 1 by "]')`,
    )
  ).load;
  run.link = (
    await measure(
      browser,
      origin,
      s.coderSession,
      `/threads/${s.threadId}#post-${linked}`,
      (p) => p.getByRole('article', { name: new RegExp(`^Post ${linked} by `) }).waitFor(),
      `document.querySelector('article.thread-post[aria-label^="Post ${linked} by "]')`,
    )
  ).load;
  const coding = await measure(
    browser,
    origin,
    s.coderSession,
    `/studies/${s.codingStudyId}/code`,
    (p) => p.getByRole('article', { name: new RegExp(`^Unit \\d+ of ${UNITS}$`) }).waitFor(),
    `/^Unit \\d+ of ${UNITS}$/.test(document.getElementById('unit-heading')?.textContent ?? '')`,
    pressJ,
  );
  run.coding = coding.load;
  run.j = { ...coding.load, ms: coding.after! };
  run.queue = (
    await measure(
      browser,
      origin,
      s.ownerSession,
      `/studies/${s.queueStudyId}/adjudicate`,
      (p) => p.locator('.adj-queue-item').first().waitFor(),
      `document.querySelector('.adj-queue-item')`,
    )
  ).load;
  return run;
}

const rows: [keyof Run, string, string][] = [
  ['shell', 'the studies list (the app alone, for scale)', ''],
  ['thread', `thread page, ${POSTS.toLocaleString('en')} posts`, '≤ 1,000 ms'],
  ['link', `link to post ${linked.toLocaleString('en')} of it`, '≤ 1,000 ms'],
  ['coding', `coding screen, ${UNITS.toLocaleString('en')} units`, '≤ 1,000 ms'],
  ['j', 'each j (median of 20), then DOM / heap after them', '≤ 50 ms'],
  ['queue', `adjudication queue, ${QUEUE.toLocaleString('en')} units`, '≤ 300 ms'],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-pages-'));
try {
  const apps: [string, string][] = [['after', root]];
  if (process.env.PAGES_BEFORE) apps.unshift(['before', resolve(process.env.PAGES_BEFORE)]);
  for (const [, appRoot] of apps) build(appRoot);
  const start = performance.now();
  const study = await buildPagesStudy(join(dir, 'pages.db'), { posts: POSTS, units: UNITS, queue: QUEUE });
  console.log(`built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const results: Record<string, Run[]> = {};
  // Both servers run side by side and their runs alternate, so a change in the machine's load (it is
  // shared) falls on before and after alike.
  const servers: [string, ServerProcess][] = [];
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const [label, appRoot] of apps) {
      const dbPath = join(dir, `${label}.db`);
      copyFileSync(join(dir, 'pages.db'), dbPath);
      servers.push([label, await startServer(dbPath, { appRoot, env: { THREADCODER_API_ONLY: '0' } })]);
      results[label] = [];
    }
    for (let i = 0; i < RUNS; i++) {
      for (const [label, server] of servers) {
        results[label]!.push(await runOnce(browser, server.origin, study));
        console.log(`${label}: run ${i + 1} done`);
      }
    }
  } finally {
    await browser.close();
    for (const [, server] of servers) await server.stop();
  }
  console.log(
    `\nMedian of ${RUNS} runs (ms to usable; DOM elements; largest API response; API bytes of the load; JS heap):\n`,
  );
  const labels = Object.keys(results);
  console.log(`| page | ${labels.map((l) => `${l}: ms | elements | largest | API | heap`).join(' | ')} | goal |`);
  console.log(`|---|${labels.map(() => '---:|---:|---:|---:|---:').join('|')}|---|`);
  for (const [key, what, goal] of rows) {
    const cells = labels.map((l) => {
      const runs = results[l]!.map((r) => r[key]!);
      const m = (f: (x: Load) => number) => median(runs.map(f));
      return `${m((x) => x.ms).toFixed(0)} | ${m((x) => x.nodes).toLocaleString('en')} | ${kb(m((x) => x.largest))} | ${kb(m((x) => x.apiBytes))} | ${m((x) => x.heapMb).toFixed(0)} MB`;
    });
    console.log(`| ${what} | ${cells.join(' | ')} | ${goal} |`);
  }
  console.log(
    `\nMedian of ${RUNS} runs: main-thread CPU of the load, and ms from navigation (page clock) to document, scripts run, first API request, last API response, usable seen by the harness, usable shown in the page:\n`,
  );
  const phaseKeys = ['doc', 'scripts', 'firstApi', 'lastApi', 'seen', 'shown'] as const;
  console.log(`| page | ${labels.map((l) => `${l}: CPU | ${phaseKeys.join(' | ')}`).join(' | ')} |`);
  console.log(`|---|${labels.map(() => '---:|'.repeat(phaseKeys.length + 1).slice(0, -1)).join('|')}|`);
  for (const [key, what] of rows) {
    if (key === 'j') continue;
    const cells = labels.map((l) => {
      const runs = results[l]!.map((r) => r[key]!);
      const phase = phaseKeys.map((k) => median(runs.map((x) => x.phases[k])).toFixed(0));
      return `${median(runs.map((x) => x.cpuMs)).toFixed(0)} | ${phase.join(' | ')}`;
    });
    console.log(`| ${what} | ${cells.join(' | ')} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
