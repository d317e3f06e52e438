// /api/series through app.request() on a temporary database: import, list, read, export, delete.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Agent, loggedIn } from '../support/agent.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owen: Agent;
let cora: Agent;
beforeEach(async () => {
  t = makeTestApp();
  await addStudyCast(t.db);
  // Series and Hub collections need the importer right, which an administrator grants.
  t.db.prepare("UPDATE users SET is_importer = 1 WHERE username = 'owen'").run();
  owen = await loggedIn(t.app, 'owen');
  cora = await loggedIn(t.app, 'cora');
});
afterEach(() => t.close());

const wide = 'family,2021-01,2021-02,2021-04,total\nbert,3,,5,8\ngpt2,1,2,4,7\n';
const body = {
  name: 'Hub models per type',
  source: 'Taraghi et al. 2024',
  unit: 'models',
  fileName: 'hub.csv',
  csv: wide,
};

describe('/api/series', () => {
  test('an owner imports a wide CSV; everyone signed in lists and reads it', async () => {
    const res = await owen.post('/api/series', body);
    expect(res.status).toBe(201);
    const { set } = await res.json();
    expect(set).toMatchObject({
      name: 'Hub models per type',
      source: 'Taraghi et al. 2024',
      unit: 'models',
      frequency: 'month',
      layout: 'wide',
      fileName: 'hub.csv',
      seriesCount: 2,
      points: 5,
      firstDate: '2021-01-01',
      lastDate: '2021-04-01',
      report: {
        skippedColumns: [{ column: 'total', reason: 'not a date (a total or a label column)' }],
        missingValues: 1,
      },
    });
    expect(set.series.map((s: { key: string; points: unknown[] }) => [s.key, s.points])).toEqual([
      [
        'bert',
        [
          { date: '2021-01-01', value: 3 },
          { date: '2021-04-01', value: 5 },
        ],
      ],
      [
        'gpt2',
        [
          { date: '2021-01-01', value: 1 },
          { date: '2021-02-01', value: 2 },
          { date: '2021-04-01', value: 4 },
        ],
      ],
    ]);
    const list = await (await cora.get('/api/series')).json();
    expect(list.canImport).toBe(false);
    expect(list.sets.map((s: { id: number; name: string }) => [s.id, s.name])).toEqual([
      [set.id, 'Hub models per type'],
    ]);
    expect((await (await cora.get(`/api/series/${set.id}`)).json()).set.series).toHaveLength(2);
  });

  test('the export is a long CSV that imports back to the same values', async () => {
    const { set } = await (await owen.post('/api/series', body)).json();
    const res = await owen.get(`/api/series/${set.id}/csv`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="series-${set.id}.csv"`);
    const csv = await res.text();
    expect(csv).toBe(
      [
        'date,series,value,unit,source',
        '2021-01-01,bert,3,models,Taraghi et al. 2024',
        '2021-04-01,bert,5,models,Taraghi et al. 2024',
        '2021-01-01,gpt2,1,models,Taraghi et al. 2024',
        '2021-02-01,gpt2,2,models,Taraghi et al. 2024',
        '2021-04-01,gpt2,4,models,Taraghi et al. 2024',
        '',
      ].join('\r\n'),
    );
    const again = await (await owen.post('/api/series', { ...body, name: 'Round trip', csv })).json();
    expect(again.set.layout).toBe('long');
    expect(again.set.series.map((s: { points: unknown[] }) => s.points)).toEqual(
      set.series.map((s: { points: unknown[] }) => s.points),
    );
  });

  test('bad CSV: 400 naming file, line and column; nothing stored', async () => {
    const res = await owen.post('/api/series', { ...body, csv: 'family,2021-01,2021-02\nbert,3,lots\n' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 'series.bad_csv',
      message: '"lots" is not a number.',
      where: { file: 'hub.csv', line: 2, field: '2021-02' },
    });
    expect((await (await owen.get('/api/series')).json()).sets).toEqual([]);
  });

  test('a taken name is a 409; a coder may not import or delete; the owner deletes', async () => {
    const { set } = await (await owen.post('/api/series', body)).json();
    const twice = await owen.post('/api/series', body);
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe('series.duplicate_name');
    expect((await cora.post('/api/series', { ...body, name: 'Other' })).status).toBe(403);
    expect((await cora.request('DELETE', `/api/series/${set.id}`)).status).toBe(403);
    const deleted = await owen.request('DELETE', `/api/series/${set.id}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: set.id });
    expect((await owen.get(`/api/series/${set.id}`)).status).toBe(404);
    expect(t.db.prepare('SELECT count(*) FROM series_points').pluck().get()).toBe(0);
  });
});
