// Worker thread body for pool.ts. Plain .mjs that registers tsx itself, so it starts the same
// way under the CLI, the server and vitest (whose transform does not reach worker threads).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createSanitizer } = await import('./sanitize.ts');
const sanitize = createSanitizer(workerData.baseUrl);

parentPort.on('message', ({ id, htmls }) => {
  const html = new Array(htmls.length);
  const text = new Array(htmls.length);
  for (let i = 0; i < htmls.length; i++) {
    const out = sanitize(htmls[i]);
    html[i] = out.html;
    text[i] = out.text;
  }
  parentPort.postMessage({ id, html, text });
});
