// A Hub collection of 100,000 models from the local replay (tests/support/hub-replay.ts), pages of
// 1,000, on a clock that does not wait (the 1 request/s politeness is not what is measured):
// requests made (target: one per listing page, 100), and the store rate of the collector's page
// writes (target >= 20,000 models/s), timed on the same models apart from HTTP and JSON parsing.
// Run: npm run bench -- hub-collect
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../apps/api/src/db/open.ts';
import { executeHubCollection, openHubCollection } from '../apps/api/src/hub/collector.ts';
import { toHubModel } from '../apps/api/src/hub/model-record.ts';
import { resolveHubOptions } from '../apps/api/src/hub/options.ts';
import { createHubCollection, saveHubPage } from '../apps/api/src/hub/state.ts';
import { replayModel, startHubReplay } from '../tests/support/hub-replay.ts';

const MODELS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-bench-hub-'));
const hub = await startHubReplay(MODELS);
const noWait = { now: () => Date.now(), sleep: async () => {} };

const db = openDb(join(dir, 'collect.db'));
const options = resolveHubOptions({ hubUrl: hub.url, rate: 10 });
const started = performance.now();
const { id } = openHubCollection(db, options);
const record = await executeHubCollection(db, id, { clock: noWait, allowPrivate: true });
const wall = (performance.now() - started) / 1000;
console.log(
  `collect ${record.progress.models} models: ${record.progress.requests} requests for ${record.progress.pages} pages, ${wall.toFixed(1)} s end to end (${Math.round(record.progress.models / wall)} models/s incl. HTTP and JSON)`,
);
db.close();
await hub.close();

// The store alone: the same 100 pages of 1,000 models through saveHubPage into a fresh database.
const storeDb = openDb(join(dir, 'store.db'));
const storeId = createHubCollection(storeDb, options, null);
const pages = Array.from({ length: MODELS / 1000 }, (_, p) =>
  Array.from({ length: 1000 }, (_, i) => toHubModel(replayModel(p * 1000 + i), { file: 'bench', field: '' })),
);
const t0 = performance.now();
for (const [p, page] of pages.entries()) {
  saveHubPage(storeDb, storeId, page, p + 1 < pages.length ? `/api/models?cursor=${p}` : null, p + 1);
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  `store ${MODELS} models in ${seconds.toFixed(2)} s: ${Math.round(MODELS / seconds)} models/s (target >= 20,000)`,
);
storeDb.close();
rmSync(dir, { recursive: true, force: true });
