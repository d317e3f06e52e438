// Worker thread body for pool.ts. Plain .mjs that registers tsx itself, so it starts the same
// way under the CLI, the server and vitest (whose transform does not reach worker threads).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createSanitizer } = await import('./sanitize.ts');
const sanitize = createSanitizer(workerData.baseUrl);

parentPort.on('message', ({ id, htmls }) => {
  parentPort.postMessage({ id, posts: htmls.map(sanitize) });
});
