// /api/hub-collections through app.request(): start a collection against the local replay, poll
// it to its end, find the derived series among /api/series; a stop; bad options; derive again.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Agent, loggedIn } from '../support/agent.ts';
import { startHubReplay, type HubReplay } from '../support/hub-replay.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owen: Agent;
let hub: HubReplay;
beforeEach(async () => {
  process.env.THREADCODER_COLLECT_ALLOW_PRIVATE = '1'; // the replay is on 127.0.0.1
  t = makeTestApp();
  await addStudyCast(t.db);
  // Series and Hub collections need the importer right, which an administrator grants.
  t.db.prepare("UPDATE users SET is_importer = 1 WHERE username = 'owen'").run();
  owen = await loggedIn(t.app, 'owen');
  hub = await startHubReplay(1200);
});
afterEach(async () => {
  delete process.env.THREADCODER_COLLECT_ALLOW_PRIVATE;
  t.close();
  await hub.close();
});

async function untilEnded(id: number) {
  for (;;) {
    const { collection } = await (await owen.get(`/api/hub-collections/${id}`)).json();
    if (collection.status !== 'running') return collection;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

describe('/api/hub-collections', () => {
  test('card details when asked: one more request per model whose listing entry left its card open', async () => {
    const res = await owen.post('/api/hub-collections', {
      hubUrl: hub.url,
      rate: 10,
      maxModels: 100,
      cardDetails: true,
    });
    const ended = await untilEnded((await res.json()).collection.id);
    // of the newest 100 models, those 8k+1 list a README without cardData: 13
    expect(ended).toMatchObject({
      status: 'succeeded',
      options: { cardDetails: true },
      progress: { models: 100, pages: 1, requests: 14, cardDetails: { checked: 13, due: 0 } },
    });
  });

  test('start, poll to the end; the derived monthly series are listed with the outside series', async () => {
    const res = await owen.post('/api/hub-collections', { hubUrl: hub.url, rate: 10 });
    expect(res.status).toBe(202);
    const { collection, resumed } = await res.json();
    expect(resumed).toBe(false);
    const ended = await untilEnded(collection.id);
    expect(ended).toMatchObject({ status: 'succeeded', progress: { models: 1200, pages: 2, requests: 2 } });
    // the series are derived after the run has been recorded as ended
    for (let i = 0; i < 50 && (await (await owen.get('/api/series')).json()).sets.length < 5; i++)
      await new Promise((ok) => setTimeout(ok, 20));
    const { sets } = await (await owen.get('/api/series')).json();
    expect(sets.map((s: { name: string }) => s.name)).toEqual([
      'Hub: model card share',
      'Hub: models created per base model',
      'Hub: models created per library',
      'Hub: models created per model type',
      'Hub: models created per pipeline tag',
    ]);
    expect(sets[3]).toMatchObject({ layout: 'derived', unit: 'models created', seriesCount: 5, source: hub.url });
    const listed = await (await owen.get('/api/hub-collections')).json();
    expect(listed.collections.map((c: { id: number }) => c.id)).toEqual([collection.id]);
  });

  test('derive again with fewer values; bad options are 400 naming the field; a finished run cannot be cancelled', async () => {
    const { collection } = await (await owen.post('/api/hub-collections', { hubUrl: hub.url, rate: 10 })).json();
    await untilEnded(collection.id);
    const derived = await (await owen.post('/api/hub-collections/derive', { dimension: 'model_type', top: 2 })).json();
    expect(derived.set).toMatchObject({ name: 'Hub: models created per model type', seriesCount: 2 });
    expect(derived.set.report).toMatchObject({ dimension: 'model_type', top: 2, values: 5, valuesLeftOut: 3 });
    const bad = await owen.post('/api/hub-collections', { hubUrl: hub.url, since: 'yesterday' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'hub.bad_option', where: { field: 'since' } });
    const notBoolean = await owen.post('/api/hub-collections', { hubUrl: hub.url, cardDetails: 'yes' });
    expect(notBoolean.status).toBe(400);
    expect((await notBoolean.json()).error.where.field).toBe('cardDetails');
    const cancel = await owen.post(`/api/hub-collections/${collection.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect((await cancel.json()).error.code).toBe('hub.not_running');
  });
});
