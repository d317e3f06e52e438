// The Hub collector against the local replay (tests/support/hub-replay.ts) on a virtual clock:
// a 2,000-model run with a 429, a cut page that fails the run with nothing half-written, a
// resume, a stop, date and count limits; then the derived monthly series against a hand count
// made from the replay's own model list.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { getSeriesSet } from '../../apps/api/src/db/series.ts';
import { executeHubCollection, openHubCollection } from '../../apps/api/src/hub/collector.ts';
import { deriveHubSeries } from '../../apps/api/src/hub/derive-series.ts';
import { resolveHubOptions, type HubRequest } from '../../apps/api/src/hub/options.ts';
import { FakeClock } from '../collect/fake-clock.ts';
import { replayModel, startHubReplay, type HubReplay } from '../support/hub-replay.ts';

let dir: string;
let db: Db;
let hub: HubReplay;
let clock: FakeClock;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-hub-'));
  db = openDb(join(dir, 'hub.db'));
  hub = await startHubReplay(2000);
  clock = new FakeClock();
});
afterEach(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await hub.close();
});

const run = async (request: Partial<HubRequest> = {}, signal?: AbortSignal) => {
  const { id } = openHubCollection(db, resolveHubOptions({ hubUrl: hub.url, pageSize: 500, ...request }));
  return executeHubCollection(db, id, { clock, allowPrivate: true, signal, random: () => 1 });
};
const count = (sql: string) => db.prepare(sql).pluck().get() as number;
const pageQuery = '/api/models?sort=createdAt&direction=-1&limit=500&full=true&config=true&cardData=true';

