// Card details on request against the local replay: one request to /api/models/{id} per model
// whose listing entry left its card open, none otherwise; a 429 obeyed, a stop that resumes at
// the next due model, a model gone since the listing; and the card share then equals a hand
// count of what the model endpoint says.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { getSeriesSet } from '../../apps/api/src/db/series.ts';
import { cardOfModelInfo, modelInfoPath } from '../../apps/api/src/hub/card-details.ts';
import { executeHubCollection, openHubCollection } from '../../apps/api/src/hub/collector.ts';
import { deriveHubSeries } from '../../apps/api/src/hub/derive-series.ts';
import { resolveHubOptions } from '../../apps/api/src/hub/options.ts';
import type { HubCollectionRecord } from '../../apps/api/src/hub/state.ts';
import { FakeClock } from '../collect/fake-clock.ts';
import { replayModelInfo, startHubReplay, type HubReplay } from '../support/hub-replay.ts';

// 200 models, 100 a page; models 10k+5 come without files or cardData (bare), models 8k+1 list
// a README without cardData: 20 + 25 - 5 (both: 40k+25) = 40 are due for card details.
const MODELS = 200;
const bare = (i: number) => i % 10 === 5;
const due = Array.from({ length: MODELS }, (_, i) => i).filter((i) => bare(i) || i % 8 === 1);

let dir: string;
let db: Db;
let hub: HubReplay;
let clock: FakeClock;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-hub-cards-'));
  db = openDb(join(dir, 'hub.db'));
  hub = await startHubReplay(MODELS, { bareListing: bare });
  clock = new FakeClock();
});
afterEach(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await hub.close();
});

const run = async (cardDetails: boolean, onProgress?: (r: HubCollectionRecord) => void, signal?: AbortSignal) => {
  const { id } = openHubCollection(db, resolveHubOptions({ hubUrl: hub.url, pageSize: 100, cardDetails }));
  return executeHubCollection(db, id, { clock, allowPrivate: true, random: () => 1, onProgress, signal });
};
const modelRequests = () => hub.log.filter((p) => !p.startsWith('/api/models?'));
const pathOf = (i: number) => `/api/models/org${i % 13}/model-${i}`;
const card = (i: number) =>
  db
    .prepare('SELECT has_card, has_card_data, card_details_due FROM hub_models WHERE model_id = ?')
    .get(`org${i % 13}/model-${i}`);

