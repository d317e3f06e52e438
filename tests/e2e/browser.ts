import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { demoPassword, startDemoServer, type DemoServer } from './demo-server.ts';

// Importing this module gives the test file its own demo server for all its tests.
let server: DemoServer | undefined;
beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(() => server?.stop());

// Debian's Chromium (apt-get install chromium); CHROME_PATH points elsewhere.
// The network flags stop Chromium from calling home on a machine with no internet.
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args, headless: true });
}

export function baseURL(): string {
  if (!server) throw new Error('The demo server is not running yet: call baseURL() inside a test or hook.');
  return server.baseURL;
}

/** The demo server's database file (for running the CLI against it). */
export function serverDbPath(): string {
  if (!server) throw new Error('The demo server is not running yet: call serverDbPath() inside a test or hook.');
  return server.dbPath;
}

/** Opens the app in a fresh context (its own cookies) and logs in, as a demo account unless given a password. */
export async function loginAs(browser: Browser, username: string, password = demoPassword): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Studies' }).waitFor();
  return page;
}
