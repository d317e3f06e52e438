// First load on a slow link: the demo server with its built web app, Chromium throttled through
// CDP to 400 kbit/s down and up with 400 ms round trips. Three runs each, median reported:
// - login form: a cold visit to / until the User name field is visible;
// - coding-page reload: logged in as alice, a reload of the Code tab until the unit is shown;
// - repeat visit: bytes on the wire for a second visit to / in the same context (cache warm);
// - initial JS: gzip size of the scripts the login page loads.
// Needs `npm run build` first (the demo server serves apps/web/dist).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from './lib/server-process.ts';

const password = 'bench demo password';
const dist = resolve(import.meta.dirname, '../apps/web/dist');
const link = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

/** Throttles the page's network and counts the bytes it receives (encoded, as on the wire). */
async function throttle(page: Page): Promise<{ bytes: () => number; scripts: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', link);
  let bytes = 0;
  const scripts: string[] = [];
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Script') scripts.push(new URL(e.request.url).pathname);
  });
  return { bytes: () => bytes, scripts };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function login(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(origin);
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  return page;
}

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-firstload-'));
const server = await startServer(join(dir, 'bench.db'), {
  demo: true,
  env: { THREADCODER_API_ONLY: '0', THREADCODER_DEMO_PASSWORD: password },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
const loginMs: number[] = [];
const reloadMs: number[] = [];
const repeatBytes: number[] = [];
const firstBytes: number[] = [];
let initialScripts: string[] = [];
try {
  for (let i = 0; i < 3; i++) {
    const cold = await browser.newContext();
    const page = await cold.newPage();
    const net = await throttle(page);
    loginMs.push(await timed(() => page.goto(server.origin).then(() => page.getByLabel('User name').waitFor())));
    await page.waitForLoadState('networkidle');
    firstBytes.push(net.bytes());
    initialScripts = [...new Set(net.scripts)];
    const before = net.bytes();
    await page.goto(server.origin);
    await page.getByLabel('User name').waitFor();
    await page.waitForLoadState('networkidle');
    repeatBytes.push(net.bytes() - before);
    await cold.close();

    const warm = await browser.newContext();
    const coder = await login(warm, server.origin);
    await coder.goto(`${server.origin}/studies/1/code`);
    await coder.getByRole('article', { name: /^Unit \d+ of \d+$/ }).waitFor();
    await throttle(coder);
    reloadMs.push(await timed(() => coder.reload().then(() => coder.getByRole('article').first().waitFor())));
    await warm.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
const initialJsGzip = initialScripts.reduce((sum, p) => sum + gzipSync(readFileSync(join(dist, p))).length, 0);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
console.log(
  `login form on a cold visit   ${(median(loginMs) / 1000).toFixed(1)} s  (runs ${loginMs.map((m) => (m / 1000).toFixed(1)).join(', ')})`,
);
console.log(
  `coding-page reload           ${(median(reloadMs) / 1000).toFixed(1)} s  (runs ${reloadMs.map((m) => (m / 1000).toFixed(1)).join(', ')})`,
);
console.log(`first visit transfers        ${kb(median(firstBytes))}`);
console.log(`repeat visit transfers       ${kb(median(repeatBytes))}`);
console.log(`initial JS (gzip)            ${kb(initialJsGzip)}  (${initialScripts.join(', ')})`);