describe('card details', () => {
  expect(due).toHaveLength(40);

  test('not asked for: one request per listing page, none per model; open cards stay unknown', async () => {
    const record = await run(false);
    expect(record.progress).toMatchObject({ models: 200, pages: 2, requests: 2, cardDetails: null });
    expect(modelRequests()).toEqual([]);
    expect(card(5)).toEqual({ has_card: null, has_card_data: 0, card_details_due: 1 });
    expect(card(1)).toEqual({ has_card: 1, has_card_data: 0, card_details_due: 1 });
  });

  test('asked for: one request per due model, Retry-After obeyed, and the model endpoint’s answer stored', async () => {
    hub.failModel(9, { status: 429, retryAfter: '7' });
    const seen: HubCollectionRecord['progress'][] = [];
    const record = await run(true, (r) => seen.push(r.progress));
    expect(record).toMatchObject({ status: 'succeeded', error: null });
    expect(record.progress).toMatchObject({ models: 200, pages: 2, requests: 2 + 40 + 1 });
    expect(record.progress.cardDetails).toEqual({ checked: 40, due: 0 });
    // in listing order, model 9 twice (the 429, then its answer)
    expect(modelRequests()).toEqual(due.flatMap((i) => (i === 9 ? [pathOf(i), pathOf(i)] : [pathOf(i)])));
    expect(clock.sleeps).toContain(7000);
    // when the listing ends, 40 requests are left at 1 a second
    expect(seen[1]).toMatchObject({ etaSeconds: 40, cardDetails: { checked: 0, due: 40 } });
    // bare 5: a card with metadata; bare and 8k+1, 25: a card without (metadata only for 16k+1)
    expect(card(5)).toEqual({ has_card: 1, has_card_data: 1, card_details_due: 0 });
    expect(card(25)).toEqual({ has_card: 1, has_card_data: 0, card_details_due: 0 });
    expect(card(17)).toEqual({ has_card: 1, has_card_data: 1, card_details_due: 0 });
    expect(card(9)).toEqual({ has_card: 1, has_card_data: 0, card_details_due: 0 });
    // the card share now counts every model, as the model endpoint tells
    const share = getSeriesSet(db, deriveHubSeries(db, 'card_share'));
    const truth = Array.from({ length: MODELS }, (_, i) => replayModelInfo(i));
    const months = [...new Set(truth.map((m) => `${m.createdAt.slice(0, 7)}-01`))].sort();
    const inMonth = months.map((d) => truth.filter((m) => `${m.createdAt.slice(0, 7)}-01` === d));
    expect(share.series[0]!.points.map((p) => p.value)).toEqual(inMonth.map((ms) => ms.length));
    expect(share.series[1]!.points.map((p) => p.value)).toEqual(
      inMonth.map((ms) => ms.filter((m) => m.siblings.some((f) => f.rfilename === 'README.md')).length),
    );
    expect(share.series[3]!.points.map((p) => p.value)).toEqual(
      inMonth.map((ms) => ms.filter((m) => m.cardData).length),
    );
  });

  test('a stop ends after the model in hand; the same options resume at the next due model', async () => {
    const stop = new AbortController();
    const stopped = await run(
      true,
      (r) => {
        if ((r.progress.cardDetails?.checked ?? 0) >= 10) stop.abort();
      },
      stop.signal,
    );
    expect(stopped).toMatchObject({ status: 'stopped', progress: { cardDetails: { checked: 10, due: 30 } } });
    const resumed = await run(true);
    expect(resumed).toMatchObject({ id: stopped.id, status: 'succeeded', progress: { requests: 42 } });
    expect(modelRequests()).toEqual(due.map(pathOf));
    expect(hub.log.filter((p) => p.startsWith('/api/models?'))).toHaveLength(2);
  });

  test('a model gone since the listing keeps what the listing said and is not asked again', async () => {
    hub.failModel(1, { status: 404 });
    const record = await run(true);
    expect(record).toMatchObject({
      status: 'succeeded',
      progress: { requests: 42, cardDetails: { checked: 40, due: 0 } },
    });
    expect(card(1)).toEqual({ has_card: 1, has_card_data: 0, card_details_due: 0 });
    expect(modelRequests().filter((p) => p === pathOf(1))).toHaveLength(1);
  });
});

describe('the model endpoint', () => {
  test('its path escapes each part of the id', () => {
    expect(modelInfoPath('google-bert/bert-base-uncased')).toBe('/api/models/google-bert/bert-base-uncased');
    expect(modelInfoPath('org/a b#c')).toBe('/api/models/org/a%20b%23c');
    // Parts URL parsing would resolve to another path on the Hub are never asked for.
    for (const id of ['../../api/whoami-v2', 'org/..', './x', 'org//x', '/x']) expect(modelInfoPath(id)).toBeNull();
  });

  test('its answer: files and card metadata, or hub.bad_model', () => {
    expect(cardOfModelInfo(replayModelInfo(17), '/x')).toEqual({ hasCard: true, hasCardData: true });
    expect(cardOfModelInfo(replayModelInfo(9), '/x')).toEqual({ hasCard: true, hasCardData: false });
    expect(cardOfModelInfo(replayModelInfo(20), '/x')).toEqual({ hasCard: false, hasCardData: false });
    expect(cardOfModelInfo({ id: 'a/b' }, '/x')).toEqual({ hasCard: null, hasCardData: false });
    expect(() => cardOfModelInfo([], '/api/models/a/b')).toThrow(
      "/api/models/a/b did not answer with a model; is this the Hub's address?",
    );
  });
});
