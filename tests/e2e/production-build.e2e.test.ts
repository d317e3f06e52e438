import { expect, test } from 'vitest';
import { baseURL } from './browser.ts';

// The browser suite runs under vitest, which sets NODE_ENV=test. The web app it builds (and that a
// later `npm start` reuses) must still be React's production build, not the development one.

test('the served entry script is the production build of React', async () => {
  const html = await (await fetch(`${baseURL()}/`)).text();
  const entry = /<script type="module"[^>]* src="([^"]+)"/.exec(html)?.[1];
  expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);
  const script = await (await fetch(`${baseURL()}${entry}`)).text();
  // Production React reports errors as numbered "Minified React error"s; development React has none.
  // (Booleans, so that a failure does not print the whole script.)
  expect(script.includes('Minified React error'), 'production React').toBe(true);
  expect(script.includes('Do not call Hooks inside useEffect'), 'development React').toBe(false);
});
