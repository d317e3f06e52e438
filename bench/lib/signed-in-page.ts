// A Chromium page in a fresh context signed in with a session cookie, for the page benchmarks:
// it counts the decoded bytes of every API response and reads the main thread's busy time.
import type { Browser } from 'playwright-core';
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';

export async function openSignedIn(browser: Browser, origin: string, session: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addCookies([{ name: sessionCookie, value: session, url: origin }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const sizes: Promise<number>[] = [];
  page.on('response', (res) => {
    if (new URL(res.url()).pathname.startsWith('/api/'))
      sizes.push(
        res.body().then(
          (b) => b.length,
          () => 0,
        ),
      );
  });
  /** The main thread's busy time since the document began (Chromium resets it for each document). */
  const cpuMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };
  return { page, sizes, cpuMs };
}