describe('Hub collector', () => {
  test('2,000 models in one run with a 429: one request per page plus the retry, Retry-After obeyed', async () => {
    hub.fail(1, { status: 429, retryAfter: '3' });
    const record = await run();
    expect(record).toMatchObject({ status: 'succeeded', listingDone: true, error: null });
    expect(record.progress).toMatchObject({ models: 2000, pages: 4, requests: 5, etaSeconds: 0 });
    expect(hub.log).toHaveLength(5);
    expect(hub.log[0]).toBe(pageQuery);
    // the next links name huggingface.co; the collector reads them against the configured address
    expect(hub.log[1]).toMatch(/^\/api\/models\?.*cursor=/);
    expect(clock.sleeps).toContain(3000);
    expect(count('SELECT count(*) FROM hub_models')).toBe(2000);
    expect(
      db.prepare('SELECT * FROM hub_models WHERE model_id = ?').get('org1/model-1002') as Record<string, unknown>,
    ).toMatchObject({
      author: 'org1',
      created_at: replayModel(1002).createdAt,
      pipeline_tag: 'fill-mask',
      library_name: 'peft',
      model_type: 'gpt2',
      base_models_json: '["meta-llama/Llama-2-7b-hf"]',
      has_card: 1,
      has_card_data: 1,
      downloads: (1002 * 7919) % 100_000,
      likes: 2,
    });
    // model 1001 lists no config, no pipeline tag: stored as unknown, not guessed
    expect(
      db.prepare('SELECT model_type, pipeline_tag FROM hub_models WHERE model_id = ?').get('org0/model-1001'),
    ).toEqual({ model_type: null, pipeline_tag: null });
  });

  test('a cut page fails the run with nothing of it written; the same options resume after the last page saved', async () => {
    hub.fail(2, { cut: true });
    const failed = await run();
    expect(failed.status).toBe('failed');
    expect(failed.error!.code).toBe('collect.not_json');
    expect(failed.progress).toMatchObject({ models: 1000, pages: 2 });
    expect(count('SELECT count(*) FROM hub_models')).toBe(1000);
    const resumed = await run();
    expect(resumed).toMatchObject({ id: failed.id, status: 'succeeded' });
    expect(resumed.progress).toMatchObject({ models: 2000, pages: 4, requests: 5 });
    // pages 0 and 1 are not asked for again
    expect(hub.log.filter((p) => p === pageQuery)).toHaveLength(1);
    expect(count('SELECT count(*) FROM hub_models')).toBe(2000);
  });

  test('a stop ends after the page in hand and resumes', async () => {
    const stop = new AbortController();
    const { id } = openHubCollection(db, resolveHubOptions({ hubUrl: hub.url, pageSize: 500 }));
    const stopped = await executeHubCollection(db, id, {
      clock,
      allowPrivate: true,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(stopped).toMatchObject({ status: 'stopped', progress: { models: 500, pages: 1 } });
    expect((await run()).progress).toMatchObject({ models: 2000, pages: 4 });
  });

  test('since and until select by createdAt; paging stops past since', async () => {
    // models 0..1999 are created 37 minutes apart going back from 2024-06-30T23:00Z
    const record = await run({ since: '2024-06-20', until: '2024-06-25', pageSize: 100 });
    const expected = Array.from({ length: 2000 }, (_, i) => replayModel(i).createdAt).filter(
      (c) => c >= '2024-06-20' && c < '2024-06-26', // a date-only until includes that day
    ).length;
    expect(record.progress.models).toBe(expected);
    expect(count('SELECT count(*) FROM hub_models')).toBe(expected);
    // the first model before the 20th is on page floor(index / 100); no page after it is read
    const firstBefore = Array.from({ length: 2000 }, (_, i) => i).find((i) => replayModel(i).createdAt < '2024-06-20')!;
    expect(hub.log).toHaveLength(Math.floor(firstBefore / 100) + 1);
  });

  test('progress: the ETA from max models, or from the share of [since, now] covered', async () => {
    const etas: (number | null)[] = [];
    const track = async (request: Partial<HubRequest>) => {
      etas.length = 0;
      const { id } = openHubCollection(db, resolveHubOptions({ hubUrl: hub.url, pageSize: 500, ...request }));
      await executeHubCollection(db, id, {
        clock,
        allowPrivate: true,
        onProgress: (r) => etas.push(r.progress.etaSeconds),
      });
      return [...etas];
    };
    // 1,500 models at 500 a page and 1 request/s: 2 pages left after the first, then 1, then done
    expect(await track({ maxModels: 1500 })).toEqual([2, 1, 0, 0]);
    // no bound: nothing to estimate from until the listing ends
    expect((await track({ pageSize: 1000 })).slice(0, 1)).toEqual([null]);
    // since: page 1 covers models 0..499 (499 × 37 min back); the pages left are in proportion
    const since = new Date(Date.parse(replayModel(0).createdAt) - 1000 * 37 * 60_000).toISOString();
    const first = (await track({ since, pageSize: 250 }))[0]!;
    expect(first).toBe(Math.ceil((1 * (1000 - 249)) / 249));
  });

  test('max models ends the listing early', async () => {
    expect((await run({ maxModels: 700 })).progress).toMatchObject({ models: 700, pages: 2 });
    expect(hub.log).toHaveLength(2);
  });

  test('the derived monthly series equal a hand count of the replay models', async () => {
    await run();
    const models = Array.from({ length: 2000 }, (_, i) => replayModel(i));
    const tally = (key: (m: (typeof models)[number]) => string | undefined) => {
      const out: Record<string, Record<string, number>> = {};
      for (const m of models) {
        const k = key(m);
        if (k === undefined) continue;
        const month = `${m.createdAt.slice(0, 7)}-01`;
        out[k] = out[k] ?? {};
        out[k][month] = (out[k][month] ?? 0) + 1;
      }
      return out;
    };
    const asCounts = (setId: number) =>
      Object.fromEntries(
        getSeriesSet(db, setId).series.map((s) => [
          s.key,
          Object.fromEntries(s.points.filter((p) => p.value > 0).map((p) => [p.date, p.value])),
        ]),
      );
    expect(asCounts(deriveHubSeries(db, 'model_type'))).toEqual(tally((m) => m.config?.model_type));
    expect(asCounts(deriveHubSeries(db, 'pipeline_tag'))).toEqual(tally((m) => m.pipeline_tag));
    expect(asCounts(deriveHubSeries(db, 'library'))).toEqual(tally((m) => m.library_name));
    expect(asCounts(deriveHubSeries(db, 'base_model'))).toEqual(
      tally((m) => (m.tags.includes('base_model:meta-llama/Llama-2-7b-hf') ? 'meta-llama/Llama-2-7b-hf' : undefined)),
    );
    const share = getSeriesSet(db, deriveHubSeries(db, 'card_share'));
    const months = [...new Set(models.map((m) => `${m.createdAt.slice(0, 7)}-01`))].sort();
    const created = months.map((d) => models.filter((m) => `${m.createdAt.slice(0, 7)}-01` === d));
    const withCard = created.map((ms) => ms.filter((m) => m.siblings.some((s) => s.rfilename === 'README.md')).length);
    expect(share.series.map((s) => s.key)).toEqual([
      'models created',
      'models with a card',
      'share with a card',
      'models with card metadata',
    ]);
    expect(share.series[0]!.points.map((p) => p.value)).toEqual(created.map((ms) => ms.length));
    expect(share.series[1]!.points.map((p) => p.value)).toEqual(withCard);
    expect(share.series[2]!.points.map((p) => p.value)).toEqual(withCard.map((w, i) => w / created[i]!.length));
    expect(share.series[3]!.points.map((p) => p.value)).toEqual(
      created.map((ms) => ms.filter((m) => m.cardData).length),
    );
  });
});
